using System.Data.Common;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Caf.Core.EntityFrameworkCore.Authorities;

/// <summary>
/// PostgreSQL row-level security (issue 29, <see cref="CafEntityFrameworkCoreOptions.UsePostgresRowLevelSecurity"/>): on
/// every connection a context opens, sets <c>caf.authority</c> to the authority of the store that created the context
/// (empty when none did, which matches no row), so the policies on every table (<see cref="RowLevelSecurity"/>) let the
/// connection see and write that authority's rows only, whatever SQL it runs.
/// </summary>
internal sealed class AuthoritySettingInterceptor : DbConnectionInterceptor
{
    internal const string Setting = "caf.authority";

    // EF Core's name of Npgsql's provider: this package references no database provider.
    private const string NpgsqlProviderName = "Npgsql.EntityFrameworkCore.PostgreSQL";

    internal static bool IsPostgreSql(Microsoft.EntityFrameworkCore.DbContext context) => context.Database.ProviderName == NpgsqlProviderName;

    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData)
    {
        if (eventData.Context is not { } context || !IsPostgreSql(context))
        {
            return;
        }

        using var command = Command(connection, eventData);
        command.ExecuteNonQuery();
    }

    public override async Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        if (eventData.Context is not { } context || !IsPostgreSql(context))
        {
            return;
        }

        var command = Command(connection, eventData);
        await using (command.ConfigureAwait(false))
        {
            await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    private static DbCommand Command(DbConnection connection, ConnectionEndEventData eventData)
    {
        var command = connection.CreateCommand();
        command.CommandText = "SELECT set_config('" + Setting + "', @authority, false)";
        var parameter = command.CreateParameter();
        parameter.ParameterName = "authority";
        parameter.Value = (eventData.Context as CafDbContext)?.ScopedAuthority?.Value ?? string.Empty;
        command.Parameters.Add(parameter);
        return command;
    }
}
