using System;
using Ardalis.GuardClauses;
using Caf.Core.Lifecycle;
using Caf.Core.Primitives;
using Caf.Core.Register;

namespace Caf.Core.AspNetCore;

/// <summary>One open episode of an agency's caseload: the child, the stage, the lead professional and the next date due.</summary>
public sealed class CaseloadEntryView
{
    /// <summary>The episode's id.</summary>
    public required string Id { get; init; }

    /// <summary>The child's id (the host holds the child's name).</summary>
    public required string ChildId { get; init; }

    /// <summary>The state's code (stable, for programs).</summary>
    public required string State { get; init; }

    /// <summary>The state in plain words.</summary>
    public required string StateText { get; init; }

    /// <summary>The lead professional's practitioner id.</summary>
    public required string LeadProfessional { get; init; }

    /// <summary>The lead professional's display name (the naming port; the id when unknown).</summary>
    public required string LeadProfessionalName { get; init; }

    /// <summary>True while the lead professional is the interim one who opened the episode (LP-01).</summary>
    public required bool LeadProfessionalIsInterim { get; init; }

    /// <summary>The next date due (the assessment, LIFE-06, or the next review, REV-05); null when none.</summary>
    public DateOnly? NextDueOn { get; init; }

    /// <summary>What is due, in words; null when nothing is.</summary>
    public string? NextDueText { get; init; }

    /// <summary>True when that date has passed (reported, never blocking).</summary>
    public bool Overdue { get; init; }

    /// <summary>The entry of a register summary, as of a time.</summary>
    /// <param name="summary">The register's summary.</param>
    /// <param name="names">The naming port.</param>
    /// <param name="now">The time to judge overdue dates at.</param>
    /// <returns>The entry.</returns>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    public static CaseloadEntryView Of(EpisodeSummary summary, ICafNames names, DateTimeOffset now)
    {
        Guard.Against.Null(summary);
        Guard.Against.Null(names);
        var today = DateOnly.FromDateTime(now.UtcDateTime);
        var (due, text, overdue) = summary switch
        {
            { NextReviewDue: { } review } => ((DateOnly?)review, "Next review due", summary.IsReviewOverdueOn(today)),
            { AssessmentCompletedAt: null, AssessmentDueBy: { } by } => (DateOnly.FromDateTime(by.UtcDateTime), "Assessment due", summary.IsAssessmentOverdueAt(now)),
            _ => (null, null, false),
        };
        return new CaseloadEntryView
        {
            Id = summary.Id.Value,
            ChildId = summary.Child.Value,
            State = summary.State.ToString(),
            StateText = LifecycleDisplayText.For(summary.State),
            LeadProfessional = summary.LeadProfessional.Value,
            LeadProfessionalName = names.Name(summary.LeadProfessional),
            LeadProfessionalIsInterim = summary.LeadProfessionalIsInterim,
            NextDueOn = due,
            NextDueText = text,
            Overdue = overdue,
        };
    }
}

/// <summary>
/// The answer to "a practitioner identified a concern" (LIFE-03): a new episode was opened, or the child already has
/// an open one and the practitioner contributes to it (whom to contact, by name; no details when the family excluded
/// the practitioner's agency, SHARE-01).
/// </summary>
public sealed class RegistrationView
{
    /// <summary>True when a new episode was opened.</summary>
    public required bool Opened { get; init; }

    /// <summary>The new episode's id, or the open episode's when the caller may see it; null otherwise.</summary>
    public string? EpisodeId { get; init; }

    /// <summary>Whom to contact about the open episode, by name; null when a new one was opened.</summary>
    public string? ContactName { get; init; }

    /// <summary>What happened, for the practitioner.</summary>
    public required string Text { get; init; }

    /// <summary>The view of a registration.</summary>
    /// <param name="registration">The register's answer.</param>
    /// <param name="names">The naming port.</param>
    /// <returns>The view.</returns>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    public static RegistrationView Of(Registration registration, ICafNames names)
    {
        Guard.Against.Null(registration);
        Guard.Against.Null(names);
        if (registration.Opened is { } opened)
        {
            return new RegistrationView
            {
                Opened = true,
                EpisodeId = opened.Id.Value,
                Text = opened.PreviousEpisodes.IsEmpty
                    ? "A new CAF was opened for the child; you are the interim lead professional (LP-01)."
                    : "A new CAF was opened for the child and linked to their earlier, closed ones (LIFE-03); you are the interim lead professional (LP-01).",
            };
        }

        var contact = registration.ExistingLeadProfessional is { } lead ? names.Name(lead) : null;
        return new RegistrationView
        {
            Opened = false,
            EpisodeId = registration.Existing?.Id.Value,
            ContactName = contact,
            Text = contact is null
                ? registration.Explanation
                : registration.Existing is null
                    ? $"A CAF is already open for this child. Contact {contact}: the family's consent does not cover your agency."
                    : $"A CAF is already open for this child: contribute to it. Its lead professional is {contact}.",
        };
    }
}
