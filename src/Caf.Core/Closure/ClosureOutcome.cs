namespace Caf.Core.Closure;

/// <summary>The canonical closure outcomes; exactly one is recorded when an episode closes (docs/rules.md CLOSE-01..07; 002 §9).</summary>
[System.Text.Json.Serialization.JsonConverter(typeof(Caf.Core.Primitives.StrictEnumConverter<ClosureOutcome>))]
public enum ClosureOutcome
{
    /// <summary>CLOSE-01: resolved via family / child / young person planned actions.</summary>
    ResolvedFamilyActions = 1,

    /// <summary>CLOSE-02: resolved via single service planned actions.</summary>
    ResolvedSingleService = 2,

    /// <summary>CLOSE-03: resolved via multi-agency provision and lead professional.</summary>
    ResolvedMultiAgency = 3,

    /// <summary>CLOSE-04: resolved other, with a written explanation (also no further action, CLOSE-09).</summary>
    ResolvedOther = 4,

    /// <summary>CLOSE-05: consent withdrawn (CONS-07).</summary>
    ConsentWithdrawn = 5,

    /// <summary>CLOSE-06: consent overridden, a safeguarding issue (CONS-06).</summary>
    ConsentOverridden = 6,

    /// <summary>CLOSE-07: stepped up to a named specialist service (LIFE-04).</summary>
    SteppedUp = 7,
}
