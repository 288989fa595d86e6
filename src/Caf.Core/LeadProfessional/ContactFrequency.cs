namespace Caf.Core.LeadProfessional;

/// <summary>
/// How often a practitioner sees the child or family (LP-04: "in regular contact with the family").
/// Ordered: a larger value is more frequent contact.
/// </summary>
[System.Text.Json.Serialization.JsonConverter(typeof(Caf.Core.Primitives.StrictEnumConverter<ContactFrequency>))]
public enum ContactFrequency
{
    /// <summary>Less than monthly.</summary>
    Occasional = 0,

    /// <summary>About once a month.</summary>
    Monthly = 1,

    /// <summary>About every two weeks.</summary>
    Fortnightly = 2,

    /// <summary>About once a week.</summary>
    Weekly = 3,

    /// <summary>Most days (for example school staff during term).</summary>
    Daily = 4,
}
