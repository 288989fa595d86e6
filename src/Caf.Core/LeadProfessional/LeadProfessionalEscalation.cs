using System.Collections.Immutable;
using System.Linq;
using System.Text;
using Ardalis.GuardClauses;
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
    /// <summary>
    /// The candidates considered, each with the first hard constraint they failed (in ranking order); empty when nobody
    /// was put forward, or for an escalation made by hand. <see cref="ToRefusal(ICafNames)"/> names them.
    /// </summary>
    public ImmutableArray<RankedCandidate> Considered { get; init; } = [];

    /// <summary>The rule: <c>LP-09</c>.</summary>
    public string RuleId => "LP-09";

    /// <summary>The escalation as a refusal (rule <c>LP-09</c>, field <c>leadProfessional</c>), for an appointment command; people and agencies shown by id.</summary>
    /// <returns>The refusal.</returns>
    public Refusal ToRefusal() => ToRefusal(CafNames.Ids);

    /// <summary>
    /// The escalation as a refusal (rule <c>LP-09</c>, field <c>leadProfessional</c>), naming each candidate considered and
    /// the first constraint they failed through the host's naming port (ids where it knows no name).
    /// </summary>
    /// <param name="names">The naming port.</param>
    /// <returns>The refusal.</returns>
    /// <exception cref="System.ArgumentException"><paramref name="names"/> is null.</exception>
    public Refusal ToRefusal(ICafNames names)
    {
        Guard.Against.Null(names);
        var text = new StringBuilder(Reason);
        var considered = Considered.IsDefault ? [] : Considered;
        var first = true;
        foreach (var candidate in considered)
        {
            if (candidate is null || candidate.Constraints.IsDefault || candidate.Constraints.FirstOrDefault(c => c is { Held: false }) is not { } failed)
            {
                continue;
            }

            text.Append(first ? " Considered: " : "; ")
                .Append(names.Name(new Actor(candidate.Candidate.Practitioner, candidate.Candidate.Agency)))
                .Append(", ").Append(LeadProfessionalDisplayText.Failed(failed.Constraint));
            first = false;
        }

        if (!first)
        {
            text.Append('.');
        }

        return new(RuleId, text.Append(" Escalate to the local CAF lead, then the CAF/panel manager.").ToString(), "leadProfessional");
    }

    /// <inheritdoc />
    public bool Equals(LeadProfessionalEscalation? other) =>
        other is not null && Reason == other.Reason && ValueEquality.Equal(Path, other.Path) && ValueEquality.Equal(Considered, other.Considered);

    /// <inheritdoc />
    public override int GetHashCode() => System.HashCode.Combine(Reason, ValueEquality.Hash(Path), ValueEquality.Hash(Considered));
}
