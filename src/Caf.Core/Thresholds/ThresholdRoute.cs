namespace Caf.Core.Thresholds;

/// <summary>
/// The recommended route for a level of need (THR-03). Declared in ascending order of intensity, so when
/// several rules recommend a route for the same level the most intensive one is taken.
/// </summary>
/// <remarks>JSON names (camel case): <c>universal</c>, <c>cafSingleAgency</c>, <c>cafMultiAgency</c>,
/// <c>panel</c>, <c>specialistReferral</c>, <c>safeguarding</c>.</remarks>
[System.Text.Json.Serialization.JsonConverter(typeof(Caf.Core.Primitives.StrictEnumConverter<ThresholdRoute>))]
public enum ThresholdRoute
{
    /// <summary>Universal services; no CAF.</summary>
    Universal = 0,

    /// <summary>A CAF with single-agency or family action.</summary>
    CafSingleAgency = 1,

    /// <summary>A CAF with multi-agency support or a team around the child (TAC).</summary>
    CafMultiAgency = 2,

    /// <summary>A CAF taken to a multi-agency panel (MAF / MAAG).</summary>
    Panel = 3,

    /// <summary>Referral to specialist or statutory (tier 3/4) services.</summary>
    SpecialistReferral = 4,

    /// <summary>Safeguarding procedures immediately (THR-04).</summary>
    Safeguarding = 5,
}
