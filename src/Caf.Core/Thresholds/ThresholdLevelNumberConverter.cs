using System;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Caf.Core.Thresholds;

/// <summary>
/// Reads and writes a <see cref="ThresholdLevel"/> as its number (1..5), the shape an assessment's level has
/// had in stored episodes since schema v2 and the way the seeds name levels ("level 3"). Strict like
/// <see cref="Primitives.StrictEnumConverter{TEnum}"/>: a string, a fraction or an undefined number is refused
/// with a <see cref="JsonException"/>.
/// </summary>
internal sealed class ThresholdLevelNumberConverter : JsonConverter<ThresholdLevel>
{
    public override ThresholdLevel Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType == JsonTokenType.Number && reader.TryGetInt32(out var number)
            && Enum.IsDefined((ThresholdLevel)number))
        {
            return (ThresholdLevel)number;
        }

        throw new JsonException("A threshold level is written as its number, one of 1 (universal) to 4 (acute) or 5 (significant harm).");
    }

    public override void Write(Utf8JsonWriter writer, ThresholdLevel value, JsonSerializerOptions options)
    {
        if (!Enum.IsDefined(value))
        {
            throw new JsonException($"{((int)value).ToString(CultureInfo.InvariantCulture)} is not a ThresholdLevel; it cannot be stored.");
        }

        writer.WriteNumberValue((int)value);
    }
}
