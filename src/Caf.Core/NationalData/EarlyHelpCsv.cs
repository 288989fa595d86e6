using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Globalization;
using System.IO;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using Ardalis.GuardClauses;

namespace Caf.Core.NationalData;

/// <summary>
/// NAT-04: early-help extracts as CSV (RFC 4180): a header line of <see cref="EarlyHelpColumns.All"/>, one line per
/// row, CRLF line endings, fields quoted when they contain a comma, a double quote, CR or LF, quotes doubled
/// inside. Dates are ISO 8601 (<c>yyyy-MM-dd</c>); an absent value is an empty field; factors are joined by
/// <c>;</c>. Writing and reading stream: one row in memory at a time.
/// </summary>
/// <remarks>Texts are written as they are: a host opening the file in a spreadsheet should guard against formula
/// injection itself (as for <c>ReportCsvWriter</c>).</remarks>
public static partial class EarlyHelpCsv
{
    /// <summary>Writes the header and the rows.</summary>
    /// <param name="writer">Where to write.</param>
    /// <param name="rows">The rows, read once.</param>
    /// <returns>How many rows were written.</returns>
    /// <exception cref="ArgumentNullException">An argument, or a row, is null.</exception>
    public static long Write(TextWriter writer, IEnumerable<EarlyHelpEpisodeRecord> rows) =>
        Write(writer, rows, null, Diagnostics.LongWorkTelemetry.Traced, CancellationToken.None);

    /// <summary>Writes the header and rows read asynchronously (for example from a store).</summary>
    /// <param name="writer">Where to write.</param>
    /// <param name="rows">The rows, read once.</param>
    /// <param name="cancellationToken">Stops the writing.</param>
    /// <returns>How many rows were written.</returns>
    /// <exception cref="ArgumentNullException">An argument, or a row, is null.</exception>
    [System.Diagnostics.CodeAnalysis.SuppressMessage("ApiDesign", "RS0027:API with optional parameter(s) should have the most parameters amongst its public overloads",
        Justification = "The overload with progress takes both its parameters without defaults, so no call is ambiguous.")]
    public static Task<long> WriteAsync(TextWriter writer, IAsyncEnumerable<EarlyHelpEpisodeRecord> rows, CancellationToken cancellationToken = default) =>
        WriteAsync(writer, rows, null, Diagnostics.LongWorkTelemetry.Traced, cancellationToken);

    /// <summary>Writes rows to a string (for tests and small extracts).</summary>
    /// <param name="rows">The rows.</param>
    /// <returns>The CSV text.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="rows"/> is null.</exception>
    public static string ToCsv(IEnumerable<EarlyHelpEpisodeRecord> rows)
    {
        using var writer = new StringWriter(CultureInfo.InvariantCulture);
        Write(writer, rows);
        return writer.ToString();
    }

    /// <summary>
    /// Reads an extract written by <see cref="Write(TextWriter, IEnumerable{EarlyHelpEpisodeRecord})"/> (or by hand, to the same columns), streamed. The header must
    /// name exactly the columns of <see cref="EarlyHelpColumns.All"/>, in order, or those of <see cref="EarlyHelpColumns.WithNhsNumber"/>
    /// (LAW-03: the NHS number as a last column, written by <see cref="WriteWithNhsNumber"/>); LF line endings are accepted too.
    /// </summary>
    /// <param name="reader">The CSV text.</param>
    /// <returns>The rows, read lazily.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="reader"/> is null.</exception>
    /// <exception cref="FormatException">While enumerating: the header, a field count, a date or a quote is wrong (the message names the line and column).</exception>
    public static IEnumerable<EarlyHelpEpisodeRecord> Read(TextReader reader)
    {
        Guard.Against.Null(reader);
        return ReadRows(reader);
    }

    private static IEnumerable<EarlyHelpEpisodeRecord> ReadRows(TextReader reader)
    {
        var fields = new List<string>(EarlyHelpColumns.All.Length);
        var field = new StringBuilder();
        var line = 1;
        if (!ReadRecord(reader, fields, field, ref line))
        {
            throw new FormatException("Line 1: the extract is empty; expected the header " + string.Join(",", EarlyHelpColumns.All) + " (NAT-04).");
        }

        var withNhsNumber = System.Linq.Enumerable.SequenceEqual(fields, EarlyHelpColumns.WithNhsNumber);
        if (!withNhsNumber && !System.Linq.Enumerable.SequenceEqual(fields, EarlyHelpColumns.All))
        {
            throw new FormatException("Line 1: the header must be " + string.Join(",", EarlyHelpColumns.All) + " (NAT-04), optionally followed by "
                + EarlyHelpColumns.NhsNumber + " (LAW-03).");
        }

        var columns = withNhsNumber ? EarlyHelpColumns.WithNhsNumber.Length : EarlyHelpColumns.All.Length;

        while (true)
        {
            var at = line;
            if (!ReadRecord(reader, fields, field, ref line))
            {
                yield break;
            }

            if (fields.Count != columns)
            {
                throw new FormatException($"Line {at}: {fields.Count} fields; expected {columns} (NAT-04).");
            }

            var parsed = Parse(fields, at);
            yield return withNhsNumber ? parsed with { NhsNumber = Optional(fields[15]) } : parsed;
        }
    }

