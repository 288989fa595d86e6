using System.Threading;
using System.Threading.Tasks;
using Caf.Core.Primitives;
using Microsoft.EntityFrameworkCore;

namespace Caf.Core.EntityFrameworkCore.Authorities;

/// <summary>
/// The context factory of one authority's stores (issue 29): every context it hands out is marked with the authority
/// (<see cref="CafDbContext.ScopedAuthority"/>), which the PostgreSQL row-level-security interceptor sets on the
/// connection (<see cref="AuthoritySettingInterceptor"/>). The stores filter on the authority themselves in every query;
/// this is the database's second line.
/// </summary>
internal sealed class AuthorityContexts<TContext> : IDbContextFactory<TContext>
    where TContext : DbContext
{
    private readonly IDbContextFactory<TContext> _inner;
    private readonly AuthorityId _authority;

    public AuthorityContexts(IDbContextFactory<TContext> inner, AuthorityId authority)
    {
        _inner = inner;
        _authority = authority;
    }

    public TContext CreateDbContext() => Mark(_inner.CreateDbContext());

    public async Task<TContext> CreateDbContextAsync(CancellationToken cancellationToken = default) =>
        Mark(await _inner.CreateDbContextAsync(cancellationToken).ConfigureAwait(false));

    private TContext Mark(TContext db)
    {
        if (db is CafDbContext caf)
        {
            caf.ScopedAuthority = _authority;
        }

        return db;
    }
}
