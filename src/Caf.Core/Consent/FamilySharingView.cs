using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using Ardalis.GuardClauses;
using Caf.Core.Annotations;
using Caf.Core.Primitives;

namespace Caf.Core.Consent;

/// <summary>
/// LAW-01: one line of what the family can be shown about an episode's hand-overs: what went to whom, when, for what
/// and on which legal basis; or that a disclosure considered under the statutory duty was not made (LAW-02).
/// </summary>
/// <param name="At">When it was decided.</param>
/// <param name="Agency">The agency.</param>
/// <param name="Purpose">What for.</param>
/// <param name="Items">What went (SHARE-04); <see cref="SharedItems.None"/> for a non-disclosure.</param>
/// <param name="Categories">The categories of information that went (SHARE-02); none for a non-disclosure or an entry stored before they were recorded.</param>
/// <param name="Basis">The legal basis (LAW-01).</param>
/// <param name="Disclosed">False only for a disclosure considered under the statutory duty and not made.</param>
/// <threadsafety>This type is immutable and thread-safe.</threadsafety>
[Immutable]
public sealed record FamilySharingLine(
    DateTimeOffset At,
    AgencyId Agency,
    SharingPurpose Purpose,
    SharedItems Items,
    InformationCategories Categories,
    LegalBasis Basis,
    bool Disclosed)
{
    /// <summary>The line in plain English for the family, e.g. "3 March 2026: camhs received the action plan (...) for delivering the action plan. Basis: your consent."</summary>
    /// <returns>One line.</returns>
    public override string ToString()
    {
        var when = At.UtcDateTime.ToString("d MMMM yyyy", System.Globalization.CultureInfo.InvariantCulture);
        var why = Lower(ConsentDisplayText.For(Purpose));
        var basis = ConsentDisplayText.For(Basis);
        if (!Disclosed)
        {
            return $"{when}: information was not disclosed to {Agency} ({why}): disclosure was judged more detrimental to the child. Considered under: {Lower(basis)}.";
        }

        var what = Lower(ConsentDisplayText.For(Items)) + (Categories == InformationCategories.None ? "" : $" ({Lower(ConsentDisplayText.For(Categories))})");
        return $"{when}: {Agency} received {what} for {why}. Basis: {Lower(basis)}.";
    }

    private static string Lower(string text) => char.ToLowerInvariant(text[0]) + text[1..];
}

/// <summary>
/// LAW-01: the family-facing view of an episode's sharing audit — what went to whom, when and on which basis
/// (docs/consent.md, "What the family can be shown"). A projection of the audit entries the host keeps
/// (<see cref="ISharingAuditLog"/>): hand-overs that went (granted decisions that handed something over), and
/// disclosures considered under the statutory duty and not made. Refusals on consent, revocations and the
/// practitioners' reasons are not part of it.
/// </summary>
public static class FamilySharingView
{
    /// <summary>The lines for one episode, oldest first.</summary>
    /// <param name="episode">The episode.</param>
    /// <param name="entries">The audit entries (any episodes; others are left out).</param>
    /// <returns>The lines.</returns>
    /// <exception cref="ArgumentException">The episode is default or the entries are null.</exception>
    public static ImmutableArray<FamilySharingLine> Of(EpisodeId episode, IEnumerable<SharingAuditEntry> entries)
    {
        if (episode.IsDefault)
        {
            throw new ArgumentException("The episode id must not be default.", nameof(episode));
        }

        Guard.Against.Null(entries);
        return [.. entries
            .Where(e => e.Episode == episode && e.Kind == SharingAuditKind.Decision)
            .Where(e => (e.Decision.Granted && e.Items != SharedItems.None) || (!e.Decision.Granted && e.Decision.Basis == SharingBasis.StatutoryDuty))
            .OrderBy(e => e.DecidedAt)
            .Select(e => new FamilySharingLine(e.DecidedAt, e.Agency, e.Purpose, e.Decision.Granted ? e.Items : SharedItems.None, e.Decision.Granted ? e.Categories : InformationCategories.None,
                e.LegalBasis, e.Decision.Granted))];
    }
}
