using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Caf.Core.EntityFrameworkCore.Migrations.Sqlite
{
    /// <summary>
    /// Issue 24: the database refuses DELETE of stored events as it refuses UPDATE (LIFE-11), except when their episode
    /// row is deleted with them (its foreign key cascades: disposal after RET-01). No table or column changes.
    /// </summary>
    internal partial class EventRowsRefuseDelete : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // A cascaded delete runs after the episode row is gone, so the condition lets it through.
            migrationBuilder.Sql("CREATE TRIGGER caf_episode_events_no_delete BEFORE DELETE ON caf_episode_events "
                + "WHEN EXISTS (SELECT 1 FROM caf_episodes WHERE id = OLD.episode_id) "
                + "BEGIN SELECT RAISE(ABORT, 'caf_episode_events is append-only (LIFE-11): an event is deleted only with its episode'); END;");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("DROP TRIGGER IF EXISTS caf_episode_events_no_delete;");
        }
    }
}
