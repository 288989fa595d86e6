using System;
using Caf.Core.Primitives;

namespace Caf.Core.EntityFrameworkCore.Mapping;

/// <summary>One event waiting to be published, written in the same transaction as the save that made it.</summary>
internal sealed class OutboxRow : IAuthorityRow
{
    /// <inheritdoc />
    public AuthorityId Authority { get; set; }

    public EpisodeId EpisodeId { get; set; }

    public int Sequence { get; set; }

    public string EventType { get; set; } = "";

    public string Payload { get; set; } = "";

    public DateTimeOffset? DispatchedAt { get; set; }

    public int Attempts { get; set; }

    public DateTimeOffset? NextAttemptAt { get; set; }

    public string? LastError { get; set; }

    /// <summary>Until when the dispatcher that claimed the row owns it; null or past when no dispatcher does.</summary>
    public DateTimeOffset? LockedUntil { get; set; }

    /// <summary>The claim (a dispatch's own id) that last took the row; kept after release, so a logged claim id finds the row.</summary>
    public string? LockedBy { get; set; }

    /// <summary>When the row was set aside after <see cref="CafOutboxOptions.MaxAttempts"/> failures (reason in <see cref="LastError"/>).</summary>
    public DateTimeOffset? DeadLetteredAt { get; set; }

    /// <summary>The <see cref="Caf.Core.Consent.SharingBasis"/> in force when the event was saved; null for a row saved before it was recorded.</summary>
    public int? ConsentBasis { get; set; }

    /// <summary>The agencies the consent excluded when the event was saved (a JSON array); null for a row saved before it was recorded.</summary>
    public string? ExcludedAgencies { get; set; }
}
