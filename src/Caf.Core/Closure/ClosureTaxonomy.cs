using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Diagnostics.CodeAnalysis;
using Ardalis.GuardClauses;
using Caf.Core.Annotations;

namespace Caf.Core.Closure;

/// <summary>
/// CLOSE-10: the closure outcomes an authority records, as data. The shipped default holds the seven
/// canonical outcomes of 002 §9; an authority adds its own, each mapped to one canonical outcome (whose
/// consistency rule applies) and its category (Resolved, Consent ended, Escalated). Every canonical
/// outcome has at least one code. Built only by <see cref="ClosureTaxonomyLoader"/>, so always valid.
/// </summary>
/// <threadsafety>This type is immutable and thread-safe.</threadsafety>
[Immutable]
public sealed class ClosureTaxonomy
{
    private readonly Dictionary<string, ClosureTaxonomyOutcome> _byCode;

    internal ClosureTaxonomy(ClosureTaxonomyDocument document, ImmutableArray<ClosureTaxonomyOutcome> outcomes)
    {
        Document = document;
        Outcomes = outcomes;
        _byCode = new Dictionary<string, ClosureTaxonomyOutcome>(StringComparer.Ordinal);
        foreach (var outcome in outcomes)
        {
            _byCode.Add(outcome.Code, outcome);
        }
    }

    /// <summary>The shipped default taxonomy: the seven canonical outcomes (002 §9).</summary>
    public static ClosureTaxonomy Default => DefaultHolder.Value;

    /// <summary>The document it was built from.</summary>
    public ClosureTaxonomyDocument Document { get; }

    /// <summary>Stable id.</summary>
    public string Id => Document.Id;

    /// <summary>Version.</summary>
    public string Version => Document.Version;

    /// <summary>The outcomes, in display order.</summary>
    public ImmutableArray<ClosureTaxonomyOutcome> Outcomes { get; }

    /// <summary>Finds an outcome by its code (exact, ordinal).</summary>
    /// <param name="code">The code.</param>
    /// <param name="outcome">The outcome, or null.</param>
    /// <returns>True when found.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="code"/> is null.</exception>
    public bool TryFind(string code, [NotNullWhen(true)] out ClosureTaxonomyOutcome? outcome)
    {
        Guard.Against.Null(code);
        return _byCode.TryGetValue(code, out outcome);
    }

    /// <summary>The first listed outcome for a canonical outcome: the code an episode records when a command implies it (CLOSE-05..07, CLOSE-09).</summary>
    /// <param name="canonical">The canonical outcome.</param>
    /// <returns>The outcome.</returns>
    /// <exception cref="ArgumentOutOfRangeException">The value is not defined.</exception>
    public ClosureTaxonomyOutcome PrimaryFor(ClosureOutcome canonical)
    {
        Guard.Against.EnumOutOfRange(canonical);
        foreach (var outcome in Outcomes)
        {
            if (outcome.Canonical == canonical)
            {
                return outcome;
            }
        }

        throw new InvalidOperationException($"The taxonomy has no outcome for {canonical}; the loader guarantees one.");
    }

    /// <summary>CLOSE-09: the outcome recorded for no further action straight after assessment (the primary <see cref="ClosureOutcome.ResolvedOther"/>).</summary>
    public ClosureTaxonomyOutcome NoFurtherAction => PrimaryFor(ClosureOutcome.ResolvedOther);

    /// <inheritdoc />
    public override string ToString() => $"{Id} {Version} ({Outcomes.Length} outcomes)";

    private static class DefaultHolder
    {
        internal static readonly ClosureTaxonomy Value = new ClosureTaxonomyLoader().LoadDefault();
    }
}
