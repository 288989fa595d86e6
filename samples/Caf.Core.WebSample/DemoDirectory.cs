using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using Caf.Core.Primitives;
using Microsoft.Data.Sqlite;

namespace Caf.Core.WebSample;

/// <summary>
/// The naming port over the demo's staff directory (what a host's own directory gives): practitioners, their
/// supervisors and agencies by name, so the library's and the adapter's person-facing texts name people, not ids.
/// </summary>
public sealed class DemoNames : ICafNames
{
    /// <inheritdoc />
    public string? PractitionerName(PractitionerId practitioner) =>
        DemoData.Practitioners.FirstOrDefault(p => p.Id == practitioner)?.Name
        ?? DemoData.Practitioners.FirstOrDefault(p => p.Supervisor.Id == practitioner)?.Supervisor.Name;

    /// <inheritdoc />
    public string? AgencyName(AgencyId agency) => DemoData.Practitioners.FirstOrDefault(p => p.Agency == agency)?.AgencyName;
}

/// <summary>
/// The host's children (the library holds ids only): the demo's two, and each child a practitioner registers a new
/// concern for, kept in the sample's own database (a table beside the library's, <c>websample_children</c>), so a
/// restart keeps their names. One per app (a DI singleton); each call opens its own connection, so it is safe across requests.
/// </summary>
public sealed class ChildDirectory
{
    private readonly string _connectionString;

    /// <summary>Creates the directory over the sample's SQLite database.</summary>
    public ChildDirectory(string connectionString)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);
        _connectionString = connectionString;
    }

    /// <summary>Creates the table when the database does not have it yet (the host's own data, not the library's schema).</summary>
    public void EnsureCreated()
    {
        using var connection = Open();
        using var command = connection.CreateCommand();
        command.CommandText = "CREATE TABLE IF NOT EXISTS websample_children (id TEXT NOT NULL PRIMARY KEY, name TEXT NOT NULL, date_of_birth TEXT NULL, first_episode TEXT NOT NULL, authority TEXT NOT NULL DEFAULT 'default')";
        command.ExecuteNonQuery();
        command.CommandText = "SELECT COUNT(*) FROM pragma_table_info('websample_children') WHERE name = 'authority'";
        if (Convert.ToInt64(command.ExecuteScalar(), CultureInfo.InvariantCulture) == 0)
        {
            // A database of the sample before issue 29: its children are the default authority's.
            command.CommandText = "ALTER TABLE websample_children ADD COLUMN authority TEXT NOT NULL DEFAULT 'default'";
            command.ExecuteNonQuery();
        }
    }

    /// <summary>Every child, in name order: the demo's and those stored.</summary>
    public IReadOnlyList<DemoChild> All => [.. DemoData.Children.Concat(Stored()).OrderBy(c => c.Name, StringComparer.Ordinal)];

    /// <summary>The children of one local authority, in name order: a practitioner sees their own authority's only.</summary>
    public IReadOnlyList<DemoChild> Of(AuthorityId authority) => [.. All.Where(c => c.Authority == authority)];

    /// <summary>The child with an id, if the directory knows it.</summary>
    public DemoChild? Find(string childId) => All.FirstOrDefault(c => c.Id.Value == childId);

    /// <summary>The child's name, or the id when the directory does not know the child.</summary>
    public string NameOf(string childId) => Find(childId)?.Name ?? childId;

    /// <summary>The name of one authority's child, or the id when that authority has no such child.</summary>
    public string NameOf(string childId, AuthorityId authority) => Of(authority).FirstOrDefault(c => c.Id.Value == childId)?.Name ?? childId;

    /// <summary>Adds a child the register has just opened an episode for (stored: it survives a restart).</summary>
    public void Add(DemoChild child)
    {
        ArgumentNullException.ThrowIfNull(child);
        using var connection = Open();
        using var command = connection.CreateCommand();
        command.CommandText = "INSERT OR REPLACE INTO websample_children (id, name, date_of_birth, first_episode, authority) VALUES ($id, $name, $born, $episode, $authority)";
        command.Parameters.AddWithValue("$authority", child.Authority.Value);
        command.Parameters.AddWithValue("$id", child.Id.Value);
        command.Parameters.AddWithValue("$name", child.Name);
        command.Parameters.AddWithValue("$born", child.DateOfBirth == default ? DBNull.Value : child.DateOfBirth.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        command.Parameters.AddWithValue("$episode", child.Episode.Value);
        command.ExecuteNonQuery();
    }

    private List<DemoChild> Stored()
    {
        using var connection = Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT id, name, date_of_birth, first_episode, authority FROM websample_children";
        var children = new List<DemoChild>();
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            var born = reader.IsDBNull(2) ? default : DateOnly.ParseExact(reader.GetString(2), "yyyy-MM-dd", CultureInfo.InvariantCulture);
            children.Add(new DemoChild(new ChildId(reader.GetString(0)), reader.GetString(1), born, new EpisodeId(reader.GetString(3))) { Authority = new AuthorityId(reader.GetString(4)) });
        }

        return children;
    }

    private SqliteConnection Open()
    {
        var connection = new SqliteConnection(_connectionString);
        connection.Open();
        return connection;
    }
}
