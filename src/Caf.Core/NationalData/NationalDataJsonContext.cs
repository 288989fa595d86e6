using System.Text.Json;
using System.Text.Json.Serialization;

namespace Caf.Core.NationalData;

/// <summary>
/// Source-generated JSON for national-data profiles (NAT-01..NAT-03; AOT/trim safe). Reading is strict like the
/// thresholds and closure loaders: unknown members, duplicate members, nulls in non-nullable members and wrong
/// types are errors. Comments are allowed so files can be annotated.
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
[JsonSerializable(typeof(NationalDataProfileDocument))]
internal sealed partial class NationalDataProfileJsonContext : JsonSerializerContext
{
}

/// <summary>
/// Source-generated JSON for extract rows (NAT-04): the column names of docs/national-data.md, ISO 8601 dates,
/// strict reading (unknown or duplicate members and wrong types are errors), compact writing.
/// </summary>
[JsonSourceGenerationOptions(
    UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
    RespectNullableAnnotations = true,
    AllowDuplicateProperties = false,
    AllowTrailingCommas = false,
    DefaultIgnoreCondition = JsonIgnoreCondition.Never,
    WriteIndented = false)]
[JsonSerializable(typeof(EarlyHelpEpisodeRecord))]
internal sealed partial class EarlyHelpJsonContext : JsonSerializerContext
{
}
