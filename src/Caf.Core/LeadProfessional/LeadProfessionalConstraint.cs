namespace Caf.Core.LeadProfessional;

/// <summary>The hard constraints of lead-professional selection: failing any one makes a candidate ineligible.</summary>
[System.Text.Json.Serialization.JsonConverter(typeof(Caf.Core.Primitives.StrictEnumConverter<LeadProfessionalConstraint>))]
public enum LeadProfessionalConstraint
{
    /// <summary>LP-03: already working with the family.</summary>
    InNetwork = 0,

    /// <summary>LP-11, SHARE-01: the sharing service allows the agency to hold the LP role (not excluded by partial consent).</summary>
    SharingAllowed = 1,

    /// <summary>LP-04: trained for the LP role (when <see cref="LeadProfessionalOptions.RequireTraining"/>).</summary>
    Trained = 2,

    /// <summary>LP-06: below <see cref="LeadProfessionalOptions.CaseloadCap"/> episodes led now (the capacity the supervisor confirms).</summary>
    UnderCaseloadCap = 3,
}
