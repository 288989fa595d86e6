namespace Caf.Core.LeadProfessional;

/// <summary>
/// The kind of agency or setting a practitioner works in. Shown in explanations and used by hosts for
/// LP-07 and REP-03 breakdowns (the seeds' concern is that most lead professionals are school staff).
/// </summary>
[System.Text.Json.Serialization.JsonConverter(typeof(Caf.Core.Primitives.StrictEnumConverter<AgencyKind>))]
public enum AgencyKind
{
    /// <summary>Any other partner agency.</summary>
    Other = 0,

    /// <summary>A school (primary, secondary, special).</summary>
    School = 1,

    /// <summary>An early-years setting or children's centre.</summary>
    EarlyYears = 2,

    /// <summary>Health: health visiting, school nursing, GP, CAMHS.</summary>
    Health = 3,

    /// <summary>Youth service or Connexions.</summary>
    YouthService = 4,

    /// <summary>Social care (family support, early help teams).</summary>
    SocialCare = 5,

    /// <summary>Youth offending or youth justice.</summary>
    YouthJustice = 6,

    /// <summary>Housing.</summary>
    Housing = 7,

    /// <summary>A voluntary or community sector organisation.</summary>
    VoluntarySector = 8,
}
