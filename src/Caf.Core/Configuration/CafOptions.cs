using System;
using System.Collections.Generic;
using Caf.Core.Annotations;
using Caf.Core.Closure;
using Caf.Core.Consent;
using Caf.Core.LeadProfessional;
using Caf.Core.Lifecycle;
using Caf.Core.Panels;
using Caf.Core.Planning;
using Caf.Core.Register;
using Caf.Core.Reporting;

namespace Caf.Core.Configuration;

/// <summary>
/// The policy options of Caf.Core: where the seed documents disagree or are silent, a rule becomes an
/// option with a documented default (docs/rules.md), so a local authority configures rather than forks.
/// </summary>
/// <remarks>
/// Configure through the options pattern: <c>services.AddCafCore(options =&gt; ...)</c>, or
/// <c>services.AddCafCore(configuration.GetSection(CafOptions.SectionName))</c> for appsettings.json, and
/// <c>services.Configure&lt;CafOptions&gt;(...)</c>; every configuration is applied in order. Read them as
/// <c>IOptions&lt;CafOptions&gt;</c>. They are validated when the host starts (and on first use), every problem
/// in one message. Domain services copy what they need when they are created, so changing an options object
/// afterwards has no effect on them.
/// </remarks>
/// <threadsafety>Mutable; configure on one thread before use.</threadsafety>
[Mutable]
public sealed class CafOptions
{
    /// <summary>The conventional configuration section: <c>"Caf"</c> (e.g. <c>"Caf": { "Retention": { "RetentionYears": 6 } }</c>).</summary>
    public const string SectionName = "Caf";

    /// <summary>Who may consent and when (CONS-02, CONS-03).</summary>
    public ConsentOptions Consent { get; set; } = new();

    /// <summary>Sharing: the minimum each purpose hands over (SHARE-02) and the statutory duty to share from a date (LAW-02).</summary>
    public SharingOptions Sharing { get; set; } = new();

    /// <summary>Lifecycle timescales (LIFE-06).</summary>
    public LifecycleOptions Lifecycle { get; set; } = new();

    /// <summary>Review policy (REV-03).</summary>
    public ReviewOptions Reviews { get; set; } = new();

    /// <summary>Closure policy: the adult-services transfer age (CLOSE-C4) and who may close (CLOSE-08).</summary>
    public ClosureOptions Closure { get; set; } = new();

    /// <summary>Retention of closed episodes (RET-01).</summary>
    public RetentionOptions Retention { get; set; } = new();

    /// <summary>Saving episodes: how often a command is retried after a concurrency conflict (docs/storage.md).</summary>
    public StorageOptions Storage { get; set; } = new();

    /// <summary>Lead-professional selection: hard constraints and weights (LP-04..LP-07).</summary>
    public LeadProfessionalOptions LeadProfessional { get; set; } = new();

    /// <summary>Panels: agenda and decision-sheet dates, scheduling horizon, start-confirmation audit (PANEL-03, PANEL-04, PANEL-06).</summary>
    public PanelOptions Panels { get; set; } = new();

    /// <summary>Monitoring reports: year start, re-referral window, small-count suppression, top needs (REP-01..06, SHARE-01).</summary>
    public ReportingOptions Reporting { get; set; } = new();

    private List<string>? _bindingProblems; // keys or values from configuration that could not be applied

    /// <summary>Checks every option and lists every problem found.</summary>
    /// <returns>
    /// The problems, each naming the option; empty when the options are valid. Options bound from configuration
    /// also report each key that names no option and each value of the wrong type, with its configuration path.
    /// </returns>
    public IReadOnlyList<string> Validate()
    {
        var problems = new List<string>(_bindingProblems ?? []);
        Check(Consent, nameof(Consent), problems)?.Validate(problems);
        Check(Sharing, nameof(Sharing), problems)?.Validate(problems);
        Check(Lifecycle, nameof(Lifecycle), problems)?.Validate(problems);
        Check(Reviews, nameof(Reviews), problems)?.Validate(problems);
        Check(Closure, nameof(Closure), problems)?.Validate(problems);
        Check(Retention, nameof(Retention), problems)?.Validate(problems);
        Check(Storage, nameof(Storage), problems)?.Validate(problems);
        Check(LeadProfessional, nameof(LeadProfessional), problems)?.Validate(problems);
        Check(Panels, nameof(Panels), problems)?.Validate(problems);
        Check(Reporting, nameof(Reporting), problems)?.Validate(problems);
        return problems;
    }

    /// <summary>Throws when any option is invalid, listing every problem in one message.</summary>
    /// <exception cref="ArgumentException">At least one option is invalid.</exception>
    public void ThrowIfInvalid()
    {
        var problems = Validate();
        if (problems.Count > 0)
        {
            throw new ArgumentException(
                "Invalid Caf.Core options:" + Environment.NewLine + "- " + string.Join(Environment.NewLine + "- ", problems),
                "options");
        }
    }

    internal void AddBindingProblem(string problem) => (_bindingProblems ??= []).Add(problem);

    private static TGroup? Check<TGroup>(TGroup? group, string name, List<string> problems)
        where TGroup : class
    {
        if (group is null)
        {
            problems.Add($"CafOptions.{name} must not be null.");
        }

        return group;
    }
}
