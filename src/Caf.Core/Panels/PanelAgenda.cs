using System;
using System.Collections.Immutable;
using System.Linq;
using Ardalis.GuardClauses;
using Caf.Core.Annotations;
using Caf.Core.Consent;
using Caf.Core.Primitives;

namespace Caf.Core.Panels;

/// <summary>
/// One meeting's agenda (PANEL-03, PANEL-04): the meeting, when the agenda and the decision sheets go out,
/// the capacity and what is used, and the entries (bookings already held and newly placed) in request
/// order. The papers go out through <see cref="IssuePapers"/>, which judges every entry's recipients again against
/// its episode's consent in force at that moment (SHARE-01): an entry's stored <see cref="PanelSlotRequest.PapersFor"/>
/// (decided when the request was made) is never sent as it is.
/// </summary>
/// <remarks>Value equality covers the entries.</remarks>
/// <threadsafety>This type is immutable and thread-safe.</threadsafety>
[Immutable]
public sealed record PanelAgenda
{
    internal PanelAgenda(PanelMeeting meeting, DateOnly issueDate, DateOnly decisionSheetDate, PanelCapacity capacity, ImmutableArray<PanelBooking> entries,
        ImmutableArray<AgencyId> memberAgencies)
    {
        MemberAgencies = memberAgencies;
        Meeting = meeting;
        AgendaIssueDate = issueDate;
        DecisionSheetDate = decisionSheetDate;
        Capacity = capacity;
        Entries = entries;
    }

    /// <summary>The meeting.</summary>
    public PanelMeeting Meeting { get; }

    /// <summary>PANEL-04: when the agenda and papers go out.</summary>
    public DateOnly AgendaIssueDate { get; }

    /// <summary>PANEL-04: when the decision sheets go out.</summary>
    public DateOnly DecisionSheetDate { get; }

    /// <summary>The panel's capacity.</summary>
    public PanelCapacity Capacity { get; }

    /// <summary>The entries, ordered by request time then slot id.</summary>
    public ImmutableArray<PanelBooking> Entries { get; }

    /// <summary>The panel's member agencies: who would receive each case's papers if the consent in force allows (sorted).</summary>
    public ImmutableArray<AgencyId> MemberAgencies { get; }

    /// <summary>New cases on the agenda.</summary>
    public int NewCases => Entries.Count(e => e.Kind == PanelSlotKind.NewCase);

    /// <summary>Reviews on the agenda.</summary>
    public int Reviews => Entries.Count(e => e.Kind == PanelSlotKind.Review);

    /// <summary>Minutes the entries take.</summary>
    public int Minutes => Entries.Sum(e => e.Minutes);

    /// <summary>
    /// PANEL-04, SHARE-01, SHARE-03: issues the agenda's papers. Each entry's recipients are decided now: the panel's
    /// member agencies, each judged for <see cref="SharingPurpose.Panel"/> against the consent in force of the entry's
    /// episode (<paramref name="consentOf"/>; for an episode, <c>episode.PanelConsent()</c>). Every decision, granted or
    /// refused, is recorded in the audit log as asked by <paramref name="issuedBy"/>. An entry whose episode may not send
    /// papers to anyone any more (every member excluded SHARE-01, consent withdrawn CONS-07, not written or overridden
    /// CONS-04, the lead professional's agency excluded LP-11, the episode closed LIFE-10) or whose consent is unknown
    /// goes out with no papers and says why.
    /// </summary>
    /// <param name="issuedBy">Who issues the agenda (the panel administrator).</param>
    /// <param name="consentOf">The consent in force of each entry's episode, judged now; null when the host does not know it.</param>
    /// <returns>One line per entry, in the agenda's order.</returns>
    /// <exception cref="ArgumentException">The actor is default, the lookup is null, or it answers for another episode.</exception>
    public ImmutableArray<PanelAgendaPapers> IssuePapers(Actor issuedBy, Func<EpisodeId, PanelConsentInForce?> consentOf)
    {
        if (issuedBy.IsDefault)
        {
            throw new ArgumentException("The actor must not be default.", nameof(issuedBy));
        }

        Guard.Against.Null(consentOf);
        var lines = ImmutableArray.CreateBuilder<PanelAgendaPapers>(Entries.Length);
        foreach (var entry in Entries)
        {
            var request = entry.Request;
            if (consentOf(request.Episode) is not { } consent)
            {
                lines.Add(new PanelAgendaPapers(entry, null, new Refusal("SHARE-01",
                    $"The consent in force for episode {request.Episode} is not known: its papers are not sent.", "consent")));
                continue;
            }

            if (consent.Episode != request.Episode)
            {
                throw new ArgumentException($"The consent given for episode {request.Episode} is episode {consent.Episode}'s.", nameof(consentOf));
            }

            if (MemberAgencies.IsEmpty)
            {
                lines.Add(new PanelAgendaPapers(entry, null, new Refusal("SHARE-01", $"Panel {Meeting.Panel} lists no member agencies: no papers go out.", "memberAgencies")));
                continue;
            }

            var (papers, refusal) = consent.Decide(request.Referral, MemberAgencies);
            if (consent.Stopped is null)
            {
                foreach (var agency in papers.PapersFor)
                {
                    consent.Record(issuedBy, agency, consent.Judge(agency, SharingPurpose.Panel), SharedItems.PanelPapers);
                }

                foreach (var withheld in papers.Withheld)
                {
                    consent.Record(issuedBy, withheld.Agency, withheld.Decision, SharedItems.None);
                }
            }

            lines.Add(new PanelAgendaPapers(entry, papers, refusal));
        }

        return lines.MoveToImmutable();
    }

    /// <inheritdoc />
    public bool Equals(PanelAgenda? other) =>
        other is not null && Meeting == other.Meeting && AgendaIssueDate == other.AgendaIssueDate && DecisionSheetDate == other.DecisionSheetDate
        && Capacity.Equals(other.Capacity) && Entries.SequenceEqual(other.Entries) && MemberAgencies.SequenceEqual(other.MemberAgencies);

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(Meeting, AgendaIssueDate, Entries.Length);
}
