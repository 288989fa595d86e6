using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Ardalis.GuardClauses;
using Caf.Core.Annotations;
using Caf.Core.Consent;
using Caf.Core.EntityFrameworkCore.Mapping;
using Caf.Core.Primitives;
using Microsoft.EntityFrameworkCore;

namespace Caf.Core.EntityFrameworkCore;

/// <summary>
/// The sharing audit log (SHARE-03, SHARE-04) as an append-only table: every decision, granted or refused, with
/// its rule, reason, basis, what was shared, who asked and when. <see cref="Record"/> commits before it returns, so
/// the sharing service never returns a decision that is not stored; if the database refuses, it throws.
/// </summary>
/// <remarks>
/// The decisions of an episode's commands do not come through <see cref="Record"/>: the episode holds them with its events
/// and <see cref="EntityFrameworkEpisodeRepository{TContext}"/> writes them to the same table in the save's transaction,
/// so a refused or conflicted save leaves none (docs/consent.md, "The audit and the save"). <see cref="Record"/> serves
/// the rest: refusals of refused commands, the register's checks, reads and panel papers.
/// </remarks>
/// <typeparam name="TContext">A context whose model includes <see cref="CafModelBuilderExtensions.ApplyCafConfigurations"/>.</typeparam>
/// <threadsafety>Thread-safe: a context per call.</threadsafety>
[Immutable]
public sealed class EntityFrameworkSharingAuditLog<TContext> : ISharingAuditLog, IFamilySharingViewSource
    where TContext : DbContext
{
    private readonly IDbContextFactory<TContext> _contexts;
    private readonly AuthorityId _authority;

    /// <summary>Creates the log.</summary>
    /// <param name="contexts">Creates a context per call.</param>
    public EntityFrameworkSharingAuditLog(IDbContextFactory<TContext> contexts)
        : this(contexts, AuthorityId.Default)
    {
    }

    /// <summary>Creates the log of one authority (issue 29): it writes rows of that authority and reads only those.</summary>
    /// <param name="contexts">Creates a context per call.</param>
    /// <param name="authority">The authority whose decisions it records and reads.</param>
    /// <exception cref="ArgumentException"><paramref name="authority"/> is <c>default(AuthorityId)</c>.</exception>
    public EntityFrameworkSharingAuditLog(IDbContextFactory<TContext> contexts, AuthorityId authority)
    {
        _contexts = Guard.Against.Null(contexts);
        _authority = authority.IsDefault ? throw new ArgumentException("The log needs a valid AuthorityId, not default(AuthorityId).", nameof(authority)) : authority;
    }

    /// <summary>The authority this log is scoped to (docs/authorities.md).</summary>
    public AuthorityId Authority => _authority;

    /// <inheritdoc />
    public void Record(SharingAuditEntry entry)
    {
        Guard.Against.Default(entry.Episode);
        using var db = _contexts.CreateDbContext();
        db.Add(SharingAuditRow.Of(entry).In(_authority));
        db.SaveChanges();
    }

    /// <summary>The decisions recorded for an episode, oldest first.</summary>
    /// <param name="episode">The episode.</param>
    /// <param name="cancellationToken">Cancellation.</param>
    /// <returns>The stored decisions.</returns>
    public async Task<IReadOnlyList<StoredSharingDecision>> ReadAsync(EpisodeId episode, CancellationToken cancellationToken = default)
    {
        Guard.Against.Default(episode);
        await using var db = await _contexts.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        var rows = await db.Rows<SharingAuditRow>(_authority).AsNoTracking().Where(r => r.EpisodeId == episode).OrderBy(r => r.Id)
            .ToListAsync(cancellationToken).ConfigureAwait(false);
        return [.. rows.Select(r => new StoredSharingDecision(
            r.Id, r.EpisodeId, r.Agency, r.Purpose, r.Granted, r.RuleId, r.Reason, r.Basis,
            new Actor(r.RequestedBy, r.RequestedByAgency), r.DecidedAt, r.Items, r.Text) { Kind = r.Kind, Categories = r.Categories })];
    }

    /// <summary>
    /// LAW-01: what the family can be shown of an episode's hand-overs — what went to whom, when and on which basis, and the
    /// disclosures considered under the statutory duty and not made (<see cref="FamilySharingView"/>), from the stored rows.
    /// Rows stored before the legal basis existed read as consent or override, as recorded.
    /// </summary>
    /// <param name="episode">The episode.</param>
    /// <param name="cancellationToken">Cancellation.</param>
    /// <returns>The lines, oldest first.</returns>
    public async Task<System.Collections.Immutable.ImmutableArray<FamilySharingLine>> FamilyViewAsync(EpisodeId episode, CancellationToken cancellationToken = default)
    {
        var stored = await ReadAsync(episode, cancellationToken).ConfigureAwait(false);
        return [.. stored
            .Where(d => d.Kind == SharingAuditKind.Decision && ((d.Granted && d.Items != SharedItems.None) || (!d.Granted && d.Basis == SharingBasis.StatutoryDuty)))
            .OrderBy(d => d.DecidedAt)
            .Select(d => new FamilySharingLine(d.DecidedAt, d.Agency, d.Purpose, d.Granted ? d.Items : SharedItems.None, d.Granted ? d.Categories : InformationCategories.None, d.LegalBasis, d.Granted))];
    }
}

/// <summary>One stored sharing decision (SHARE-03), as <see cref="EntityFrameworkSharingAuditLog{TContext}.ReadAsync"/> reads it.</summary>
/// <param name="Id">The row's id, increasing in the order decisions were recorded.</param>
/// <param name="Episode">The episode.</param>
/// <param name="Agency">The agency that would receive the information.</param>
/// <param name="Purpose">Why.</param>
/// <param name="Granted">Whether sharing was allowed.</param>
/// <param name="RuleId">The deciding rule.</param>
/// <param name="Reason">The reason given.</param>
/// <param name="Basis">Consent, override, the statutory duty (LAW-02) or none.</param>
/// <param name="RequestedBy">Who asked.</param>
/// <param name="DecidedAt">When (UTC).</param>
/// <param name="Items">What was shared (SHARE-04).</param>
/// <param name="Text">The entry as one line, naming the consent record or override relied on.</param>
/// <remarks><see cref="Kind"/> and <see cref="Categories"/> are read from their own columns (rows stored before them read as a decision, with no categories).</remarks>
/// <threadsafety>This type is immutable and thread-safe.</threadsafety>
[Immutable]
public sealed record StoredSharingDecision(
    long Id,
    EpisodeId Episode,
    AgencyId Agency,
    SharingPurpose Purpose,
    bool Granted,
    string RuleId,
    string Reason,
    SharingBasis Basis,
    Actor RequestedBy,
    DateTimeOffset DecidedAt,
    SharedItems Items,
    string Text)
{
    /// <summary>A decision (the default), or what a consent change revoked or restored of a standing grant.</summary>
    public SharingAuditKind Kind { get; init; }

    /// <summary>SHARE-02: the categories handed over; none for a refusal and for rows stored before they were recorded.</summary>
    public InformationCategories Categories { get; init; }

    /// <summary>The legal basis the decision names (LAW-01): consent unless it rested on an override or the statutory duty.</summary>
    public LegalBasis LegalBasis => Basis switch
    {
        SharingBasis.Override => LegalBasis.SafeguardingOverride,
        SharingBasis.StatutoryDuty => LegalBasis.StatutoryDuty,
        _ => LegalBasis.Consent,
    };
}
