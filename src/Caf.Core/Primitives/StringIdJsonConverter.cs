using System;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Caf.Core.Primitives;

/// <summary>What the string-backed ids share, so one JSON converter serves them all.</summary>
/// <typeparam name="TSelf">The id type.</typeparam>
internal interface IStringId<TSelf>
    where TSelf : struct, IStringId<TSelf>
{
    /// <summary>The host's key.</summary>
    string Value { get; }

    /// <summary>Creates the id, validating the value (throws <see cref="ArgumentException"/>).</summary>
    static abstract TSelf Create(string value);
}

/// <summary>Writes a string-backed id as a JSON string (AOT safe, used by the source generator).</summary>
/// <typeparam name="TId">The id type.</typeparam>
internal sealed class StringIdJsonConverter<TId> : JsonConverter<TId>
    where TId : struct, IStringId<TId>
{
    public override TId Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType != JsonTokenType.String)
        {
            throw new JsonException($"A {typeof(TId).Name} must be a JSON string.");
        }

        try
        {
            return TId.Create(reader.GetString()!);
        }
        catch (ArgumentException ex)
        {
            throw new JsonException(ex.Message, ex);
        }
    }

    public override void Write(Utf8JsonWriter writer, TId value, JsonSerializerOptions options) =>
        writer.WriteStringValue(value.Value);
}
