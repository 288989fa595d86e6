namespace Caf.Core.Lifecycle;

/// <summary>
/// LIFE-14: why a CAF is started (003 §2: "The Common Assessment Framework approach should be used if ..."), after the
/// practitioner's own agency tried additional input.
/// </summary>
[System.Text.Json.Serialization.JsonConverter(typeof(Caf.Core.Primitives.StrictEnumConverter<CafStartGround>))]
public enum CafStartGround
{
    /// <summary>Despite the additional input provided, there are continuing concerns about the child's progress in an ECM outcome.</summary>
    ConcernsContinue = 0,

    /// <summary>The reasons for the child's vulnerability or possible vulnerability have not been fully identified.</summary>
    ReasonsNotFullyIdentified = 1,
}
