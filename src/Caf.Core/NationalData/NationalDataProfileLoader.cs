using System;
using System.IO;
using System.Text;
using System.Text.Json;
using Ardalis.GuardClauses;
using Caf.Core.Annotations;
using Caf.Core.Primitives;

namespace Caf.Core.NationalData;

/// <summary>
/// NAT-01..NAT-03: loads and validates national-data profiles, and provides the shipped default. Malformed JSON,
/// unknown members and every validation problem are returned as <see cref="NationalDataProblem"/>s with their
/// JSON paths, never thrown; nothing is half-loaded.
/// </summary>
/// <threadsafety>This type is stateless, immutable and thread-safe.</threadsafety>
[Immutable]
public sealed class NationalDataProfileLoader
{
    /// <summary>The manifest name of the embedded default profile.</summary>
    public const string DefaultResourceName = "Caf.Core.NationalData.Default.default-profile.json";

    /// <summary>Reads and validates a profile from JSON text.</summary>
    /// <param name="json">The profile document.</param>
    /// <returns>The profile, or every problem with its JSON path.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="json"/> is null.</exception>
    public NationalDataProfileLoadResult Load(string json)
    {
        Guard.Against.Null(json);
        return Load(Encoding.UTF8.GetBytes(json));
    }

    /// <summary>Reads and validates a profile from UTF-8 JSON.</summary>
    /// <param name="utf8Json">The profile document as UTF-8 bytes.</param>
    /// <returns>The profile, or every problem with its JSON path.</returns>
    public NationalDataProfileLoadResult Load(ReadOnlySpan<byte> utf8Json)
    {
        var document = StrictJsonDocument.Read(utf8Json, NationalDataProfileJsonContext.Default.NationalDataProfileDocument, out var problem);
        return document is null ? NationalDataProfileLoadResult.Failure(null, [new NationalDataProblem(problem.Path, problem.Message)]) : Compile(document);
    }

    /// <summary>Reads and validates a profile from a UTF-8 JSON stream (read to the end).</summary>
    /// <param name="utf8Json">The stream.</param>
    /// <returns>The profile, or every problem with its JSON path.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="utf8Json"/> is null.</exception>
    /// <exception cref="IOException">The stream could not be read.</exception>
    public NationalDataProfileLoadResult Load(Stream utf8Json)
    {
        Guard.Against.Null(utf8Json);
        return StrictJsonDocument.ReadStream<NationalDataProfileLoadResult>(utf8Json, Load);
    }

    /// <summary>Validates a profile built in code (or read elsewhere).</summary>
    /// <param name="document">The profile document.</param>
    /// <returns>The profile, or every problem with its JSON path.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="document"/> is null.</exception>
    public NationalDataProfileLoadResult Compile(NationalDataProfileDocument document)
    {
        Guard.Against.Null(document);
        var problems = NationalDataProfileValidator.Validate(document);
        return problems.IsEmpty
            ? NationalDataProfileLoadResult.Success(new NationalDataProfile(document))
            : NationalDataProfileLoadResult.Failure(document, problems);
    }

    /// <summary>Loads the shipped default profile (SSD end reasons, RC9 and 5D, the CIN census factor codes).</summary>
    /// <returns>The default profile.</returns>
    /// <exception cref="InvalidOperationException">The embedded profile is missing or invalid (a packaging bug).</exception>
    public NationalDataProfile LoadDefault()
    {
        using var stream = StrictJsonDocument.OpenResource(DefaultResourceName);
        return Load(stream).Profile;
    }

    /// <summary>The default profile's JSON text, as shipped: a starting point for an authority's own file.</summary>
    /// <returns>The JSON text.</returns>
    /// <exception cref="InvalidOperationException">The embedded profile is missing (a packaging bug).</exception>
    public string DefaultJson()
    {
        return StrictJsonDocument.ResourceText(DefaultResourceName);
    }

    /// <summary>Writes a profile document as indented JSON that <see cref="Load(string)"/> reads back unchanged.</summary>
    /// <param name="document">The document.</param>
    /// <returns>The JSON text.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="document"/> is null.</exception>
    public string Serialize(NationalDataProfileDocument document)
    {
        Guard.Against.Null(document);
        return JsonSerializer.Serialize(document, NationalDataProfileJsonContext.Default.NationalDataProfileDocument);
    }
}
