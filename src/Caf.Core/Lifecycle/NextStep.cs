namespace Caf.Core.Lifecycle;

/// <summary>
/// The next steps chosen with <see cref="CafEpisode.ChooseNextStep"/> after an assessment (LIFE-07; Bradford 002 §6,
/// Bedfordshire 003 §1/§3). The command accepts every value. LIFE-07's other two outcomes are not values here
/// because each needs more than a choice: a panel referral names the panel (<see cref="CafEpisode.ReferToPanel"/>,
/// PANEL-01) and a step-up names the specialist service (<see cref="CafEpisode.StepUp"/>, LIFE-04).
/// </summary>
[System.Text.Json.Serialization.JsonConverter(typeof(Caf.Core.Primitives.StrictEnumConverter<NextStep>))]
public enum NextStep
{
    /// <summary>No further action: the episode closes (CLOSE-09).</summary>
    NoFurtherAction = 0,

    /// <summary>The family (or child) carry out the planned actions themselves.</summary>
    FamilyAction = 1,

    /// <summary>One service meets the needs.</summary>
    SingleAgencySupport = 2,

    /// <summary>More than one service: a lead professional is appointed (LP-02, LIFE-08).</summary>
    MultiAgencySupport = 3,
}
