using System;
using Ardalis.GuardClauses;
using Caf.Core.Annotations;
using Caf.Core.Closure;
using Caf.Core.Configuration;
using Caf.Core.Consent;
using Caf.Core.LeadProfessional;
using Caf.Core.Thresholds;

namespace Caf.Core.Analysis;

/// <summary>
/// One side of a policy what-if (<see cref="PolicyWhatIf"/>): a named set of <see cref="CafOptions"/>, a
/// thresholds framework and a closure taxonomy. The options are read once when it is created: later changes to
/// the <see cref="CafOptions"/> instance have no effect.
/// </summary>
/// <threadsafety>This type is immutable and thread-safe.</threadsafety>
[Immutable]
public sealed class PolicyConfiguration
{
    /// <summary>Creates a configuration.</summary>
    /// <param name="name">A short name for reports, e.g. "current" or "proposed 2027".</param>
    /// <param name="options">The options (validated; copied).</param>
    /// <param name="thresholds">The compiled thresholds framework (THR-01..THR-07).</param>
    /// <param name="closureTaxonomy">The authority's closure taxonomy (CLOSE-10).</param>
    /// <exception cref="ArgumentException">An argument is null or empty, or the options are invalid (the message lists every problem).</exception>
    public PolicyConfiguration(string name, CafOptions options, ThresholdMatcher thresholds, ClosureTaxonomy closureTaxonomy)
    {
        Name = Guard.Against.NullOrWhiteSpace(name);
        Guard.Against.Null(options);
        Thresholds = Guard.Against.Null(thresholds);
        ClosureTaxonomy = Guard.Against.Null(closureTaxonomy);
        options.ThrowIfInvalid();
        Consent = new ConsentPolicy(options.Consent);
        Closure = new ClosureCheck(closureTaxonomy, options.Closure);
        InsufficientProgressReviewLimit = options.Reviews.InsufficientProgressReviewLimit;
        CountConsecutiveInsufficientReviewsOnly = options.Reviews.CountConsecutiveOnly;
        RetentionYears = options.Retention.RetentionYears;
        Sharing = new EvaluatingSharingService(Consent);
        var c = options.Consent;
        ConsentKey = (c.CompetenceAgeExclusiveLowerBound, c.SelfConsentAge, c.ParentConsentRequiredAtSelfConsentAge,
            c.ParentConsentRequiredForCompetentYoungPerson, c.CompetentYoungPersonRefusalPrevails);
        var lp = options.LeadProfessional;
        LeadProfessionalKey = (lp.RequireTraining, lp.CaseloadCap, lp.RelevanceWeight, lp.ContactFrequencyWeight, lp.FamilyPreferenceWeight,
            lp.AgencyBalanceWeight, lp.PanelRecommendationWeight);
        LeadProfessional = new LeadProfessionalSelector(options.LeadProfessional, Sharing);
    }

    /// <summary>The defaults: <see cref="CafOptions"/> as constructed, the default framework and the default taxonomy.</summary>
    /// <param name="name">The name (default "default").</param>
    /// <returns>The configuration.</returns>
    public static PolicyConfiguration Default(string name = "default") =>
        new(name, new CafOptions(), new ThresholdFrameworkLoader().LoadDefault(), ClosureTaxonomy.Default);

    /// <summary>The name shown in reports.</summary>
    public string Name { get; }

    /// <summary>The thresholds framework (level and route, THR-03).</summary>
    public ThresholdMatcher Thresholds { get; }

    /// <summary>The closure taxonomy (CLOSE-10).</summary>
    public ClosureTaxonomy ClosureTaxonomy { get; }

    /// <summary>The consent policy (CONS-02, CONS-03, CONS-04, LIFE-05).</summary>
    public ConsentPolicy Consent { get; }

    /// <summary>The closure rules (CLOSE-01..10, CLOSE-C1..C4).</summary>
    public ClosureCheck Closure { get; }

    /// <summary>REV-03: the review from which insufficient progress requires a reassessment.</summary>
    public int InsufficientProgressReviewLimit { get; }

    /// <summary>REV-03: whether only consecutive insufficient reviews count.</summary>
    public bool CountConsecutiveInsufficientReviewsOnly { get; }

    /// <summary>RET-01: years a record is kept after closure or transfer.</summary>
    public int RetentionYears { get; }

    /// <summary>The lead-professional selector under these options (LP-03..LP-09), deciding sharing without recording it.</summary>
    internal LeadProfessionalSelector LeadProfessional { get; }

    internal EvaluatingSharingService Sharing { get; }

    // What each decision point reads of the options: equal keys decide alike, so a what-if need not re-decide them.
    internal (int, int, bool, bool, bool) ConsentKey { get; }

    internal (bool, int?, double, double, double, double, double) LeadProfessionalKey { get; }

    internal bool DecidesConsentAs(PolicyConfiguration other) => ConsentKey == other.ConsentKey;

    internal bool DecidesClosureAs(PolicyConfiguration other) =>
        ReferenceEquals(ClosureTaxonomy, other.ClosureTaxonomy) && Closure.AdultServicesTransferAge == other.Closure.AdultServicesTransferAge
        && Closure.SupervisorMayClose == other.Closure.SupervisorMayClose;

    /// <inheritdoc />
    public override string ToString() => $"{Name} (thresholds {Thresholds.FrameworkId} {Thresholds.FrameworkVersion}, closure {ClosureTaxonomy.Id} {ClosureTaxonomy.Version})";
}
