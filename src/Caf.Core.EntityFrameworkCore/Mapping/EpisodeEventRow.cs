using System;
using Caf.Core.Primitives;

namespace Caf.Core.EntityFrameworkCore.Mapping;

/// <summary>One stored event (LIFE-11: append-only; (episode, sequence) is unique and is the event's stable id).</summary>
internal sealed class EpisodeEventRow : IAuthorityRow
{
    /// <inheritdoc />
    public AuthorityId Authority { get; set; }

    public EpisodeId EpisodeId { get; set; }

    /// <summary>0-based position in the episode's history: the event with sequence n made version n + 1.</summary>
    public int Sequence { get; set; }

    /// <summary>The event's stable JSON type discriminator (e.g. <c>concern-identified</c>).</summary>
    public string Type { get; set; } = "";

    public DateTimeOffset OccurredAt { get; set; }

    /// <summary>The host's idempotency key of the command that recorded the event (also in <see cref="Json"/>); unique per episode.</summary>
    public IdempotencyKey? IdempotencyKey { get; set; }

    /// <summary>The event as <c>EpisodeJson.SerializeEvent</c> writes it.</summary>
    public string Json { get; set; } = "";
}
