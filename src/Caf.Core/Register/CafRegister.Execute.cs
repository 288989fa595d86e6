using System;
using System.Diagnostics;
using System.Threading;
using System.Threading.Tasks;
using Caf.Core.Diagnostics;
using Caf.Core.Lifecycle;
using Caf.Core.Primitives;

namespace Caf.Core.Register;

// ExecuteAsync's pipeline: load, command, save, retried on a conflict; counted on the Caf.Core meter and traced
// on the Caf.Core activity source (docs/operations.md).
public sealed partial class CafRegister
{
    // Refusal null and Replayed null: the command succeeded and what it did is saved. Replayed: the key was already
    // applied by the same command (the event it is stored with). Otherwise the refusal to return.
    // Counted (caf.commands, caf.command.refusals), traced (caf.execute) and logged here; the attempts in AttemptAsync.
    private async ValueTask<(Refusal? Refusal, (int Index, Events.CafEvent Event)? Replayed)> ExecuteCoreAsync(
        EpisodeId id, IdempotencyKey? key, Func<CafEpisode, Refusal?> run, CancellationToken cancellationToken)
    {
        if (id.IsDefault)
        {
            throw new ArgumentException("EpisodeId must not be default.", nameof(id));
        }

        using var activity = CafActivities.Source.StartActivity(CafTelemetry.ExecuteActivity);
        try
        {
            var (refusal, replayed, eventType) = await AttemptAsync(id, key, run, activity, cancellationToken).ConfigureAwait(false);
            Ended(activity, refusal is null && replayed is not null ? "already-applied" : OutcomeOf(refusal), eventType, refusal);
            return (refusal, replayed);
        }
        catch (Exception ex)
        {
            Threw(activity, CafTelemetry.ExecuteActivity, ex);
            throw;
        }
    }

    private const string NoEvent = "none";

    private async ValueTask<(Refusal? Refusal, (int Index, Events.CafEvent Event)? Replayed, string EventType)> AttemptAsync(
        EpisodeId id, IdempotencyKey? key, Func<CafEpisode, Refusal?> run, Activity? activity, CancellationToken cancellationToken)
    {
        for (var attempt = 0; ; attempt++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            activity?.SetTag(CafTelemetry.AttemptTag, attempt + 1);
            var episode = await LoadAsync(id, cancellationToken).ConfigureAwait(false);
            if (episode is null)
            {
                return (new Refusal(StoreCodes.NotFound, $"Episode {id} is not on the register.", "id"), null, NoEvent);
            }

            if (key is { } k)
            {
                if (episode.IndexOfKey(k) is var at and >= 0)
                {
                    var (refused, replayed) = Replay(episode, k, at, run);
                    return (refused, replayed, replayed is { } r ? r.Item2.GetType().Name : NoEvent);
                }

                episode.KeyNextEvent(k);
            }

            var version = episode.Version;
            using (var command = CafActivities.Source.StartActivity(CafTelemetry.CommandActivity))
            {
                var refused = run(episode);
                command?.SetTag(CafTelemetry.OutcomeTag, refused is null ? "ok" : "refused");
                command?.SetTag(CafTelemetry.RuleIdTag, refused?.RuleId);
                if (refused is not null)
                {
                    return (refused, null, NoEvent); // the instance is dropped: nothing it did is saved
                }
            }

            if (episode.Version == version)
            {
                return (null, null, NoEvent); // nothing to save
            }

            var eventType = episode.Events[version].GetType().Name;
            Result saved;
            FamilyJudgement family;
            using (var save = CafActivities.Source.StartActivity(CafTelemetry.SaveActivity))
            {
                // REG-03: a change to an episode in a family group re-judges the group; a link now refused ends in this save.
                family = await RejudgeFamilyAsync(episode, cancellationToken).ConfigureAwait(false);
                HoldRevocations(episode, family);
                saved = family.Leaving.Count == 0
                    ? await _repository.UpdateAsync(episode, version, cancellationToken).ConfigureAwait(false)
                    : await _repository.UpdateManyAsync([new EpisodeUpdate(episode, version), .. family.Siblings], cancellationToken).ConfigureAwait(false);
                save?.SetTag(CafTelemetry.OutcomeTag, saved.IsSuccess ? "ok" : saved.Refusal.RuleId == StoreCodes.Concurrency ? "conflict" : "refused");
                save?.SetTag(CafTelemetry.RuleIdTag, saved.IsSuccess ? null : saved.Refusal.RuleId);
            }

            if (saved.IsSuccess)
            {
                if (!episode.HoldsSharingAudit)
                {
                    episode.RecordUnsavedSharingAudit(version); // a host's store that does not hold them: the revocations, after the save
                }

                return (null, null, eventType);
            }

            if (saved.Refusal.RuleId != StoreCodes.Concurrency)
            {
                return (saved.Refusal, null, eventType);
            }

            _metrics.Conflict();
            if (attempt >= _concurrencyRetries)
            {
                RegisterLog.RetriesExhausted(_logger, CafTelemetry.ExecuteActivity, attempt + 1, eventType);
                return (new Refusal(StoreCodes.Concurrency,
                    $"Episode {id} was saved by someone else each time the command ran ({attempt + 1} times); nothing of this command was saved. Reload and try again.",
                    "version"), null, eventType);
            }

            Retrying(activity, CafTelemetry.ExecuteActivity, attempt + 1);
        }
    }

    // caf.episode.loads, caf.episode.load.duration (read from the policy's clock, only when listened to), caf.episode.load.
    private async ValueTask<CafEpisode?> LoadAsync(EpisodeId id, CancellationToken cancellationToken)
    {
        using var load = CafActivities.Source.StartActivity(CafTelemetry.LoadActivity);
        var timed = _metrics.TimesLoads;
        var started = timed ? _policy.Time.GetTimestamp() : 0;
        var episode = await _repository.GetAsync(id, cancellationToken).ConfigureAwait(false);
        _metrics.Load(episode is not null, timed ? _policy.Time.GetElapsedTime(started).TotalSeconds : null);
        load?.SetTag(CafTelemetry.LoadOutcomeTag, episode is null ? "not-found" : "found");
        return episode;
    }
}
