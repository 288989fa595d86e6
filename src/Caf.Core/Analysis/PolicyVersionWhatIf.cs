using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Globalization;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Ardalis.GuardClauses;
using Ardalis.Specification;
using Caf.Core.Annotations;
using Caf.Core.Consent;
using Caf.Core.Lifecycle;
using Caf.Core.Planning;
using Caf.Core.Policy;
using Caf.Core.Primitives;
using Caf.Core.Register;
using Caf.Core.Register.Specifications;

namespace Caf.Core.Analysis;

/// <summary>
/// Before a policy version is adopted: which open episodes it changes, and how. Each open episode's stored history
/// is read under the current versions and under the versions with the candidate added, both as of the candidate's
/// first day (or now, if later), and every answer a practitioner sees is compared: what may happen next (each
/// action permitted or refused, with the rule), the assessment's due date and whether it is overdue, the next
/// review's due date, whether the consent recorded suffices to start an assessment and to share at a panel, whether a
/// reassessment is required and whether the next insufficient review would require one (REV-03). Analysis only:
/// nothing is recorded and no audit log is written (docs/policy-versions.md).
/// </summary>
public static class PolicyVersionWhatIf
{
    /// <summary>The answer text of a permitted action.</summary>
    public const string Permitted = "permitted";

    /// <summary>Compares the open episodes under the policy's versions with and without the candidate.</summary>
    /// <param name="policy">The host's policy (its versions and clock).</param>
    /// <param name="candidate">The candidate version, dated after every registered version, with a new id.</param>
    /// <param name="episodes">The episodes (closed and transferred ones are skipped).</param>
    /// <returns>The report.</returns>
    /// <exception cref="ArgumentException">An argument or an episode is null, an episode appears twice, or the candidate reuses an id or is not dated after the latest version.</exception>
    public static PolicyVersionReport Compare(EpisodePolicy policy, PolicyVersion candidate, IEnumerable<CafEpisode> episodes)
    {
        Guard.Against.Null(policy);
        Guard.Against.Null(candidate);
        Guard.Against.Null(episodes);
        var withCandidate = policy.History.With(candidate);
        var first = new DateTimeOffset(candidate.EffectiveFrom.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
        var now = policy.Time.GetUtcNow();
        var asOf = now > first ? now : first;
        var clock = new FixedClock(asOf);
        var sharing = new EvaluatingSharingService(new ConsentPolicy(policy.History.Versions[0].Options.Consent));
        var before = new EpisodePolicy(policy.History, clock, sharing);
        var after = new EpisodePolicy(withCandidate, clock, sharing);

        var seen = new HashSet<EpisodeId>();
        var changed = new List<PolicyVersionImpact>();
        var open = 0;
        foreach (var episode in episodes)
        {
            if (episode is null)
            {
                throw new ArgumentException("An episode is null.", nameof(episodes));
            }

            if (!seen.Add(episode.Id))
            {
                throw new ArgumentException($"Episode {episode.Id} appears twice.", nameof(episodes));
            }

            if (!episode.IsOpen)
            {
                continue;
            }

            open++;
            var changes = Changes(before, after, episode);
            if (!changes.IsEmpty)
            {
                changed.Add(new PolicyVersionImpact(episode.Id, episode.State, changes));
            }
        }

        return new PolicyVersionReport(
            policy.History.Latest.Id, candidate.Id, asOf, open, [.. changed.OrderBy(c => c.Episode)]);
    }

    /// <summary>As <see cref="Compare"/>, over every open episode of a store.</summary>
    /// <param name="policy">The host's policy.</param>
    /// <param name="candidate">The candidate version.</param>
    /// <param name="repository">The episode store.</param>
    /// <param name="cancellationToken">Cancels the reads.</param>
    /// <returns>The report.</returns>
    /// <exception cref="ArgumentException">As <see cref="Compare"/>.</exception>
    public static async ValueTask<PolicyVersionReport> CompareAsync(
        EpisodePolicy policy, PolicyVersion candidate, IEpisodeRepository repository, CancellationToken cancellationToken = default)
    {
        Guard.Against.Null(policy);
        Guard.Against.Null(candidate);
        Guard.Against.Null(repository);
        var summaries = await repository.ListAsync(new OpenEpisodesSpec(), cancellationToken).ConfigureAwait(false);
        var episodes = new List<CafEpisode>(summaries.Count);
        foreach (var summary in summaries)
        {
            if (await repository.GetAsync(summary.Id, cancellationToken).ConfigureAwait(false) is { } episode)
            {
                episodes.Add(episode);
            }
        }

        return Compare(policy, candidate, episodes);
    }

    private static ImmutableArray<PolicyVersionChange> Changes(EpisodePolicy before, EpisodePolicy after, CafEpisode episode)
    {
        var changes = ImmutableArray.CreateBuilder<PolicyVersionChange>();
        var a = Read(before, episode, out var aProblem);
        var b = Read(after, episode, out var bProblem);
        if (a is null || b is null)
        {
            Add(changes, PolicyVersionQuestion.HistoryReads, null, aProblem ?? "reads", bProblem ?? "reads");
            return changes.ToImmutable();
        }

        var aActions = a.GetAvailableActions();
        var bActions = b.GetAvailableActions();
        for (var i = 0; i < aActions.Length; i++)
        {
            Add(changes, PolicyVersionQuestion.ActionPermitted, aActions[i].Action, Answer(aActions[i]), Answer(bActions[i]));
        }

        Add(changes, PolicyVersionQuestion.AssessmentDueBy, null, Day(a.AssessmentDueBy), Day(b.AssessmentDueBy));
        Add(changes, PolicyVersionQuestion.AssessmentOverdue, null, YesNo(a.IsAssessmentOverdue), YesNo(b.IsAssessmentOverdue));
        Add(changes, PolicyVersionQuestion.NextReviewDue, null, Day(a.NextReviewDue), Day(b.NextReviewDue));
        Add(changes, PolicyVersionQuestion.ConsentSufficientToStart, null, Consent(a.ConsentEvaluation, panel: false), Consent(b.ConsentEvaluation, panel: false));
        Add(changes, PolicyVersionQuestion.ConsentSufficientForPanel, null, Consent(a.ConsentEvaluation, panel: true), Consent(b.ConsentEvaluation, panel: true));
        Add(changes, PolicyVersionQuestion.ReassessmentRequired, null, YesNo(a.IsReassessmentRequired), YesNo(b.IsReassessmentRequired));
        Add(changes, PolicyVersionQuestion.NextInsufficientReviewRequiresReassessment, null, NextReview(before, a), NextReview(after, b));
        return changes.ToImmutable();
    }

    private static CafEpisode? Read(EpisodePolicy policy, CafEpisode episode, out string? problem)
    {
        try
        {
            problem = null;
            return CafEpisode.Rebuild(policy, episode.Events);
        }
        catch (ArgumentException ex)
        {
            problem = "refused: " + ex.Message;
            return null;
        }
    }

    private static void Add(ImmutableArray<PolicyVersionChange>.Builder changes, PolicyVersionQuestion question, EpisodeAction? action, string current, string candidate)
    {
        if (!string.Equals(current, candidate, StringComparison.Ordinal))
        {
            changes.Add(new PolicyVersionChange(question, action, current, candidate));
        }
    }

    private static string Answer(ActionAvailability availability) =>
        availability.Refusal is { } r ? $"refused [{r.RuleId}] {r.Message}" : Permitted;

    private static string Consent(ConsentEvaluation evaluation, bool panel) => panel
        ? evaluation.SufficientToShareAtPanel ? "sufficient" : $"not sufficient [{evaluation.PanelRefusal?.RuleId ?? "CONS-04"}] {evaluation.PanelRefusal?.Message}"
        : evaluation.SufficientToStartAssessment ? "sufficient" : $"not sufficient [{evaluation.Refusal?.RuleId ?? evaluation.DecidingRule}] {evaluation.Refusal?.Message}";

    // REV-03: the rule applied to the reviews of the current plan plus one more finding insufficient progress.
    private static string NextReview(EpisodePolicy policy, CafEpisode episode)
    {
        if (episode.State != EpisodeState.PlanActive || episode.IsReassessmentRequired)
        {
            return "not applicable";
        }

        var progress = episode.ReviewsCountedForReassessment.Append(ReviewProgress.Insufficient).ToArray();
        return YesNo(ReassessmentRule.IsRequired(progress, policy.InsufficientProgressReviewLimit, policy.CountConsecutiveInsufficientReviewsOnly));
    }

    private static string Day(DateTimeOffset? at) => at is { } t ? t.UtcDateTime.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) : "none";

    private static string Day(DateOnly? day) => day is { } d ? d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) : "none";

    private static string YesNo(bool value) => value ? "yes" : "no";

    /// <summary>A clock that always reads one time: the moment the what-if compares.</summary>
    [Immutable]
    private sealed class FixedClock(DateTimeOffset at) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => at;
    }

    /// <summary>Every open episode (criteria only, so any store translates it).</summary>
    [Mutable]
    private sealed class OpenEpisodesSpec : EpisodeSummarySpecification
    {
        public OpenEpisodesSpec() => Query.Where(s => s.IsOpen).OrderBy(s => s.Id);
    }
}
