using System;
using System.IO;
using System.Linq;
using Ardalis.GuardClauses;

namespace Caf.Core.Reporting;

/// <summary>
/// Writes a <see cref="ReportTable"/> as a GitHub-flavoured Markdown table, with its title as a heading.
/// Count columns are right-aligned; <c>|</c> is escaped and line breaks become spaces. Lines end with LF.
/// </summary>
public static class ReportMarkdownWriter
{
    /// <summary>Writes the table.</summary>
    /// <param name="writer">Where to write.</param>
    /// <param name="table">The table (suppress it first for publication, <see cref="ReportTable.Suppress"/>).</param>
    /// <param name="headingLevel">The heading level of the title (1 to 6), or 0 for no title.</param>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="headingLevel"/> is not 0 to 6.</exception>
    public static void Write(TextWriter writer, ReportTable table, int headingLevel = 3)
    {
        Guard.Against.Null(writer);
        Guard.Against.Null(table);
        Guard.Against.OutOfRange(headingLevel, nameof(headingLevel), 0, 6);
        if (headingLevel > 0)
        {
            writer.Write(new string('#', headingLevel));
            writer.Write(' ');
            writer.Write(Escape(table.Title));
            writer.Write("\n\n");
        }

        writer.Write('|');
        foreach (var column in table.Columns)
        {
            writer.Write(' ');
            writer.Write(Escape(column));
            writer.Write(" |");
        }

        writer.Write("\n|");
        for (var i = 0; i < table.Columns.Length; i++)
        {
            var numeric = table.Rows.Length > 0 && table.Rows.All(r => r[i].Count is not null || r[i].IsSuppressed);
            writer.Write(numeric ? " ---: |" : " --- |");
        }

        writer.Write('\n');
        foreach (var row in table.Rows)
        {
            writer.Write('|');
            foreach (var cell in row)
            {
                writer.Write(' ');
                writer.Write(Escape(cell.Text));
                writer.Write(" |");
            }

            writer.Write('\n');
        }
    }

    /// <summary>Writes the table to a string.</summary>
    /// <param name="table">The table.</param>
    /// <param name="headingLevel">The heading level of the title (1 to 6), or 0 for no title.</param>
    /// <returns>The Markdown text.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="table"/> is null.</exception>
    public static string ToMarkdown(ReportTable table, int headingLevel = 3)
    {
        using var writer = new StringWriter(System.Globalization.CultureInfo.InvariantCulture);
        Write(writer, table, headingLevel);
        return writer.ToString();
    }

    private static string Escape(string text) =>
        text.Replace("\\", "\\\\", StringComparison.Ordinal)
            .Replace("|", "\\|", StringComparison.Ordinal)
            .Replace("\r\n", " ", StringComparison.Ordinal)
            .Replace('\r', ' ')
            .Replace('\n', ' ');
}
