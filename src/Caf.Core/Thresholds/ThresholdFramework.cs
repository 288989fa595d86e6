using Caf.Core.Primitives;
using System;
using System.Collections.Immutable;
using Caf.Core.Annotations;

namespace Caf.Core.Thresholds;

/// <summary>
/// A local authority's thresholds-of-need framework as data (THR-01): the JSON document, member for
/// member. Load one with <see cref="ThresholdFrameworkLoader"/>, which validates it and compiles it into
/// a <see cref="ThresholdMatcher"/>; the vocabulary is documented in <c>docs/thresholds.md</c>.
/// </summary>
/// <remarks>
/// This is the document as written, not yet validated: texts may be empty and codes unknown until
/// <see cref="ThresholdFrameworkLoader.Compile"/> has checked them. Equality is by value, collections element by element.
/// </remarks>
/// <threadsafety>This type is immutable and thread-safe.</threadsafety>
[Immutable]
public sealed record ThresholdFramework
{
    /// <summary>Value equality: the collections are compared element by element (the compiler's would compare them by reference).</summary>
    /// <param name="other">The other value.</param>
    /// <returns>True when every member is equal.</returns>
    public bool Equals(ThresholdFramework? other) =>
        other is not null && Id == other.Id && Version == other.Version && Title == other.Title && Description == other.Description
        && ValueEquality.Equal(Levels, other.Levels) && ValueEquality.Equal(Domains, other.Domains)
        && ValueEquality.Equal(Indicators, other.Indicators) && ValueEquality.Equal(Rules, other.Rules);

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(Id, Version, Title, Description, ValueEquality.Hash(Levels), ValueEquality.Hash(Domains), ValueEquality.Hash(Indicators), ValueEquality.Hash(Rules));


    /// <summary>Stable id of the framework (e.g. <c>bradford-thresholds</c>); recorded by an episode (THR-07).</summary>
    public string Id { get; init => field = value ?? ""; } = "";

    /// <summary>Version of the framework (e.g. <c>2010.1</c>); required and recorded by an episode (THR-07).</summary>
    public string Version { get; init => field = value ?? ""; } = "";

    /// <summary>Human title.</summary>
    public string Title { get; init => field = value ?? ""; } = "";

    /// <summary>Optional description: who publishes it and where it comes from.</summary>
    public string? Description { get; init; }

    /// <summary>The levels the framework uses, each with its name and default route. Level 1 is required.</summary>
    public ImmutableArray<ThresholdLevelDefinition> Levels { get; init => field = value.IsDefault ? [] : value; } = [];

    /// <summary>
    /// Assessment domains. Empty means the national CAF form's three (<see cref="ThresholdDomain.NationalDefaults"/>).
    /// </summary>
    public ImmutableArray<ThresholdDomain> Domains { get; init => field = value.IsDefault ? [] : value; } = [];

    /// <summary>The indicators of need a practitioner can observe.</summary>
    public ImmutableArray<ThresholdIndicator> Indicators { get; init => field = value.IsDefault ? [] : value; } = [];

    /// <summary>The combination rules; see <see cref="ThresholdRuleKinds"/> for the vocabulary.</summary>
    public ImmutableArray<ThresholdRule> Rules { get; init => field = value.IsDefault ? [] : value; } = [];
}
