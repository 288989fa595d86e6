using Caf.Core.Annotations;
using Microsoft.EntityFrameworkCore;

namespace Caf.Core.EntityFrameworkCore;

/// <summary>
/// The EF Core context of Caf.Core's own tables (see <see cref="CafModelBuilderExtensions.ApplyCafConfigurations"/>).
/// <c>AddCafEntityFrameworkCore(o =&gt; o.UseSqlite(...))</c>
/// registers it with the chosen provider and its migrations; a host with its own context applies the configurations there instead.
/// </summary>
/// <threadsafety>Like every <see cref="DbContext"/>: one unit of work, one thread. The store creates one per operation.</threadsafety>
[Mutable]
public class CafDbContext : DbContext
{
    /// <summary>Creates the context.</summary>
    /// <param name="options">The options (provider and connection).</param>
    public CafDbContext(DbContextOptions<CafDbContext> options)
        : base(options)
    {
    }

    /// <summary>Creates the context for a derived context type.</summary>
    /// <param name="options">The options (provider and connection).</param>
    protected CafDbContext(DbContextOptions options)
        : base(options)
    {
    }

    /// <summary>
    /// The authority of the store that created this context (issue 29), set by the store's context factory; the PostgreSQL
    /// row-level-security interceptor puts it in <c>caf.authority</c> on each connection. Null for a context the host made.
    /// </summary>
    internal Caf.Core.Primitives.AuthorityId? ScopedAuthority { get; set; }

    /// <inheritdoc />
    public override void Dispose()
    {
        ScopedAuthority = null; // a pooled context is handed out again: never with the last store's authority
        base.Dispose();
    }

    /// <inheritdoc />
    public override System.Threading.Tasks.ValueTask DisposeAsync()
    {
        ScopedAuthority = null;
        return base.DisposeAsync();
    }

    /// <inheritdoc />
    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        base.OnModelCreating(modelBuilder);
        modelBuilder.ApplyCafConfigurations();
    }
}
