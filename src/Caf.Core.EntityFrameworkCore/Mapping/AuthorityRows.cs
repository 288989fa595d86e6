using System.Linq;
using Caf.Core.Primitives;
using Caf.Core.Register;
using Microsoft.EntityFrameworkCore;

namespace Caf.Core.EntityFrameworkCore.Mapping;

/// <summary>A stored row that belongs to one authority (its <c>authority</c> column, the <see cref="AuthorityId.Value"/>).</summary>
internal interface IAuthorityRow
{
    /// <summary>The authority (stored as its <see cref="AuthorityId.Value"/>); stamped by the store on every insert. Left
    /// <c>default</c>, it is stored as NULL, which the column refuses.</summary>
    AuthorityId Authority { get; set; }
}

/// <summary>
/// The scope every store query starts from (docs/storage.md "Authorities"): the rows of one authority. The stores never
/// call <c>db.Set&lt;T&gt;()</c> without it, so the filter is visible in each query and holds for a host's own context too
/// (an EF global query filter would need the host's context to carry the authority).
/// </summary>
internal static class AuthorityRows
{
    internal const string Column = "authority";

    /// <summary>The rows of <paramref name="authority"/> in <typeparamref name="T"/>'s table.</summary>
    public static IQueryable<T> Rows<T>(this DbContext db, AuthorityId authority)
        where T : class, IAuthorityRow
    {
        return db.Set<T>().Where(r => EF.Property<AuthorityId>(r, nameof(IAuthorityRow.Authority)) == authority);
    }

    /// <summary>The episode rows of <paramref name="authority"/>.</summary>
    public static IQueryable<EpisodeSummary> Episodes(this DbContext db, AuthorityId authority) =>
        db.Set<EpisodeSummary>().Where(s => s.Authority == authority);

    /// <summary>Stamps the row with the authority and returns it.</summary>
    public static T In<T>(this T row, AuthorityId authority)
        where T : IAuthorityRow
    {
        row.Authority = authority;
        return row;
    }
}
