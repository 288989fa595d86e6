using Caf.Core.Annotations;

namespace Caf.Core.Closure;

/// <summary>
/// CLOSE-10: one outcome of a taxonomy file, as written: its code, its display text, the canonical outcome
/// whose consistency rule it follows, and the canonical category it reports under.
/// </summary>
/// <threadsafety>This type is immutable and thread-safe.</threadsafety>
[Immutable]
public sealed record ClosureOutcomeDefinition
{
    /// <summary>The code recorded on closure (letters, digits, <c>-</c>, <c>_</c>, <c>.</c>; unique, ignoring case).</summary>
    public string Code { get; init => field = value ?? ""; } = "";

    /// <summary>The text a practitioner reads.</summary>
    public string DisplayText { get; init => field = value ?? ""; } = "";

    /// <summary>The canonical outcome, by JSON name (<see cref="ClosureVocabulary.OutcomeNames"/>).</summary>
    public string CanonicalOutcome { get; init => field = value ?? ""; } = "";

    /// <summary>The canonical category, by JSON name (<see cref="ClosureVocabulary.CategoryNames"/>); must be the canonical outcome's.</summary>
    public string Category { get; init => field = value ?? ""; } = "";

    /// <summary>Optional guidance for practitioners on when to choose it.</summary>
    public string? Description { get; init; }
}
