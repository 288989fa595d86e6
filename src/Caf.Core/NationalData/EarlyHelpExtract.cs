using System;
using System.Collections.Generic;
using System.Linq;
using System.Runtime.CompilerServices;
using System.Threading;
using System.Threading.Tasks;
using Ardalis.GuardClauses;
using Caf.Core.Closure;
using Caf.Core.Lifecycle;
using Caf.Core.Lifecycle.Events;
using Caf.Core.Primitives;
using Caf.Core.Reporting;
using Caf.Core.StepDown;
using Caf.Core.Thresholds;

namespace Caf.Core.NationalData;

/// <summary>
/// NAT-01..NAT-05: builds early-help extract rows (<see cref="EarlyHelpEpisodeRecord"/>) from episodes or from their
/// report read model, one at a time, so an extract streams over any number of episodes with one row in memory.
/// </summary>
/// <remarks>
/// <para>From an episode: the end reason from its closure (the recorded code, CLOSE-09 for no further action, the
/// canonical outcome and its category, NAT-01) or its transfer (RET-02); RC9 for a step-down from children's social
/// care (a CSC closing summary, STEP-02) and 5D for an escalated closure (CLOSE-06, CLOSE-07; NAT-02); the lead
/// professional as organisation and worker; the factors of the last completed assessment (NAT-03).</para>
/// <para>From a report row (<see cref="EpisodeReportRow"/>), which keeps less: no worker; RC9 when a step-down was
/// registered by a social-care setting; the assessment's organisation is the initiating agency (LP-01: who starts the
/// CAF assesses); no further action after assessment (CLOSE-09) is not distinguishable from Resolved other.</para>
/// <para>Dates are the UTC dates of the events. NAT-05: the child is named only by the host's id or its pseudonym.</para>
/// </remarks>
public static class EarlyHelpExtract
{
    /// <summary>The row of one episode.</summary>
    /// <param name="episode">The episode.</param>
    /// <param name="settings">Profile, taxonomy, framework and pseudonymiser (<see cref="NationalDataExtractSettings.Default"/> for the shipped ones).</param>
    /// <returns>The row.</returns>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    public static EarlyHelpEpisodeRecord From(CafEpisode episode, NationalDataExtractSettings settings)
    {
        Guard.Against.Null(episode);
        Guard.Against.Null(settings);
        var profile = settings.Profile;
        var events = episode.Events;

        DateOnly? endDate = null;
        string? endReason = null, referralSource = null;
        if (episode.Closure is { } closure)
        {
            var code = events.OfType<EpisodeClosed>().LastOrDefault()?.Request.OutcomeCode;
            endDate = Day(closure.ClosedAt);
            endReason = profile.EndReasonFor(closure.Outcome, code, closure.RuleId == "CLOSE-09");
            referralSource = ClosureVocabulary.CategoryOf(closure.Outcome) == ClosureCategory.Escalated ? profile.StepUpReferralSource : null;
        }
        else if (episode.TransferredAt is { } transferred)
        {
            endDate = Day(transferred);
            endReason = profile.TransferredOutEndReason;
        }

        var completed = episode.AssessmentCompletedAt;
        var factors = completed is not null && episode.Assessment is { } summary
            ? profile.FactorsIdentified(CodesOf(summary.IndicatorIds, settings.Framework ?? DefaultFramework.Value))
            : [];
        var lead = episode.LeadProfessional;
        return new EarlyHelpEpisodeRecord
        {
            EpisodeId = episode.Id.Value,
            PersonId = Person(episode.Child.Id.Value, settings),
            NhsNumber = Nhs(episode.Child.NhsNumber, settings),
            StartDate = Day(episode.OpenedAt),
            EndDate = endDate,
            StartReason = profile.StartReasonFor(episode.StepDown is not null),
            EndReason = endReason,
            Organisation = lead.Agency.Value,
            Worker = lead.Practitioner.Value,
            CinClosureReason = episode.StepDown?.DocumentType == StepDownDocumentType.SocialCareClosingSummary ? profile.StepDownClosureReason : null,
            CinReferralSource = referralSource,
            AssessmentStartDate = (episode.AssessmentStartedAt ?? episode.ReassessmentRequiredAt) is { } started ? Day(started) : null,
            AssessmentCompletionDate = completed is { } c ? Day(c) : null,
            AssessmentOrganisation = completed is null ? null : events.OfType<AssessmentCompleted>().LastOrDefault()?.Actor.Agency.Value,
            Factors = factors,
            LastActivityDate = Day(events[^1].OccurredAt),
        };
    }

