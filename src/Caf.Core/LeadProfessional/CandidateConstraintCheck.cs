using Caf.Core.Annotations;

namespace Caf.Core.LeadProfessional;

/// <summary>One hard constraint checked for one candidate: held or failed, the rule and why.</summary>
/// <param name="Constraint">The constraint.</param>
/// <param name="RuleId">The rule it enforces (e.g. <c>LP-03</c>, <c>LP-11</c>).</param>
/// <param name="Held">True when the candidate meets it.</param>
/// <param name="Reason">Why, for a practitioner.</param>
/// <threadsafety>This type is immutable and thread-safe.</threadsafety>
[Immutable]
public sealed record CandidateConstraintCheck(LeadProfessionalConstraint Constraint, string RuleId, bool Held, string Reason)
{
    /// <summary>Formats as <c>[LP-03] held: reason</c>.</summary>
    /// <returns>The formatted check.</returns>
    public override string ToString() => $"[{RuleId}] {(Held ? "held" : "FAILED")}: {Reason}";
}
