namespace Caf.Core.Outcomes;

/// <summary>
/// The four boxes of each question (OUTQ-01): Great / Good / OK / Not Good. The values are the scores
/// distance travelled is measured in, so moving from Not good to Good is +2.
/// </summary>
[System.Text.Json.Serialization.JsonConverter(typeof(Caf.Core.Primitives.StrictEnumConverter<OutcomesRating>))]
public enum OutcomesRating
{
    /// <summary>"Not Good" (score 1).</summary>
    NotGood = 1,

    /// <summary>"OK" (score 2).</summary>
    Ok = 2,

    /// <summary>"Good" (score 3).</summary>
    Good = 3,

    /// <summary>"Great" (score 4).</summary>
    Great = 4,
}
