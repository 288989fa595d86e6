using System.Linq;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Caf.Core.EntityFrameworkCore.Migrations.Sqlite
{
    /// <summary>
    /// Issue 29 on SQLite, the way back: the schema before <c>Authorities</c> has no <c>authority</c> column, so a row of
    /// another authority than <c>'default'</c> would silently become the default authority's (or clash with its keys).
    /// Each Down of the authority steps therefore refuses, first and before changing anything, while such a row exists,
    /// with a message saying why (SQLite raises only from a trigger: a temporary one, on a temporary table).
    /// </summary>
    internal static class AuthorityDownGuard
    {
        /// <summary>What the refusal says (tests look for its words).</summary>
        internal const string Message =
            "Rows of an authority other than 'default' exist, and the schema before authorities cannot hold them: the database cannot go back before the Authorities migration. "
            + "Move or delete those rows first (docs/storage.md, Authorities in the EF Core store).";

        /// <summary>Refuses while any of the tables holds a row of another authority than the default one.</summary>
        internal static void Refuse(MigrationBuilder migrationBuilder, params string[] tables)
        {
            migrationBuilder.Sql("CREATE TEMP TABLE IF NOT EXISTS caf_authority_down_guard (found INTEGER);");
            migrationBuilder.Sql("CREATE TEMP TRIGGER IF NOT EXISTS caf_authority_down_refuse BEFORE INSERT ON caf_authority_down_guard "
                + $"BEGIN SELECT RAISE(ABORT, '{Message.Replace("'", "''", System.StringComparison.Ordinal)}'); END;");
            migrationBuilder.Sql("INSERT INTO caf_authority_down_guard (found) SELECT 1 WHERE "
                + string.Join(" OR ", tables.Select(t => $"EXISTS (SELECT 1 FROM {t} WHERE authority <> 'default')")) + ";");
            migrationBuilder.Sql("DROP TRIGGER IF EXISTS temp.caf_authority_down_refuse;");
            migrationBuilder.Sql("DROP TABLE IF EXISTS temp.caf_authority_down_guard;");
        }
    }
}
