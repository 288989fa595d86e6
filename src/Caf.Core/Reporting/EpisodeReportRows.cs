using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using Ardalis.GuardClauses;
using Caf.Core.Closure;
using Caf.Core.Lifecycle;
using Caf.Core.Lifecycle.Events;
using Caf.Core.Primitives;
using Caf.Core.Thresholds;

namespace Caf.Core.Reporting;

/// <summary>
/// Derives the report read model (<see cref="EpisodeReportRow"/>) from an episode's facts and history, so a store can
/// keep it beside each episode and reports never rebuild episodes (REP-01..06).
/// </summary>
public static class EpisodeReportRows
{
    /// <summary>The episode's report row.</summary>
    /// <param name="episode">The episode.</param>
    /// <param name="framework">The thresholds framework its indicators come from (domains and national codes, REP-02);
    /// indicators it does not define are counted under the domain <c>unknown</c>.</param>
    /// <param name="settingOf">The host's directory: the setting of the initiating agency (REP-03).</param>
    /// <param name="previousClosedOn">When the child's previous episode closed, from the register (REP-06), if any.</param>
    /// <returns>The row. Dates are the UTC dates of the events.</returns>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    public static EpisodeReportRow From(
        CafEpisode episode, ThresholdFramework framework, Func<AgencyId, InitiatingSetting> settingOf, DateOnly? previousClosedOn = null)
    {
        Guard.Against.Null(episode);
        Guard.Against.Null(framework);
        Guard.Against.Null(settingOf);
        var openedOn = Day(episode.OpenedAt);
        var indicatorIds = episode.Assessment?.IndicatorIds ?? [];
        // An unvalidated framework may hold gaps; only its well-formed indicators name domains and codes. Issue 26: the
        // lookup is built only for an episode with indicators (a store projects the row on every save).
        var needs = ImmutableArray<ReportNeed>.Empty;
        if (indicatorIds.Length > 0)
        {
            var byId = new Dictionary<string, ThresholdIndicator>(StringComparer.Ordinal);
            foreach (var indicator in framework.Indicators)
            {
                if (indicator is { Id: { Length: > 0 } id, Domain: { Length: > 0 } })
                {
                    byId.TryAdd(id, indicator);
                }
            }

            needs = indicatorIds.Distinct(StringComparer.Ordinal)
                .Select(id => byId.TryGetValue(id, out var indicator) ? ReportNeed.FromIndicator(indicator) : new ReportNeed(id, "unknown"))
                .ToImmutableArray();
        }

        // REP-04: each referral by the referrer's agency, with the services its decision sheet allocated (PANEL-05).
        var referrals = episode.PanelReferrals
            .Select(r => new ReportPanelReferral(Day(r.RecordedAt), r.Referral.ReferredBy.Agency, r.Allocations.Length))
            .ToImmutableArray();
        var closure = episode.Closure;
        var intent = episode.SteppingDownService is null;
        return new EpisodeReportRow(
            episode.Id,
            episode.Child.Id,
            openedOn,
            intent,
            episode.OpenedBy.Agency,
            settingOf(episode.OpenedBy.Agency),
            AgeBands.Of(episode.Child, openedOn),
            needs,
            closedOn: closure is null ? null : Day(closure.ClosedAt),
            closureOutcomeCode: closure is null ? null : ReportClosureCategories.CodeOf(closure.Outcome),
            closureCategory: closure is null ? null : ReportClosureCategories.CategoryOf(closure.Outcome),
            leadProfessionalAgency: episode.LeadProfessional.IsInterim ? null : episode.LeadProfessional.Agency,
            assessmentStartedOn: (episode.AssessmentStartedAt ?? episode.ReassessmentRequiredAt) is { } started ? Day(started) : null,
            assessmentCompletedOn: episode.AssessmentCompletedAt is { } completed ? Day(completed) : null,
            assessmentDueOn: episode.AssessmentDueBy is { } due ? Day(due) : null,
            nextReviewDue: episode.State == EpisodeState.PlanActive ? episode.NextReviewDue : null, // REP-05: only where a review is due (REV-05)
            panelReferrals: referrals,
            previousEpisodes: episode.PreviousEpisodes.Length,
            previousClosedOn: episode.PreviousEpisodes.IsEmpty ? null : previousClosedOn,
            excludedAgencies: [.. episode.Consent.Exclusions.Select(x => x.Agency).Distinct().Order()],
            outcomes: ReportOutcomes.Of(episode.OutcomesCompletions),
            closureLocalCode: closure is null ? null : LocalCodeOf(episode.ClosureDecision))
        {
            NhsNumber = episode.Child.NhsNumber, // LAW-03: for national extracts, never shown in a report
        };
    }

    /// <summary>Report rows for many episodes, streamed.</summary>
    /// <param name="episodes">The episodes.</param>
    /// <param name="framework">The thresholds framework.</param>
    /// <param name="settingOf">The setting of an initiating agency.</param>
    /// <returns>One row per episode, in order.</returns>
    public static IEnumerable<EpisodeReportRow> From(IEnumerable<CafEpisode> episodes, ThresholdFramework framework, Func<AgencyId, InitiatingSetting> settingOf)
    {
        Guard.Against.Null(episodes);
        foreach (var episode in episodes)
        {
            yield return From(episode, framework, settingOf);
        }
    }

    // CLOSE-10: the authority's own outcome, when the closure recorded one; a shipped default code is the canonical
    // outcome itself, so it reads as the canonical code and reports keep one key per canonical outcome.
    private static string? LocalCodeOf(ClosureDecision? decision) =>
        decision?.Outcome is { } outcome
        && !(ClosureTaxonomy.Default.TryFind(outcome.Code, out var shipped) && shipped.Canonical == outcome.Canonical)
            ? outcome.Code
            : null;

    private static DateOnly Day(DateTimeOffset at) => DateOnly.FromDateTime(at.UtcDateTime);
}
