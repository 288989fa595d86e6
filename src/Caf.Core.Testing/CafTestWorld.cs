using System;
using System.Collections.Generic;
using System.Linq;
using Ardalis.GuardClauses;
using Caf.Core.Analysis;
using Caf.Core.Annotations;
using Caf.Core.Closure;
using Caf.Core.Configuration;
using Caf.Core.Consent;
using Caf.Core.LeadProfessional;
using Caf.Core.Lifecycle;
using Caf.Core.Register;
using Caf.Core.Thresholds;
using Microsoft.Extensions.Time.Testing;

namespace Caf.Core.Testing;

/// <summary>
/// Everything a Caf.Core property or example needs, wired in one call: a fake clock, the options, an in-memory
/// sharing audit log, the sharing service, the episode policy, an in-memory episode store with the register over
/// it, the thresholds framework, the closure taxonomy and the lead-professional selector.
/// </summary>
/// <example><code>
/// var world = CafTestWorld.Create(options => options.Reviews.InsufficientProgressReviewLimit = 3);
/// var episode = world.IdentifyConcern();
/// world.Advance(TimeSpan.FromDays(1));
/// </code></example>
/// <threadsafety>Mutable (the clock moves): one world per test case.</threadsafety>
[Mutable]
public sealed class CafTestWorld
{
    private static readonly Lazy<ThresholdMatcher> DefaultThresholds = new(() => new ThresholdFrameworkLoader().LoadDefault());
    private int _episodes;

    private CafTestWorld(CafOptions options, DateTimeOffset start, ThresholdMatcher thresholds, ClosureTaxonomy taxonomy)
    {
        options.ThrowIfInvalid();
        Options = options;
        Time = new FakeTimeProvider(start);
        Audit = new InMemorySharingAuditLog();
        Sharing = new SharingService(Audit, Time, new ConsentPolicy(options.Consent));
        Policy = new EpisodePolicy(options, Time, Sharing, taxonomy);
        Store = new InMemoryEpisodeRepository(Policy);
        Register = new CafRegister(Store, Policy, options.Storage);
        Thresholds = thresholds;
        ClosureTaxonomy = taxonomy;
        LeadProfessionalSelector = new LeadProfessionalSelector(options.LeadProfessional, Sharing);
    }

    /// <summary>The default start of the clock: Monday 2 March 2026, 09:00 UTC.</summary>
    public static DateTimeOffset DefaultStart { get; } = new(2026, 3, 2, 9, 0, 0, TimeSpan.Zero);

    /// <summary>The options the world was built with (change them before <see cref="Create(Action{CafOptions}?)"/> returns, not after).</summary>
    public CafOptions Options { get; }

    /// <summary>The fake clock every component reads.</summary>
    public FakeTimeProvider Time { get; }

    /// <summary>The sharing audit log (SHARE-03, SHARE-04).</summary>
    public InMemorySharingAuditLog Audit { get; }

    /// <summary>The sharing service over the audit log.</summary>
    public SharingService Sharing { get; }

    /// <summary>The episode policy (options, clock, sharing, closure taxonomy).</summary>
    public EpisodePolicy Policy { get; }

    /// <summary>The in-memory episode store.</summary>
    public InMemoryEpisodeRepository Store { get; }

    /// <summary>The register over the store (LIFE-03, REG-01).</summary>
    public CafRegister Register { get; }

    /// <summary>The thresholds framework (the library's default unless another was given).</summary>
    public ThresholdMatcher Thresholds { get; }

    /// <summary>The closure taxonomy (CLOSE-10).</summary>
    public ClosureTaxonomy ClosureTaxonomy { get; }

    /// <summary>The lead-professional selector under the options (LP-03..LP-09).</summary>
    public LeadProfessionalSelector LeadProfessionalSelector { get; }

    /// <summary>Today on the world's clock.</summary>
    public DateOnly Today => DateOnly.FromDateTime(Time.GetUtcNow().UtcDateTime);

    /// <summary>Creates a world with the default options, optionally changed.</summary>
    /// <param name="options">Changes to the default <see cref="CafOptions"/>, or null.</param>
    /// <returns>The world, its clock at <see cref="DefaultStart"/>.</returns>
    /// <exception cref="ArgumentException">The options are invalid (the message lists every problem).</exception>
    public static CafTestWorld Create(Action<CafOptions>? options) => Create(options, DefaultStart, null, null);

    /// <summary>Creates a world with the default options, its clock at <see cref="DefaultStart"/>.</summary>
    /// <returns>The world.</returns>
    public static CafTestWorld Create() => Create(null, DefaultStart, null, null);

