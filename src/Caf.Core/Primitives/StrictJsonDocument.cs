using System;
using System.IO;
using System.Reflection;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace Caf.Core.Primitives;

/// <summary>
/// The reading steps the strict document loaders share (thresholds framework, closure taxonomy, national-data
/// profile): deserialise with the source-generated, strict contract and turn a <see cref="JsonException"/> into
/// a path and a one-line message; buffer a stream; open the embedded default. Each loader keeps its own result
/// and problem types and its own validation.
/// </summary>
internal static class StrictJsonDocument
{
    /// <summary>Reads a UTF-8 JSON span (a span cannot be a generic argument on net8.0).</summary>
    internal delegate TResult SpanReader<TResult>(ReadOnlySpan<byte> utf8Json);

    /// <summary>
    /// Deserialises the document; on malformed JSON, wrong types, unknown or duplicate members (the contract's
    /// strictness) or a null document, returns null and the problem's JSON path and first message line.
    /// </summary>
    public static T? Read<T>(ReadOnlySpan<byte> utf8Json, JsonTypeInfo<T> contract, out (string Path, string Message) problem)
        where T : class
    {
        T? document;
        try
        {
            document = JsonSerializer.Deserialize(utf8Json, contract);
        }
        catch (JsonException ex)
        {
            problem = (ex.Path ?? "$", FirstLine(ex.Message));
            return null;
        }

        problem = document is null ? ("$", "the document is null") : default;
        return document;
    }

    /// <summary>Reads the stream to its end and hands the bytes to <paramref name="read"/>.</summary>
    public static TResult ReadStream<TResult>(Stream utf8Json, SpanReader<TResult> read)
    {
        using var buffer = new MemoryStream();
        utf8Json.CopyTo(buffer);
        return read(buffer.GetBuffer().AsSpan(0, (int)buffer.Length));
    }

    /// <summary>Opens an embedded resource of this assembly; a missing one is a packaging bug.</summary>
    public static Stream OpenResource(string name) =>
        typeof(StrictJsonDocument).Assembly.GetManifestResourceStream(name)
        ?? throw new InvalidOperationException($"The embedded resource {name} is missing.");

    /// <summary>The text of an embedded resource of this assembly.</summary>
    public static string ResourceText(string name)
    {
        using var stream = OpenResource(name);
        using var reader = new StreamReader(stream, Encoding.UTF8);
        return reader.ReadToEnd();
    }

    private static string FirstLine(string message)
    {
        var end = message.IndexOfAny(['\r', '\n']);
        return end < 0 ? message : message[..end];
    }
}
