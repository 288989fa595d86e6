using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Globalization;
using System.Linq;
using System.Runtime.InteropServices;
using System.Text;
using Ardalis.GuardClauses;
using Caf.Core.Annotations;
using Caf.Core.Primitives;

namespace Caf.Core.Analysis;

/// <summary>How many decisions of one kind a what-if re-decided, and how many of them differ.</summary>
/// <param name="Point">The kind of decision.</param>
/// <param name="Decided">How many were re-decided under both configurations.</param>
/// <param name="Differing">How many the two configurations decide differently.</param>
/// <threadsafety>This type is immutable and thread-safe.</threadsafety>
[Immutable]
public sealed record PolicyDecisionCount(PolicyDecisionPoint Point, int Decided, int Differing);

/// <summary>
/// The result of a policy what-if (<see cref="PolicyWhatIf.Compare"/>): every decision point two configurations
/// decide differently, with both explanations, and the summary table. Never depends on the order the episodes
/// were given in; comparing B with A gives exactly <see cref="Swapped"/>.
/// </summary>
/// <threadsafety>This type is immutable and thread-safe.</threadsafety>
[Immutable]
public sealed class PolicyComparison : IEquatable<PolicyComparison>
{
    internal PolicyComparison(
        string nameA, string nameB, int episodes, ImmutableArray<PolicyDecisionCount> counts, IEnumerable<PolicyDifference> differences)
        : this(nameA, nameB, episodes, counts, Ordered(differences.ToArray()))
    {
    }

    /// <summary>From differences already in <see cref="DifferenceOrder"/> (the what-if puts them so; its properties hold it to the sorted naive loop).</summary>
    internal PolicyComparison(
        string nameA, string nameB, int episodes, ImmutableArray<PolicyDecisionCount> counts, ImmutableArray<PolicyDifference> ordered)
    {
        NameA = Guard.Against.NullOrWhiteSpace(nameA);
        NameB = Guard.Against.NullOrWhiteSpace(nameB);
        Episodes = episodes;
        Counts = counts;
        Differences = ordered;
        Changes = ChangesOf(ordered, counts);
    }

    // Already in order: kept as they are; otherwise sorted (stable).
    private static ImmutableArray<PolicyDifference> Ordered(PolicyDifference[] given) =>
        IsOrdered(given) ? ImmutableCollectionsMarshal.AsImmutableArray(given) : [.. given.Order(DifferenceOrder.Instance)];

    /// <summary>
    /// The summary lines: the differences counted per decision point and pair of groups, in the order each line first
    /// occurs, then sorted (stable). Consecutive differences usually share their decisions (explanations are built once
    /// per observed set), so a difference whose groups are the previous one's, by reference, is counted without hashing.
    /// </summary>
    private static ImmutableArray<PolicyChange> ChangesOf(ImmutableArray<PolicyDifference> differences, ImmutableArray<PolicyDecisionCount> counts)
    {
        var lines = new List<(PolicyDecisionPoint Point, string From, string To, int Count)>();
        var index = new Dictionary<(PolicyDecisionPoint, string, string), int>();
        var previous = new Dictionary<PolicyDecisionPoint, (PolicyDecision A, PolicyDecision B, int Line)>(); // per point: its last difference's
        foreach (var d in differences)
        {
            if (!previous.TryGetValue(d.Point, out var last) || !ReferenceEquals(d.A.Group, last.A.Group) || !ReferenceEquals(d.B.Group, last.B.Group))
            {
                var key = (d.Point, d.A.Group, d.B.Group);
                if (!index.TryGetValue(key, out var line))
                {
                    index.Add(key, line = lines.Count);
                    lines.Add((d.Point, d.A.Group, d.B.Group, 0));
                }

                previous[d.Point] = last = (d.A, d.B, line);
            }

            CollectionsMarshal.AsSpan(lines)[last.Line].Count++;
        }

        var decided = counts.ToDictionary(c => c.Point, c => c.Decided);
        return [.. lines
            .Select(l => new PolicyChange(l.Point, l.From, l.To, l.Count, decided.GetValueOrDefault(l.Point)))
            .Order(ChangeOrder.Instance)];
    }

    /// <summary>The name of configuration A.</summary>
    public string NameA { get; }

    /// <summary>The name of configuration B.</summary>
    public string NameB { get; }

    /// <summary>How many episodes were compared.</summary>
    public int Episodes { get; }

    /// <summary>For every decision point, in <see cref="PolicyDecisionPoint"/> order: how many were re-decided and how many differ.</summary>
    public ImmutableArray<PolicyDecisionCount> Counts { get; }

    /// <summary>Every difference, by episode id (ordinal), then position in the history, then decision point.</summary>
    public ImmutableArray<PolicyDifference> Differences { get; }

