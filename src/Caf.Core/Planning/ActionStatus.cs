namespace Caf.Core.Planning;

/// <summary>PLAN-02: where an action of the plan stands.</summary>
[System.Text.Json.Serialization.JsonConverter(typeof(Caf.Core.Primitives.StrictEnumConverter<ActionStatus>))]
public enum ActionStatus
{
    /// <summary>Agreed, not started yet.</summary>
    NotStarted = 1,

    /// <summary>Under way.</summary>
    InProgress = 2,

    /// <summary>Done.</summary>
    Done = 3,

    /// <summary>Not carried out; when an agency owns it the LP escalates it (REV-04).</summary>
    NotCarriedOut = 4,

    /// <summary>Put on hold by agreement (for instance while the plan is revised).</summary>
    Suspended = 5,
}
