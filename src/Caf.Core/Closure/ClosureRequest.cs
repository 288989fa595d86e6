using System;
using System.Collections.Immutable;
using Ardalis.GuardClauses;
using Caf.Core.Annotations;
using Caf.Core.Primitives;

namespace Caf.Core.Closure;

/// <summary>
/// What the lead professional records to close a CAF (CLOSE-08): the criteria met (at least one of
/// CLOSE-C1..C4), the outcome code from the taxonomy (CLOSE-10), the decision under "How will you know when
/// things have improved", and the evidence the criteria and outcome need.
/// </summary>
/// <remarks>Check it with <see cref="ClosureCheck"/> against <see cref="ClosureFacts"/> built from the episode.</remarks>
/// <threadsafety>This type is immutable and thread-safe.</threadsafety>
[Immutable]
public sealed record ClosureRequest
{
    /// <summary>The criteria met; at least one, and each named must hold.</summary>
    public required ImmutableArray<ClosureCriterion> Criteria
    {
        get;
        init
        {
            var criteria = ValueEquality.OrEmpty(value);
            foreach (var c in criteria)
            {
                Guard.Against.EnumOutOfRange(c, nameof(Criteria));
            }

            field = criteria;
        }
    }

    /// <summary>The outcome's code in the taxonomy (for the default, e.g. <c>resolvedFamilyActions</c>).</summary>
    public required string OutcomeCode { get; init => field = value ?? throw new ArgumentNullException(nameof(OutcomeCode)); }

    /// <summary>CLOSE-08: the decision, recorded under "How will you know when things have improved".</summary>
    public required string HowWillYouKnow { get; init => field = value ?? throw new ArgumentNullException(nameof(HowWillYouKnow)); }

    /// <summary>CLOSE-04: the written explanation, for an outcome that maps to resolved other.</summary>
    public string? Explanation { get; init; }

    /// <summary>CLOSE-C2 evidence: the family's wish no longer to be involved, as recorded.</summary>
    public string? FamilyWish { get; init; }

    /// <summary>CLOSE-C3 evidence: the agreement of the LP and the other practitioners.</summary>
    public PractitionersAgreement? PractitionersAgreement { get; init; }

    /// <summary>CLOSE-C4 evidence: the transfer to adult services with the young person's agreement.</summary>
    public AdultServicesTransfer? AdultServicesTransfer { get; init; }

    /// <inheritdoc />
    public bool Equals(ClosureRequest? other) =>
        other is not null
        && OutcomeCode == other.OutcomeCode
        && HowWillYouKnow == other.HowWillYouKnow
        && Explanation == other.Explanation
        && FamilyWish == other.FamilyWish
        && PractitionersAgreement == other.PractitionersAgreement
        && AdultServicesTransfer == other.AdultServicesTransfer
        && ValueEquality.Equal(Criteria, other.Criteria);

    /// <inheritdoc />
    public override int GetHashCode() =>
        HashCode.Combine(OutcomeCode, HowWillYouKnow, Explanation, FamilyWish, PractitionersAgreement, AdultServicesTransfer, ValueEquality.Hash(Criteria));
}
