using System;
using System.Collections.Generic;
using Ardalis.GuardClauses;
using Caf.Core.Primitives;
using Caf.Core.Events;
using Caf.Core.Planning;

namespace Caf.Core.Lifecycle;

/// <summary>
/// Issue 26: an independent copy of an episode as it stands, without replaying its history, so a host or a store that
/// holds an episode between commands keeps its state incrementally (docs/storage.md "Long episodes").
/// </summary>
public sealed partial class CafEpisode
{
    /// <summary>
    /// An independent copy of this episode at its <see cref="Version"/>: the same history, state and policy, built without
    /// replaying anything. The immutable parts are shared; the history (<see cref="Events"/>) is an append-only log whose
    /// slots the copy shares, so copying it costs the same at any length (a command appending to one never shows in the
    /// other); the few other lists the episode grows (lead professionals, plans, reviews of the current plan, escalations,
    /// panel referrals, outcomes questionnaires) are copied. A command run on one leaves the other unchanged, also when the
    /// two run commands at the same time on different threads.
    /// </summary>
    /// <remarks>The copy holds its sharing decisions until saved exactly when this one does
    /// (<see cref="HoldSharingAuditUntilSaved"/>). Only a settled episode is copied: one holding sharing decisions that no
    /// store has written yet, or in the middle of a command, is refused.</remarks>
    /// <returns>The copy.</returns>
    /// <exception cref="InvalidOperationException">The episode holds unsaved sharing decisions
    /// (<see cref="UnsavedSharingAudit"/> from 0 is not empty), or a command is running on it.</exception>
    public CafEpisode Copy()
    {
        if (_unsavedAudit.Count > 0 || _auditScratch.Count > 0)
        {
            throw new InvalidOperationException($"Episode {Id} holds sharing decisions no store has written yet: save it before copying it.");
        }

        if (_commandKey is not null || _probing || _checkedClosure is not null)
        {
            throw new InvalidOperationException($"Episode {Id} is in the middle of a command.");
        }

        // Every field is copied (immutable values and records shared); then each mutable one gets its own instance.
        var copy = (CafEpisode)MemberwiseClone();
        copy._events = _events.Copy(); // O(1): the slots are shared, each log appends on its own
        copy._decisionPoints = _decisionPoints.Copy();
        copy._countedReviews = new List<ReviewProgress>(_countedReviews);
        copy._leadProfessionals = _leadProfessionals.Copy();
        copy._reviews = _reviews.Copy();
        copy._escalations = _escalations.Copy();
        copy._plans = _plans.Copy();
        copy._panelReferrals = _panelReferrals.Copy();
        copy._outcomesCompletions = _outcomesCompletions.Copy();
        copy._recorded = _recorded.Copy();
        copy._auditScratch = [];
        copy._unsavedAudit = [];
        copy._guards = copy.CreateGuards(); // the guards read the instance they were made for
        copy._machine = null; // built on demand for the copy itself
        return copy;
    }

    /// <summary>The history as a span over its slots, for a reader that walks every event (valid until the next event).</summary>
    internal ReadOnlySpan<CafEvent> EventSpan => _events.AsSpan();

    /// <summary>The history as it stands, for a store to keep (O(1)): a log no one appends to, sharing this one's slots.</summary>
    internal EventLog StoredHistory() => _events.Copy();

    /// <summary>
    /// True when this episode's history starts with <paramref name="stored"/> (a store's <see cref="StoredHistory"/>):
    /// proven without reading the events when it was taken from this episode or one it was copied from and neither
    /// diverged since; otherwise the events are compared by value (an episode read back from JSON).
    /// </summary>
    internal bool ExtendsHistory(EventLog stored) => _events.Extends(stored);

    /// <summary>
    /// Applies one stored event recorded after this episode's <see cref="Version"/> (read from storage), through the same
    /// checks as <see cref="Rebuild"/>: judged as of the event's own time and under the policy version it names, nothing
    /// audited again. A store that rebuilt an episode from a snapshot of its first events continues it this way, so the
    /// result is exactly what <see cref="Rebuild"/> over the whole history gives, or the event is refused.
    /// </summary>
    /// <param name="storedEvent">The next event of this episode's history.</param>
    /// <returns>Ok and the event applied; or refused with the rule the command would have refused it under (the episode unchanged).</returns>
    /// <exception cref="ArgumentException">The event is null or belongs to another episode.</exception>
    public Result ReplayStored(CafEvent storedEvent)
    {
        Guard.Against.Null(storedEvent);
        if (storedEvent.EpisodeId != Id)
        {
            throw new ArgumentException($"The event belongs to episode {storedEvent.EpisodeId}, not {Id}.", nameof(storedEvent));
        }

        return Execute(storedEvent, live: false);
    }
}
