namespace Caf.Core.Reporting;

/// <summary>
/// The child's age band when the episode opened (REP-03). The bands are those of the DfE Children in Need
/// statistics (unborn, under 1, 1–4, 5–9, 10–15, 16 and over), so early-help figures line up with national
/// returns; CAF covers unborn babies to 19-year-olds (CLOSE-C4).
/// </summary>
[System.Text.Json.Serialization.JsonConverter(typeof(Caf.Core.Primitives.StrictEnumConverter<AgeBand>))]
public enum AgeBand
{
    /// <summary>An unborn baby (the national CAF form covers unborn babies).</summary>
    Unborn = 0,

    /// <summary>Under one year old.</summary>
    UnderOne = 1,

    /// <summary>Aged 1 to 4.</summary>
    OneToFour = 2,

    /// <summary>Aged 5 to 9.</summary>
    FiveToNine = 3,

    /// <summary>Aged 10 to 15 (Leicestershire's largest group: "more CAFs completed for 13-15 year olds").</summary>
    TenToFifteen = 4,

    /// <summary>Aged 16 and over (to 19, CLOSE-C4).</summary>
    SixteenPlus = 5,
}
