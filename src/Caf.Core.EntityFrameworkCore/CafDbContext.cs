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

    /// <inheritdoc />
    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        base.OnModelCreating(modelBuilder);
        modelBuilder.ApplyCafConfigurations();
    }
}
