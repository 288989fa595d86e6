using System;

namespace Caf.Core.Closure;

/// <summary>
/// Display texts for every closure outcome, category and criterion, in the words of the guidance
/// (002 §9). An authority's own outcomes carry their text in the taxonomy (<see cref="ClosureTaxonomyOutcome.DisplayText"/>).
/// </summary>
public static class ClosureDisplayText
{
    /// <summary>The text of a canonical outcome ("Closing the CAF – outcomes").</summary>
    /// <param name="outcome">The outcome.</param>
    /// <returns>The display text.</returns>
    /// <exception cref="ArgumentOutOfRangeException">The value is not defined.</exception>
    public static string For(ClosureOutcome outcome) => outcome switch
    {
        ClosureOutcome.ResolvedFamilyActions => "Resolved via family / child / young person planned actions",
        ClosureOutcome.ResolvedSingleService => "Resolved via single service planned actions",
        ClosureOutcome.ResolvedMultiAgency => "Resolved via multi-agency provision and lead professional",
        ClosureOutcome.ResolvedOther => "Resolved other",
        ClosureOutcome.ConsentWithdrawn => "Consent withdrawn",
        ClosureOutcome.ConsentOverridden => "Consent overridden (safeguarding issue)",
        ClosureOutcome.SteppedUp => "Stepped up",
        _ => throw new ArgumentOutOfRangeException(nameof(outcome), outcome, "Unknown closure outcome."),
    };

    /// <summary>The text of a category (CLOSE-10).</summary>
    /// <param name="category">The category.</param>
    /// <returns>The display text.</returns>
    /// <exception cref="ArgumentOutOfRangeException">The value is not defined.</exception>
    public static string For(ClosureCategory category) => category switch
    {
        ClosureCategory.Resolved => "Resolved",
        ClosureCategory.ConsentEnded => "Consent ended",
        ClosureCategory.Escalated => "Escalated",
        _ => throw new ArgumentOutOfRangeException(nameof(category), category, "Unknown closure category."),
    };

    /// <summary>The text of a criterion (CLOSE-C1..C4).</summary>
    /// <param name="criterion">The criterion.</param>
    /// <returns>The display text.</returns>
    /// <exception cref="ArgumentOutOfRangeException">The value is not defined.</exception>
    public static string For(ClosureCriterion criterion) => criterion switch
    {
        ClosureCriterion.MostOutcomesAchieved =>
            "During a review a decision is reached that most of the intended outcomes in the action plan have been achieved",
        ClosureCriterion.FamilyNoLongerWantInvolvement =>
            "The family decide they no longer want to be involved with the CAF and the child or young person's progress is satisfactory",
        ClosureCriterion.PractitionersAgreeNoFurtherInvolvement =>
            "The lead professional concludes with other relevant practitioners that the child or young person's progress is satisfactory and further involvement is not needed",
        ClosureCriterion.TransferredToAdultServices =>
            "The young person, at age 19, is successfully transferred to adult services with their agreement and involvement in the decision",
        _ => throw new ArgumentOutOfRangeException(nameof(criterion), criterion, "Unknown closure criterion."),
    };
}