    /// <summary>Creates a world with changed options, a start time, a framework and a taxonomy.</summary>
    /// <param name="options">Changes to the default <see cref="CafOptions"/>, or null.</param>
    /// <param name="start">The clock's start.</param>
    /// <param name="thresholds">The thresholds framework, or null for the library's default.</param>
    /// <param name="closureTaxonomy">The closure taxonomy, or null for the default.</param>
    /// <returns>The world.</returns>
    /// <exception cref="ArgumentException">The options are invalid.</exception>
    public static CafTestWorld Create(Action<CafOptions>? options, DateTimeOffset start, ThresholdMatcher? thresholds, ClosureTaxonomy? closureTaxonomy)
    {
        var o = new CafOptions();
        options?.Invoke(o);
        return new CafTestWorld(o, start, thresholds ?? DefaultThresholds.Value, closureTaxonomy ?? ClosureTaxonomy.Default);
    }

    /// <summary>Moves the clock forward.</summary>
    /// <param name="by">How far (not negative).</param>
    public void Advance(TimeSpan by) => Time.Advance(NotNegative(by));

    /// <summary>The world's configuration for a policy what-if (<see cref="PolicyWhatIf"/>).</summary>
    /// <param name="name">The configuration's name.</param>
    /// <returns>The configuration.</returns>
    public PolicyConfiguration ToPolicyConfiguration(string name = "test world") => new(name, Options, Thresholds, ClosureTaxonomy);

    /// <summary>Opens an episode for a child (default: a nine-year-old), the teacher identifying the concern (LIFE-01).</summary>
    /// <param name="child">The child, or null for the nine-year-old of the seeds.</param>
    /// <param name="by">Who identified the concern, or null for the teacher.</param>
    /// <returns>The episode (not saved in <see cref="Store"/>: use <see cref="Register"/> for that).</returns>
    public CafEpisode IdentifyConcern(ChildDetails? child = null, Primitives.Actor? by = null) =>
        CafEpisode.IdentifyConcern(Policy, NextEpisodeId(), child ?? NineYearOld(), by ?? CafCatalogue.Teacher, "Falling attendance and withdrawn in class.");

    /// <summary>Registers a potential CAF from a step-down by CAMHS (LIFE-02, STEP-01).</summary>
    /// <param name="child">The child, or null for the nine-year-old of the seeds.</param>
    /// <returns>The episode.</returns>
    public CafEpisode RegisterStepDown(ChildDetails? child = null) =>
        CafEpisode.RegisterPotentialFromStepDown(Policy, NextEpisodeId(), child ?? NineYearOld(), CafCatalogue.Teacher, EpisodePlans.StepDown());

    /// <summary>
    /// An episode whose assessment is completed under the world's framework (THR-03, THR-07): the concern, the
    /// mother's written consent, the assessment started, and completed a day later with these indicators.
    /// </summary>
    /// <param name="indicators">Indicator ids of <see cref="Thresholds"/> (no significant harm: THR-04 would refuse).</param>
    /// <param name="child">The child, or null for the nine-year-old of the seeds.</param>
    /// <returns>The assessed episode.</returns>
    /// <exception cref="ArgumentException">An indicator is unknown, or the framework's result is significant harm.</exception>
    public CafEpisode Assessed(IReadOnlyList<string> indicators, ChildDetails? child = null)
    {
        Guard.Against.Null(indicators);
        var e = IdentifyConcern(child);
        var result = Thresholds.Assess([.. indicators]);
        if (result.IsRefused)
        {
            throw new ArgumentException(result.Refusal.Message, nameof(indicators));
        }

        var steps = new[]
        {
            e.RecordConsent(CafCatalogue.Teacher, ConsentRecord.Parent("Ms Smith", ConsentForm.Written) with { SharingExplained = true }, "Consent to assess and share with partner agencies."),
            e.StartAssessment(CafCatalogue.Teacher, "Assessment agreed with the family."),
            e.CompleteAssessment(CafCatalogue.Teacher, result.Value, AbsentParentInvolvement.WasInvolved, "Needs identified."),
        };
        foreach (var step in steps)
        {
            if (step.IsRefused)
            {
                throw new ArgumentException(step.Refusal.Message, nameof(indicators));
            }
        }

        return e;
    }

    /// <summary>A nine-year-old (born 1 September of the year nine years before the clock's start year).</summary>
    /// <returns>The child.</returns>
    public ChildDetails NineYearOld() => new(new Primitives.ChildId("child-001"), new DateOnly(Today.Year - 10, 9, 1));

    private Primitives.EpisodeId NextEpisodeId() => new($"ep-{++_episodes}");

    internal static ThresholdMatcher Default => DefaultThresholds.Value;

    /// <summary>Guards a time span for <see cref="Advance"/>.</summary>
    internal static TimeSpan NotNegative(TimeSpan by) => by < TimeSpan.Zero ? throw new ArgumentOutOfRangeException(nameof(by)) : by;
}
