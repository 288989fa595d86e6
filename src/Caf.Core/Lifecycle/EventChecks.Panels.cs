using System;
using Caf.Core.Lifecycle.Events;
using Caf.Core.Panels;
using Caf.Core.Primitives;

namespace Caf.Core.Lifecycle;

/// <summary>The content checks of the panel events (PANEL-01..06): what the panel commands and value types ensure live.</summary>
internal static partial class EventChecks
{
    private static readonly DateOnly EarliestDay = DateOnly.FromDateTime(Earliest.UtcDateTime);
    private static readonly DateOnly LatestDay = DateOnly.FromDateTime(Latest.UtcDateTime);

    private static Refusal? Referral(ReferredToPanel r)
    {
        if (r.Referral is not { } referral)
        {
            return Bad("The referral is missing.", "referral");
        }

        if (referral.Id.IsDefault || referral.Episode.IsDefault || referral.ReferredBy.IsDefault || string.IsNullOrWhiteSpace(referral.Area))
        {
            return Bad("The referral needs its id, episode, area and referrer.", "referral");
        }

        if (referral.Episode != r.EpisodeId)
        {
            return Bad($"The referral is for episode {referral.Episode}, not {r.EpisodeId}.", "referral.episode");
        }

        if (referral.Reason is { } reason && Defined(reason, "referral.reason") is { } undefined)
        {
            return undefined;
        }

        if (referral.IdentifiedNeeds.IsDefault || referral.SmartGoals.IsDefault)
        {
            return Bad("The referral's needs and goals must be lists.", "referral");
        }

        if (!IsSaneTime(referral.ReferredAt) || ToStoredPrecision(referral.ReferredAt) > r.OccurredAt)
        {
            return Bad("The referral is dated on or before it was recorded.", "referral.referredAt");
        }

        if (SortedDistinctIds(r.PapersFor) is { } papers)
        {
            return Bad("The agencies that may see the papers " + papers, "papersFor");
        }

        if (SortedDistinctIds(r.PapersWithheldFrom) is { } withheld)
        {
            return Bad("The agencies the papers are withheld from " + withheld, "papersWithheldFrom");
        }

        if (r.PapersFor.IsEmpty && r.PapersWithheldFrom.IsEmpty)
        {
            return Bad("The referral names the panel's member agencies: those who may see the papers and those withheld.", "papersFor");
        }

        foreach (var agency in r.PapersFor)
        {
            if (r.PapersWithheldFrom.Contains(agency))
            {
                return Bad($"{agency} cannot both see the papers and have them withheld.", "papersWithheldFrom");
            }
        }

        return null;
    }

    private static Refusal? PanelDecision(PanelDecisionRecorded d)
    {
        if (d.Referral.IsDefault)
        {
            return Bad("The decision names the referral.", "referral");
        }

        if (d.Meeting.Panel.IsDefault || string.IsNullOrWhiteSpace(d.Meeting.Area) || d.Meeting.Date < EarliestDay || d.Meeting.Date >= LatestDay)
        {
            return Bad("The decision names the meeting: its panel, area and date.", "meeting");
        }

        if ((Text(d.Chair, "chair") ?? Defined(d.Outcome, "outcome")) is { } basic)
        {
            return basic;
        }

        if (d.Allocations.IsDefault)
        {
            return Bad("The allocations must be a list.", "allocations");
        }

        for (var i = 0; i < d.Allocations.Length; i++)
        {
            var a = d.Allocations[i];
            if (a is null || a.Agency.IsDefault || string.IsNullOrWhiteSpace(a.Role) || a.Practitioner is { IsDefault: true })
            {
                return Bad("Each allocation names the service and its role.", $"allocations[{i}]");
            }

            if (i > 0 && d.Allocations[i - 1].Agency.CompareTo(a.Agency) >= 0)
            {
                return new Refusal("PANEL-05", "A service is allocated once, with all its roles, in agency order.", "allocations");
            }
        }

        if (d.RecommendedLeadProfessional is { } lead && (lead.Practitioner.IsDefault || lead.Agency.IsDefault))
        {
            return Bad("The recommended lead professional needs a practitioner and an agency.", "recommendedLeadProfessional");
        }

        if (d.Outcome == PanelDecisionOutcome.ServicesAllocated)
        {
            return d.Allocations.IsEmpty
                ? new Refusal("PANEL-05", "No service is allocated: when no service can be identified the referral is re-presented with more information.", "allocations")
                : d.Allocations.Length > 1 && d.RecommendedLeadProfessional is null
                    ? new Refusal("LP-02", "More than one service is allocated: the panel recommends the lead professional who co-ordinates them.", "recommendedLeadProfessional")
                    : d.MoreInformationNeeded is not null ? Bad("Only a re-presentation says what more information is needed.", "moreInformationNeeded") : null;
        }

        return !d.Allocations.IsEmpty || d.RecommendedLeadProfessional is not null
            ? new Refusal("PANEL-05", "A re-presentation allocates nothing and recommends no lead professional.", "allocations")
            : string.IsNullOrWhiteSpace(d.MoreInformationNeeded)
                ? new Refusal("PANEL-05", "Say what more information the panel needs before the case is re-presented.", "moreInformationNeeded")
                : null;
    }

    private static Refusal? ServiceStart(PanelServiceStartConfirmed c) =>
        c.Referral.IsDefault ? Bad("The confirmation names the referral.", "referral")
        : c.Agency.IsDefault ? Bad("The confirmation names the allocated service.", "agency")
        : c.StartDate < EarliestDay || c.StartDate >= LatestDay ? Bad($"The start date must be within {EarliestDay.Year}–{LatestDay.Year - 1}.", "startDate")
        : null;
}