    /// <summary>The row of one episode's report read model (see remarks for what it cannot know).</summary>
    /// <param name="row">The report row.</param>
    /// <param name="settings">Profile, taxonomy and pseudonymiser (<see cref="NationalDataExtractSettings.Default"/> for the shipped ones).</param>
    /// <returns>The extract row.</returns>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    public static EarlyHelpEpisodeRecord From(EpisodeReportRow row, NationalDataExtractSettings settings)
    {
        Guard.Against.Null(row);
        Guard.Against.Null(settings);
        var profile = settings.Profile;

        string? endReason = null, referralSource = null;
        if (row.ClosedOn is not null && row.ClosureOutcomeCode is { } code)
        {
            var category = ParseCategory(row.ClosureCategory);
            // NAT-01 with CLOSE-10: the authority's own outcome (the row's local code) is the code its profile maps.
            var local = row.ClosureLocalCode ?? code;
            if (CanonicalOf(code, settings.Taxonomy) is { } canonical)
            {
                endReason = profile.EndReasonFor(canonical, local);
                category = ClosureVocabulary.CategoryOf(canonical);
            }
            else
            {
                endReason = profile.EndReasonForCategory(category, local);
            }

            referralSource = category == ClosureCategory.Escalated ? profile.StepUpReferralSource : null;
        }

        var last = row.OpenedOn;
        foreach (var date in new[] { row.AssessmentStartedOn, row.AssessmentCompletedOn, row.ClosedOn })
        {
            if (date > last)
            {
                last = date.Value;
            }
        }

        foreach (var referral in row.PanelReferrals)
        {
            if (referral.ReferredOn > last)
            {
                last = referral.ReferredOn;
            }
        }

        var completed = row.AssessmentCompletedOn is not null;
        return new EarlyHelpEpisodeRecord
        {
            EpisodeId = row.EpisodeId.Value,
            PersonId = Person(row.ChildId.Value, settings),
            NhsNumber = Nhs(row.NhsNumber, settings),
            StartDate = row.OpenedOn,
            EndDate = row.ClosedOn,
            StartReason = profile.StartReasonFor(!row.IntentToCaf),
            EndReason = endReason,
            Organisation = (row.LeadProfessionalAgency ?? row.InitiatingAgency).Value,
            Worker = null,
            CinClosureReason = !row.IntentToCaf && row.InitiatingSetting == InitiatingSetting.SocialCare ? profile.StepDownClosureReason : null,
            CinReferralSource = referralSource,
            AssessmentStartDate = row.AssessmentStartedOn,
            AssessmentCompletionDate = row.AssessmentCompletedOn,
            AssessmentOrganisation = completed ? row.InitiatingAgency.Value : null,
            Factors = completed ? profile.FactorsIdentified(row.Needs.Select(n => n.NationalCode)) : [],
            LastActivityDate = last,
        };
    }

    /// <summary>Rows for many episodes, streamed: one episode and one row in memory at a time.</summary>
    /// <param name="episodes">The episodes.</param>
    /// <param name="settings">The settings (<see cref="NationalDataExtractSettings.Default"/> for the shipped ones).</param>
    /// <returns>One row per episode, in order.</returns>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    public static IEnumerable<EarlyHelpEpisodeRecord> From(IEnumerable<CafEpisode> episodes, NationalDataExtractSettings settings)
    {
        Guard.Against.Null(episodes);
        Guard.Against.Null(settings);
        return Stream(episodes, e => From(e, settings));
    }

    /// <summary>Rows for many report rows, streamed.</summary>
    /// <param name="rows">The report rows.</param>
    /// <param name="settings">The settings (<see cref="NationalDataExtractSettings.Default"/> for the shipped ones).</param>
    /// <returns>One extract row per report row, in order.</returns>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    public static IEnumerable<EarlyHelpEpisodeRecord> From(IEnumerable<EpisodeReportRow> rows, NationalDataExtractSettings settings)
    {
        Guard.Against.Null(rows);
        Guard.Against.Null(settings);
        return Stream(rows, r => From(r, settings));
    }

