namespace Caf.Core.Planning;

/// <summary>REV-02: what a review found for one action ("Family and practitioners report on their actions", 002 §8).</summary>
[System.Text.Json.Serialization.JsonConverter(typeof(Caf.Core.Primitives.StrictEnumConverter<ActionProgress>))]
public enum ActionProgress
{
    /// <summary>Done.</summary>
    Done = 1,

    /// <summary>Under way.</summary>
    InProgress = 2,

    /// <summary>Not started.</summary>
    NotStarted = 3,

    /// <summary>Not carried out; an agency's action is escalated (REV-04).</summary>
    NotCarriedOut = 4,
}
