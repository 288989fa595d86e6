using System;
using System.Collections.Immutable;
using System.Linq;
using Ardalis.GuardClauses;
using Caf.Core.Annotations;

namespace Caf.Core.Reporting;

/// <summary>A report as a table (title, column headers, rows of cells) for the CSV and Markdown writers.</summary>
/// <threadsafety>This type is immutable and thread-safe.</threadsafety>
[Immutable]
public sealed record ReportTable
{
    /// <summary>Creates a table.</summary>
    /// <param name="id">A stable id, e.g. <c>rep01-periods</c>.</param>
    /// <param name="title">The title, e.g. "REP-01 Episodes opened and closed per month".</param>
    /// <param name="columns">The column headers.</param>
    /// <param name="rows">The rows, each with one cell per column.</param>
    /// <exception cref="ArgumentException">An argument is empty, a row has the wrong number of cells, or a cell is default.</exception>
    public ReportTable(string id, string title, ImmutableArray<string> columns, ImmutableArray<ImmutableArray<ReportCell>> rows)
    {
        Id = Guard.Against.NullOrWhiteSpace(id);
        Title = Guard.Against.NullOrWhiteSpace(title);
        if (columns.IsDefaultOrEmpty || columns.Any(c => c is null))
        {
            throw new ArgumentException("A table needs at least one column and no null header.", nameof(columns));
        }

        rows = rows.IsDefault ? [] : rows;
        if (rows.Any(r => r.IsDefault || r.Length != columns.Length))
        {
            throw new ArgumentException($"Every row needs {columns.Length} cells.", nameof(rows));
        }

        if (rows.Any(r => r.Any(c => c.Text is null)))
        {
            throw new ArgumentException("A cell is default: create cells with ReportCell.Of.", nameof(rows));
        }

        Columns = columns;
        Rows = rows;
    }

    /// <summary>A stable id.</summary>
    public string Id { get; }

    /// <summary>The title.</summary>
    public string Title { get; }

    /// <summary>The column headers.</summary>
    public ImmutableArray<string> Columns { get; }

    /// <summary>The rows.</summary>
    public ImmutableArray<ImmutableArray<ReportCell>> Rows { get; }

    /// <summary>SHARE-01: the table for publication, every small count suppressed (<see cref="ReportCell.Suppress"/>).</summary>
    /// <param name="threshold">The smallest count shown (<see cref="ReportingOptions.SmallCountThreshold"/>).</param>
    /// <returns>The suppressed table.</returns>
    /// <remarks>Cells are suppressed one by one; a total next to a single suppressed cell can still reveal it, so publish totals with care.</remarks>
    public ReportTable Suppress(int threshold) =>
        new(Id, Title, Columns, [.. Rows.Select(r => r.Select(c => c.Suppress(threshold)).ToImmutableArray())]);

    /// <summary>Value equality over the title, headers and every cell.</summary>
    /// <param name="other">The other table.</param>
    /// <returns>True when equal.</returns>
    public bool Equals(ReportTable? other) =>
        other is not null
        && string.Equals(Id, other.Id, StringComparison.Ordinal)
        && string.Equals(Title, other.Title, StringComparison.Ordinal)
        && Columns.SequenceEqual(other.Columns, StringComparer.Ordinal)
        && Rows.Length == other.Rows.Length
        && Rows.Zip(other.Rows).All(pair => pair.First.SequenceEqual(pair.Second));

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(Id, Title, Columns.Length, Rows.Length);
}
