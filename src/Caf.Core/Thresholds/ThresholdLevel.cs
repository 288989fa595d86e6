namespace Caf.Core.Thresholds;

/// <summary>
/// A level on the continuum of need (docs/rules.md, THR). The numeric values order the levels, so a higher
/// value is always a greater need: THR-06 (monotonic) and THR-04 (significant harm overrides) compare them.
/// </summary>
[System.Text.Json.Serialization.JsonConverter(typeof(Caf.Core.Primitives.StrictEnumConverter<ThresholdLevel>))]
public enum ThresholdLevel
{
    /// <summary>Level 1: needs met by universal services; no CAF.</summary>
    Universal = 1,

    /// <summary>Level 2: additional needs; a CAF with single-agency or family action.</summary>
    Additional = 2,

    /// <summary>Level 3: complex or multiple needs; a CAF with multi-agency support, a TAC or a panel.</summary>
    Complex = 3,

    /// <summary>Level 4: acute needs; specialist or statutory services (tier 3/4).</summary>
    Acute = 4,

    /// <summary>Significant harm: safeguarding procedures immediately (THR-04, LIFE-04). Above every level.</summary>
    SignificantHarm = 5,
}
