namespace Caf.Core.Lifecycle;

/// <summary>
/// The states of a CAF episode (docs/rules.md, LIFE-01..12; refined: see <c>docs/lifecycle.md</c> for why
/// "AwaitingConsent" and "UnderReview" are not separate states and why "ConsentWithdrawn" and
/// "TransferredOut" are).
/// </summary>
[System.Text.Json.Serialization.JsonConverter(typeof(Caf.Core.Primitives.StrictEnumConverter<EpisodeState>))]
public enum EpisodeState
{
    /// <summary>LIFE-01: possible unmet additional needs identified ("intent to CAF"); consent is being sought.</summary>
    Identified = 0,

    /// <summary>LIFE-02: a potential CAF registered from a specialist service's step-down information.</summary>
    PotentialFromStepDown = 1,

    /// <summary>LIFE-05: the assessment is under way (consent recorded).</summary>
    Assessing = 2,

    /// <summary>LIFE-07: the assessment is complete; a next step is being chosen and the plan prepared.</summary>
    Assessed = 3,

    /// <summary>LIFE-07, PANEL-01: referred to a panel (MAF/MAAG) for allocation.</summary>
    PanelReferred = 4,

    /// <summary>LIFE-09: the action plan is agreed and being delivered and reviewed.</summary>
    PlanActive = 5,

    /// <summary>CONS-07: consent was withdrawn; the episode can only close as consent withdrawn or be overridden.</summary>
    ConsentWithdrawn = 6,

    /// <summary>LIFE-10: closed with a closure outcome; terminal and immutable.</summary>
    Closed = 7,

    /// <summary>RET-02: transferred to another authority; terminal here (the sending authority keeps the record).</summary>
    TransferredOut = 8,
}
