using System;
using System.Diagnostics;
using System.Threading;
using Caf.Core.Reporting;

namespace Caf.Core.Diagnostics;

/// <summary>
/// Counts the rows of one long run, checks its cancellation before each row and reports <see cref="CafProgress"/> every
/// <see cref="CafProgress.Interval"/> rows and at the end. A mutable struct: keep it in one local and call it in place.
/// </summary>
internal struct ProgressCounter(IProgress<CafProgress>? progress, long? total, string stage, CancellationToken cancellationToken)
{
    private long _reported = -1;

    /// <summary>Rows counted so far.</summary>
    internal long Done { get; private set; }

    /// <summary>Before a row: throws <see cref="OperationCanceledException"/> if cancelled.</summary>
    internal readonly void Next() => cancellationToken.ThrowIfCancellationRequested();

    /// <summary>After a row: counts it, and reports every <see cref="CafProgress.Interval"/> rows.</summary>
    internal void Counted()
    {
        Done++;
        if (progress is not null && Done % CafProgress.Interval == 0)
        {
            _reported = Done;
            progress.Report(new CafProgress(Done, total, stage));
        }
    }

    /// <summary>At the end: throws if cancelled (nothing partial is returned), else reports Done of Done (unless just reported so).</summary>
    internal void Finish()
    {
        cancellationToken.ThrowIfCancellationRequested();
        if (progress is not null && (_reported != Done || total != Done))
        {
            _reported = Done;
            progress.Report(new CafProgress(Done, Done, stage));
        }
    }
}

/// <summary>
/// The metrics and clock long work records with: <see cref="Traced"/> for the static entry points (traces only, the
/// activity source is static), a host's instruments and clock for <see cref="CafLongWork"/>.
/// </summary>
[Annotations.Immutable]
internal sealed class LongWorkTelemetry(CafMetrics metrics, TimeProvider? time)
{
    /// <summary>Traced, not counted.</summary>
    internal static readonly LongWorkTelemetry Traced = new(CafMetrics.None, null);

    /// <summary>Starts a report run: the <see cref="CafTelemetry.ReportActivity"/> span, and the clock when its duration is listened to.</summary>
    internal LongWorkRun StartReport(CafReportRequest request)
    {
        var period = request.PeriodKind.ToString();
        var scope = request.ForAgency is null ? "all" : "agency";
        var activity = CafActivities.Source.StartActivity(CafTelemetry.ReportActivity);
        activity?.SetTag(CafTelemetry.ReportPeriodTag, period);
        activity?.SetTag(CafTelemetry.ReportScopeTag, scope);
        return new LongWorkRun(activity, time, metrics.TimesRuns,
            (outcome, rows, seconds) => metrics.ReportRun(outcome, period, scope, rows, seconds));
    }

    /// <summary>Starts an extract run in a format (<c>csv</c>).</summary>
    internal LongWorkRun StartExtract(string format)
    {
        var activity = CafActivities.Source.StartActivity(CafTelemetry.ExtractActivity);
        activity?.SetTag(CafTelemetry.ExtractFormatTag, format);
        return new LongWorkRun(activity, time, metrics.TimesRuns,
            (outcome, rows, seconds) => metrics.ExtractRun(outcome, format, rows, seconds));
    }
}

/// <summary>One long run: its span (ended by <see cref="Dispose"/>), its clock, and what to record when it ends.</summary>
internal sealed class LongWorkRun : IDisposable
{
    private readonly Activity? _activity;
    private readonly TimeProvider? _time;
    private readonly long _started;
    private readonly Action<string, long, double?> _record;

    internal LongWorkRun(Activity? activity, TimeProvider? time, bool timed, Action<string, long, double?> record)
    {
        _activity = activity;
        _time = timed ? time : null;
        _started = _time?.GetTimestamp() ?? 0;
        _record = record;
    }

    /// <summary>The run ended with its result: outcome <c>ok</c>.</summary>
    internal void Succeeded(long rows) => End("ok", rows, null);

    /// <summary>The run threw: outcome <c>cancelled</c> (an <see cref="OperationCanceledException"/>) or <c>error</c>.</summary>
    internal void Failed(Exception exception, long rows)
    {
        var cancelled = exception is OperationCanceledException;
        End(cancelled ? "cancelled" : "error", rows, cancelled ? null : exception.GetType().Name);
    }

    public void Dispose() => _activity?.Dispose();

    private void End(string outcome, long rows, string? errorType)
    {
        _record(outcome, rows, _time is null ? null : _time.GetElapsedTime(_started).TotalSeconds);
        if (_activity is not null)
        {
            _activity.SetTag(CafTelemetry.OutcomeTag, outcome);
            _activity.SetTag(CafTelemetry.RowsTag, rows);
            if (errorType is not null)
            {
                _activity.SetTag(CafTelemetry.ErrorTypeTag, errorType);
                _activity.SetStatus(ActivityStatusCode.Error);
            }
        }
    }
}
