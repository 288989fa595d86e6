namespace Caf.Core.Analysis;

/// <summary>A kind of decision a configuration influences, re-decided by <see cref="PolicyWhatIf"/>.</summary>
[System.Text.Json.Serialization.JsonConverter(typeof(Caf.Core.Primitives.StrictEnumConverter<PolicyDecisionPoint>))]
public enum PolicyDecisionPoint
{
    /// <summary>CONS-02, CONS-03, CONS-08: whether a recorded consent record is acceptable for the child's age that day.</summary>
    ConsentRecord = 0,

    /// <summary>LIFE-05: whether the consent in force was sufficient to start the assessment (and, from a step-down, to continue).</summary>
    ConsentToStart = 1,

    /// <summary>CONS-04: whether the consent in force allowed sharing at a panel when the episode was referred.</summary>
    ConsentToShareAtPanel = 2,

    /// <summary>THR-03: the level of need for a completed assessment's indicators.</summary>
    ThresholdLevel = 3,

    /// <summary>THR-03: the recommended route for a completed assessment's indicators.</summary>
    ThresholdRoute = 4,

    /// <summary>LP-03..LP-09: who the selector ranks first for a candidate pool (or the LP-09 escalation).</summary>
    LeadProfessionalRanking = 5,

    /// <summary>REV-03: at which review of a plan version a reassessment becomes required.</summary>
    ReviewLimit = 6,

    /// <summary>CLOSE-01..10, CLOSE-C1..C4: whether a recorded closure is admissible, and as which canonical outcome.</summary>
    ClosureAdmissibility = 7,

    /// <summary>RET-01, RET-02: the date the record becomes due for disposal.</summary>
    RetentionDate = 8,
}
