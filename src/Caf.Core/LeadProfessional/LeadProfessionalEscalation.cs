using System.Collections.Immutable;
using Caf.Core.Annotations;
using Caf.Core.Primitives;

namespace Caf.Core.LeadProfessional;

/// <summary>
/// LP-09: nobody could be chosen, so the appointment is escalated — first to the local CAF lead, then to the
/// CAF/panel manager (Bedfordshire 003 §3: "If there are difficulties appointing a lead professional...").
/// </summary>
/// <param name="Reason">Why nobody is eligible, summarising the failed constraints.</param>
/// <param name="Path">The escalation path in order: <see cref="EscalationLevel.LocalCafLead"/>, then <see cref="EscalationLevel.CafPanelManager"/>.</param>
/// <threadsafety>This type is immutable and thread-safe.</threadsafety>
[Immutable]
public sealed record LeadProfessionalEscalation(string Reason, ImmutableArray<EscalationLevel> Path)
{
    /// <summary>The rule: <c>LP-09</c>.</summary>
    public string RuleId => "LP-09";

    /// <summary>The escalation as a refusal (rule <c>LP-09</c>, field <c>leadProfessional</c>), for an appointment command.</summary>
    /// <returns>The refusal.</returns>
    public Refusal ToRefusal() => new(RuleId, Reason + " Escalate to the local CAF lead, then the CAF/panel manager.", "leadProfessional");
}
