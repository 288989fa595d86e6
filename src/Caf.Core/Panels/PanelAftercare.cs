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
    /// PANEL-06: an allocated service confirms its start date. Refused (PANEL-06) when the agency was not
    /// allocated by the decision (field <c>agency</c>) or the start is before the meeting (field <c>startDate</c>).
    /// </summary>
    /// <param name="decision">The decision that allocated the service.</param>
    /// <param name="agency">The service.</param>
    /// <param name="startDate">The start date.</param>
    /// <param name="confirmedBy">Who confirms.</param>
    /// <param name="confirmedAt">When, from the host's clock.</param>
    /// <returns>The confirmation, or the refusal.</returns>
    /// <exception cref="ArgumentException">The decision is null, or an id or the actor is default.</exception>
    public Result<ServiceStartConfirmation> ConfirmStart(PanelDecision decision, AgencyId agency, DateOnly startDate, Actor confirmedBy, DateTimeOffset confirmedAt)
    {
        Guard.Against.Null(decision);
        CheckAgency(agency);
        if (confirmedBy.IsDefault)
        {
            throw new ArgumentException("The actor must not be default.", nameof(confirmedBy));
        }

        if (!decision.Allocates(agency))
        {
            return Result<ServiceStartConfirmation>.Refused("PANEL-06", $"{agency} was not allocated by the panel on {decision.Meeting.Date:yyyy-MM-dd}: only an allocated service confirms a start.", "agency");
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
    /// slot of the same area with the same papers. Refused (PANEL-06) when the agency was not allocated.
    /// </summary>
    /// <param name="decision">The decision that allocated the service.</param>
    /// <param name="agency">The service with the waiting list.</param>
    /// <param name="slot">The new slot's id.</param>
    /// <param name="requestedAt">When it was brought back: its place in the queue.</param>
    /// <returns>The slot request, or the refusal.</returns>
    /// <exception cref="ArgumentException">The decision is null or an id is default.</exception>
    public Result<PanelSlotRequest> WaitingListReturn(PanelDecision decision, AgencyId agency, PanelSlotId slot, DateTimeOffset requestedAt)
    {
        Guard.Against.Null(decision);
        CheckAgency(agency);
        if (slot.IsDefault)
        {
            throw new ArgumentException("The slot id must not be default.", nameof(slot));
        }

        return decision.Allocates(agency)
            ? PanelSlotRequest.BackToPanel(decision.Booking, slot, PanelSlotOrigin.WaitingListReturn, requestedAt)
            : Result<PanelSlotRequest>.Refused("PANEL-06", $"{agency} was not allocated by the panel: its waiting list cannot bring the referral back.", "agency");
    }

    /// <summary>
    /// PANEL-06: the quarterly audit (003 §5): every allocation of a decision that met on or before
    /// <paramref name="asOf"/> minus <see cref="PanelOptions.StartConfirmationGraceDays"/> with no confirmed
    /// start, ordered by meeting date, referral and agency.
    /// </summary>
    /// <param name="decisions">The decisions (re-presentations allocate nothing and are skipped).</param>
    /// <param name="confirmations">The start confirmations received.</param>
    /// <param name="asOf">The audit date.</param>
    /// <returns>The allocations awaiting confirmation.</returns>
    /// <exception cref="ArgumentException">A collection or element is null.</exception>
    public ImmutableArray<UnconfirmedAllocation> QuarterlyAudit(IEnumerable<PanelDecision> decisions, IEnumerable<ServiceStartConfirmation> confirmations, DateOnly asOf)
    {
        Guard.Against.Null(decisions);
        Guard.Against.Null(confirmations);
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

            foreach (var allocation in decision.Allocations)
            {
                if (!confirmed.Contains((decision.Referral, allocation.Agency)))
                {
                    lines.Add(new UnconfirmedAllocation(decision, allocation, days));
                }
            }
        }

        return [.. lines.OrderBy(l => l.Decision.Meeting.Date).ThenBy(l => l.Decision.Referral).ThenBy(l => l.Allocation.Agency)];
    }

    private static void CheckAgency(AgencyId agency)
    {
        if (agency.IsDefault)
        {
            throw new ArgumentException("The agency id must not be default.", nameof(agency));
        }
    }
}
