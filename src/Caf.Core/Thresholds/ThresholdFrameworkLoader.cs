using System;
using System.IO;
using System.Text;
using System.Text.Json;
using Ardalis.GuardClauses;
using Caf.Core.Annotations;
using Caf.Core.Primitives;

namespace Caf.Core.Thresholds;

/// <summary>
/// Loads, validates and compiles thresholds-of-need frameworks (THR-01) and provides the illustrative
/// default built from the seeds (THR-02). Malformed JSON, unknown members and every validation problem are
/// returned as <see cref="ThresholdProblem"/>s with their JSON paths, never thrown; nothing is half-loaded.
/// </summary>
/// <remarks>
/// An authority should load its own framework; the default is illustrative (see the README). Reading uses
/// source-generated System.Text.Json with strict options, so it is AOT and trim safe.
/// </remarks>
/// <threadsafety>This type is stateless, immutable and thread-safe.</threadsafety>
[Immutable]
public sealed class ThresholdFrameworkLoader
{
    /// <summary>The manifest name of the embedded default framework (THR-02).</summary>
    public const string DefaultResourceName = "Caf.Core.Thresholds.Default.default-framework.json";

    /// <summary>Reads, validates and compiles a framework from JSON text.</summary>
    /// <param name="json">The framework document.</param>
    /// <returns>The compiled matcher, or every problem with its JSON path.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="json"/> is null.</exception>
    public ThresholdLoadResult Load(string json)
    {
        Guard.Against.Null(json);
        return Load(Encoding.UTF8.GetBytes(json));
    }

    /// <summary>Reads, validates and compiles a framework from UTF-8 JSON.</summary>
    /// <param name="utf8Json">The framework document as UTF-8 bytes.</param>
    /// <returns>The compiled matcher, or every problem with its JSON path.</returns>
    public ThresholdLoadResult Load(ReadOnlySpan<byte> utf8Json)
    {
        var framework = StrictJsonDocument.Read(utf8Json, ThresholdJsonContext.Default.ThresholdFramework, out var problem);
        return framework is null ? ThresholdLoadResult.Failure(null, [new ThresholdProblem(problem.Path, problem.Message)]) : Compile(framework);
    }

    /// <summary>Reads, validates and compiles a framework from a UTF-8 JSON stream (read to the end).</summary>
    /// <param name="utf8Json">The stream.</param>
    /// <returns>The compiled matcher, or every problem with its JSON path.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="utf8Json"/> is null.</exception>
    /// <exception cref="IOException">The stream could not be read.</exception>
    public ThresholdLoadResult Load(Stream utf8Json)
    {
        Guard.Against.Null(utf8Json);
        return StrictJsonDocument.ReadStream<ThresholdLoadResult>(utf8Json, Load);
    }

    /// <summary>Validates and compiles a framework built in code (or read elsewhere).</summary>
    /// <param name="framework">The framework document.</param>
    /// <returns>The compiled matcher, or every problem with its JSON path.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="framework"/> is null.</exception>
    public ThresholdLoadResult Compile(ThresholdFramework framework)
    {
        Guard.Against.Null(framework);
        var problems = ThresholdFrameworkValidator.Validate(framework);
        return problems.IsEmpty
            ? ThresholdLoadResult.Success(ThresholdMatcher.Compile(framework))
            : ThresholdLoadResult.Failure(framework, problems);
    }

    /// <summary>THR-02: loads the illustrative default framework shipped in the package (Leicestershire and Bradford seeds).</summary>
    /// <returns>The compiled default matcher.</returns>
    /// <exception cref="InvalidOperationException">The embedded framework is missing or invalid (a packaging bug).</exception>
    public ThresholdMatcher LoadDefault()
    {
        using var stream = StrictJsonDocument.OpenResource(DefaultResourceName);
        return Load(stream).Matcher;
    }

    /// <summary>The default framework's JSON text, as shipped: a starting point for an authority's own file.</summary>
    /// <returns>The JSON text.</returns>
    /// <exception cref="InvalidOperationException">The embedded framework is missing (a packaging bug).</exception>
    public string DefaultJson()
    {
        return StrictJsonDocument.ResourceText(DefaultResourceName);
    }

    /// <summary>Writes a framework document as indented JSON that <see cref="Load(string)"/> reads back unchanged.</summary>
    /// <param name="framework">The framework document.</param>
    /// <returns>The JSON text.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="framework"/> is null.</exception>
    public string Serialize(ThresholdFramework framework)
    {
        Guard.Against.Null(framework);
        return JsonSerializer.Serialize(framework, ThresholdJsonContext.Default.ThresholdFramework);
    }
}
