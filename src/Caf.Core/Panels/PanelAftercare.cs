using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using Ardalis.GuardClauses;
using Caf.Core.Annotations;
using Caf.Core.Primitives;

namespace Caf.Core.Panels;

/// <summary>
/// PANEL-06, after the panel (003 §4g, §5): allocated services confirm a start date; a service's waiting
/// list can bring the referral back to the panel; the quarterly audit lists allocations with no confirmed
/// start. Pure: the host stores confirmations and decisions and passes them in.
/// </summary>
/// <threadsafety>This type is immutable and thread-safe.</threadsafety>
[Immutable]
public sealed class PanelAftercare
{
    private readonly int _graceDays;
    private readonly ICafNames _names = CafNames.Ids;

    /// <summary>Creates the service, copying the options.</summary>
    /// <param name="options">The panel options; the defaults when null.</param>
    /// <exception cref="ArgumentException">The options are invalid.</exception>
    public PanelAftercare(PanelOptions? options = null)
    {
        options ??= new PanelOptions();
        _ = new PanelTimetable(options); // validates
        _graceDays = options.StartConfirmationGraceDays;
    }

    /// <summary>
    /// The naming port of the texts (agencies by name: <see cref="Lifecycle.EpisodePolicy.Names"/>, which <c>AddCafCore</c>
    /// passes); <see cref="CafNames.Ids"/> by default, so texts show ids.
    /// </summary>
    /// <exception cref="ArgumentException">Set to null.</exception>
    public ICafNames Names
    {
        get => _names;
        init => _names = Guard.Against.Null(value);
    }

    /// <summary>
    /// PANEL-06, SHARE-01: an allocated service confirms its start date. Refused when the consent in force no longer
    /// covers the service (excluded since the allocation SHARE-01, consent withdrawn CONS-07; field <c>agency</c>), when
    /// the agency was not allocated by the decision (PANEL-06, field <c>agency</c>) or the start is before the meeting
    /// (PANEL-06, field <c>startDate</c>).
    /// </summary>
    /// <param name="decision">The decision that allocated the service.</param>
    /// <param name="agency">The service.</param>
    /// <param name="startDate">The start date.</param>
    /// <param name="confirmedBy">Who confirms.</param>
    /// <param name="confirmedAt">When, from the host's clock.</param>
    /// <param name="consent">The consent in force for the decision's episode, judged now.</param>
    /// <returns>The confirmation, or the refusal.</returns>
    /// <exception cref="ArgumentException">The decision or consent is null, the consent is another episode's, or an id or the actor is default.</exception>
    public Result<ServiceStartConfirmation> ConfirmStart(PanelDecision decision, AgencyId agency, DateOnly startDate, Actor confirmedBy, DateTimeOffset confirmedAt,
        PanelConsentInForce consent)
    {
        Guard.Against.Null(decision);
        CheckAgency(agency);
        if (confirmedBy.IsDefault)
        {
            throw new ArgumentException("The actor must not be default.", nameof(confirmedBy));
        }

        CheckConsent(consent, decision.Episode);
        if (!decision.Allocates(agency))
        {
            return Result<ServiceStartConfirmation>.Refused("PANEL-06", $"{_names.Name(agency)} was not allocated by the panel on {decision.Meeting.Date:yyyy-MM-dd}: only an allocated service confirms a start.", "agency");
        }

        if (Revoked(consent, agency) is { } revoked)
        {
            return Result<ServiceStartConfirmation>.Refused(revoked);
        }

        if (startDate < decision.Meeting.Date)
        {
            return Result<ServiceStartConfirmation>.Refused("PANEL-06", $"The start date {startDate:yyyy-MM-dd} is before the panel met ({decision.Meeting.Date:yyyy-MM-dd}).", "startDate");
        }

        return new ServiceStartConfirmation(decision.Referral, decision.Episode, agency, startDate, confirmedBy, confirmedAt);
    }

    /// <summary>
    /// PANEL-06: an allocated service has a waiting list and the delay is not appropriate, so the referrer
    /// brings the referral back to the panel "for further discussion and allocation" (003 §4g): a new-case
    /// slot of the same area with the papers' recipients judged against the consent in force now. Refused (PANEL-06)
    /// when the agency was not allocated.
    /// </summary>
    /// <param name="decision">The decision that allocated the service.</param>
    /// <param name="agency">The service with the waiting list.</param>
    /// <param name="slot">The new slot's id.</param>
    /// <param name="requestedAt">When it was brought back: its place in the queue.</param>
    /// <param name="papers">Who may see the papers now, for the decision's episode and referral.</param>
    /// <returns>The slot request, or the refusal.</returns>
    /// <exception cref="ArgumentException">The decision or papers are null, the papers are for another case, or an id is default.</exception>
    public Result<PanelSlotRequest> WaitingListReturn(PanelDecision decision, AgencyId agency, PanelSlotId slot, DateTimeOffset requestedAt, PanelPapers papers)
    {
        Guard.Against.Null(decision);
        CheckAgency(agency);
        if (slot.IsDefault)
        {
            throw new ArgumentException("The slot id must not be default.", nameof(slot));
        }

        PanelSlotRequest.CheckPapers(papers, decision.Episode, decision.Referral);
        return decision.Allocates(agency)
            ? PanelSlotRequest.BackToPanel(decision.Booking, slot, PanelSlotOrigin.WaitingListReturn, requestedAt, papers)
            : Result<PanelSlotRequest>.Refused("PANEL-06", $"{_names.Name(agency)} was not allocated by the panel: its waiting list cannot bring the referral back.", "agency");
    }

