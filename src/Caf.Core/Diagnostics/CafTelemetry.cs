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

    /// <summary>
    /// Counter (<c>{command}</c>): changes through <c>CafRegister</c> (<c>ExecuteAsync</c>, the registrations
    /// <c>IdentifyConcernAsync</c> and <c>RegisterStepDownAsync</c>, <c>LinkFamilyAsync</c>, <c>TransferOutAsync</c>), by
    /// <see cref="OutcomeTag"/> and <see cref="EventTypeTag"/>.
    /// </summary>
    public const string Commands = "caf.commands";

    /// <summary>Counter (<c>{refusal}</c>): changes of <see cref="Commands"/> answered with a refusal, by <see cref="RuleIdTag"/>.</summary>
    public const string CommandRefusals = "caf.command.refusals";

    /// <summary>Counter (<c>{decision}</c>): sharing decisions recorded by the sharing service, by <see cref="SharingPurposeTag"/>, <see cref="SharingOutcomeTag"/> and <see cref="RuleIdTag"/>.</summary>
    public const string SharingDecisions = "caf.sharing.decisions";

    /// <summary>Counter (<c>{load}</c>): episodes loaded (replayed from their history) by <c>ExecuteAsync</c>, by <see cref="LoadOutcomeTag"/>.</summary>
    public const string EpisodeLoads = "caf.episode.loads";

    /// <summary>Histogram (<c>s</c>): how long each load of <see cref="EpisodeLoads"/> took, by <see cref="LoadOutcomeTag"/>.</summary>
    public const string EpisodeLoadDuration = "caf.episode.load.duration";

    /// <summary>Counter (<c>{conflict}</c>): saves in <c>ExecuteAsync</c>, or adds of a registration (REG-01), refused because someone else saved first.</summary>
    public const string StoreConflicts = "caf.store.conflicts";

    /// <summary>Counter (<c>{retry}</c>): commands re-run by <c>ExecuteAsync</c> on the reloaded episode after a conflict, or registrations looked up again.</summary>
    public const string StoreRetries = "caf.store.retries";

    /// <summary>Activity: one <c>CafRegister.ExecuteAsync</c> call (load, command, save, retried on a conflict).</summary>
    public const string ExecuteActivity = "caf.execute";

    /// <summary>
    /// Activity: one registration (<c>CafRegister.IdentifyConcernAsync</c> or <c>RegisterStepDownAsync</c>); children
    /// <see cref="CommandActivity"/> and <see cref="SaveActivity"/>, a <see cref="RetryEvent"/> when another registration
    /// for the child won the race (REG-01). Tagged as <see cref="ExecuteActivity"/>; <see cref="OutcomeTag"/> is
    /// <c>contribute</c> when the child already had an open episode.
    /// </summary>
    public const string RegistrationActivity = "caf.registration";

    /// <summary>Activity: one <c>CafRegister.LinkFamilyAsync</c> (REG-03), with a <see cref="SaveActivity"/> child; tagged as <see cref="ExecuteActivity"/>.</summary>
    public const string FamilyLinkActivity = "caf.family.link";

    /// <summary>Activity: one <c>CafRegister.TransferOutAsync</c> (RET-02), with a <see cref="SaveActivity"/> child; tagged as <see cref="ExecuteActivity"/>.</summary>
    public const string TransferOutActivity = "caf.transfer.out";

    /// <summary>
    /// Counter (<c>{run}</c>): monitoring report runs (<c>CafLongWork.RunReport</c>/<c>RunReportAsync</c>), by
    /// <see cref="OutcomeTag"/> (<c>ok</c>, <c>cancelled</c>, <c>error</c>), <see cref="ReportPeriodTag"/> and <see cref="ReportScopeTag"/>.
    /// </summary>
    public const string ReportRuns = "caf.report.runs";

    /// <summary>Histogram (<c>s</c>): how long each run of <see cref="ReportRuns"/> took (the host's <see cref="System.TimeProvider"/>), same tags.</summary>
    public const string ReportDuration = "caf.report.duration";

    /// <summary>Counter (<c>{row}</c>): read-model rows read by the runs of <see cref="ReportRuns"/>, same tags.</summary>
    public const string ReportRows = "caf.report.rows";

    /// <summary>Counter (<c>{run}</c>): national extract runs (<c>CafLongWork.WriteExtractCsv</c>/<c>WriteExtractCsvAsync</c>), by <see cref="OutcomeTag"/> and <see cref="ExtractFormatTag"/>.</summary>
    public const string ExtractRuns = "caf.extract.runs";

    /// <summary>Histogram (<c>s</c>): how long each run of <see cref="ExtractRuns"/> took, same tags.</summary>
    public const string ExtractDuration = "caf.extract.duration";

    /// <summary>Counter (<c>{row}</c>): extract rows written by the runs of <see cref="ExtractRuns"/>, same tags.</summary>
    public const string ExtractRows = "caf.extract.rows";

    /// <summary>Activity: one monitoring report run over the read model (<c>CafReportBuilder.Run</c>/<c>RunAsync</c> with progress, or <c>CafLongWork</c>); tags <see cref="OutcomeTag"/>, <see cref="ReportPeriodTag"/>, <see cref="ReportScopeTag"/>, <see cref="RowsTag"/>.</summary>
    public const string ReportActivity = "caf.report.build";

    /// <summary>Activity: one national extract written (<c>EarlyHelpCsv.Write</c>/<c>WriteAsync</c> with progress, or <c>CafLongWork</c>); tags <see cref="OutcomeTag"/>, <see cref="ExtractFormatTag"/>, <see cref="RowsTag"/>.</summary>
    public const string ExtractActivity = "caf.extract.build";

    /// <summary>Activity: one run of a store verifier (<c>IEpisodeStoreVerifier.VerifyAsync</c>); tags <see cref="OutcomeTag"/>, <see cref="RowsTag"/> (episodes checked), <see cref="ProblemsTag"/>.</summary>
    public const string VerifyActivity = "caf.store.verify";

    /// <summary>Activity: one policy what-if comparison (<c>PolicyWhatIf.Compare</c>); tags <see cref="OutcomeTag"/> (<c>ok</c>, <c>cancelled</c>, <c>error</c>), <see cref="RowsTag"/> (episodes compared).</summary>
    public const string WhatIfActivity = "caf.whatif.compare";

    /// <summary>Activity, a child of <see cref="ExecuteActivity"/>: one load of the episode.</summary>
    public const string LoadActivity = "caf.episode.load";

    /// <summary>Activity, a child of <see cref="ExecuteActivity"/>: one run of the command on the loaded episode.</summary>
    public const string CommandActivity = "caf.command";

    /// <summary>Activity, a child of <see cref="ExecuteActivity"/>: one save of what the command recorded.</summary>
    public const string SaveActivity = "caf.episode.save";

    /// <summary>Event on <see cref="ExecuteActivity"/>: a conflict, the command is run again (tag <see cref="AttemptTag"/>).</summary>
    public const string RetryEvent = "caf.retry";

    /// <summary>
    /// Tag: <c>ok</c>, <c>refused</c>, <c>conflict</c>, <c>already-applied</c>, <c>contribute</c> (a registration for a child
    /// with an open episode) or <c>error</c> (an exception reached the caller); for long work <c>ok</c>, <c>cancelled</c> or <c>error</c>.
    /// </summary>
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

    /// <summary>Tag: a report's period kind (<c>Month</c>, <c>Quarter</c>, <c>Year</c>).</summary>
    public const string ReportPeriodTag = "caf.report.period";

    /// <summary>Tag: <c>all</c>, or <c>agency</c> for a report for one agency (the agency itself is never a tag).</summary>
    public const string ReportScopeTag = "caf.report.scope";

    /// <summary>Tag: an extract's format (<c>csv</c>).</summary>
    public const string ExtractFormatTag = "caf.extract.format";

    /// <summary>Tag on a long-work activity: how many rows (or episodes) it read, a number.</summary>
    public const string RowsTag = "caf.rows";

    /// <summary>Tag on <see cref="VerifyActivity"/>: how many episodes have a problem, a number.</summary>
    public const string ProblemsTag = "caf.problems";

    /// <summary>Tag on an <c>error</c> outcome: the exception's type name (OpenTelemetry's <c>error.type</c>).</summary>
    public const string ErrorTypeTag = "error.type";
}
