using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Caf.Core.Diagnostics;
using Caf.Core.Lifecycle;
using Caf.Core.Primitives;

namespace Caf.Core.Register;

// Every change through the register is counted (caf.commands, caf.command.refusals), traced and logged
// (CafRegisterLogEvents): ExecuteAsync in CafRegister.Execute.cs; registrations, family links and transfers out here.
public sealed partial class CafRegister
{
    // What an observed change answered: the caller's answer, its outcome tag, the type of the first event it recorded
    // (or "none") and its refusal.
    private readonly record struct Observed<T>(T Answer, string Outcome, string EventType, Refusal? Refusal);

    // One change under its span (operation): counted, tagged and logged when it ends, or when it throws.
    private async ValueTask<T> ObserveAsync<T>(string operation, Func<Activity?, ValueTask<Observed<T>>> change)
    {
        using var activity = CafActivities.Source.StartActivity(operation);
        try
        {
            var done = await change(activity).ConfigureAwait(false);
            Ended(activity, done.Outcome, done.EventType, done.Refusal);
            return done.Answer;
        }
        catch (Exception ex)
        {
            Threw(activity, operation, ex);
            throw;
        }
    }

    private static string OutcomeOf(Refusal? refusal) =>
        refusal is null ? "ok" : refusal.RuleId == StoreCodes.Concurrency ? "conflict" : "refused";

    private static Observed<Result> Refused(Result refused) => new(refused, OutcomeOf(refused.Refusal), NoEvent, refused.Refusal);

    // The save of a family link or a transfer out, under its caf.episode.save span; recorded: the first event saved.
    private static async ValueTask<Observed<Result>> SaveAsync(Events.CafEvent recorded, Func<ValueTask<Result>> save)
    {
        Result saved;
        using (var span = CafActivities.Source.StartActivity(CafTelemetry.SaveActivity))
        {
            saved = await save().ConfigureAwait(false);
            span?.SetTag(CafTelemetry.OutcomeTag, OutcomeOf(saved.IsSuccess ? null : saved.Refusal));
            span?.SetTag(CafTelemetry.RuleIdTag, saved.IsSuccess ? null : saved.Refusal.RuleId);
        }

        var refusal = saved.IsSuccess ? null : saved.Refusal;
        return new(saved, OutcomeOf(refusal), recorded.GetType().Name, refusal);
    }

    // A change ended with an answer: counted, logged if refused (rule id only), and its span tagged.
    private void Ended(Activity? activity, string outcome, string eventType, Refusal? refusal)
    {
        _metrics.Command(outcome, eventType, refusal?.RuleId, null);
        if (refusal is not null)
        {
            RegisterLog.Refused(_logger, refusal.RuleId);
        }

        if (activity is not null)
        {
            activity.SetTag(CafTelemetry.OutcomeTag, outcome);
            activity.SetTag(CafTelemetry.EventTypeTag, eventType);
            activity.SetTag(CafTelemetry.RuleIdTag, refusal?.RuleId);
        }
    }

    // An exception reached the caller: counted as an error, logged (not a cancellation), and its span marked.
    private void Threw(Activity? activity, string operation, Exception exception)
    {
        var type = exception.GetType().Name;
        _metrics.Command("error", NoEvent, null, type);
        if (exception is not OperationCanceledException)
        {
            RegisterLog.Failed(_logger, exception, operation, type);
        }

        activity?.SetTag(CafTelemetry.OutcomeTag, "error");
        activity?.SetTag(CafTelemetry.ErrorTypeTag, type);
        activity?.SetStatus(ActivityStatusCode.Error);
    }

    // A conflict that runs the command again: counted, logged, and an event on the span (the next attempt's number).
    private void Retrying(Activity? activity, string operation, int attempt)
    {
        _metrics.Retry();
        RegisterLog.ConflictRetried(_logger, operation, attempt);
        activity?.AddEvent(new ActivityEvent(CafTelemetry.RetryEvent, tags: new ActivityTagsCollection { [CafTelemetry.AttemptTag] = attempt + 1 }));
    }

    // LIFE-01..03, REG-01: the registration's attempts (see OpenAsync).
    private async ValueTask<Observed<Registration>> OpenCoreAsync(
        ChildDetails child, Actor by, Func<IEnumerable<EpisodeId>, CafEpisode> create, Func<Refusal?>? rules, Activity? activity, CancellationToken cancellationToken)
    {
        // If another registration for the same child wins the race between our check and our add, the store
        // refuses ours (REG-01) and the next look finds theirs to contribute to. Bounded: a register that keeps
        // changing under us is a refusal, not an exception.
        var eventType = NoEvent;
        for (var attempt = 1; attempt <= MaxRegistrationAttempts; attempt++)
        {
            activity?.SetTag(CafTelemetry.AttemptTag, attempt);
            var history = await HistoryOfAsync(child.Id, cancellationToken).ConfigureAwait(false);
            if (history.FirstOrDefault(s => s.IsOpen) is { } open)
            {
                return new(Registration.Contribute(await AnswerAsync(open, by, cancellationToken).ConfigureAwait(false)), "contribute", NoEvent, null);
            }

            // The state first (an open episode is contributed to), then the command's own rules: a refusal is a value.
            if (rules?.Invoke() is { } refused)
            {
                return new(Registration.Refused(refused), "refused", NoEvent, refused);
            }

            CafEpisode episode;
            using (var command = CafActivities.Source.StartActivity(CafTelemetry.CommandActivity))
            {
                episode = create(history.Select(s => s.Id));
                command?.SetTag(CafTelemetry.OutcomeTag, "ok");
            }

            eventType = episode.Events[0].GetType().Name;
            Result added;
            using (var save = CafActivities.Source.StartActivity(CafTelemetry.SaveActivity))
            {
                AuthorityScope.ThrowIfOtherAuthority(episode, Authority);
                added = await _repository.AddAsync(episode, cancellationToken).ConfigureAwait(false);
                save?.SetTag(CafTelemetry.OutcomeTag, added.IsSuccess ? "ok" : added.Refusal.RuleId == "REG-01" ? "conflict" : "refused");
                save?.SetTag(CafTelemetry.RuleIdTag, added.IsSuccess ? null : added.Refusal.RuleId);
            }

            if (added.IsSuccess)
            {
                return new(Registration.NewEpisode(episode), "ok", eventType, null);
            }

            if (added.Refusal.RuleId != "REG-01")
            {
                added.ThrowIfRefused(); // e.g. a duplicate episode id: the caller's mistake
            }

            _metrics.Conflict();
            if (attempt < MaxRegistrationAttempts)
            {
                Retrying(activity, CafTelemetry.RegistrationActivity, attempt);
            }
        }

        RegisterLog.RetriesExhausted(_logger, CafTelemetry.RegistrationActivity, MaxRegistrationAttempts, eventType);
        var refusal = new Refusal(StoreCodes.Concurrency,
            $"REG-01: the register changed {MaxRegistrationAttempts} times while registering this child; nothing was stored. Try again.", "child");
        return new(Registration.Refused(refusal), "conflict", eventType, refusal);
    }
}
