namespace Caf.Core.EntityFrameworkCore;

/// <summary>
/// The names the EF Core store and its outbox publish metrics and traces under (docs/operations.md "The EF Core store"):
/// the meter <see cref="MeterName"/> and activity source <see cref="ActivitySourceName"/> (both
/// <c>Caf.Core.EntityFrameworkCore</c>, separate from Caf.Core's <c>Caf.Core</c> so a host can subscribe to either), each
/// instrument, activity and tag. Subscribe with OpenTelemetry's <c>AddMeter(CafStoreTelemetry.MeterName)</c> and
/// <c>AddSource(CafStoreTelemetry.ActivitySourceName)</c>, or a <c>MeterListener</c> / <c>ActivityListener</c>.
/// </summary>
/// <remarks>Tags are low-cardinality: never a child, episode, practitioner or agency id, an idempotency key, a claim id,
/// nor free text. Every instrument and activity carries <see cref="AuthorityTag"/>, the local authority's id (an
/// organisation, not a person).</remarks>
public static class CafStoreTelemetry
{
    /// <summary>The meter's name: <c>Caf.Core.EntityFrameworkCore</c>.</summary>
    public const string MeterName = "Caf.Core.EntityFrameworkCore";

    /// <summary>The activity source's name: <c>Caf.Core.EntityFrameworkCore</c>.</summary>
    public const string ActivitySourceName = "Caf.Core.EntityFrameworkCore";

    /// <summary>Counter (<c>{save}</c>): saves (<c>AddAsync</c>, <c>UpdateAsync</c>, <c>UpdateManyAsync</c>), by <see cref="OutcomeTag"/>, <see cref="OperationTag"/> and <see cref="RuleIdTag"/>.</summary>
    public const string Saves = "caf.store.saves";

    /// <summary>Histogram (<c>s</c>): how long each save of <see cref="Saves"/> took (refusals classified included), same tags.</summary>
    public const string SaveDuration = "caf.store.save.duration";

    /// <summary>Observable gauge (<c>{event}</c>): outbox events not yet delivered and not dead-lettered (what <c>CountPendingAsync</c> counts).</summary>
    public const string OutboxPending = "caf.outbox.pending";

    /// <summary>Observable gauge (<c>{event}</c>): outbox events dead-lettered and waiting for an operator.</summary>
    public const string OutboxDeadLetters = "caf.outbox.dead_letters";

    /// <summary>Observable gauge (<c>s</c>): the age of the oldest undelivered outbox event (dead letters included, as the
    /// outbox health check); 0 when none waits.</summary>
    public const string OutboxOldestPendingAge = "caf.outbox.oldest_pending.age";

    /// <summary>Counter (<c>{event}</c>): outbox events published and marked delivered, by <see cref="EventTypeTag"/>.</summary>
    public const string OutboxDelivered = "caf.outbox.delivered";

    /// <summary>Counter (<c>{event}</c>): publishes that threw, by <see cref="EventTypeTag"/> and <see cref="ErrorTypeTag"/> (dead-lettered ones included).</summary>
    public const string OutboxFailed = "caf.outbox.failed";

    /// <summary>Counter (<c>{event}</c>): events dead-lettered after <see cref="CafOutboxOptions.MaxAttempts"/> failed publishes, by <see cref="EventTypeTag"/> and <see cref="ErrorTypeTag"/>.</summary>
    public const string OutboxDeadLettered = "caf.outbox.dead_lettered";

    /// <summary>Counter (<c>{row}</c>): delivered outbox rows removed after <see cref="CafOutboxOptions.DeliveredRetention"/>.</summary>
    public const string OutboxPurged = "caf.outbox.purged";

    /// <summary>Activity: one load of an episode from the database (a child of Caf.Core's <c>caf.episode.load</c> under <c>ExecuteAsync</c>); the provider's spans (Npgsql) nest under it.</summary>
    public const string LoadActivity = "caf.store.load";

    /// <summary>Activity: one save (a child of Caf.Core's <c>caf.episode.save</c> under <c>ExecuteAsync</c>); the provider's spans nest under it.</summary>
    public const string SaveActivity = "caf.store.save";

    /// <summary>Activity: one outbox dispatch (claim, publish each claimed event, release), tag <see cref="OutboxCountTag"/>.</summary>
    public const string DispatchActivity = "caf.outbox.dispatch";

    /// <summary>Activity, a child of <see cref="DispatchActivity"/>: one publish to the host's publisher (whose own spans nest under it).</summary>
    public const string PublishActivity = "caf.outbox.publish";

    /// <summary>Tag: <c>ok</c>, <c>conflict</c>, <c>refused</c>, <c>integrity</c> (the stored episode failed its checks) or <c>error</c> (another exception); on a load <c>found</c>, <c>not-found</c>, <c>integrity</c> or <c>error</c>; on a publish <c>delivered</c>, <c>failed</c>, <c>dead-lettered</c> or <c>lease-lost</c>.</summary>
    public const string OutcomeTag = "caf.outcome";

    /// <summary>Tag: <c>add</c> or <c>update</c> (one episode or several in one transaction).</summary>
    public const string OperationTag = "caf.store.operation";

    /// <summary>Tag: the rule id of a refused or conflicted save (e.g. <c>REG-01</c>, <c>STORE-CONCURRENCY</c>).</summary>
    public const string RuleIdTag = "caf.rule.id";

    /// <summary>Tag on <see cref="SaveActivity"/>: how many episodes the save writes.</summary>
    public const string EpisodeCountTag = "caf.store.episodes";

    /// <summary>Tag on a load or save that failed its integrity checks: the <c>EpisodeIntegrityProblem</c> (e.g. <c>EventAltered</c>).</summary>
    public const string IntegrityProblemTag = "caf.integrity.problem";

    /// <summary>Tag: the outbox event's stable JSON type (e.g. <c>consent-recorded</c>).</summary>
    public const string EventTypeTag = "caf.event.type";

    /// <summary>Tag on <see cref="DispatchActivity"/>: events claimed by the dispatch.</summary>
    public const string OutboxCountTag = "caf.outbox.count";

    /// <summary>Tag on <see cref="DispatchActivity"/>: events delivered by the dispatch.</summary>
    public const string OutboxDeliveredTag = "caf.outbox.delivered";

    /// <summary>Tag on <see cref="PublishActivity"/>: the delivery attempt (1 the first time).</summary>
    public const string AttemptTag = "caf.attempt";

    /// <summary>Tag on every instrument and activity of the store and its outbox (issue 29): the authority whose store or
    /// outbox it is, its <c>AuthorityId.Value</c> (lower case; <c>default</c> in a single-authority host). An organisation's
    /// id, never a person's.</summary>
    public const string AuthorityTag = "caf.authority";

    /// <summary>Tag: the exception's type name (OpenTelemetry's <c>error.type</c>).</summary>
    public const string ErrorTypeTag = "error.type";
}
