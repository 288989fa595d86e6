using Caf.Core.Primitives;
using System;
using System.Collections.Immutable;
using System.Globalization;
using System.Text;
using Caf.Core.Annotations;

namespace Caf.Core.LeadProfessional;

/// <summary>A candidate with their place in the ranking and the full explanation of it.</summary>
/// <param name="Rank">1 for the first; eligible candidates always come before ineligible ones.</param>
/// <param name="Candidate">The candidate as supplied.</param>
/// <param name="IsEligible">True when every hard constraint held.</param>
/// <param name="TotalScore">The sum of the criterion scores.</param>
/// <param name="AgencyLeadRoles">LP roles the candidate's agency holds now (LP-07; the first tie-break).</param>
/// <param name="Constraints">Every hard constraint, in <see cref="LeadProfessionalConstraint"/> order.</param>
/// <param name="Criteria">Every soft criterion, in <see cref="LeadProfessionalCriterion"/> order.</param>
/// <threadsafety>This type is immutable and thread-safe.</threadsafety>
[Immutable]
public sealed record RankedCandidate(
    int Rank,
    LeadProfessionalCandidate Candidate,
    bool IsEligible,
    double TotalScore,
    int AgencyLeadRoles,
    ImmutableArray<CandidateConstraintCheck> Constraints,
    ImmutableArray<CandidateCriterionScore> Criteria)
{
    /// <summary>Value equality: the collections are compared element by element (the compiler's would compare them by reference).</summary>
    /// <param name="other">The other value.</param>
    /// <returns>True when every member is equal.</returns>
    public bool Equals(RankedCandidate? other) =>
        other is not null && Rank == other.Rank && Candidate == other.Candidate && IsEligible == other.IsEligible && TotalScore.Equals(other.TotalScore)
        && AgencyLeadRoles == other.AgencyLeadRoles && ValueEquality.Equal(Constraints, other.Constraints) && ValueEquality.Equal(Criteria, other.Criteria);

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(Rank, Candidate, IsEligible, TotalScore, AgencyLeadRoles, ValueEquality.Hash(Constraints), ValueEquality.Hash(Criteria));


    /// <summary>The explanation as text, one line per constraint and criterion, for a practitioner.</summary>
    /// <returns>The explanation.</returns>
    public string Explain()
    {
        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture,
            $"#{Rank} {Candidate.Practitioner} ({Candidate.Role}, {Candidate.Agency}, {LeadProfessionalDisplayText.For(Candidate.AgencyKind)}): ");
        text.Append(IsEligible ? "eligible" : "NOT eligible")
            .Append(CultureInfo.InvariantCulture, $", score {TotalScore:0.00}");
        foreach (var check in Constraints)
        {
            text.AppendLine().Append("  ").Append(check);
        }

        foreach (var score in Criteria)
        {
            text.AppendLine().Append("  ").Append(score);
        }

        return text.ToString();
    }
}
