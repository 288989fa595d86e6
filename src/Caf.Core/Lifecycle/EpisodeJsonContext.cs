using System.Text.Json.Serialization;
using Caf.Core.Events;

namespace Caf.Core.Lifecycle;

/// <summary>
/// Source-generated JSON contracts (AOT and trim safe) with strict reading: enums by exact name only (StrictEnumConverter), unknown members, duplicate
/// properties, missing required constructor parameters and nulls in non-nullable members are errors.
/// </summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
    RespectNullableAnnotations = true,
    RespectRequiredConstructorParameters = true,
    AllowDuplicateProperties = false)]
[JsonSerializable(typeof(EpisodeSnapshot))]
[JsonSerializable(typeof(CafEvent))]
internal sealed partial class EpisodeJsonContext : JsonSerializerContext
{
}
