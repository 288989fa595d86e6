using System;
using System.IO;
using Ardalis.GuardClauses;

namespace Caf.Core.Reporting;

/// <summary>
/// Writes a <see cref="ReportTable"/> as CSV (RFC 4180): a header line, then one line per row, CRLF line
/// endings, fields quoted when they contain a comma, a double quote, CR or LF, and quotes doubled inside.
/// </summary>
/// <remarks>The title is not written (a CSV file holds one table). Texts are written as they are: a host
/// opening the file in a spreadsheet should guard against formula injection itself.</remarks>
public static class ReportCsvWriter
{
    /// <summary>Writes the table.</summary>
    /// <param name="writer">Where to write.</param>
    /// <param name="table">The table (suppress it first for publication, <see cref="ReportTable.Suppress"/>).</param>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    public static void Write(TextWriter writer, ReportTable table)
    {
        Guard.Against.Null(writer);
        Guard.Against.Null(table);
        for (var i = 0; i < table.Columns.Length; i++)
        {
            WriteField(writer, table.Columns[i], i);
        }

        writer.Write("\r\n");
        foreach (var row in table.Rows)
        {
            for (var i = 0; i < row.Length; i++)
            {
                WriteField(writer, row[i].Text, i);
            }

            writer.Write("\r\n");
        }
    }

    /// <summary>Writes the table to a string.</summary>
    /// <param name="table">The table.</param>
    /// <returns>The CSV text.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="table"/> is null.</exception>
    public static string ToCsv(ReportTable table)
    {
        using var writer = new StringWriter(System.Globalization.CultureInfo.InvariantCulture);
        Write(writer, table);
        return writer.ToString();
    }

    private static void WriteField(TextWriter writer, string field, int index)
    {
        if (index > 0)
        {
            writer.Write(',');
        }

        if (field.AsSpan().IndexOfAny(",\"\r\n") < 0)
        {
            writer.Write(field);
            return;
        }

        writer.Write('"');
        writer.Write(field.Replace("\"", "\"\"", StringComparison.Ordinal));
        writer.Write('"');
    }
}
