using System.Collections.Generic;
using Caf.Core.Annotations;

namespace Caf.Core.Reporting;

/// <summary>Monitoring report policy (docs/rules.md, REP-01..06, SHARE-01).</summary>
/// <threadsafety>Mutable; configure on one thread before use. A report builder copies what it needs when created.</threadsafety>
[Mutable]
public sealed class ReportingOptions
{
    /// <summary>
    /// The month a reporting year starts (1 = January); quarters and years are aligned to it (REP-01).
    /// </summary>
    /// <value>Default 4 (April): the English financial year, on which authorities report.</value>
    public int YearStartMonth { get; set; } = 4;

    /// <summary>
    /// REP-06: a new episode for a child opened within this many months after the child's previous episode
    /// closed counts as a re-referral.
    /// </summary>
    /// <value>Default 12 months.</value>
    public int ReReferralWindowMonths { get; set; } = 12;

    /// <summary>
    /// SHARE-01: when a table is published with suppression, counts from 1 to this value minus one are
    /// replaced by <c>&lt;N</c>, so that small groups cannot identify a child. 0 turns suppression off.
    /// </summary>
    /// <value>Default 5 (counts 1–4 are suppressed).</value>
    public int SmallCountThreshold { get; set; } = 5;

    /// <summary>REP-02: how many needs the ranked table shows (the Leicestershire "top ten").</summary>
    /// <value>Default 10.</value>
    public int TopNeeds { get; set; } = 10;

    internal void Validate(ICollection<string> problems)
    {
        if (YearStartMonth is < 1 or > 12)
        {
            problems.Add($"Reporting.YearStartMonth must be 1 to 12 (REP-01); got {YearStartMonth}.");
        }

        if (ReReferralWindowMonths is < 1 or > 120)
        {
            problems.Add($"Reporting.ReReferralWindowMonths must be 1 to 120 (REP-06); got {ReReferralWindowMonths}.");
        }

        if (SmallCountThreshold is < 0 or > 1000)
        {
            problems.Add($"Reporting.SmallCountThreshold must be 0 to 1000 (SHARE-01); got {SmallCountThreshold}.");
        }

        if (TopNeeds is < 1 or > 1000)
        {
            problems.Add($"Reporting.TopNeeds must be 1 to 1000 (REP-02); got {TopNeeds}.");
        }
    }
}
