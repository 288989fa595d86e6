namespace Caf.Core.StepDown;

/// <summary>
/// STEP-02: the specialist service's document that takes the place of the CAF assessment (002 §3
/// "Specialist Services Documents that take the place of the CAF assessment").
/// </summary>
[System.Text.Json.Serialization.JsonConverter(typeof(Caf.Core.Primitives.StrictEnumConverter<StepDownDocumentType>))]
public enum StepDownDocumentType
{
    /// <summary>Youth Offending Service: ASSET and ONSET (YOS assessment documents).</summary>
    YouthOffendingAssetOnset = 1,

    /// <summary>Children's Social Care: the ICS (CSC electronic record) closing summary.</summary>
    SocialCareClosingSummary = 2,

    /// <summary>CAMHS: the "work completed" letter, usually written to the family, copied to GP and referrer.</summary>
    CamhsWorkCompletedLetter = 3,

    /// <summary>Special Educational Needs service: the Transition / SEN Review.</summary>
    SenTransitionReview = 4,
}
