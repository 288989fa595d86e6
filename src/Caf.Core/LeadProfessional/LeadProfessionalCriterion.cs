namespace Caf.Core.LeadProfessional;

/// <summary>The weighted soft criteria of lead-professional selection (weights in <see cref="LeadProfessionalOptions"/>).</summary>
[System.Text.Json.Serialization.JsonConverter(typeof(Caf.Core.Primitives.StrictEnumConverter<LeadProfessionalCriterion>))]
public enum LeadProfessionalCriterion
{
    /// <summary>LP-04: share of the plan's needs and actions the candidate's service addresses.</summary>
    Relevance = 0,

    /// <summary>LP-04: how often the candidate sees the family.</summary>
    ContactFrequency = 1,

    /// <summary>LP-05: the family prefers this practitioner.</summary>
    FamilyPreference = 2,

    /// <summary>LP-07: the candidate's agency carries fewer LP roles now than the most burdened agency.</summary>
    AgencyBalance = 3,

    /// <summary>LP-08: a panel recommended this practitioner.</summary>
    PanelRecommendation = 4,
}
