using System;
using System.Collections.Immutable;
using Caf.Core.Annotations;
using Caf.Core.Primitives;

namespace Caf.Core.LeadProfessional;

/// <summary>
/// A practitioner who could be the lead professional, as the host's directory describes them
/// (<see cref="IPractitionerDirectory"/>). Validated by <see cref="LeadProfessionalSelector.Select"/>.
/// </summary>
/// <param name="Practitioner">The practitioner; unique within one selection.</param>
/// <param name="Agency">The agency they work for (LP-07 burden and LP-11 consent are per agency).</param>
/// <param name="AgencyKind">The kind of agency or setting, for explanations and reports.</param>
/// <param name="Role">Their job title or role as the host records it, e.g. "Learning mentor".</param>
/// <param name="IsLeadProfessionalTrained">True when trained for the LP role (LP-04; required by <see cref="LeadProfessionalOptions.RequireTraining"/>).</param>
/// <param name="ContactFrequency">How often they see the family (LP-04).</param>
/// <param name="Addresses">
/// Keys of the plan's needs and actions their service addresses (LP-04), compared ordinally with
/// <see cref="LeadProfessionalSelectionRequest.PlanNeeds"/>.
/// </param>
/// <param name="CurrentLeadCaseload">How many episodes they lead now (checked against <see cref="LeadProfessionalOptions.CaseloadCap"/>).</param>
/// <param name="IsWorkingWithFamily">
/// True when they already work with the family (LP-03: the LP comes from the existing network, not an extra
/// professional). A panel may suggest someone outside the network; they are shown but not eligible.
/// </param>
/// <threadsafety>This type is immutable and thread-safe.</threadsafety>
[Immutable]
public sealed record LeadProfessionalCandidate(
    PractitionerId Practitioner,
    AgencyId Agency,
    AgencyKind AgencyKind,
    string Role,
    bool IsLeadProfessionalTrained,
    ContactFrequency ContactFrequency,
    ImmutableArray<string> Addresses,
    int CurrentLeadCaseload,
    bool IsWorkingWithFamily = true)
{
    /// <summary>Value equality: the collections are compared element by element (the compiler's would compare them by reference).</summary>
    /// <param name="other">The other value.</param>
    /// <returns>True when every member is equal.</returns>
    public bool Equals(LeadProfessionalCandidate? other) =>
        other is not null && Practitioner == other.Practitioner && Agency == other.Agency && AgencyKind == other.AgencyKind && Role == other.Role
        && IsLeadProfessionalTrained == other.IsLeadProfessionalTrained && ContactFrequency == other.ContactFrequency
        && CurrentLeadCaseload == other.CurrentLeadCaseload && IsWorkingWithFamily == other.IsWorkingWithFamily && ValueEquality.Equal(Addresses, other.Addresses);

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(HashCode.Combine(Practitioner, Agency, AgencyKind, Role, IsLeadProfessionalTrained, ContactFrequency, CurrentLeadCaseload, IsWorkingWithFamily), ValueEquality.Hash(Addresses));

}