    /// <summary>
    /// PANEL-06: the quarterly audit (003 §5): every allocation of a decision that met on or before
    /// <paramref name="asOf"/> minus <see cref="PanelOptions.StartConfirmationGraceDays"/> with no confirmed
    /// start, ordered by meeting date, referral and agency. Each allocation is judged against its episode's consent in
    /// force now: a service the family excluded since (SHARE-01), or every service after a withdrawal (CONS-07), is
    /// listed as suspended with the rule (<see cref="UnconfirmedAllocation.Suspension"/>), never asked to confirm; so is
    /// one whose episode's consent the host does not know.
    /// </summary>
    /// <param name="decisions">The decisions (re-presentations allocate nothing and are skipped).</param>
    /// <param name="confirmations">The start confirmations received.</param>
    /// <param name="asOf">The audit date.</param>
    /// <param name="consentOf">The consent in force of each decision's episode, judged now (<c>episode.PanelConsent()</c>); null when unknown.</param>
    /// <returns>The allocations awaiting confirmation, and those suspended.</returns>
    /// <exception cref="ArgumentException">A collection or element is null, the lookup is null or answers for another episode.</exception>
    public ImmutableArray<UnconfirmedAllocation> QuarterlyAudit(IEnumerable<PanelDecision> decisions, IEnumerable<ServiceStartConfirmation> confirmations, DateOnly asOf,
        Func<EpisodeId, PanelConsentInForce?> consentOf)
    {
        Guard.Against.Null(decisions);
        Guard.Against.Null(confirmations);
        Guard.Against.Null(consentOf);
        var confirmed = new HashSet<(PanelReferralId, AgencyId)>();
        foreach (var c in confirmations)
        {
            confirmed.Add((Guard.Against.Null(c, nameof(confirmations)).Referral, c.Agency));
        }

        var lines = new List<UnconfirmedAllocation>();
        foreach (var decision in decisions)
        {
            Guard.Against.Null(decision, nameof(decisions));
            var days = asOf.DayNumber - decision.Meeting.Date.DayNumber;
            if (days < _graceDays)
            {
                continue;
            }

            PanelConsentInForce? consent = null;
            foreach (var allocation in decision.Allocations)
            {
                if (confirmed.Contains((decision.Referral, allocation.Agency)))
                {
                    continue;
                }

                consent ??= consentOf(decision.Episode);
                if (consent is not null && consent.Episode != decision.Episode)
                {
                    throw new ArgumentException($"The consent given for episode {decision.Episode} is episode {consent.Episode}'s.", nameof(consentOf));
                }

                var suspension = consent is null
                    ? new Refusal("SHARE-01", $"The consent in force for episode {decision.Episode} is not known: {_names.Name(allocation.Agency)} is not asked to confirm a start.", "consent")
                    : Revoked(consent, allocation.Agency);
                lines.Add(new UnconfirmedAllocation(decision, allocation, days) { Suspension = suspension });
            }
        }

        return [.. lines.OrderBy(l => l.Decision.Meeting.Date).ThenBy(l => l.Decision.Referral).ThenBy(l => l.Allocation.Agency)];
    }

    // SHARE-01 / CONS-07: an allocation stands only while the consent in force covers the service for a panel.
    private Refusal? Revoked(PanelConsentInForce consent, AgencyId agency)
    {
        var decision = consent.Judge(agency, Consent.SharingPurpose.Panel);
        return decision.Granted
            ? null
            : new Refusal(decision.RuleId, $"{_names.Name(agency)} no longer holds the allocation: nothing more about the child goes to it. [{decision.RuleId}] {decision.Reason}", "agency");
    }

    private static void CheckConsent(PanelConsentInForce consent, EpisodeId episode)
    {
        Guard.Against.Null(consent);
        if (consent.Episode != episode)
        {
            throw new ArgumentException($"The consent is episode {consent.Episode}'s, not {episode}'s.", nameof(consent));
        }
    }

    private static void CheckAgency(AgencyId agency)
    {
        if (agency.IsDefault)
        {
            throw new ArgumentException("The agency id must not be default.", nameof(agency));
        }
    }
}
