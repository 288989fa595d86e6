using Caf.Core.Primitives;
using System;
using System.Collections.Immutable;
using Caf.Core.Annotations;

namespace Caf.Core.Thresholds;

/// <summary>
/// A combination rule (THR-01). Its <see cref="Kind"/> (see <see cref="ThresholdRuleKinds"/>) says which of
/// the other members apply; every rule's condition only grows with the observed set, so the matcher is
/// monotonic (THR-06).
/// </summary>
/// <threadsafety>This type is immutable and thread-safe.</threadsafety>
[Immutable]
public sealed record ThresholdRule
{
    /// <summary>Value equality: the collections are compared element by element (the compiler's would compare them by reference).</summary>
    /// <param name="other">The other value.</param>
    /// <returns>True when every member is equal.</returns>
    public bool Equals(ThresholdRule? other) =>
        other is not null && Id == other.Id && Kind == other.Kind && Description == other.Description && Gives == other.Gives && Route == other.Route
        && MinLevel == other.MinLevel && MinCount == other.MinCount && MinDomains == other.MinDomains
        && ValueEquality.Equal(Indicators, other.Indicators);

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(HashCode.Combine(Id, Kind, Description, Gives, Route, MinLevel, MinCount, MinDomains), ValueEquality.Hash(Indicators));


    /// <summary>Stable id (unique in the framework), shown in explanations.</summary>
    public string Id { get; init => field = value ?? ""; } = "";

    /// <summary>The rule kind: <c>count</c>, <c>anyOf</c>, <c>specialistInvolved</c> or <c>significantHarm</c>.</summary>
    public string Kind { get; init => field = value ?? ""; } = "";

    /// <summary>What the rule means, in words a practitioner understands; shown in explanations.</summary>
    public string Description { get; init => field = value ?? ""; } = "";

    /// <summary>The level the rule gives when it fires (a defined level); not used by <c>significantHarm</c>.</summary>
    public int? Gives { get; init; }

    /// <summary>Optional route (JSON name) recommended when this rule decides the level, e.g. <c>panel</c>.</summary>
    public string? Route { get; init; }

    /// <summary><c>count</c>: only indicators at this level or above are counted.</summary>
    public int? MinLevel { get; init; }

    /// <summary><c>count</c> and <c>anyOf</c>: how many indicators must be observed (default 1).</summary>
    public int? MinCount { get; init; }

    /// <summary><c>count</c>: across how many different domains the counted indicators must fall (default 1).</summary>
    public int? MinDomains { get; init; }

    /// <summary><c>anyOf</c>: the indicator ids the rule looks at.</summary>
    public ImmutableArray<string> Indicators { get; init => field = value.IsDefault ? [] : value; } = [];
}
