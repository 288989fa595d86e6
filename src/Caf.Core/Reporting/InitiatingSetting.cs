namespace Caf.Core.Reporting;

/// <summary>
/// The kind of setting a CAF came from (REP-03). Leicestershire's concern (000 challenge 7) is that "the
/// vast majority of CAFs have come from High Schools, very few have been received from Primary Schools or
/// pre-school. None has so far been received from the Youth Service": the breakdown by setting shows it.
/// </summary>
[System.Text.Json.Serialization.JsonConverter(typeof(Caf.Core.Primitives.StrictEnumConverter<InitiatingSetting>))]
public enum InitiatingSetting
{
    /// <summary>Any other setting or agency.</summary>
    Other = 0,

    /// <summary>A high (secondary) school.</summary>
    HighSchool = 1,

    /// <summary>A primary school.</summary>
    PrimarySchool = 2,

    /// <summary>A pre-school, nursery, early-years setting or children's centre.</summary>
    PreSchool = 3,

    /// <summary>A special school.</summary>
    SpecialSchool = 4,

    /// <summary>The youth service or Connexions.</summary>
    YouthService = 5,

    /// <summary>Health: health visiting, school nursing, GP, CAMHS, midwifery.</summary>
    Health = 6,

    /// <summary>Children's social care or an early-help team (including step-downs, STEP-02).</summary>
    SocialCare = 7,

    /// <summary>Youth offending or youth justice.</summary>
    YouthJustice = 8,

    /// <summary>Housing.</summary>
    Housing = 9,

    /// <summary>A voluntary or community sector organisation.</summary>
    VoluntarySector = 10,

    /// <summary>The police.</summary>
    Police = 11,
}
