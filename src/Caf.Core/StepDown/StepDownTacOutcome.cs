namespace Caf.Core.StepDown;

/// <summary>STEP-03: what a step-down TAC decides (002 §3 "Possible decisions arising from the TAC").</summary>
[System.Text.Json.Serialization.JsonConverter(typeof(Caf.Core.Primitives.StrictEnumConverter<StepDownTacOutcome>))]
public enum StepDownTacOutcome
{
    /// <summary>No further TAC intervention is required: the potential CAF is closed.</summary>
    Close = 1,

    /// <summary>Ongoing support is required: the lead professional and the CAF action plan are confirmed.</summary>
    Continue = 2,
}
