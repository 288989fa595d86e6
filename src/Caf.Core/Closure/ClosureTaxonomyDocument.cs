using System;
using System.Collections.Immutable;
using Caf.Core.Annotations;
using Caf.Core.Primitives;

namespace Caf.Core.Closure;

/// <summary>
/// CLOSE-10: a closure taxonomy as written in JSON, member for member, not yet validated. Load one with
/// <see cref="ClosureTaxonomyLoader"/>, which checks it and builds a <see cref="ClosureTaxonomy"/>; the
/// format is documented in <c>docs/closure.md</c>.
/// </summary>
/// <threadsafety>This type is immutable and thread-safe.</threadsafety>
[Immutable]
public sealed record ClosureTaxonomyDocument
{
    /// <summary>Stable id of the taxonomy (e.g. <c>bradford-closure</c>).</summary>
    public string Id { get; init => field = value ?? ""; } = "";

    /// <summary>Version of the taxonomy (e.g. <c>2026.1</c>).</summary>
    public string Version { get; init => field = value ?? ""; } = "";

    /// <summary>Human title.</summary>
    public string Title { get; init => field = value ?? ""; } = "";

    /// <summary>Optional description: who publishes it.</summary>
    public string? Description { get; init; }

    /// <summary>The outcomes a practitioner chooses from, in display order.</summary>
    public ImmutableArray<ClosureOutcomeDefinition> Outcomes { get; init => field = ValueEquality.OrEmpty(value); } = [];

    /// <inheritdoc />
    public bool Equals(ClosureTaxonomyDocument? other) =>
        other is not null && Id == other.Id && Version == other.Version && Title == other.Title
        && Description == other.Description && ValueEquality.Equal(Outcomes, other.Outcomes);

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(Id, Version, Title, Description, ValueEquality.Hash(Outcomes));
}
