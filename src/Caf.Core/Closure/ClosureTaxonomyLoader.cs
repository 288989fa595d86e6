using System;
using System.IO;
using System.Text;
using System.Text.Json;
using Ardalis.GuardClauses;
using Caf.Core.Annotations;
using Caf.Core.Primitives;

namespace Caf.Core.Closure;

/// <summary>
/// CLOSE-10: loads and validates closure taxonomies, and provides the shipped default (the seven canonical
/// outcomes). Malformed JSON, unknown members and every validation problem are returned as
/// <see cref="ClosureTaxonomyProblem"/>s with their JSON paths, never thrown; nothing is half-loaded.
/// </summary>
/// <threadsafety>This type is stateless, immutable and thread-safe.</threadsafety>
[Immutable]
public sealed class ClosureTaxonomyLoader
{
    /// <summary>The manifest name of the embedded default taxonomy.</summary>
    public const string DefaultResourceName = "Caf.Core.Closure.Default.default-taxonomy.json";

    /// <summary>Reads and validates a taxonomy from JSON text.</summary>
    /// <param name="json">The taxonomy document.</param>
    /// <returns>The taxonomy, or every problem with its JSON path.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="json"/> is null.</exception>
    public ClosureTaxonomyLoadResult Load(string json)
    {
        Guard.Against.Null(json);
        return Load(Encoding.UTF8.GetBytes(json));
    }

    /// <summary>Reads and validates a taxonomy from UTF-8 JSON.</summary>
    /// <param name="utf8Json">The taxonomy document as UTF-8 bytes.</param>
    /// <returns>The taxonomy, or every problem with its JSON path.</returns>
    public ClosureTaxonomyLoadResult Load(ReadOnlySpan<byte> utf8Json)
    {
        var document = StrictJsonDocument.Read(utf8Json, ClosureTaxonomyJsonContext.Default.ClosureTaxonomyDocument, out var problem);
        return document is null ? ClosureTaxonomyLoadResult.Failure(null, [new ClosureTaxonomyProblem(problem.Path, problem.Message)]) : Compile(document);
    }

    /// <summary>Reads and validates a taxonomy from a UTF-8 JSON stream (read to the end).</summary>
    /// <param name="utf8Json">The stream.</param>
    /// <returns>The taxonomy, or every problem with its JSON path.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="utf8Json"/> is null.</exception>
    /// <exception cref="IOException">The stream could not be read.</exception>
    public ClosureTaxonomyLoadResult Load(Stream utf8Json)
    {
        Guard.Against.Null(utf8Json);
        return StrictJsonDocument.ReadStream<ClosureTaxonomyLoadResult>(utf8Json, Load);
    }

    /// <summary>Validates a taxonomy built in code (or read elsewhere).</summary>
    /// <param name="document">The taxonomy document.</param>
    /// <returns>The taxonomy, or every problem with its JSON path.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="document"/> is null.</exception>
    public ClosureTaxonomyLoadResult Compile(ClosureTaxonomyDocument document)
    {
        Guard.Against.Null(document);
        var problems = ClosureTaxonomyValidator.Validate(document, out var outcomes);
        return problems.IsEmpty
            ? ClosureTaxonomyLoadResult.Success(new ClosureTaxonomy(document, outcomes))
            : ClosureTaxonomyLoadResult.Failure(document, problems);
    }

    /// <summary>Loads the shipped default taxonomy: the seven canonical outcomes of 002 §9.</summary>
    /// <returns>The default taxonomy.</returns>
    /// <exception cref="InvalidOperationException">The embedded taxonomy is missing or invalid (a packaging bug).</exception>
    public ClosureTaxonomy LoadDefault()
    {
        using var stream = StrictJsonDocument.OpenResource(DefaultResourceName);
        return Load(stream).Taxonomy;
    }

    /// <summary>The default taxonomy's JSON text, as shipped: a starting point for an authority's own file.</summary>
    /// <returns>The JSON text.</returns>
    /// <exception cref="InvalidOperationException">The embedded taxonomy is missing (a packaging bug).</exception>
    public string DefaultJson()
    {
        return StrictJsonDocument.ResourceText(DefaultResourceName);
    }

    /// <summary>Writes a taxonomy document as indented JSON that <see cref="Load(string)"/> reads back unchanged.</summary>
    /// <param name="document">The document.</param>
    /// <returns>The JSON text.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="document"/> is null.</exception>
    public string Serialize(ClosureTaxonomyDocument document)
    {
        Guard.Against.Null(document);
        return JsonSerializer.Serialize(document, ClosureTaxonomyJsonContext.Default.ClosureTaxonomyDocument);
    }
}
