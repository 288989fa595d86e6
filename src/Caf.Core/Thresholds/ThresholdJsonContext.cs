using System.Text.Json;
using System.Text.Json.Serialization;

namespace Caf.Core.Thresholds;

/// <summary>
/// Source-generated JSON for framework documents (AOT/trim safe; THR-01). Reading is strict: unknown
/// members, duplicate members, nulls in non-nullable members and wrong types are errors, so a typo in an
/// authority's file is reported rather than silently ignored. Comments are allowed so files can be annotated.
/// </summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
    RespectNullableAnnotations = true,
    RespectRequiredConstructorParameters = true,
    AllowDuplicateProperties = false,
    ReadCommentHandling = JsonCommentHandling.Skip,
    AllowTrailingCommas = false,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    WriteIndented = true)]
[JsonSerializable(typeof(ThresholdFramework))]
internal sealed partial class ThresholdJsonContext : JsonSerializerContext
{
}
