using System;
using System.Collections.Generic;
using Caf.Core.Annotations;
using Caf.Core.Consent;
using Caf.Core.LeadProfessional;
using Caf.Core.Lifecycle;
using Caf.Core.Planning;
using Caf.Core.Register;
using Caf.Core.Reporting;

namespace Caf.Core.Configuration;

/// <summary>
/// The policy options of Caf.Core: where the seed documents disagree or are silent, a rule becomes an
/// option with a documented default (DESIGN.md), so a local authority configures rather than forks.
/// </summary>
/// <remarks>
/// Configure through <c>services.AddCafCore(options =&gt; ...)</c>; the options are validated once at
/// registration and every problem is reported in one message. Domain services copy what they need when
/// they are created, so changing an options object afterwards has no effect on them.
/// </remarks>
/// <threadsafety>Mutable; configure on one thread before use.</threadsafety>
[Mutable]
public sealed class CafOptions
{
    /// <summary>Who may consent and when (CONS-02, CONS-03).</summary>
    public ConsentOptions Consent { get; set; } = new();

    /// <summary>Lifecycle timescales (LIFE-06).</summary>
    public LifecycleOptions Lifecycle { get; set; } = new();

    /// <summary>Review policy (REV-03).</summary>
    public ReviewOptions Reviews { get; set; } = new();

    /// <summary>Retention of closed episodes (RET-01).</summary>
    public RetentionOptions Retention { get; set; } = new();

    /// <summary>Lead-professional selection: hard constraints and weights (LP-04..LP-07).</summary>
    public LeadProfessionalOptions LeadProfessional { get; set; } = new();

    /// <summary>Monitoring reports: year start, re-referral window, small-count suppression, top needs (REP-01..06, SHARE-01).</summary>
    public ReportingOptions Reporting { get; set; } = new();

    /// <summary>Checks every option and lists every problem found.</summary>
    /// <returns>The problems, each naming the option; empty when the options are valid.</returns>
    public IReadOnlyList<string> Validate()
    {
        var problems = new List<string>();
        Check(Consent, nameof(Consent), problems)?.Validate(problems);
        Check(Lifecycle, nameof(Lifecycle), problems)?.Validate(problems);
        Check(Reviews, nameof(Reviews), problems)?.Validate(problems);
        Check(Retention, nameof(Retention), problems)?.Validate(problems);
        Check(LeadProfessional, nameof(LeadProfessional), problems)?.Validate(problems);
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
