using System;

namespace Caf.Core.Closure;

/// <summary>
/// The fixed facts about the canonical closure vocabulary: each outcome's category and rule id, each
/// criterion's rule id, and the JSON names a taxonomy file uses (CLOSE-10).
/// </summary>
public static class ClosureVocabulary
{
    /// <summary>The JSON names of the canonical outcomes, as a taxonomy file writes them.</summary>
    public const string OutcomeNames = "resolvedFamilyActions, resolvedSingleService, resolvedMultiAgency, resolvedOther, consentWithdrawn, consentOverridden, steppedUp";

    /// <summary>The JSON names of the categories, as a taxonomy file writes them.</summary>
    public const string CategoryNames = "resolved, consentEnded, escalated";

    /// <summary>The canonical category of a canonical outcome (CLOSE-10).</summary>
    /// <param name="outcome">The outcome.</param>
    /// <returns>Resolved for CLOSE-01..04, consent ended for CLOSE-05, escalated for CLOSE-06 and CLOSE-07.</returns>
    /// <exception cref="ArgumentOutOfRangeException">The value is not defined.</exception>
    public static ClosureCategory CategoryOf(ClosureOutcome outcome) => outcome switch
    {
        ClosureOutcome.ResolvedFamilyActions or ClosureOutcome.ResolvedSingleService
            or ClosureOutcome.ResolvedMultiAgency or ClosureOutcome.ResolvedOther => ClosureCategory.Resolved,
        ClosureOutcome.ConsentWithdrawn => ClosureCategory.ConsentEnded,
        ClosureOutcome.ConsentOverridden or ClosureOutcome.SteppedUp => ClosureCategory.Escalated,
        _ => throw new ArgumentOutOfRangeException(nameof(outcome), outcome, "Unknown closure outcome."),
    };

    /// <summary>The rule id of a canonical outcome's consistency rule (CLOSE-01..07).</summary>
    /// <param name="outcome">The outcome.</param>
    /// <returns>The rule id.</returns>
    /// <exception cref="ArgumentOutOfRangeException">The value is not defined.</exception>
    public static string RuleIdOf(ClosureOutcome outcome) => outcome switch
    {
        ClosureOutcome.ResolvedFamilyActions => "CLOSE-01",
        ClosureOutcome.ResolvedSingleService => "CLOSE-02",
        ClosureOutcome.ResolvedMultiAgency => "CLOSE-03",
        ClosureOutcome.ResolvedOther => "CLOSE-04",
        ClosureOutcome.ConsentWithdrawn => "CLOSE-05",
        ClosureOutcome.ConsentOverridden => "CLOSE-06",
        ClosureOutcome.SteppedUp => "CLOSE-07",
        _ => throw new ArgumentOutOfRangeException(nameof(outcome), outcome, "Unknown closure outcome."),
    };

    /// <summary>The rule id of a criterion (CLOSE-C1..C4).</summary>
    /// <param name="criterion">The criterion.</param>
    /// <returns>The rule id.</returns>
    /// <exception cref="ArgumentOutOfRangeException">The value is not defined.</exception>
    public static string RuleIdOf(ClosureCriterion criterion) => criterion switch
    {
        ClosureCriterion.MostOutcomesAchieved => "CLOSE-C1",
        ClosureCriterion.FamilyNoLongerWantInvolvement => "CLOSE-C2",
        ClosureCriterion.PractitionersAgreeNoFurtherInvolvement => "CLOSE-C3",
        ClosureCriterion.TransferredToAdultServices => "CLOSE-C4",
        _ => throw new ArgumentOutOfRangeException(nameof(criterion), criterion, "Unknown closure criterion."),
    };

    /// <summary>The JSON name of a canonical outcome (e.g. <c>resolvedFamilyActions</c>).</summary>
    /// <param name="outcome">The outcome.</param>
    /// <returns>The name.</returns>
    /// <exception cref="ArgumentOutOfRangeException">The value is not defined.</exception>
    public static string NameOf(ClosureOutcome outcome)
    {
        RuleIdOf(outcome);
        var name = outcome.ToString();
        return char.ToLowerInvariant(name[0]) + name[1..];
    }

    /// <summary>The JSON name of a category (e.g. <c>consentEnded</c>).</summary>
    /// <param name="category">The category.</param>
    /// <returns>The name.</returns>
    /// <exception cref="ArgumentOutOfRangeException">The value is not defined.</exception>
    public static string NameOf(ClosureCategory category) => category switch
    {
        ClosureCategory.Resolved => "resolved",
        ClosureCategory.ConsentEnded => "consentEnded",
        ClosureCategory.Escalated => "escalated",
        _ => throw new ArgumentOutOfRangeException(nameof(category), category, "Unknown closure category."),
    };

    internal static bool TryParseOutcome(string? name, out ClosureOutcome outcome)
    {
        foreach (var candidate in Enum.GetValues<ClosureOutcome>())
        {
            if (string.Equals(NameOf(candidate), name, StringComparison.Ordinal))
            {
                outcome = candidate;
                return true;
            }
        }

        outcome = default;
        return false;
    }

    internal static bool TryParseCategory(string? name, out ClosureCategory category)
    {
        foreach (var candidate in Enum.GetValues<ClosureCategory>())
        {
            if (string.Equals(NameOf(candidate), name, StringComparison.Ordinal))
            {
                category = candidate;
                return true;
            }
        }

        category = default;
        return false;
    }
}
