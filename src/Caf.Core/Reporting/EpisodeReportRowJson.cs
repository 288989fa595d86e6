using System.Text.Json;
using System.Text.Json.Serialization;
using Ardalis.GuardClauses;

namespace Caf.Core.Reporting;

/// <summary>
/// The JSON form of a report row, for stores that keep the read model as a payload (the EF Core adapter does): every
/// field of <see cref="EpisodeReportRow"/> by its camel-case name. Reading tolerates members it does not know and fills
/// members the JSON lacks with the constructor's defaults, so a row written by another release still reads and adding a
/// field to the row needs no migration of stored rows (they read with the default until their episode is saved again).
/// </summary>
public static class EpisodeReportRowJson
{
    /// <summary>Writes a row.</summary>
    /// <param name="row">The row.</param>
    /// <returns>The JSON text.</returns>
    /// <exception cref="System.ArgumentNullException">The row is null.</exception>
    public static string Serialize(EpisodeReportRow row) =>
        JsonSerializer.Serialize(Guard.Against.Null(row), EpisodeReportRowJsonContext.Default.EpisodeReportRow);

    /// <summary>Reads a row.</summary>
    /// <param name="json">The JSON text.</param>
    /// <returns>The row.</returns>
    /// <exception cref="JsonException">The text is not a row (or null).</exception>
    /// <exception cref="System.ArgumentException">The text is empty, or the row it describes is inconsistent (see <see cref="EpisodeReportRow"/>).</exception>
    public static EpisodeReportRow Deserialize(string json) =>
        JsonSerializer.Deserialize(Guard.Against.NullOrEmpty(json), EpisodeReportRowJsonContext.Default.EpisodeReportRow)
        ?? throw new JsonException("A report row is null.");
}

/// <summary>Source-generated (AOT-safe) contract of the row; lenient on unknown members (see <see cref="EpisodeReportRowJson"/>).</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(EpisodeReportRow))]
internal sealed partial class EpisodeReportRowJsonContext : JsonSerializerContext
{
}
