using System;
using System.Collections.Immutable;
using System.Text.Json.Serialization;
using Caf.Core.Annotations;
using Caf.Core.Primitives;

namespace Caf.Core.Closure;

/// <summary>
/// CLOSE-C3 evidence: the lead professional "concludes with other relevant practitioners that the child/young
/// person's progress is satisfactory and further involvement is not needed" (002 §9).
/// </summary>
/// <threadsafety>This type is immutable and thread-safe.</threadsafety>
[Immutable]
public sealed record PractitionersAgreement
{
    /// <summary>Creates the agreement.</summary>
    /// <param name="practitioners">Who agreed: the LP and the practitioners who own actions of the plan.</param>
    /// <param name="conclusion">What they concluded.</param>
    /// <exception cref="ArgumentException">The conclusion is null or an id is default.</exception>
    [JsonConstructor]
    public PractitionersAgreement(ImmutableArray<PractitionerId> practitioners, string conclusion)
    {
        practitioners = ValueEquality.OrEmpty(practitioners);
        foreach (var p in practitioners)
        {
            if (p.IsDefault)
            {
                throw new ArgumentException("Practitioner ids must not be default.", nameof(practitioners));
            }
        }

        Practitioners = practitioners;
        Conclusion = conclusion ?? throw new ArgumentNullException(nameof(conclusion));
    }

    /// <summary>Who agreed.</summary>
    public ImmutableArray<PractitionerId> Practitioners { get; }

    /// <summary>What they concluded.</summary>
    public string Conclusion { get; }

    /// <inheritdoc />
    public bool Equals(PractitionersAgreement? other) =>
        other is not null && Conclusion == other.Conclusion && ValueEquality.Equal(Practitioners, other.Practitioners);

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(Conclusion, ValueEquality.Hash(Practitioners));
}
