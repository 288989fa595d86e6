namespace Caf.Core.Lifecycle;

/// <summary>How a review judged progress against the plan (REV-02, REV-03).</summary>
[System.Text.Json.Serialization.JsonConverter(typeof(Caf.Core.Primitives.StrictEnumConverter<ReviewProgress>))]
public enum ReviewProgress
{
    /// <summary>Progress is sufficient.</summary>
    Sufficient = 0,

    /// <summary>Progress is insufficient; after the configured number in a row the assessment must be reconsidered (REV-03).</summary>
    Insufficient = 1,
}
