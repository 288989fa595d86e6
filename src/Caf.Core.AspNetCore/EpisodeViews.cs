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

    /// <summary>The history, oldest first, in plain words.</summary>
    public required IReadOnlyList<HistoryEntryView> History { get; init; }

    /// <summary>Every action, in the order of <see cref="EpisodeAction"/>, with whether it is permitted now.</summary>
    public required IReadOnlyList<ActionView> Actions { get; init; }

    /// <summary>Builds the view of an episode as of now.</summary>
    /// <param name="episode">The episode.</param>
    /// <returns>The view.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="episode"/> is null.</exception>
    public static EpisodeView Of(CafEpisode episode)
    {
        Guard.Against.Null(episode);
        var lead = episode.LeadProfessional;
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
            History = [.. episode.Events.Select(HistoryEntryView.Of)],
            Actions = ActionView.Of(episode),
        };
    }
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

    /// <summary>What was done (<see cref="LifecycleDisplayText.Describe"/>).</summary>
    public required string Text { get; init; }

    /// <summary>The entry of an event.</summary>
    /// <param name="e">The event.</param>
    /// <returns>The entry.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="e"/> is null.</exception>
    public static HistoryEntryView Of(CafEvent e)
    {
        Guard.Against.Null(e);
        return new HistoryEntryView
        {
            At = e.OccurredAt,
            Practitioner = e.Actor.Practitioner.Value,
            Agency = e.Actor.Agency.Value,
            Text = LifecycleDisplayText.Describe(e),
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

    /// <summary>Every action of an episode as of now (<see cref="CafEpisode.GetAvailableActions"/>).</summary>
    /// <param name="episode">The episode.</param>
    /// <returns>One view per action, in enum order.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="episode"/> is null.</exception>
    public static IReadOnlyList<ActionView> Of(CafEpisode episode)
    {
        Guard.Against.Null(episode);
        return [.. episode.GetAvailableActions().Select(a => new ActionView
        {
            Action = a.Action.ToString(),
            Text = LifecycleDisplayText.For(a.Action),
            Permitted = a.IsPermitted,
            Refusal = a.Refusal is { } r ? RefusalView.Of(r) : null,
        })];
    }
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
