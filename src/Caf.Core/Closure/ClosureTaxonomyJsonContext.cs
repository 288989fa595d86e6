using System.Text.Json;
using System.Text.Json.Serialization;

namespace Caf.Core.Closure;

/// <summary>
/// Source-generated JSON for closure taxonomy files (AOT/trim safe; CLOSE-10). Reading is strict like the
/// thresholds loader: unknown members, duplicate members, nulls in non-nullable members and wrong types
/// (a number for a name) are errors. Comments are allowed so files can be annotated.
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
[JsonSerializable(typeof(ClosureTaxonomyDocument))]
internal sealed partial class ClosureTaxonomyJsonContext : JsonSerializerContext
{
}
