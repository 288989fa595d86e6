using System;
using System.Collections.Immutable;
using Caf.Core.Annotations;
using Caf.Core.Planning;
using Caf.Core.Primitives;

namespace Caf.Core.Closure;

/// <summary>
/// What the episode knows that closure rules judge (CLOSE-C1..C4, CLOSE-01..08): the current plan and its
/// reviews, consent, step-up, the lead professional, the child's age and who is closing. The episode builds
/// it from its history; <see cref="ClosureCheck"/> reads nothing else.
/// </summary>
/// <threadsafety>This type is immutable and thread-safe.</threadsafety>
[Immutable]
public sealed record ClosureFacts
{
    /// <summary>The current plan as it stands (after its reviews), or null when none was agreed.</summary>
    public ActionPlan? CurrentPlan { get; init; }

    /// <summary>The reviews of the current plan, first to latest (CLOSE-C1, CLOSE-C2).</summary>
    public ImmutableArray<ReviewRecord> ReviewsOfCurrentPlan { get; init => field = ValueEquality.NoNulls(value, nameof(ReviewsOfCurrentPlan)); } = [];

    /// <summary>A withdrawal of consent is recorded (CONS-07, CLOSE-05).</summary>
    public bool ConsentWithdrawn { get; init; }

    /// <summary>An override of consent with a safeguarding justification is recorded (CONS-06, CLOSE-06).</summary>
    public bool ConsentOverridden { get; init; }

    /// <summary>A step-up to a named specialist service is recorded (LIFE-04, CLOSE-07).</summary>
    public bool SteppedUp { get; init; }

    /// <summary>An appointed (not interim) lead professional is in place (CLOSE-03).</summary>
    public bool LeadProfessionalAppointed { get; init; }

    /// <summary>The child's age in whole years on the closure date; null for an unborn baby (CLOSE-C4).</summary>
    public int? ChildAgeOnClosure { get; init; }

    /// <summary>Who is closing (CLOSE-08).</summary>
    public required Actor ClosingBy { get; init => field = NotDefault(value, nameof(ClosingBy)); }

    /// <summary>The current lead professional (interim or appointed).</summary>
    public required Actor LeadProfessional { get; init => field = NotDefault(value, nameof(LeadProfessional)); }

    /// <summary>The supervisor who confirmed the LP (LP-06), who may close on their behalf when the options allow (CLOSE-08); null when none.</summary>
    public PractitionerId? LeadProfessionalSupervisor { get; init; }

    /// <summary>
    /// SHARE-01: the practitioners the episode records as working for an agency the consent in force excludes
    /// (distinct, in id order). They cannot agree a closure (CLOSE-C3); an open action one of them owns is
    /// suspended and must be reassigned by a plan revision before a CLOSE-C3 closure.
    /// </summary>
    public ImmutableArray<PractitionerId> ExcludedPractitioners { get; init => field = ValueEquality.OrEmpty(value); } = [];

    /// <inheritdoc />
    public bool Equals(ClosureFacts? other) =>
        other is not null
        && CurrentPlan == other.CurrentPlan
        && ConsentWithdrawn == other.ConsentWithdrawn
        && ConsentOverridden == other.ConsentOverridden
        && SteppedUp == other.SteppedUp
        && LeadProfessionalAppointed == other.LeadProfessionalAppointed
        && ChildAgeOnClosure == other.ChildAgeOnClosure
        && ClosingBy == other.ClosingBy
        && LeadProfessional == other.LeadProfessional
        && LeadProfessionalSupervisor == other.LeadProfessionalSupervisor
        && ValueEquality.Equal(ReviewsOfCurrentPlan, other.ReviewsOfCurrentPlan)
        && ValueEquality.Equal(ExcludedPractitioners, other.ExcludedPractitioners);

    /// <inheritdoc />
    public override int GetHashCode() =>
        HashCode.Combine(CurrentPlan, ConsentWithdrawn, ConsentOverridden, SteppedUp, LeadProfessionalAppointed, ChildAgeOnClosure,
            HashCode.Combine(ClosingBy, LeadProfessional, LeadProfessionalSupervisor, ValueEquality.Hash(ExcludedPractitioners)), ValueEquality.Hash(ReviewsOfCurrentPlan));

    private static Actor NotDefault(Actor actor, string name) =>
        actor.IsDefault ? throw new ArgumentException("The actor needs a practitioner and an agency.", name) : actor;
}
