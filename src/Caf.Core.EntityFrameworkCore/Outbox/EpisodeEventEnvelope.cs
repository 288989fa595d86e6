using System;
using System.Globalization;
using Ardalis.GuardClauses;
using Caf.Core.Annotations;
using Caf.Core.Events;
using Caf.Core.Primitives;

namespace Caf.Core.EntityFrameworkCore;

/// <summary>
/// One saved event as the outbox publishes it. Events carry no id of their own; their stable id is the episode and
/// the event's 0-based position in its history (<see cref="Sequence"/>), which never change once saved (LIFE-11).
/// </summary>
/// <param name="Episode">The episode.</param>
/// <param name="Sequence">The event's 0-based position in the episode's history (it made version <c>Sequence + 1</c>).</param>
/// <param name="EventType">The event's stable JSON type (e.g. <c>consent-recorded</c>).</param>
/// <param name="Json">The event as <c>EpisodeJson.SerializeEvent</c> wrote it.</param>
/// <param name="Event">The event, read back from <paramref name="Json"/>.</param>
/// <param name="Attempt">1 for the first delivery attempt, 2 for the first retry...</param>
/// <threadsafety>This type is immutable and thread-safe.</threadsafety>
[Immutable]
public sealed record EpisodeEventEnvelope(EpisodeId Episode, int Sequence, string EventType, string Json, CafEvent Event, int Attempt)
{
    /// <summary>
    /// SHARE-01: what the event may reach under the consent in force when it was saved: the basis (consent, an override,
    /// or none) and the agencies the family excluded then. Null for an event saved before this was recorded (judge it
    /// against the episode's consent yourself, or forward it to no other agency). A host forwarding events to other
    /// agencies' systems must gate on it: <see cref="MayReach"/>.
    /// </summary>
    public OutboxConsentScope? Consent { get; init; }

    /// <summary>
    /// The authority whose episode the event belongs to (issue 29): the outbox that dispatched it is scoped to that
    /// authority and claims its rows only, so a publisher shared by several authorities' outboxes knows whose event it
    /// handles from here. <see cref="AuthorityId.Default"/> for a single-authority host.
    /// </summary>
    public AuthorityId Authority { get; init; } = AuthorityId.Default;

    /// <summary>
    /// True when the event may be forwarded to the agency's systems: consent or an override was in force when it was
    /// saved and the family had not excluded the agency (SHARE-01, CONS-05..07). False when unknown (<see cref="Consent"/> null).
    /// </summary>
    /// <param name="agency">The receiving agency.</param>
    /// <returns>True when the event may reach the agency.</returns>
    /// <exception cref="ArgumentException"><paramref name="agency"/> is default.</exception>
    public bool MayReach(AgencyId agency) => Consent?.MayReach(agency) == true;

    /// <summary>
    /// The stable event id, <c>{episode}#{sequence}</c> (e.g. <c>ep-1#0</c>), prefixed <c>{authority}/</c> for an authority
    /// other than <see cref="AuthorityId.Default"/> (two authorities may both have episode <c>ep-1</c>):
    /// <b>the consumer's idempotency key</b>.
    /// Delivery is at least once (a crash between publish and mark, or a publish that outlasts its lease, delivers the
    /// event again with a higher <see cref="Attempt"/>); the id never changes, so de-duplicate by it.
    /// </summary>
    public string EventId => Authority == AuthorityId.Default
        ? FormatEventId(Episode, Sequence)
        : Authority.Value + "/" + FormatEventId(Episode, Sequence);

    /// <summary>
    /// The episode, sequence, event type and attempt only: the payload (<see cref="Json"/>, <see cref="Event"/>) holds the
    /// family's details and is left out, so an envelope written to a log leaks none of them.
    /// </summary>
    /// <returns>For example <c>EpisodeEventEnvelope { Episode = ep-1, Sequence = 3, EventType = consent-recorded, Attempt = 1 }</c>.</returns>
    public override string ToString() =>
        $"EpisodeEventEnvelope {{ Episode = {Episode}, Sequence = {Sequence}, EventType = {EventType}, Attempt = {Attempt} }}";

    /// <summary>Formats the stable id of an episode's event.</summary>
    /// <param name="episode">The episode.</param>
    /// <param name="sequence">The event's 0-based position in its history.</param>
    /// <returns><c>{episode}#{sequence}</c>.</returns>
    internal static string FormatEventId(EpisodeId episode, int sequence)
    {
        Guard.Against.Default(episode);
        Guard.Against.Negative(sequence);
        return episode.Value + "#" + sequence.ToString(CultureInfo.InvariantCulture);
    }
}
