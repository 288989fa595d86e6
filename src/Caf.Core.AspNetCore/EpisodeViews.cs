using System;
using System.Collections.Generic;
using System.Linq;
using Ardalis.GuardClauses;
using Caf.Core.Events;
using Caf.Core.Lifecycle;
using Caf.Core.Primitives;

namespace Caf.Core.AspNetCore;

/// <summary>
/// What a UI shows of an episode: its stage, its lead professional, its history in plain words (LIFE-11) and every
/// action with whether it is permitted now and why not (the UI port). Display texts only; the codes beside them are
/// for programs. Only ever built for a caller the sharing gate let through (<see cref="CafEpisodeAccess"/>).
/// </summary>
public sealed class EpisodeView
{
    /// <summary>The episode's id.</summary>
    public required string Id { get; init; }

    /// <summary>The child's id (the host holds the child's name).</summary>
    public required string ChildId { get; init; }

    /// <summary>The state's code (stable, for programs): an <see cref="EpisodeState"/> name.</summary>
    public required string State { get; init; }

    /// <summary>The state in plain words (<see cref="LifecycleDisplayText.For(EpisodeState)"/>).</summary>
    public required string StateText { get; init; }

    /// <summary>True until the episode is closed or transferred out.</summary>
    public required bool IsOpen { get; init; }

    /// <summary>The number of events (the version for optimistic concurrency).</summary>
    public required int Version { get; init; }

    /// <summary>The current lead professional's practitioner id.</summary>
    public required string LeadProfessional { get; init; }

    /// <summary>The current lead professional's agency id.</summary>
    public required string LeadProfessionalAgency { get; init; }

    /// <summary>True while the lead professional is the interim one who opened the episode (LP-01).</summary>
    public required bool LeadProfessionalIsInterim { get; init; }

    /// <summary>The lead professional's display name (the host's <see cref="ICafNames"/>; the id when unknown).</summary>
    public string LeadProfessionalName { get; init; } = string.Empty;

    /// <summary>The lead professional's agency's display name (the id when unknown).</summary>
    public string LeadProfessionalAgencyName { get; init; } = string.Empty;

    /// <summary>
    /// The consent situation in plain words, beside the stage (the stage says where the work is; this says what the
    /// family agreed): e.g. "Given in writing by Ms Smith (parent with parental responsibility); CAMHS excluded".
    /// </summary>
    public string ConsentText { get; init; } = string.Empty;

    /// <summary>The next date due (the assessment while it is under way, LIFE-06; the next review while the plan is active, REV-05); null when none.</summary>
    public DateOnly? NextDueOn { get; init; }

    /// <summary>What is due on <see cref="NextDueOn"/>, in words ("Assessment due", "Next review due"); null when nothing is.</summary>
    public string? NextDueText { get; init; }

    /// <summary>The history, oldest first, in plain words.</summary>
    public required IReadOnlyList<HistoryEntryView> History { get; init; }

    /// <summary>Every action, in the order of <see cref="EpisodeAction"/>, with whether it is permitted now.</summary>
    public required IReadOnlyList<ActionView> Actions { get; init; }

    /// <summary>Builds the view of an episode as of now, without a caller: actions judged for the stage only, ids for names.</summary>
    /// <param name="episode">The episode.</param>
    /// <returns>The view.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="episode"/> is null.</exception>
    public static EpisodeView Of(CafEpisode episode) => Build(episode, ActionView.Of(episode), CafNames.Ids);

    /// <summary>
    /// Builds the view of an episode as of now for the signed-in caller: the actions as the caller may take them
    /// (<see cref="CafEpisode.GetAvailableActions(Actor)"/>: the lead-professional-only closure, an excluded agency), and
    /// names from the host's directory (<see cref="ICafNames"/>).
    /// </summary>
    /// <param name="episode">The episode.</param>
    /// <param name="caller">Who is signed in.</param>
    /// <param name="names">The naming port.</param>
    /// <returns>The view.</returns>
    /// <exception cref="ArgumentException">An argument is null or the caller is default.</exception>
    public static EpisodeView Of(CafEpisode episode, Actor caller, ICafNames names)
    {
        Guard.Against.Null(episode);
        Guard.Against.Null(names);
        return Build(episode, ActionView.Of(episode, caller), names);
    }

    private static EpisodeView Build(CafEpisode episode, IReadOnlyList<ActionView> actions, ICafNames names)
    {
        Guard.Against.Null(episode);
        var lead = episode.LeadProfessional;
        var (dueOn, dueText) = NextDue(episode);
        return new EpisodeView
        {
            Id = episode.Id.Value,
            ChildId = episode.Child.Id.Value,
            State = episode.State.ToString(),
            StateText = LifecycleDisplayText.For(episode.State),
            IsOpen = episode.IsOpen,
            Version = episode.Version,
            LeadProfessional = lead.Practitioner.Value,
            LeadProfessionalAgency = lead.Agency.Value,
            LeadProfessionalIsInterim = lead.IsInterim,
            LeadProfessionalName = names.Name(lead.Practitioner),
            LeadProfessionalAgencyName = names.Name(lead.Agency),
            ConsentText = ConsentSituation.Describe(episode.Consent, names),
            NextDueOn = dueOn,
            NextDueText = dueText,
            History = [.. episode.Events.Select(e => HistoryEntryView.Of(e, names))],
            Actions = actions,
        };
    }

