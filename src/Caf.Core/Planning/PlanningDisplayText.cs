using System;
using Ardalis.GuardClauses;

namespace Caf.Core.Planning;

/// <summary>
/// Display texts for the plan's and reviews' values (the UI port): plain English instead of enum names. Hosts that
/// localise map the values themselves.
/// </summary>
public static class PlanningDisplayText
{
    /// <summary>The text for how a review is held (REV-01).</summary>
    /// <param name="form">The form.</param>
    /// <returns>The display text.</returns>
    /// <exception cref="ArgumentOutOfRangeException">The value is not defined.</exception>
    public static string For(ReviewForm form) => form switch
    {
        ReviewForm.Visit => "A visit",
        ReviewForm.Call => "Phone calls",
        ReviewForm.Email => "Emails",
        ReviewForm.Meeting => "A review meeting",
        _ => throw new ArgumentOutOfRangeException(nameof(form), form, "Unknown review form."),
    };

    /// <summary>The text for who an action is identified against (PLAN-02).</summary>
    /// <param name="kind">The kind of owner.</param>
    /// <returns>The display text.</returns>
    /// <exception cref="ArgumentOutOfRangeException">The value is not defined.</exception>
    public static string For(ActionOwnerKind kind) => kind switch
    {
        ActionOwnerKind.Family => "The family",
        ActionOwnerKind.ChildOrYoungPerson => "The child or young person",
        ActionOwnerKind.Practitioner => "A practitioner",
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "Unknown action owner."),
    };

    /// <summary>The text for what a review found for an action (REV-02).</summary>
    /// <param name="progress">The progress.</param>
    /// <returns>The display text.</returns>
    /// <exception cref="ArgumentOutOfRangeException">The value is not defined.</exception>
    public static string For(ActionProgress progress) => progress switch
    {
        ActionProgress.Done => "Done",
        ActionProgress.InProgress => "Under way",
        ActionProgress.NotStarted => "Not started",
        ActionProgress.NotCarriedOut => "Not carried out",
        _ => throw new ArgumentOutOfRangeException(nameof(progress), progress, "Unknown action progress."),
    };

    /// <summary>The text for where an action stands (PLAN-02).</summary>
    /// <param name="status">The status.</param>
    /// <returns>The display text.</returns>
    /// <exception cref="ArgumentOutOfRangeException">The value is not defined.</exception>
    public static string For(ActionStatus status) => status switch
    {
        ActionStatus.NotStarted => "Agreed, not started",
        ActionStatus.InProgress => "Under way",
        ActionStatus.Done => "Done",
        ActionStatus.NotCarriedOut => "Not carried out",
        ActionStatus.Suspended => "On hold",
        _ => throw new ArgumentOutOfRangeException(nameof(status), status, "Unknown action status."),
    };

    /// <summary>Who owns an action, as a practitioner or family reads it.</summary>
    /// <param name="owner">The owner.</param>
    /// <returns>"The family", "The child or young person", or the practitioner and agency.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="owner"/> is null.</exception>
    public static string For(ActionOwner owner)
    {
        Guard.Against.Null(owner);
        return owner.Kind == ActionOwnerKind.Practitioner ? $"{owner.Practitioner} ({owner.Agency})" : For(owner.Kind);
    }
}