    /// <summary>
    /// The summary: one line per kind of decision and pair of values, most frequent first within a decision point.
    /// A difference whose coarse values agree (e.g. two dates within the same retention period) still counts, as
    /// a line from the value to itself.
    /// </summary>
    public ImmutableArray<PolicyChange> Changes { get; }

    /// <summary>True when the configurations decide every decision point alike.</summary>
    public bool HasNoDifferences => Differences.IsEmpty;

    /// <summary>The same comparison seen from the other side: A and B exchanged in every difference and line.</summary>
    /// <returns>The swapped comparison (equal to comparing B with A).</returns>
    public PolicyComparison Swapped() => new(NameB, NameA, Episodes, Counts, Differences.Select(d => d.Swapped()));

    /// <summary>
    /// The summary table as Markdown: one row per <see cref="Changes"/> line, then the totals per decision point, each
    /// decision point in its display text (<see cref="PolicyDisplayText"/>).
    /// </summary>
    /// <returns>The table text, lines separated by '\n'.</returns>
    public string ToTable()
    {
        var inv = CultureInfo.InvariantCulture;
        var b = new StringBuilder();
        b.Append(inv, $"What-if: {NameA} (A) against {NameB} (B), {Episodes:N0} episodes\n\n");
        b.Append("| decision | A | B | moved | of | in words |\n|---|---|---|---:|---:|---|\n");
        foreach (var c in Changes)
        {
            b.Append(inv, $"| {PolicyDisplayText.For(c.Point)} | {c.From} | {c.To} | {c.Count:N0} | {c.OutOf:N0} | {c.Describe()} |\n");
        }

        if (Changes.IsEmpty)
        {
            b.Append("| (none) | | | 0 | | A and B decide every decision point alike |\n");
        }

        b.Append("\n| decision | re-decided | differ |\n|---|---:|---:|\n");
        foreach (var c in Counts)
        {
            b.Append(inv, $"| {PolicyDisplayText.For(c.Point)} | {c.Decided:N0} | {c.Differing:N0} |\n");
        }

        return b.ToString();
    }

    /// <inheritdoc />
    public bool Equals(PolicyComparison? other) =>
        other is not null && NameA == other.NameA && NameB == other.NameB && Episodes == other.Episodes
        && ValueEquality.Equal(Counts, other.Counts) && ValueEquality.Equal(Differences, other.Differences)
        && ValueEquality.Equal(Changes, other.Changes);

    /// <inheritdoc />
    public override bool Equals(object? obj) => Equals(obj as PolicyComparison);

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(NameA, NameB, Episodes, ValueEquality.Hash(Differences));

    /// <inheritdoc />
    public override string ToString() =>
        string.Create(CultureInfo.InvariantCulture, $"{NameA} vs {NameB}: {Differences.Length:N0} differences over {Episodes:N0} episodes");

    private static bool IsOrdered(PolicyDifference[] differences)
    {
        for (var i = 1; i < differences.Length; i++)
        {
            if (DifferenceOrder.Instance.Compare(differences[i - 1], differences[i]) > 0)
            {
                return false;
            }
        }

        return true;
    }

    // Orders that do not depend on which side is A: a swapped comparison sorts its items the same way.
    internal sealed class DifferenceOrder : IComparer<PolicyDifference>
    {
        public static readonly DifferenceOrder Instance = new();

        public int Compare(PolicyDifference? x, PolicyDifference? y)
        {
            var c = string.CompareOrdinal(x!.Episode.Value, y!.Episode.Value);
            if (c == 0) { c = x.EventIndex.CompareTo(y.EventIndex); }
            if (c == 0) { c = x.Point.CompareTo(y.Point); }
            if (c == 0) { c = string.CompareOrdinal(x.Subject, y.Subject); }
            if (c == 0) { c = Symmetric(x.A.Outcome, x.B.Outcome, y.A.Outcome, y.B.Outcome); }
            return c;
        }
    }

    private sealed class ChangeOrder : IComparer<PolicyChange>
    {
        public static readonly ChangeOrder Instance = new();

        public int Compare(PolicyChange? x, PolicyChange? y)
        {
            var c = x!.Point.CompareTo(y!.Point);
            if (c == 0) { c = y.Count.CompareTo(x.Count); }
            if (c == 0) { c = Symmetric(x.From, x.To, y.From, y.To); }
            if (c == 0) { c = string.CompareOrdinal(x.From, y.From); }
            return c;
        }
    }

    private static int Symmetric(string xa, string xb, string ya, string yb)
    {
        var (xl, xh) = string.CompareOrdinal(xa, xb) <= 0 ? (xa, xb) : (xb, xa);
        var (yl, yh) = string.CompareOrdinal(ya, yb) <= 0 ? (ya, yb) : (yb, ya);
        var c = string.CompareOrdinal(xl, yl);
        return c != 0 ? c : string.CompareOrdinal(xh, yh);
    }
}
