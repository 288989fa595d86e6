using Caf.Core.Annotations;

namespace Caf.Core.Closure;

/// <summary>
/// CLOSE-10: one outcome of a loaded taxonomy: its code and display text, and the canonical outcome whose
/// consistency rule (CLOSE-01..07) it follows and the category it reports under. A custom outcome behaves
/// exactly as its canonical outcome. Only a validated taxonomy makes these.
/// </summary>
/// <threadsafety>This type is immutable and thread-safe.</threadsafety>
[Immutable]
public sealed record ClosureTaxonomyOutcome
{
    internal ClosureTaxonomyOutcome(string code, string displayText, ClosureOutcome canonical, string? description)
    {
        Code = code;
        DisplayText = displayText;
        Canonical = canonical;
        Description = description;
    }

    /// <summary>The code recorded on closure.</summary>
    public string Code { get; }

    /// <summary>The text a practitioner reads.</summary>
    public string DisplayText { get; }

    /// <summary>The canonical outcome whose consistency rule applies.</summary>
    public ClosureOutcome Canonical { get; }

    /// <summary>The canonical category (always the canonical outcome's, CLOSE-10).</summary>
    public ClosureCategory Category => ClosureVocabulary.CategoryOf(Canonical);

    /// <summary>The rule id of the consistency rule that applies (CLOSE-01..07).</summary>
    public string RuleId => ClosureVocabulary.RuleIdOf(Canonical);

    /// <summary>Optional guidance on when to choose it.</summary>
    public string? Description { get; }

    /// <summary>
    /// The code and, for a person, the canonical outcome's display text (<see cref="ClosureDisplayText"/>), e.g.
    /// <c>bradford.resolvedOther (Resolved other)</c>.
    /// </summary>
    /// <returns>One line.</returns>
    public override string ToString() => $"{Code} ({ClosureDisplayText.For(Canonical)})";
}