    /// <summary>Rows for episodes read asynchronously (for example from a store), streamed.</summary>
    /// <param name="episodes">The episodes.</param>
    /// <param name="settings">The settings (<see cref="NationalDataExtractSettings.Default"/> for the shipped ones).</param>
    /// <param name="cancellationToken">Stops the enumeration.</param>
    /// <returns>One row per episode, in order.</returns>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    public static IAsyncEnumerable<EarlyHelpEpisodeRecord> FromAsync(
        IAsyncEnumerable<CafEpisode> episodes, NationalDataExtractSettings settings, CancellationToken cancellationToken)
    {
        Guard.Against.Null(episodes);
        Guard.Against.Null(settings);
        return StreamAsync(episodes, e => From(e, settings), cancellationToken);
    }

    /// <summary>Rows for report rows read asynchronously, streamed.</summary>
    /// <param name="rows">The report rows.</param>
    /// <param name="settings">The settings (<see cref="NationalDataExtractSettings.Default"/> for the shipped ones).</param>
    /// <param name="cancellationToken">Stops the enumeration.</param>
    /// <returns>One extract row per report row, in order.</returns>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    public static IAsyncEnumerable<EarlyHelpEpisodeRecord> FromAsync(
        IAsyncEnumerable<EpisodeReportRow> rows, NationalDataExtractSettings settings, CancellationToken cancellationToken)
    {
        Guard.Against.Null(rows);
        Guard.Against.Null(settings);
        return StreamAsync(rows, r => From(r, settings), cancellationToken);
    }

    private static IEnumerable<EarlyHelpEpisodeRecord> Stream<T>(IEnumerable<T> items, Func<T, EarlyHelpEpisodeRecord> map)
    {
        foreach (var item in items)
        {
            yield return map(Guard.Against.Null(item, nameof(items)));
        }
    }

    private static async IAsyncEnumerable<EarlyHelpEpisodeRecord> StreamAsync<T>(
        IAsyncEnumerable<T> items, Func<T, EarlyHelpEpisodeRecord> map, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await foreach (var item in items.WithCancellation(cancellationToken).ConfigureAwait(false))
        {
            yield return map(Guard.Against.Null(item, nameof(items)));
        }
    }

    // LAW-03 with NAT-05: the identifier in clear only where the person id is in clear.
    private static string? Nhs(NhsNumber? number, NationalDataExtractSettings settings) =>
        settings.Pseudonymiser is null ? number?.Value : null;

    private static string Person(string id, NationalDataExtractSettings settings) =>
        settings.Pseudonymiser is { } pseudonymiser ? pseudonymiser.Pseudonymise(id) : id;

    private static IEnumerable<string?> CodesOf(IEnumerable<string> indicatorIds, ThresholdFramework framework)
    {
        foreach (var id in indicatorIds)
        {
            foreach (var indicator in framework.Indicators)
            {
                if (indicator is not null && string.Equals(indicator.Id, id, StringComparison.Ordinal))
                {
                    yield return indicator.NationalCode;
                    break;
                }
            }
        }
    }

    // A read-model code: CLOSE-01..07 for canonical outcomes (ReportClosureCategories.CodeOf), or a taxonomy code.
    private static ClosureOutcome? CanonicalOf(string code, ClosureTaxonomy taxonomy)
    {
        foreach (var outcome in Enum.GetValues<ClosureOutcome>())
        {
            if (string.Equals(ClosureVocabulary.RuleIdOf(outcome), code, StringComparison.Ordinal))
            {
                return outcome;
            }
        }

        return taxonomy.TryFind(code, out var found) ? found.Canonical : null;
    }

    private static ClosureCategory ParseCategory(string? category) => category switch
    {
        ReportClosureCategories.ConsentEnded => ClosureCategory.ConsentEnded,
        ReportClosureCategories.Escalated => ClosureCategory.Escalated,
        _ => ClosureCategory.Resolved,
    };

    private static DateOnly Day(DateTimeOffset at) => DateOnly.FromDateTime(at.UtcDateTime);

    private static class DefaultFramework
    {
        internal static readonly ThresholdFramework Value = new ThresholdFrameworkLoader().LoadDefault().Framework;
    }
}
