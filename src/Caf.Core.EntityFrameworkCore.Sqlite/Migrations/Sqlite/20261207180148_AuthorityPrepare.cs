using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Caf.Core.EntityFrameworkCore.Migrations.Sqlite
{
    /// <summary>
    /// Issue 29 on SQLite, step zero: the event rows' delete guard names <c>caf_episodes</c>, and SQLite refuses to rebuild
    /// that table (the next migration, <c>Authorities</c>) while a trigger names it; the guard is dropped here and created
    /// again, comparing the authority too, by <c>AuthorityTriggers</c>. No table or column changes.
    /// </summary>
    internal partial class AuthorityPrepare : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("DROP TRIGGER IF EXISTS caf_episode_events_no_delete;");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            // The way back: the rebuilds of Authorities' and AuthorityRows' Down dropped the tables' triggers; all four guards
            // come back here in their form before authorities (LIFE-11, SHARE-03, LAW-04).
            migrationBuilder.Sql("DROP TRIGGER IF EXISTS caf_episode_events_append_only;");
            migrationBuilder.Sql("DROP TRIGGER IF EXISTS caf_episode_events_no_delete;");
            migrationBuilder.Sql("DROP TRIGGER IF EXISTS caf_sharing_audit_append_only;");
            migrationBuilder.Sql("DROP TRIGGER IF EXISTS caf_read_audit_append_only;");
            migrationBuilder.Sql("CREATE TRIGGER caf_episode_events_append_only BEFORE UPDATE ON caf_episode_events BEGIN SELECT RAISE(ABORT, 'caf_episode_events is append-only (LIFE-11)'); END;");
            migrationBuilder.Sql("CREATE TRIGGER caf_episode_events_no_delete BEFORE DELETE ON caf_episode_events "
                + "WHEN EXISTS (SELECT 1 FROM caf_episodes WHERE id = OLD.episode_id) "
                + "BEGIN SELECT RAISE(ABORT, 'caf_episode_events is append-only (LIFE-11): an event is deleted only with its episode'); END;");
            migrationBuilder.Sql("CREATE TRIGGER caf_sharing_audit_append_only BEFORE UPDATE ON caf_sharing_audit BEGIN SELECT RAISE(ABORT, 'caf_sharing_audit is append-only (SHARE-03)'); END;");
            migrationBuilder.Sql("CREATE TRIGGER caf_read_audit_append_only BEFORE UPDATE ON caf_read_audit BEGIN SELECT RAISE(ABORT, 'caf_read_audit is append-only (LAW-04)'); END;");
        }
    }
}
