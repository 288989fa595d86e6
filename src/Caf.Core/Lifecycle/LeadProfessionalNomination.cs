using System;
using Caf.Core.Annotations;
using Caf.Core.Primitives;

namespace Caf.Core.Lifecycle;

/// <summary>
/// A lead-professional nomination waiting to become an appointment: it needs the nominee's supervisor's
/// confirmation (LP-06) and the child's and family's agreement (LP-05), in either order.
/// </summary>
/// <param name="Practitioner">The nominee.</param>
/// <param name="Agency">The nominee's agency.</param>
/// <param name="Reason">Why this person, or why a handover.</param>
/// <param name="NominatedAt">When they were nominated.</param>
/// <param name="ConfirmedBySupervisor">The supervisor who confirmed, once recorded (LP-06).</param>
/// <param name="FamilyAgreement">How the family agreed, once recorded (LP-05).</param>
/// <threadsafety>This type is immutable and thread-safe.</threadsafety>
[Immutable]
public sealed record LeadProfessionalNomination(
    PractitionerId Practitioner,
    AgencyId Agency,
    string Reason,
    DateTimeOffset NominatedAt,
    PractitionerId? ConfirmedBySupervisor,
    string? FamilyAgreement);
