using System.Collections.Generic;
using System.Diagnostics;
using System.Diagnostics.Metrics;
using Caf.Core.Consent;

namespace Caf.Core.Diagnostics;

/// <summary>
/// The instruments of the <see cref="CafTelemetry.MeterName"/> meter, created from the host's <see cref="IMeterFactory"/>.
/// <see cref="None"/> records nothing (no meter): what a register or sharing service built without a factory uses.
/// </summary>
/// <remarks>Immutable: the instruments are created once; recording is thread-safe (the BCL's instruments are).</remarks>
[Annotations.Immutable]
internal sealed class CafMetrics
{
    /// <summary>Records nothing: no meter is created.</summary>
    internal static readonly CafMetrics None = new();

    private readonly Counter<long>? _commands;
    private readonly Counter<long>? _refusals;
    private readonly Counter<long>? _sharing;
    private readonly Counter<long>? _loads;
    private readonly Histogram<double>? _loadDuration;
    private readonly Counter<long>? _conflicts;
    private readonly Counter<long>? _retries;
    private readonly Counter<long>? _reportRuns;
    private readonly Histogram<double>? _reportDuration;
    private readonly Counter<long>? _reportRows;
    private readonly Counter<long>? _extractRuns;
    private readonly Histogram<double>? _extractDuration;
    private readonly Counter<long>? _extractRows;

    private CafMetrics()
    {
    }

    private CafMetrics(Meter meter)
    {
        _commands = meter.CreateCounter<long>(CafTelemetry.Commands, "{command}", "Changes through CafRegister (ExecuteAsync, registrations, family links, transfers out), by outcome and event type.");
        _refusals = meter.CreateCounter<long>(CafTelemetry.CommandRefusals, "{refusal}", "Changes through CafRegister answered with a refusal, by rule id.");
        _sharing = meter.CreateCounter<long>(CafTelemetry.SharingDecisions, "{decision}", "Sharing decisions recorded, by purpose, outcome and rule id.");
        _loads = meter.CreateCounter<long>(CafTelemetry.EpisodeLoads, "{load}", "Episodes loaded (replayed) by ExecuteAsync.");
        _loadDuration = meter.CreateHistogram<double>(CafTelemetry.EpisodeLoadDuration, "s", "How long each episode load took.");
        _conflicts = meter.CreateCounter<long>(CafTelemetry.StoreConflicts, "{conflict}", "Saves refused because someone else saved the episode first.");
        _retries = meter.CreateCounter<long>(CafTelemetry.StoreRetries, "{retry}", "Commands re-run on the reloaded episode after a conflict.");
        _reportRuns = meter.CreateCounter<long>(CafTelemetry.ReportRuns, "{run}", "Monitoring report runs, by outcome, period kind and scope.");
        _reportDuration = meter.CreateHistogram<double>(CafTelemetry.ReportDuration, "s", "How long each monitoring report run took.");
        _reportRows = meter.CreateCounter<long>(CafTelemetry.ReportRows, "{row}", "Read-model rows read by monitoring report runs.");
        _extractRuns = meter.CreateCounter<long>(CafTelemetry.ExtractRuns, "{run}", "National extract runs, by outcome and format.");
        _extractDuration = meter.CreateHistogram<double>(CafTelemetry.ExtractDuration, "s", "How long each national extract run took.");
        _extractRows = meter.CreateCounter<long>(CafTelemetry.ExtractRows, "{row}", "Rows written by national extract runs.");
    }

    /// <summary>The instruments on the factory's <see cref="CafTelemetry.MeterName"/> meter, or <see cref="None"/> without a factory.</summary>
    internal static CafMetrics Create(IMeterFactory? factory) =>
        factory is null ? None : new CafMetrics(factory.Create(new MeterOptions(CafTelemetry.MeterName)));

    /// <summary>Whether the load duration is listened to (so the clock is read only then).</summary>
    internal bool TimesLoads => _loadDuration?.Enabled == true;

    internal void Command(string outcome, string eventType, string? ruleId, string? errorType)
    {
        if (_commands?.Enabled == true)
        {
            _commands.Add(1,
                new KeyValuePair<string, object?>(CafTelemetry.OutcomeTag, outcome),
                new KeyValuePair<string, object?>(CafTelemetry.EventTypeTag, eventType),
                new KeyValuePair<string, object?>(CafTelemetry.ErrorTypeTag, errorType));
        }

        if (ruleId is not null && _refusals?.Enabled == true)
        {
            _refusals.Add(1, new KeyValuePair<string, object?>(CafTelemetry.RuleIdTag, ruleId));
        }
    }

    internal void Load(bool found, double? seconds)
    {
        var tag = new KeyValuePair<string, object?>(CafTelemetry.LoadOutcomeTag, found ? "found" : "not-found");
        if (_loads?.Enabled == true)
        {
            _loads.Add(1, tag);
        }

        if (seconds is { } s && _loadDuration?.Enabled == true)
        {
            _loadDuration.Record(s, tag);
        }
    }

    /// <summary>Whether any long-work instrument is listened to (so the clock is read only then).</summary>
    internal bool TimesRuns => _reportDuration?.Enabled == true || _extractDuration?.Enabled == true;

    /// <summary>A report run ended: counted, its rows added and its duration recorded, by outcome, period kind and scope.</summary>
    internal void ReportRun(string outcome, string period, string scope, long rows, double? seconds) =>
        Run(_reportRuns, _reportDuration, _reportRows, rows, seconds,
            new KeyValuePair<string, object?>(CafTelemetry.OutcomeTag, outcome),
            new KeyValuePair<string, object?>(CafTelemetry.ReportPeriodTag, period),
            new KeyValuePair<string, object?>(CafTelemetry.ReportScopeTag, scope));

    /// <summary>An extract run ended: counted, its rows added and its duration recorded, by outcome and format.</summary>
    internal void ExtractRun(string outcome, string format, long rows, double? seconds) =>
        Run(_extractRuns, _extractDuration, _extractRows, rows, seconds,
            new KeyValuePair<string, object?>(CafTelemetry.OutcomeTag, outcome),
            new KeyValuePair<string, object?>(CafTelemetry.ExtractFormatTag, format),
            default);

    private static void Run(Counter<long>? runs, Histogram<double>? duration, Counter<long>? rowCount, long rows, double? seconds,
        KeyValuePair<string, object?> a, KeyValuePair<string, object?> b, KeyValuePair<string, object?> c)
    {
        if (runs is null || duration is null || rowCount is null)
        {
            return;
        }

        var tags = new TagList { a, b };
        if (c.Key is not null)
        {
            tags.Add(c);
        }

        if (runs.Enabled)
        {
            runs.Add(1, in tags);
        }

        if (rowCount.Enabled)
        {
            rowCount.Add(rows, in tags);
        }

        if (seconds is { } s && duration.Enabled)
        {
            duration.Record(s, in tags);
        }
    }

    internal void Conflict() => _conflicts?.Add(1);

    internal void Retry() => _retries?.Add(1);

    internal void Sharing(SharingPurpose purpose, SharingDecision decision)
    {
        if (_sharing?.Enabled == true)
        {
            _sharing.Add(1,
                new KeyValuePair<string, object?>(CafTelemetry.SharingPurposeTag, purpose.ToString()),
                new KeyValuePair<string, object?>(CafTelemetry.SharingOutcomeTag, decision.Granted ? "granted" : "refused"),
                new KeyValuePair<string, object?>(CafTelemetry.RuleIdTag, decision.RuleId));
        }
    }
}
