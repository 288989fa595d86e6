using System.Text.Json.Serialization;
using Caf.Core.Annotations;

namespace Caf.Core.Primitives;

/// <summary>
/// Who did something: the practitioner and the agency they acted for. Every domain event records its
/// actor (LIFE-11: who, when and why).
/// </summary>
/// <param name="Practitioner">The practitioner who acted.</param>
/// <param name="Agency">The agency the practitioner acted for.</param>
/// <threadsafety>This type is immutable and thread-safe.</threadsafety>
[Immutable]
public readonly record struct Actor(PractitionerId Practitioner, AgencyId Agency)
{
    /// <summary>True when either id is missing (<c>default</c>).</summary>
    [JsonIgnore]
    public bool IsDefault => Practitioner.IsDefault || Agency.IsDefault;

    /// <inheritdoc />
    public override string ToString() => $"{Practitioner} ({Agency})";
}