    private static EarlyHelpEpisodeRecord Parse(List<string> f, int line) => new()
    {
        EpisodeId = f[0],
        PersonId = f[1],
        StartDate = Date(f[2], line, EarlyHelpColumns.StartDate) ?? throw Missing(line, EarlyHelpColumns.StartDate),
        EndDate = Date(f[3], line, EarlyHelpColumns.EndDate),
        StartReason = f[4],
        EndReason = Optional(f[5]),
        Organisation = f[6],
        Worker = Optional(f[7]),
        CinClosureReason = Optional(f[8]),
        CinReferralSource = Optional(f[9]),
        AssessmentStartDate = Date(f[10], line, EarlyHelpColumns.AssessmentStartDate),
        AssessmentCompletionDate = Date(f[11], line, EarlyHelpColumns.AssessmentCompletionDate),
        AssessmentOrganisation = Optional(f[12]),
        Factors = f[13].Length == 0 ? [] : [.. f[13].Split(';')],
        LastActivityDate = Date(f[14], line, EarlyHelpColumns.LastActivityDate) ?? throw Missing(line, EarlyHelpColumns.LastActivityDate),
    };

    // One record (which may span lines inside quotes) into fields; false at the end of the text.
    private static bool ReadRecord(TextReader reader, List<string> fields, StringBuilder field, ref int line)
    {
        fields.Clear();
        field.Clear();
        var c = reader.Read();
        if (c < 0)
        {
            return false;
        }

        var quoted = false;
        var wasQuoted = false;
        while (true)
        {
            if (quoted)
            {
                if (c < 0)
                {
                    throw new FormatException($"Line {line}: a quoted field is not closed (NAT-04).");
                }

                if (c == '"')
                {
                    if (reader.Peek() == '"')
                    {
                        reader.Read();
                        field.Append('"');
                    }
                    else
                    {
                        quoted = false;
                    }
                }
                else
                {
                    if (c == '\n')
                    {
                        line++;
                    }

                    field.Append((char)c);
                }
            }
            else if (c == '"' && field.Length == 0 && !wasQuoted)
            {
                quoted = wasQuoted = true;
            }
            else if (c == ',' || c == '\r' || c == '\n' || c < 0)
            {
                fields.Add(field.ToString());
                field.Clear();
                wasQuoted = false;
                if (c == ',')
                {
                    c = reader.Read();
                    continue;
                }

                if (c == '\r' && reader.Peek() == '\n')
                {
                    reader.Read();
                }

                if (c >= 0)
                {
                    line++;
                }

                return true;
            }
            else if (wasQuoted || c == '"')
            {
                throw new FormatException($"Line {line}: a quote inside an unquoted field, or text after a closing quote (NAT-04).");
            }
            else
            {
                field.Append((char)c);
            }

            c = reader.Read();
        }
    }

    private static string Header(StringBuilder line, bool withNhsNumber)
    {
        line.Clear();
        var columns = withNhsNumber ? EarlyHelpColumns.WithNhsNumber : EarlyHelpColumns.All;
        for (var i = 0; i < columns.Length; i++)
        {
            Field(line, columns[i], i);
        }

        return line.Append("\r\n").ToString();
    }

    private static string Line(StringBuilder line, EarlyHelpEpisodeRecord row, bool withNhsNumber)
    {
        line.Clear();
        Field(line, row.EpisodeId, 0);
        Field(line, row.PersonId, 1);
        Field(line, Iso(row.StartDate), 2);
        Field(line, Iso(row.EndDate), 3);
        Field(line, row.StartReason, 4);
        Field(line, row.EndReason, 5);
        Field(line, row.Organisation, 6);
        Field(line, row.Worker, 7);
        Field(line, row.CinClosureReason, 8);
        Field(line, row.CinReferralSource, 9);
        Field(line, Iso(row.AssessmentStartDate), 10);
        Field(line, Iso(row.AssessmentCompletionDate), 11);
        Field(line, row.AssessmentOrganisation, 12);
        Field(line, string.Join(';', row.Factors), 13);
        Field(line, Iso(row.LastActivityDate), 14);
        if (withNhsNumber)
        {
            Field(line, row.NhsNumber, 15);
        }

        return line.Append("\r\n").ToString();
    }

    private static void Field(StringBuilder line, string? value, int index)
    {
        if (index > 0)
        {
            line.Append(',');
        }

        if (value is null)
        {
            return;
        }

        if (value.AsSpan().IndexOfAny(",\"\r\n") < 0)
        {
            line.Append(value);
            return;
        }

        line.Append('"').Append(value.Replace("\"", "\"\"", StringComparison.Ordinal)).Append('"');
    }

    private static string? Iso(DateOnly? date) => date?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static string? Optional(string value) => value.Length == 0 ? null : value;

    private static DateOnly? Date(string value, int line, string column)
    {
        if (value.Length == 0)
        {
            return null;
        }

        return DateOnly.TryParseExact(value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date)
            ? date
            : throw new FormatException($"Line {line}, {column}: '{value}' is not an ISO 8601 date (yyyy-MM-dd) (NAT-04).");
    }

    private static FormatException Missing(int line, string column) => new($"Line {line}, {column}: the date is required (NAT-04).");
}