    /// <summary>The next date due on an episode and what it is, or nulls.</summary>
    /// <param name="episode">The episode.</param>
    /// <returns>The date and its words.</returns>
    internal static (DateOnly? On, string? Text) NextDue(CafEpisode episode) => episode switch
    {
        { IsOpen: true, State: EpisodeState.PlanActive, NextReviewDue: { } review } => (review, "Next review due"),
        { IsOpen: true, AssessmentCompletedAt: null, AssessmentDueBy: { } assessment } => (DateOnly.FromDateTime(assessment.UtcDateTime), "Assessment due"),
        _ => (null, null),
    };
}

/// <summary>One event of the history, in plain words: when, who, and what was done (LIFE-11).</summary>
public sealed class HistoryEntryView
{
    /// <summary>When it happened.</summary>
    public required DateTimeOffset At { get; init; }

    /// <summary>The practitioner who did it.</summary>
    public required string Practitioner { get; init; }

    /// <summary>The agency they acted for.</summary>
    public required string Agency { get; init; }

    /// <summary>The practitioner's display name (the id when the host's directory does not know them).</summary>
    public string PractitionerName { get; init; } = string.Empty;

    /// <summary>The agency's display name (the id when unknown).</summary>
    public string AgencyName { get; init; } = string.Empty;

    /// <summary>What was done (<see cref="LifecycleDisplayText.Describe(CafEvent, ICafNames)"/>).</summary>
    public required string Text { get; init; }

    /// <summary>The entry of an event.</summary>
    /// <param name="e">The event.</param>
    /// <returns>The entry.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="e"/> is null.</exception>
    public static HistoryEntryView Of(CafEvent e) => Of(e, CafNames.Ids);

    /// <summary>The entry of an event, with the names the host's directory gives.</summary>
    /// <param name="e">The event.</param>
    /// <param name="names">The naming port.</param>
    /// <returns>The entry.</returns>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    public static HistoryEntryView Of(CafEvent e, ICafNames names)
    {
        Guard.Against.Null(e);
        Guard.Against.Null(names);
        return new HistoryEntryView
        {
            At = e.OccurredAt,
            Practitioner = e.Actor.Practitioner.Value,
            Agency = e.Actor.Agency.Value,
            PractitionerName = names.Name(e.Actor.Practitioner),
            AgencyName = names.Name(e.Actor.Agency),
            Text = LifecycleDisplayText.Describe(e, names),
        };
    }
}

/// <summary>One action: may it happen now, and if not, why (the refusal the command would give for the stage).</summary>
public sealed class ActionView
{
    /// <summary>The action's code (stable, for programs): an <see cref="EpisodeAction"/> name.</summary>
    public required string Action { get; init; }

    /// <summary>The action in plain words (<see cref="LifecycleDisplayText.For(EpisodeAction)"/>).</summary>
    public required string Text { get; init; }

    /// <summary>True when it may be taken now (its own arguments are still checked when it is).</summary>
    public required bool Permitted { get; init; }

    /// <summary>Why not: the rule id, message and field; null when permitted.</summary>
    public RefusalView? Refusal { get; init; }

    /// <summary>True when the stage alone rules it out (<see cref="ActionAvailability.IsNotAtThisStage"/>): a screen lists these in one row.</summary>
    public bool NotAtThisStage { get; init; }

    /// <summary>Every action of an episode as of now, for the stage only (<see cref="CafEpisode.GetAvailableActions()"/>).</summary>
    /// <param name="episode">The episode.</param>
    /// <returns>One view per action, in enum order.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="episode"/> is null.</exception>
    public static IReadOnlyList<ActionView> Of(CafEpisode episode) => Views(Guard.Against.Null(episode).GetAvailableActions());

    /// <summary>
    /// Every action of an episode as of now, as <paramref name="caller"/> may take it
    /// (<see cref="CafEpisode.GetAvailableActions(Actor)"/>: the same checks the commands run for the stage and the caller).
    /// </summary>
    /// <param name="episode">The episode.</param>
    /// <param name="caller">Who is signed in.</param>
    /// <returns>One view per action, in enum order.</returns>
    /// <exception cref="ArgumentException"><paramref name="episode"/> is null or the caller is default.</exception>
    public static IReadOnlyList<ActionView> Of(CafEpisode episode, Actor caller) => Views(Guard.Against.Null(episode).GetAvailableActions(caller));

    private static ActionView[] Views(System.Collections.Immutable.ImmutableArray<ActionAvailability> actions) =>
    [
        .. actions.Select(a => new ActionView
        {
            Action = a.Action.ToString(),
            Text = LifecycleDisplayText.For(a.Action),
            Permitted = a.IsPermitted,
            Refusal = a.Refusal is { } r ? RefusalView.Of(r) : null,
            NotAtThisStage = a.IsNotAtThisStage,
        }),
    ];
}

/// <summary>A refusal as a UI shows it: the rule id, the message, and the field it is about.</summary>
public sealed class RefusalView
{
    /// <summary>The rule id (e.g. <c>LIFE-05</c>).</summary>
    public required string RuleId { get; init; }

    /// <summary>What is missing, for a person.</summary>
    public required string Message { get; init; }

    /// <summary>The field concerned.</summary>
    public required string Field { get; init; }

    /// <summary>The view of a refusal.</summary>
    /// <param name="refusal">The refusal.</param>
    /// <returns>The view.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="refusal"/> is null.</exception>
    public static RefusalView Of(Refusal refusal)
    {
        Guard.Against.Null(refusal);
        return new RefusalView { RuleId = refusal.RuleId, Message = refusal.Message, Field = refusal.Field };
    }
}
