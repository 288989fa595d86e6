using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using Ardalis.GuardClauses;
using Caf.Core.Diagnostics;

namespace Caf.Core.NationalData;

// Long work (issue 25): the writes with progress and cancellation, traced as caf.extract.build (docs/operations.md).
public static partial class EarlyHelpCsv
{
    /// <summary>The format tag of a CSV extract (<see cref="CafTelemetry.ExtractFormatTag"/>).</summary>
    internal const string Format = "csv";

    /// <summary>
    /// As <see cref="Write(TextWriter, IEnumerable{EarlyHelpEpisodeRecord})"/>, reporting progress
    /// (<see cref="CafProgress.ExtractRows"/>, every <see cref="CafProgress.Interval"/> rows and at the end; the total is
    /// known when <paramref name="rows"/> is a collection) and stopping when cancelled: cancellation is checked before
    /// each row; a cancelled write throws and returns no count (what was written so far stays in
    /// <paramref name="writer"/>: discard it). Traced as <see cref="CafTelemetry.ExtractActivity"/>; counted on the meter
    /// through <see cref="CafLongWork"/>.
    /// </summary>
    /// <param name="writer">Where to write.</param>
    /// <param name="rows">The rows, read once.</param>
    /// <param name="progress">Told how many rows have been written, or null.</param>
    /// <param name="cancellationToken">Stops the writing.</param>
    /// <returns>How many rows were written.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="writer"/>, <paramref name="rows"/> or a row is null.</exception>
    /// <exception cref="OperationCanceledException">Cancelled.</exception>
    public static long Write(TextWriter writer, IEnumerable<EarlyHelpEpisodeRecord> rows, IProgress<CafProgress>? progress, CancellationToken cancellationToken) =>
        Write(writer, rows, progress, LongWorkTelemetry.Traced, cancellationToken);

    /// <summary>
    /// LAW-03: as <see cref="EarlyHelpCsv.Write(TextWriter, IEnumerable{EarlyHelpEpisodeRecord})"/>, with the child's NHS
    /// number as a last column (<see cref="EarlyHelpColumns.WithNhsNumber"/>), empty for a child without one.
    /// </summary>
    /// <param name="writer">Where to write.</param>
    /// <param name="rows">The rows, read once.</param>
    /// <param name="cancellationToken">Stops the writing.</param>
    /// <returns>How many rows were written.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="writer"/>, <paramref name="rows"/> or a row is null.</exception>
    public static long WriteWithNhsNumber(TextWriter writer, IEnumerable<EarlyHelpEpisodeRecord> rows, CancellationToken cancellationToken = default) =>
        Write(writer, rows, null, LongWorkTelemetry.Traced, cancellationToken, withNhsNumber: true);

    /// <summary>LAW-03: as <see cref="WriteWithNhsNumber"/>, for rows read asynchronously.</summary>
    /// <param name="writer">Where to write.</param>
    /// <param name="rows">The rows, read once.</param>
    /// <param name="cancellationToken">Stops the writing.</param>
    /// <returns>How many rows were written.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="writer"/>, <paramref name="rows"/> or a row is null.</exception>
    public static Task<long> WriteWithNhsNumberAsync(TextWriter writer, IAsyncEnumerable<EarlyHelpEpisodeRecord> rows, CancellationToken cancellationToken = default) =>
        WriteAsync(writer, rows, null, LongWorkTelemetry.Traced, cancellationToken, withNhsNumber: true);

    /// <summary>
    /// As <see cref="WriteAsync(TextWriter, IAsyncEnumerable{EarlyHelpEpisodeRecord}, CancellationToken)"/>, reporting
    /// progress (<see cref="CafProgress.ExtractRows"/>; the total is known only at the end) and stopping when cancelled,
    /// as the synchronous overload does.
    /// </summary>
    /// <param name="writer">Where to write.</param>
    /// <param name="rows">The rows, read once.</param>
    /// <param name="progress">Told how many rows have been written, or null.</param>
    /// <param name="cancellationToken">Stops the writing.</param>
    /// <returns>How many rows were written.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="writer"/>, <paramref name="rows"/> or a row is null.</exception>
    /// <exception cref="OperationCanceledException">Cancelled.</exception>
    public static Task<long> WriteAsync(
        TextWriter writer, IAsyncEnumerable<EarlyHelpEpisodeRecord> rows, IProgress<CafProgress>? progress, CancellationToken cancellationToken) =>
        WriteAsync(writer, rows, progress, LongWorkTelemetry.Traced, cancellationToken);

    internal static long Write(
        TextWriter writer, IEnumerable<EarlyHelpEpisodeRecord> rows, IProgress<CafProgress>? progress, LongWorkTelemetry telemetry, CancellationToken cancellationToken, bool withNhsNumber = false)
    {
        Guard.Against.Null(writer);
        Guard.Against.Null(rows);
        var counter = new ProgressCounter(progress, rows.TryGetNonEnumeratedCount(out var total) ? total : null, CafProgress.ExtractRows, cancellationToken);
        using var run = telemetry.StartExtract(Format);
        try
        {
            var line = new StringBuilder(256);
            writer.Write(Header(line, withNhsNumber));
            foreach (var row in rows)
            {
                counter.Next();
                writer.Write(Line(line, Guard.Against.Null(row, nameof(rows)), withNhsNumber));
                counter.Counted();
            }

            counter.Finish();
            run.Succeeded(counter.Done);
            return counter.Done;
        }
        catch (Exception ex)
        {
            run.Failed(ex, counter.Done);
            throw;
        }
    }

    internal static async Task<long> WriteAsync(
        TextWriter writer, IAsyncEnumerable<EarlyHelpEpisodeRecord> rows, IProgress<CafProgress>? progress, LongWorkTelemetry telemetry, CancellationToken cancellationToken, bool withNhsNumber = false)
    {
        Guard.Against.Null(writer);
        Guard.Against.Null(rows);
        var counter = new ProgressCounter(progress, null, CafProgress.ExtractRows, cancellationToken);
        using var run = telemetry.StartExtract(Format);
        try
        {
            var line = new StringBuilder(256);
            await writer.WriteAsync(Header(line, withNhsNumber).AsMemory(), cancellationToken).ConfigureAwait(false);
            await foreach (var row in rows.WithCancellation(cancellationToken).ConfigureAwait(false))
            {
                counter.Next();
                await writer.WriteAsync(Line(line, Guard.Against.Null(row, nameof(rows)), withNhsNumber).AsMemory(), cancellationToken).ConfigureAwait(false);
                counter.Counted();
            }

            await writer.FlushAsync(cancellationToken).ConfigureAwait(false);
            counter.Finish();
            run.Succeeded(counter.Done);
            return counter.Done;
        }
        catch (Exception ex)
        {
            run.Failed(ex, counter.Done);
            throw;
        }
    }
}
