namespace Caf.Core.Diagnostics;

/// <summary>
/// The names Caf.Core publishes its metrics and traces under (docs/operations.md): the meter and activity source
/// <see cref="MeterName"/> / <see cref="ActivitySourceName"/>, each instrument, activity, event and tag. Subscribe
/// with OpenTelemetry's <c>AddMeter(CafTelemetry.MeterName)</c> and <c>AddSource(CafTelemetry.ActivitySourceName)</c>,
/// or a <c>MeterListener</c> / <c>ActivityListener</c>.
/// </summary>
/// <remarks>Tags are low-cardinality: never a child, episode or practitioner id, nor free text.</remarks>
public static class CafTelemetry
{
    /// <summary>The meter's name: <c>Caf.Core</c>.</summary>
    public const string MeterName = "Caf.Core";

    /// <summary>The activity source's name: <c>Caf.Core</c>.</summary>
    public const string ActivitySourceName = "Caf.Core";

    /// <summary>Counter (<c>{command}</c>): commands run through <c>CafRegister.ExecuteAsync</c>, by <see cref="OutcomeTag"/> and <see cref="EventTypeTag"/>.</summary>
    public const string Commands = "caf.commands";

    /// <summary>Counter (<c>{refusal}</c>): commands through <c>ExecuteAsync</c> answered with a refusal, by <see cref="RuleIdTag"/>.</summary>
    public const string CommandRefusals = "caf.command.refusals";

    /// <summary>Counter (<c>{decision}</c>): sharing decisions recorded by the sharing service, by <see cref="SharingPurposeTag"/>, <see cref="SharingOutcomeTag"/> and <see cref="RuleIdTag"/>.</summary>
    public const string SharingDecisions = "caf.sharing.decisions";

    /// <summary>Counter (<c>{load}</c>): episodes loaded (replayed from their history) by <c>ExecuteAsync</c>, by <see cref="LoadOutcomeTag"/>.</summary>
    public const string EpisodeLoads = "caf.episode.loads";

    /// <summary>Histogram (<c>s</c>): how long each load of <see cref="EpisodeLoads"/> took, by <see cref="LoadOutcomeTag"/>.</summary>
    public const string EpisodeLoadDuration = "caf.episode.load.duration";

    /// <summary>Counter (<c>{conflict}</c>): saves in <c>ExecuteAsync</c> refused because someone else saved the episode first.</summary>
    public const string StoreConflicts = "caf.store.conflicts";

    /// <summary>Counter (<c>{retry}</c>): commands re-run by <c>ExecuteAsync</c> on the reloaded episode after a conflict.</summary>
    public const string StoreRetries = "caf.store.retries";

    /// <summary>Activity: one <c>CafRegister.ExecuteAsync</c> call (load, command, save, retried on a conflict).</summary>
    public const string ExecuteActivity = "caf.execute";

    /// <summary>Activity, a child of <see cref="ExecuteActivity"/>: one load of the episode.</summary>
    public const string LoadActivity = "caf.episode.load";

    /// <summary>Activity, a child of <see cref="ExecuteActivity"/>: one run of the command on the loaded episode.</summary>
    public const string CommandActivity = "caf.command";

    /// <summary>Activity, a child of <see cref="ExecuteActivity"/>: one save of what the command recorded.</summary>
    public const string SaveActivity = "caf.episode.save";

    /// <summary>Event on <see cref="ExecuteActivity"/>: a conflict, the command is run again (tag <see cref="AttemptTag"/>).</summary>
    public const string RetryEvent = "caf.retry";

    /// <summary>Tag: <c>ok</c>, <c>refused</c>, <c>conflict</c>, <c>already-applied</c> or <c>error</c> (an exception reached the caller).</summary>
    public const string OutcomeTag = "caf.outcome";

    /// <summary>Tag: the type of the first event the command recorded (e.g. <c>ConsentRecorded</c>), or <c>none</c>.</summary>
    public const string EventTypeTag = "caf.event.type";

    /// <summary>Tag: the rule id of a refusal or a sharing decision (e.g. <c>LIFE-05</c>, <c>STORE-CONCURRENCY</c>).</summary>
    public const string RuleIdTag = "caf.rule.id";

    /// <summary>Tag: the sharing purpose (e.g. <c>Assessment</c>, <c>RegisterCheck</c>).</summary>
    public const string SharingPurposeTag = "caf.sharing.purpose";

    /// <summary>Tag: <c>granted</c> or <c>refused</c>.</summary>
    public const string SharingOutcomeTag = "caf.sharing.outcome";

    /// <summary>Tag: <c>found</c> or <c>not-found</c>.</summary>
    public const string LoadOutcomeTag = "caf.load.outcome";

    /// <summary>Tag: the attempt number (1 for the first run) on <see cref="RetryEvent"/> and the count of attempts on <see cref="ExecuteActivity"/>.</summary>
    public const string AttemptTag = "caf.attempt";

    /// <summary>Tag on an <c>error</c> outcome: the exception's type name (OpenTelemetry's <c>error.type</c>).</summary>
    public const string ErrorTypeTag = "error.type";
}
