using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Caf.Core.EntityFrameworkCore.Mapping;
using Caf.Core.Lifecycle;
using Caf.Core.Primitives;
using Caf.Core.Register;
using Microsoft.EntityFrameworkCore;

namespace Caf.Core.EntityFrameworkCore;

/// <summary>LAW-03: the register's lookup of a child by NHS number, from <c>caf_child_identifiers</c>.</summary>
public sealed partial class EntityFrameworkEpisodeRepository<TContext> : IChildIdentifierLookup
{
    /// <inheritdoc />
    /// <exception cref="ArgumentException"><paramref name="nhsNumber"/> is default.</exception>
    public async ValueTask<IReadOnlyList<ChildId>> ChildrenWithAsync(NhsNumber nhsNumber, CancellationToken cancellationToken = default)
    {
        if (nhsNumber.IsDefault)
        {
            throw new ArgumentException("NhsNumber must not be default.", nameof(nhsNumber));
        }

        var digits = nhsNumber.Value;
        await using var db = await _contexts.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        var children = await db.Rows<ChildIdentifierRow>(_authority).AsNoTracking().Where(r => r.NhsNumber == digits).Select(r => r.ChildId)
            .Distinct().ToListAsync(cancellationToken).ConfigureAwait(false);
        children.Sort();
        return children;
    }
}
