using System;
using System.Collections.Generic;
using System.IO;
using System.Runtime.CompilerServices;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using Ardalis.GuardClauses;

namespace Caf.Core.NationalData;

/// <summary>
/// NAT-04: early-help extracts as JSON: one array of objects whose members are the columns of
/// <see cref="EarlyHelpColumns.All"/> (every member present, null when absent), dates ISO 8601 (<c>yyyy-MM-dd</c>),
/// factors as an array of codes. Each row is flushed to the stream as it is written, so memory stays at one row.
/// </summary>
public static class EarlyHelpJson
{
    /// <summary>Writes the rows as a JSON array (UTF-8).</summary>
    /// <param name="utf8Json">Where to write.</param>
    /// <param name="rows">The rows, read once.</param>
    /// <returns>How many rows were written.</returns>
    /// <exception cref="ArgumentNullException">An argument, or a row, is null.</exception>
    public static long Write(Stream utf8Json, IEnumerable<EarlyHelpEpisodeRecord> rows)
    {
        Guard.Against.Null(utf8Json);
        Guard.Against.Null(rows);
        using var writer = new Utf8JsonWriter(utf8Json);
        writer.WriteStartArray();
        long count = 0;
        foreach (var row in rows)
        {
            JsonSerializer.Serialize(writer, Guard.Against.Null(row, nameof(rows)), EarlyHelpJsonContext.Default.EarlyHelpEpisodeRecord);
            writer.Flush();
            count++;
        }

        writer.WriteEndArray();
        writer.Flush();
        return count;
    }

    /// <summary>Writes rows read asynchronously as a JSON array (UTF-8).</summary>
    /// <param name="utf8Json">Where to write.</param>
    /// <param name="rows">The rows, read once.</param>
    /// <param name="cancellationToken">Stops the writing.</param>
    /// <returns>How many rows were written.</returns>
    /// <exception cref="ArgumentNullException">An argument, or a row, is null.</exception>
    public static async Task<long> WriteAsync(Stream utf8Json, IAsyncEnumerable<EarlyHelpEpisodeRecord> rows, CancellationToken cancellationToken = default)
    {
        Guard.Against.Null(utf8Json);
        Guard.Against.Null(rows);
        var writer = new Utf8JsonWriter(utf8Json);
        await using (writer.ConfigureAwait(false))
        {
            writer.WriteStartArray();
            long count = 0;
            await foreach (var row in rows.WithCancellation(cancellationToken).ConfigureAwait(false))
            {
                JsonSerializer.Serialize(writer, Guard.Against.Null(row, nameof(rows)), EarlyHelpJsonContext.Default.EarlyHelpEpisodeRecord);
                await writer.FlushAsync(cancellationToken).ConfigureAwait(false);
                count++;
            }

            writer.WriteEndArray();
            await writer.FlushAsync(cancellationToken).ConfigureAwait(false);
            return count;
        }
    }

    /// <summary>Writes rows to a JSON string (for tests and small extracts).</summary>
    /// <param name="rows">The rows.</param>
    /// <returns>The JSON text.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="rows"/> is null.</exception>
    public static string ToJson(IEnumerable<EarlyHelpEpisodeRecord> rows)
    {
        using var stream = new MemoryStream();
        Write(stream, rows);
        return System.Text.Encoding.UTF8.GetString(stream.GetBuffer(), 0, (int)stream.Length);
    }

    /// <summary>
    /// Reads an extract written by <see cref="Write"/>, streamed element by element. Reading is strict: every member
    /// is required, unknown or duplicate members and wrong types are errors.
    /// </summary>
    /// <param name="utf8Json">The JSON array.</param>
    /// <param name="cancellationToken">Stops the reading.</param>
    /// <returns>The rows, read lazily.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="utf8Json"/> is null.</exception>
    /// <exception cref="JsonException">While enumerating: the JSON is malformed or a row does not have the columns' shape (the message names the path).</exception>
    public static IAsyncEnumerable<EarlyHelpEpisodeRecord> ReadAsync(Stream utf8Json, CancellationToken cancellationToken = default)
    {
        Guard.Against.Null(utf8Json);
        return ReadRows(utf8Json, cancellationToken);
    }

    private static async IAsyncEnumerable<EarlyHelpEpisodeRecord> ReadRows(Stream utf8Json, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var index = 0;
        await foreach (var row in JsonSerializer.DeserializeAsyncEnumerable(utf8Json, EarlyHelpJsonContext.Default.EarlyHelpEpisodeRecord, cancellationToken).ConfigureAwait(false))
        {
            yield return row ?? throw new JsonException($"$[{index}]: a row must be an object, not null (NAT-04).");
            index++;
        }
    }
}
