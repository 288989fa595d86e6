using System;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Caf.Core.Primitives;

/// <summary>
/// Reads and writes an enum as its exact name, and nothing else: integers, numeric strings, flag
/// combinations, other casings and undefined values are refused with a <see cref="JsonException"/> (the
/// serializer adds the path). Stored JSON then always means what it says, and a renamed member is a visible
/// break rather than a silent shift. Applied with <c>[JsonConverter]</c> on every enum Caf.Core stores.
/// </summary>
/// <typeparam name="TEnum">The enum.</typeparam>
internal sealed class StrictEnumConverter<TEnum> : JsonConverter<TEnum>
    where TEnum : struct, Enum
{
    public override TEnum Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType != JsonTokenType.String)
        {
            throw new JsonException($"A {typeof(TEnum).Name} is written as its name in a JSON string, one of: {string.Join(", ", Enum.GetNames<TEnum>())}.");
        }

        var text = reader.GetString();
        if (text is { Length: > 0 } && char.IsLetter(text[0]) && Enum.TryParse<TEnum>(text, ignoreCase: false, out var value)
            && Enum.IsDefined(value) && string.Equals(value.ToString(), text, StringComparison.Ordinal))
        {
            return value;
        }

        throw new JsonException($"'{text}' is not a {typeof(TEnum).Name}; expected one of: {string.Join(", ", Enum.GetNames<TEnum>())}.");
    }

    public override void Write(Utf8JsonWriter writer, TEnum value, JsonSerializerOptions options)
    {
        if (!Enum.IsDefined(value))
        {
            throw new JsonException($"{Convert.ToInt64(value, System.Globalization.CultureInfo.InvariantCulture)} is not a {typeof(TEnum).Name}; it cannot be stored.");
        }

        writer.WriteStringValue(value.ToString());
    }
}
