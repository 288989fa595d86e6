using System;
using System.Collections.Generic;
using System.Linq;
using Caf.Core.DependencyInjection;
using Caf.Core.Primitives;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Caf.Core.EntityFrameworkCore.Authorities;

/// <summary>Registered by <c>AddCafAuthorityStores&lt;TContext&gt;()</c>: the host keeps several authorities' rows in the store of <typeparamref name="TContext"/>.</summary>
/// <typeparam name="TContext">The store's context.</typeparam>
internal sealed class PerAuthorityStores<TContext>
    where TContext : DbContext;

/// <summary>One authority the host-wide services (hosted dispatcher and purge, health checks) serve, and its context factory
/// (contexts marked with it, so row-level security shows its rows).</summary>
/// <typeparam name="TContext">The store's context.</typeparam>
internal sealed record AuthorityStore<TContext>(AuthorityId Authority, IDbContextFactory<TContext> Contexts)
    where TContext : DbContext;

/// <summary>
/// The authorities of a host, for the services that work for all of them (issue 29, docs/authorities.md "Operations"):
/// with per-authority stores, those <see cref="CafAuthorities"/> lists (declared with <c>AddCafAuthority</c> /
/// <c>AddCafAuthorities</c>, and the default authority when <c>AddCafCore</c> serves it); otherwise none (null), and the
/// host is a single-authority one, served as before.
/// </summary>
internal static class HostAuthorities
{
    /// <summary>The declared authorities, or null in a single-authority host (no per-authority stores, or no <see cref="CafAuthorities"/>).</summary>
    internal static CafAuthorities? Declared<TContext>(IServiceProvider sp)
        where TContext : DbContext =>
        sp.GetService<PerAuthorityStores<TContext>>() is null ? null : sp.GetService<CafAuthorities>();

    /// <summary>Each declared authority and its contexts, in order of declaration; null in a single-authority host.</summary>
    internal static IReadOnlyList<AuthorityStore<TContext>>? Stores<TContext>(IServiceProvider sp)
        where TContext : DbContext =>
        Declared<TContext>(sp) is { } authorities
            ? [.. authorities.Ids.Select(a => new AuthorityStore<TContext>(a, CafEntityFrameworkCoreServiceCollectionExtensions.Scoped<TContext>(sp, a)))]
            : null;

    /// <summary>The outbox of each declared authority (its keyed one, or the unkeyed one of the default authority that
    /// <c>AddCafCore</c> serves); in a single-authority host, the one unkeyed outbox.</summary>
    internal static IReadOnlyList<EpisodeOutbox<TContext>> Outboxes<TContext>(IServiceProvider sp)
        where TContext : DbContext =>
        Declared<TContext>(sp) is { } authorities
            ? [.. authorities.Ids.Select(a => authorities.Get(a).Get<EpisodeOutbox<TContext>>())]
            : [sp.GetRequiredService<EpisodeOutbox<TContext>>()];
}
