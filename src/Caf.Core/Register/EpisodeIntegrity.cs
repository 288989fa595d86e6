using System;
using System.Collections.Immutable;
using System.Linq;
using Ardalis.GuardClauses;
using Caf.Core.Annotations;
using Caf.Core.Primitives;

namespace Caf.Core.Register;

/// <summary>What a store found wrong with a stored episode (docs/storage.md "Tamper evidence").</summary>
public enum EpisodeIntegrityProblem
{
    /// <summary>The snapshot is not a readable episode (truncated, garbled, or a history the commands cannot produce).</summary>
    SnapshotUnreadable = 1,

    /// <summary>The snapshot disagrees with the stored events, which agree with the history hash: the snapshot was changed.</summary>
    SnapshotMismatch,

    /// <summary>An event of the history has no stored row: a row was deleted.</summary>
    EventMissing,

    /// <summary>The stored events' versions are not 1..N in order: a row was renumbered, or one was added past the episode's version.</summary>
    EventOutOfSequence,

    /// <summary>A stored event differs from the snapshot's event at that version, and the history hash does not vouch for it: the row was changed.</summary>
    EventAltered,

    /// <summary>A stored event is the snapshot's event of another version: events were swapped or moved.</summary>
    EventsReordered,

    /// <summary>The events and the snapshot agree, but the hash chain over the events does not end in the stored history hash.</summary>
    HistoryHashMismatch,

    /// <summary>The episode row's version column is not the number of events of the stored history.</summary>
    VersionMismatch,
}

/// <summary>One problem a store found in a stored episode.</summary>
/// <param name="EpisodeId">The episode.</param>
/// <param name="Kind">What is wrong.</param>
/// <param name="EventVersion">The version the event concerned made (its 0-based position + 1); null when the problem is not about one event.</param>
/// <param name="Detail">What differs, in words an operator can act on.</param>
/// <threadsafety>This type is immutable and thread-safe.</threadsafety>
[Immutable]
public sealed record EpisodeIntegrityFinding(EpisodeId EpisodeId, EpisodeIntegrityProblem Kind, int? EventVersion, string Detail)
{
    /// <inheritdoc />
    public override string ToString() =>
        $"Episode {EpisodeId}: {Kind}{(EventVersion is { } v ? $" at event version {v}" : "")}: {Detail}";
}

/// <summary>
/// Thrown when a stored episode is not what the library wrote: its events, snapshot, history hash and version column
/// do not agree (docs/storage.md "Tamper evidence"). It concerns one episode only: the others load and save as before.
/// Not a concurrency conflict and not a domain refusal: reloading does not help; an operator restores the episode
/// from a backup or investigates (<see cref="IEpisodeStoreVerifier.VerifyAsync"/> lists every such episode).
/// </summary>
/// <remarks>It derives from <see cref="Exception"/> directly, so no handler written for another failure (a
/// <see cref="InvalidOperationException"/> or a <see cref="System.Text.Json.JsonException"/>) takes it by accident;
/// when the snapshot could not be read, <see cref="Exception.InnerException"/> is the reader's exception.</remarks>
/// <threadsafety>Instances are immutable once thrown.</threadsafety>
[Immutable]
public sealed class EpisodeIntegrityException : Exception
{
    /// <summary>Creates the exception for a finding.</summary>
    /// <param name="finding">What was found.</param>
    /// <param name="innerException">The reader's exception, if one revealed it.</param>
    public EpisodeIntegrityException(EpisodeIntegrityFinding finding, Exception? innerException = null)
        : base(Guard.Against.Null(finding).ToString(), innerException)
    {
        Finding = finding;
    }

    /// <summary>What was found.</summary>
    public EpisodeIntegrityFinding Finding { get; }

    /// <summary>The episode.</summary>
    public EpisodeId EpisodeId => Finding.EpisodeId;

    /// <summary>What is wrong.</summary>
    public EpisodeIntegrityProblem Kind => Finding.Kind;

    /// <summary>The version the event concerned made; null when the problem is not about one event.</summary>
    public int? EventVersion => Finding.EventVersion;

    /// <summary>What differs.</summary>
    public string Detail => Finding.Detail;
}

/// <summary>A store that can check every episode it holds (docs/storage.md "Tamper evidence").</summary>
public interface IEpisodeStoreVerifier
{
    /// <summary>
    /// Checks every stored episode as a load does (contiguous versions, the hash chain, the snapshot against the events,
    /// the version column) and reports each problem; it changes nothing and throws for no stored episode.
    /// </summary>
    /// <param name="progress">Told after each episode (episodes checked, of how many, problems so far); may be null.</param>
    /// <param name="cancellationToken">Cancellation (between episodes).</param>
    /// <returns>The report.</returns>
    System.Threading.Tasks.ValueTask<EpisodeStoreVerification> VerifyAsync(
        IProgress<EpisodeStoreVerificationProgress>? progress = null, System.Threading.CancellationToken cancellationToken = default);
}

/// <summary>How far a <see cref="IEpisodeStoreVerifier.VerifyAsync"/> has got.</summary>
/// <param name="Checked">Episodes checked so far.</param>
/// <param name="Total">Episodes stored when the run started (episodes added since may make <paramref name="Checked"/> larger).</param>
/// <param name="Problems">Findings so far.</param>
/// <threadsafety>This type is immutable and thread-safe.</threadsafety>
[Immutable]
public readonly record struct EpisodeStoreVerificationProgress(int Checked, int Total, int Problems);

/// <summary>What <see cref="IEpisodeStoreVerifier.VerifyAsync"/> found.</summary>
/// <param name="EpisodesChecked">How many episodes were checked.</param>
/// <param name="Findings">Every problem found, in episode-id order; empty when the store is intact.</param>
/// <threadsafety>This type is immutable and thread-safe.</threadsafety>
[Immutable]
public sealed record EpisodeStoreVerification(int EpisodesChecked, ImmutableArray<EpisodeIntegrityFinding> Findings)
{
    /// <summary>True when no problem was found.</summary>
    public bool IsIntact => Findings.IsDefaultOrEmpty;

    /// <inheritdoc />
    public bool Equals(EpisodeStoreVerification? other) =>
        other is not null && EpisodesChecked == other.EpisodesChecked && ValueEquality.Equal(Findings, other.Findings);

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(EpisodesChecked, ValueEquality.Hash(Findings));

    /// <inheritdoc />
    public override string ToString() =>
        IsIntact ? $"{EpisodesChecked} episodes checked: intact." : $"{EpisodesChecked} episodes checked, {Findings.Length} problems:\n" + string.Join("\n", Findings.Select(f => f.ToString()));
}
