using System;
using System.Collections.Immutable;
using System.Diagnostics.CodeAnalysis;
using System.Linq;
using Caf.Core.Annotations;
using Caf.Core.Primitives;

namespace Caf.Core.Closure;

/// <summary>
/// The outcome of loading a closure taxonomy (CLOSE-10): the taxonomy, or every problem found, each with
/// its JSON path. Never both.
/// </summary>
/// <threadsafety>This type is immutable and thread-safe.</threadsafety>
[Immutable]
public sealed class ClosureTaxonomyLoadResult
{
    private readonly ClosureTaxonomy? _taxonomy;

    private ClosureTaxonomyLoadResult(ClosureTaxonomy? taxonomy, ClosureTaxonomyDocument? document, ImmutableArray<ClosureTaxonomyProblem> problems)
    {
        _taxonomy = taxonomy;
        Document = document;
        Problems = problems;
    }

    /// <summary>True when the taxonomy was valid.</summary>
    [MemberNotNullWhen(true, nameof(Document))]
    public bool IsSuccess => _taxonomy is not null;

    /// <summary>The document as read, when the JSON could be read at all (even if it then failed validation).</summary>
    public ClosureTaxonomyDocument? Document { get; }

    /// <summary>Every problem found, each naming its JSON path; empty on success.</summary>
    public ImmutableArray<ClosureTaxonomyProblem> Problems { get; }

    /// <summary>The taxonomy.</summary>
    /// <exception cref="InvalidOperationException">Loading failed; the message lists the problems.</exception>
    public ClosureTaxonomy Taxonomy => _taxonomy
        ?? throw new InvalidOperationException("The closure taxonomy did not load (CLOSE-10):" + Environment.NewLine + Describe());

    /// <summary>Gets the taxonomy when loading succeeded.</summary>
    /// <param name="taxonomy">The taxonomy, or null on failure.</param>
    /// <returns>True on success.</returns>
    public bool TryGetTaxonomy([NotNullWhen(true)] out ClosureTaxonomy? taxonomy)
    {
        taxonomy = _taxonomy;
        return taxonomy is not null;
    }

    /// <summary>As a <see cref="Result{T}"/>: the taxonomy, or a <c>CLOSE-10</c> refusal listing every problem, whose field is the first problem's path.</summary>
    /// <returns>The result.</returns>
    public Result<ClosureTaxonomy> ToResult() =>
        _taxonomy is not null
            ? Result<ClosureTaxonomy>.Success(_taxonomy)
            : new Refusal("CLOSE-10", $"The closure taxonomy has {Problems.Length} problem(s): {string.Join("; ", Problems.Select(p => p.ToString()))}", Problems[0].Path);

    /// <summary>Lists the problems, one per line, or "ok".</summary>
    /// <returns>The description.</returns>
    public override string ToString() => IsSuccess ? $"ok: {Document.Id} {Document.Version}" : Describe();

    internal static ClosureTaxonomyLoadResult Success(ClosureTaxonomy taxonomy) => new(taxonomy, taxonomy.Document, []);

    internal static ClosureTaxonomyLoadResult Failure(ClosureTaxonomyDocument? document, ImmutableArray<ClosureTaxonomyProblem> problems) =>
        new(null, document, problems);

    private string Describe() => string.Join(Environment.NewLine, Problems.Select(p => "- " + p));
}
