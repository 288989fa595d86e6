using Caf.Core.Primitives;
using System;
using System.Collections.Immutable;
using Caf.Core.Annotations;

namespace Caf.Core.Thresholds;

/// <summary>An assessment domain: the part of the child's life an indicator belongs to.</summary>
/// <threadsafety>This type is immutable and thread-safe.</threadsafety>
[Immutable]
public sealed record ThresholdDomain
{
    /// <summary>Value equality: the collections are compared element by element (the compiler's would compare them by reference).</summary>
    /// <param name="other">The other value.</param>
    /// <returns>True when every member is equal.</returns>
    public bool Equals(ThresholdDomain? other) =>
        other is not null && Id == other.Id && Name == other.Name && ValueEquality.Equal(Elements, other.Elements);

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(Id, Name, ValueEquality.Hash(Elements));


    /// <summary>Stable id, referred to by <see cref="ThresholdIndicator.Domain"/>.</summary>
    public string Id { get; init => field = value ?? ""; } = "";

    /// <summary>Human name.</summary>
    public string Name { get; init => field = value ?? ""; } = "";

    /// <summary>The elements the domain covers (informative).</summary>
    public ImmutableArray<string> Elements { get; init => field = value.IsDefault ? [] : value; } = [];

    /// <summary>
    /// The national CAF form's three domains (DCSF/CWDC 2009; docs/thresholds.md), used when a framework defines
    /// none: <c>development</c>, <c>parentsAndCarers</c>, <c>familyAndEnvironment</c>.
    /// </summary>
    public static ImmutableArray<ThresholdDomain> NationalDefaults { get; } =
    [
        new()
        {
            Id = "development",
            Name = "Development of the unborn baby, child or young person",
            Elements =
            [
                "Health: general health, physical development, speech, language and communication",
                "Emotional and social development",
                "Behavioural development",
                "Identity, self-esteem, self-image and social presentation",
                "Family and social relationships",
                "Self-care skills and independence",
                "Learning",
            ],
        },
        new()
        {
            Id = "parentsAndCarers",
            Name = "Parents and carers",
            Elements =
            [
                "Basic care, ensuring safety and protection",
                "Emotional warmth and stability",
                "Guidance, boundaries and stimulation",
            ],
        },
        new()
        {
            Id = "familyAndEnvironment",
            Name = "Family and environmental factors",
            Elements =
            [
                "Family history, functioning and well-being",
                "Wider family",
                "Housing, employment and financial considerations",
                "Social and community elements and resources, including education",
            ],
        },
    ];
}
