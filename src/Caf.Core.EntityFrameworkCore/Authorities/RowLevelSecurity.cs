using System.Text;

namespace Caf.Core.EntityFrameworkCore.Authorities;

/// <summary>
/// The PostgreSQL row-level-security policies of issue 29 (docs/storage.md "Row-level security"): on every table of the
/// store, <c>ENABLE</c> and <c>FORCE ROW LEVEL SECURITY</c> (so the tables' owner is held to them too; superusers and
/// roles with <c>BYPASSRLS</c> are not) and one policy <c>caf_authority</c> for every command:
/// <c>authority = current_setting('caf.authority', true)</c>, both for the rows a statement sees (<c>USING</c>) and the
/// rows it writes (<c>WITH CHECK</c>). Idempotent (a role that does not own the tables may run it once they are set):
/// <c>MigrateCafDatabaseAsync</c> applies it after the migrations.
/// </summary>
internal static class RowLevelSecurity
{
    internal static readonly string[] Tables =
    [
        CafModelBuilderExtensions.EpisodesTable, CafModelBuilderExtensions.EventsTable, CafModelBuilderExtensions.OutboxTable,
        CafModelBuilderExtensions.SharingAuditTable, CafModelBuilderExtensions.ReportRowsTable, CafModelBuilderExtensions.PanelBookingsTable,
        CafModelBuilderExtensions.PanelMeetingsTable, CafModelBuilderExtensions.ReadAuditTable, CafModelBuilderExtensions.ChildIdentifiersTable,
    ];

    internal const string PolicyName = "caf_authority";

    /// <summary>The statements, one DO block (policies have no IF NOT EXISTS).</summary>
    internal static string Script()
    {
        var sql = new StringBuilder("DO $$ BEGIN\n");
        foreach (var table in Tables)
        {
            // Altered only when not yet so, so a host's start under a role that does not own the tables finds nothing to do.
            sql.Append("IF NOT EXISTS (SELECT 1 FROM pg_class WHERE oid = '").Append(table)
                .Append("'::regclass AND relrowsecurity AND relforcerowsecurity) THEN\n");
            sql.Append("  ALTER TABLE ").Append(table).Append(" ENABLE ROW LEVEL SECURITY;\n");
            sql.Append("  ALTER TABLE ").Append(table).Append(" FORCE ROW LEVEL SECURITY;\n");
            sql.Append("END IF;\n");
            sql.Append("IF NOT EXISTS (SELECT 1 FROM pg_policies WHERE tablename = '").Append(table)
                .Append("' AND policyname = '").Append(PolicyName).Append("') THEN\n");
            sql.Append("  CREATE POLICY ").Append(PolicyName).Append(" ON ").Append(table)
                .Append(" USING (authority = current_setting('").Append(AuthoritySettingInterceptor.Setting)
                .Append("', true)) WITH CHECK (authority = current_setting('").Append(AuthoritySettingInterceptor.Setting).Append("', true));\n");
            sql.Append("END IF;\n");
        }

        return sql.Append("END $$;").ToString();
    }
}
