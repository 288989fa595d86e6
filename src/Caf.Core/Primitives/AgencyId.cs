using System;
using System.Text.Json;
using System.Text.Json.Serialization;
using Caf.Core.Annotations;

namespace Caf.Core.Primitives;

/// <summary>
/// Strongly typed id of a partner agency or service (school, health visiting, youth service, CAMHS...). Wraps the host's own key as a string, so a
/// AgencyId cannot be passed where another kind of id is expected.
/// </summary>
/// <remarks><c>default(AgencyId)</c> is not a valid id; public methods reject it.</remarks>
/// <threadsafety>This type is immutable and thread-safe.</threadsafety>
[Immutable]
[JsonConverter(typeof(AgencyIdJsonConverter))]
public readonly record struct AgencyId : IComparable<AgencyId>
{
    /// <summary>Creates an id from the host's key.</summary>
    /// <param name="value">1 to 128 characters, no leading or trailing white space.</param>
    /// <exception cref="ArgumentException">The value is null, empty, too long or padded.</exception>
    public AgencyId(string value)
    {
        Value = StringId.Validate(value, nameof(AgencyId), nameof(value));
    }

    /// <summary>The host's key.</summary>
    public string Value { get; }

    /// <summary>True for <c>default(AgencyId)</c>, which is not a valid id.</summary>
    [JsonIgnore]
    public bool IsDefault => Value is null;

    /// <inheritdoc />
    public int CompareTo(AgencyId other) => string.CompareOrdinal(Value, other.Value);

    /// <inheritdoc />
    public override string ToString() => Value ?? string.Empty;
}

/// <summary>Writes a <see cref="AgencyId"/> as a JSON string (AOT safe, used by the source generator).</summary>
internal sealed class AgencyIdJsonConverter : JsonConverter<AgencyId>
{
    public override AgencyId Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType != JsonTokenType.String)
        {
            throw new JsonException("A AgencyId must be a JSON string.");
        }

        try
        {
            return new AgencyId(reader.GetString()!);
        }
        catch (ArgumentException ex)
        {
            throw new JsonException(ex.Message, ex);
        }
    }

    public override void Write(Utf8JsonWriter writer, AgencyId value, JsonSerializerOptions options) =>
        writer.WriteStringValue(value.Value);
}
