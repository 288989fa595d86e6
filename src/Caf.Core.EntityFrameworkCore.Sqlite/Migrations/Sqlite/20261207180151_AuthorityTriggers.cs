using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Caf.Core.EntityFrameworkCore.Migrations.Sqlite
{
    /// <summary>
    /// Issue 29, after <c>Authorities</c> and <c>AuthorityRows</c>: SQLite rebuilt the tables to give them their authority keys, and a rebuild drops
    /// the tables' triggers; this creates them again (LIFE-11, SHARE-03, LAW-04), the event rows' delete guard now comparing
    /// the authority as well as the episode id. No table or column changes.
    /// </summary>
    internal partial class AuthorityTriggers : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("DROP TRIGGER IF EXISTS caf_episode_events_append_only;");
            migrationBuilder.Sql("DROP TRIGGER IF EXISTS caf_episode_events_no_delete;");
            migrationBuilder.Sql("DROP TRIGGER IF EXISTS caf_sharing_audit_append_only;");
            migrationBuilder.Sql("DROP TRIGGER IF EXISTS caf_read_audit_append_only;");
            migrationBuilder.Sql("CREATE TRIGGER caf_episode_events_append_only BEFORE UPDATE ON caf_episode_events BEGIN SELECT RAISE(ABORT, 'caf_episode_events is append-only (LIFE-11)'); END;");
            migrationBuilder.Sql("CREATE TRIGGER caf_episode_events_no_delete BEFORE DELETE ON caf_episode_events "
                + "WHEN EXISTS (SELECT 1 FROM caf_episodes WHERE authority = OLD.authority AND id = OLD.episode_id) "
                + "BEGIN SELECT RAISE(ABORT, 'caf_episode_events is append-only (LIFE-11): an event is deleted only with its episode'); END;");
            migrationBuilder.Sql("CREATE TRIGGER caf_sharing_audit_append_only BEFORE UPDATE ON caf_sharing_audit BEGIN SELECT RAISE(ABORT, 'caf_sharing_audit is append-only (SHARE-03)'); END;");
            migrationBuilder.Sql("CREATE TRIGGER caf_read_audit_append_only BEFORE UPDATE ON caf_read_audit BEGIN SELECT RAISE(ABORT, 'caf_read_audit is append-only (LAW-04)'); END;");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            AuthorityDownGuard.Refuse(migrationBuilder, "caf_episodes", "caf_episode_events", "caf_outbox", "caf_sharing_audit", "caf_episode_report_rows", "caf_panel_meetings", "caf_panel_bookings", "caf_read_audit", "caf_child_identifiers");
            migrationBuilder.Sql("DROP TRIGGER IF EXISTS caf_episode_events_append_only;");
            migrationBuilder.Sql("DROP TRIGGER IF EXISTS caf_episode_events_no_delete;");
            migrationBuilder.Sql("DROP TRIGGER IF EXISTS caf_sharing_audit_append_only;");
            migrationBuilder.Sql("DROP TRIGGER IF EXISTS caf_read_audit_append_only;");
        }
    }
}
