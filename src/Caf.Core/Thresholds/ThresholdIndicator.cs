using Caf.Core.Primitives;
using System;
using System.Collections.Immutable;
using Caf.Core.Annotations;

namespace Caf.Core.Thresholds;

/// <summary>An indicator of need: a statement a practitioner can observe, with its domain, outcomes and level (THR-01).</summary>
/// <threadsafety>This type is immutable and thread-safe.</threadsafety>
[Immutable]
public sealed record ThresholdIndicator
{
    /// <summary>Value equality: the collections are compared element by element (the compiler's would compare them by reference).</summary>
    /// <param name="other">The other value.</param>
    /// <returns>True when every member is equal.</returns>
    public bool Equals(ThresholdIndicator? other) =>
        other is not null && Id == other.Id && Statement == other.Statement && Domain == other.Domain && Level == other.Level
        && SignificantHarm == other.SignificantHarm && NationalCode == other.NationalCode && Notes == other.Notes
        && ValueEquality.Equal(Outcomes, other.Outcomes);

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(Id, Statement, Domain, Level, SignificantHarm, NationalCode, Notes, ValueEquality.Hash(Outcomes));


    /// <summary>Stable id (unique in the framework); what a host stores and passes to the matcher.</summary>
    public string Id { get; init => field = value ?? ""; } = "";

    /// <summary>The needs statement shown to the practitioner.</summary>
    public string Statement { get; init => field = value ?? ""; } = "";

    /// <summary>Id of the assessment domain (<see cref="ThresholdDomain.Id"/>).</summary>
    public string Domain { get; init => field = value ?? ""; } = "";

    /// <summary>The Every Child Matters outcomes affected, as JSON names (e.g. <c>staySafe</c>); at least one.</summary>
    public ImmutableArray<string> Outcomes { get; init => field = value.IsDefault ? [] : value; } = [];

    /// <summary>The level of need this indicator signals on its own (a defined level, 1–4).</summary>
    public int Level { get; init; }

    /// <summary>True when observing this indicator means significant harm (THR-04): safeguarding overrides everything.</summary>
    public bool SignificantHarm { get; init; }

    /// <summary>Optional national code, e.g. a Children in Need census factor such as <c>7A</c>.</summary>
    public string? NationalCode { get; init; }

    /// <summary>Optional human notes: where the indicator comes from and why it has its level.</summary>
    public string? Notes { get; init; }
}
