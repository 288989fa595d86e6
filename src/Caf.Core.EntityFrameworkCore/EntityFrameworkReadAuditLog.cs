using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Ardalis.GuardClauses;
using Caf.Core.Annotations;
using Caf.Core.EntityFrameworkCore.Mapping;
using Caf.Core.Primitives;
using Caf.Core.Reads;
using Microsoft.EntityFrameworkCore;

namespace Caf.Core.EntityFrameworkCore;

/// <summary>
/// LAW-04: the read audit as an append-only table (<c>caf_read_audit</c>): who read which episode of which child, when,
/// for which purpose, on which basis and what. <see cref="RecordAsync"/> commits before it returns (all the entries of
/// one call in one transaction), so nothing is returned to a reader before its read is stored; if the database refuses,
/// it throws.
/// </summary>
/// <typeparam name="TContext">A context whose model includes <see cref="CafModelBuilderExtensions.ApplyCafConfigurations"/>.</typeparam>
/// <threadsafety>Thread-safe: a context per call.</threadsafety>
[Immutable]
public sealed class EntityFrameworkReadAuditLog<TContext> : IReadAuditLog
    where TContext : DbContext
{
    private readonly IDbContextFactory<TContext> _contexts;
    private readonly AuthorityId _authority;

    /// <summary>Creates the log.</summary>
    /// <param name="contexts">Creates a context per call.</param>
    /// <exception cref="ArgumentNullException"><paramref name="contexts"/> is null.</exception>
    public EntityFrameworkReadAuditLog(IDbContextFactory<TContext> contexts)
        : this(contexts, AuthorityId.Default)
    {
    }

    /// <summary>Creates the log of one authority (issue 29): it writes rows of that authority and reads only those.</summary>
    /// <param name="contexts">Creates a context per call.</param>
    /// <param name="authority">The authority whose decisions it records and reads.</param>
    /// <exception cref="ArgumentException"><paramref name="authority"/> is <c>default(AuthorityId)</c>.</exception>
    public EntityFrameworkReadAuditLog(IDbContextFactory<TContext> contexts, AuthorityId authority)
    {
        _contexts = Guard.Against.Null(contexts);
        _authority = authority.IsDefault ? throw new ArgumentException("The log needs a valid AuthorityId, not default(AuthorityId).", nameof(authority)) : authority;
    }

    /// <summary>The authority this log is scoped to (docs/authorities.md).</summary>
    public AuthorityId Authority => _authority;

    /// <inheritdoc />
    /// <exception cref="ArgumentNullException"><paramref name="entries"/> or an entry is null.</exception>
    public async ValueTask RecordAsync(IReadOnlyList<ReadAuditEntry> entries, CancellationToken cancellationToken = default)
    {
        Guard.Against.Null(entries);
        if (entries.Count == 0)
        {
            return;
        }

        await using var db = await _contexts.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        db.ChangeTracker.AutoDetectChangesEnabled = false;
        foreach (var entry in entries)
        {
            db.Entry(ReadAuditRow.Of(Guard.Against.Null(entry, nameof(entries))).In(_authority)).State = EntityState.Added;
        }

        await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    /// <exception cref="ArgumentException"><paramref name="child"/> is default.</exception>
    public async ValueTask<IReadOnlyList<ReadAuditEntry>> ReadersOfAsync(ChildId child, CancellationToken cancellationToken = default)
    {
        if (child.IsDefault)
        {
            throw new ArgumentException("ChildId must not be default.", nameof(child));
        }

        await using var db = await _contexts.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        var rows = await db.Rows<ReadAuditRow>(_authority).AsNoTracking().Where(r => r.ChildId == child).OrderBy(r => r.Id)
            .ToListAsync(cancellationToken).ConfigureAwait(false);
        return [.. rows.Select(r => r.ToEntry())];
    }
}
