namespace Caf.Core.Planning;

/// <summary>PLAN-02: who an action of the plan is identified against (002 §6 "Delivering the Action Plan").</summary>
[System.Text.Json.Serialization.JsonConverter(typeof(Caf.Core.Primitives.StrictEnumConverter<ActionOwnerKind>))]
public enum ActionOwnerKind
{
    /// <summary>The family (parents or carers).</summary>
    Family = 1,

    /// <summary>The child or young person.</summary>
    ChildOrYoungPerson = 2,

    /// <summary>A named practitioner and their agency.</summary>
    Practitioner = 3,
}
