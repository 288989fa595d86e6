using System;
using System.Collections.Immutable;
using System.Linq;
using Ardalis.GuardClauses;
using Caf.Core.Annotations;
using Caf.Core.Consent;
using Caf.Core.EntityFrameworkCore.Mapping;
using Caf.Core.Lifecycle;
using Caf.Core.Primitives;

namespace Caf.Core.EntityFrameworkCore;

/// <summary>
/// SHARE-01 for the outbox: what a saved event may reach under the consent in force when the save that recorded it
/// was made, judged from the episode after that save: the basis sharing then rested on, and the agencies the family's
/// consent excluded (CONS-05). Stored with each outbox row; carried by <see cref="EpisodeEventEnvelope.Consent"/>.
/// </summary>
/// <param name="Basis">
/// <see cref="SharingBasis.Consent"/> (consent in force), <see cref="SharingBasis.Override"/> (overridden, CONS-06) or
/// <see cref="SharingBasis.None"/> (withdrawn, refused or none recorded: the event may reach no other agency).
/// </param>
/// <param name="ExcludedAgencies">The agencies excluded then, sorted; never default.</param>
/// <threadsafety>This type is immutable and thread-safe.</threadsafety>
[Immutable]
public sealed record OutboxConsentScope(SharingBasis Basis, ImmutableArray<AgencyId> ExcludedAgencies)
{
    /// <summary>True when an event with this scope may reach the agency: a basis in force, and the agency not excluded.</summary>
    /// <param name="agency">The receiving agency.</param>
    /// <returns>True when the event may reach it.</returns>
    /// <exception cref="ArgumentException"><paramref name="agency"/> is default.</exception>
    public bool MayReach(AgencyId agency)
    {
        if (agency.IsDefault)
        {
            throw new ArgumentException("The agency id must not be default.", nameof(agency));
        }

        return Basis != SharingBasis.None && (ExcludedAgencies.IsDefault || !ExcludedAgencies.Contains(agency));
    }

    /// <inheritdoc />
    public bool Equals(OutboxConsentScope? other) =>
        other is not null && Basis == other.Basis
        && (ExcludedAgencies.IsDefaultOrEmpty ? other.ExcludedAgencies.IsDefaultOrEmpty : !other.ExcludedAgencies.IsDefault && ExcludedAgencies.SequenceEqual(other.ExcludedAgencies));

    /// <inheritdoc />
    public override int GetHashCode() =>
        HashCode.Combine(Basis, ExcludedAgencies.IsDefaultOrEmpty ? 0 : ExcludedAgencies.Aggregate(0, (h, a) => HashCode.Combine(h, a)));

    // The scope of an episode as saved: judged at its last event's time with the host's sharing service, as the
    // episode's own gate judges (an agency the family did not exclude is granted on consent in force, else on an override).
    internal static OutboxConsentScope Of(CafEpisode episode, EpisodePolicy policy)
    {
        Guard.Against.Null(episode);
        var excluded = episode.Consent.Exclusions.Select(x => x.Agency).Distinct().Order().ToImmutableArray();
        var at = episode.Events[^1].OccurredAt;
        var age = episode.Child.AgeOn(DateOnly.FromDateTime(at.UtcDateTime));
        var decision = policy.Sharing.Evaluate(episode.Consent, NotExcluded(excluded), SharingPurpose.EpisodeWork, age);
        return new OutboxConsentScope(decision.Granted ? decision.Basis : SharingBasis.None, excluded);
    }

    internal static OutboxConsentScope? Read(int? basis, string? excluded) =>
        basis is { } b && excluded is not null ? new OutboxConsentScope((SharingBasis)b, StoreConverters.ReadAgencies(excluded)) : null;

    // An agency id the family has not excluded, to ask what a non-excluded agency's decision rests on.
    private static AgencyId NotExcluded(ImmutableArray<AgencyId> excluded)
    {
        var probe = "caf-outbox-any-agency";
        while (excluded.Contains(new AgencyId(probe)))
        {
            probe += "-";
        }

        return new AgencyId(probe);
    }
}
