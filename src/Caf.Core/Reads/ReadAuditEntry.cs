using System;
using Caf.Core.Annotations;
using Caf.Core.Consent;
using Caf.Core.Primitives;

namespace Caf.Core.Reads;

/// <summary>
/// LAW-04: one audited read of a child's record: which episode of which child, who read it, when, for which purpose,
/// on which basis, and what was shown (e.g. "episode record", "register entry", "report row").
/// </summary>
/// <param name="Episode">The episode read.</param>
/// <param name="Child">The child it is about.</param>
/// <param name="Reader">Who read it.</param>
/// <param name="ReadAt">When, from the policy's clock.</param>
/// <param name="Purpose">Why (<see cref="ReadContext.Purpose"/>).</param>
/// <param name="Basis">On which basis.</param>
/// <param name="What">What was read (one of <see cref="ReadItems"/>).</param>
/// <threadsafety>This type is immutable and thread-safe.</threadsafety>
[Immutable]
public sealed record ReadAuditEntry(
    EpisodeId Episode,
    ChildId Child,
    Actor Reader,
    DateTimeOffset ReadAt,
    string Purpose,
    LegalBasis Basis,
    string What)
{
    /// <summary>The entry as one line for a person: "2026-03-01 10:00:00Z pr-1 (school) read the episode record of ep-1 for ... on the family's consent".</summary>
    /// <returns>One line.</returns>
    public override string ToString() =>
        $"{ReadAt:u} {Reader} read the {What} of episode {Episode} (child {Child}) for \"{Purpose}\" on {BasisText(Basis)}";

    /// <summary>The basis in words.</summary>
    /// <param name="basis">The basis.</param>
    /// <returns>The text.</returns>
    public static string BasisText(LegalBasis basis) => basis switch
    {
        LegalBasis.Consent => "the family's consent",
        LegalBasis.SafeguardingOverride => "a safeguarding override",
        LegalBasis.StatutoryDuty => "a statutory duty to share",
        _ => $"basis {(int)basis}",
    };
}

/// <summary>LAW-04: what an audited read showed, as <see cref="ReadAuditEntry.What"/> names it.</summary>
public static class ReadItems
{
    /// <summary>The whole episode: its events, consent, assessment and plan.</summary>
    public const string EpisodeRecord = "episode record";

    /// <summary>The register's summary of an episode (state, lead professional, dates).</summary>
    public const string RegisterSummary = "register summary";

    /// <summary>The register's answer to a check: that a CAF is open and whom to contact.</summary>
    public const string RegisterEntry = "register entry";

    /// <summary>An entry of an agency's caseload.</summary>
    public const string CaseloadEntry = "caseload entry";

    /// <summary>A report row, which names the child.</summary>
    public const string ReportRow = "report row";

    /// <summary>The family-facing view of the episode's hand-overs (LAW-01, <see cref="Consent.FamilySharingView"/>): what went to whom, when and on which basis.</summary>
    public const string SharingRecord = "sharing record";
}
