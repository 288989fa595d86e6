namespace Caf.Core.StepDown;

/// <summary>
/// STEP-04: a specialist service's closing meeting that stands as the step-down TAC (002 §3 process for specialist
/// services, 4: "specialist services hold a closing meeting (e.g. final Looked After Child/Child Protection/Child In Need
/// Review). In those situations, this meeting can be considered the TAC and the plan arising from that meeting can become
/// the CAF Action plan").
/// </summary>
[System.Text.Json.Serialization.JsonConverter(typeof(Caf.Core.Primitives.StrictEnumConverter<SpecialistClosingMeeting>))]
public enum SpecialistClosingMeeting
{
    /// <summary>The final looked-after child review.</summary>
    FinalLookedAfterChildReview = 0,

    /// <summary>The final child protection review.</summary>
    FinalChildProtectionReview = 1,

    /// <summary>The final child in need review.</summary>
    FinalChildInNeedReview = 2,
}
