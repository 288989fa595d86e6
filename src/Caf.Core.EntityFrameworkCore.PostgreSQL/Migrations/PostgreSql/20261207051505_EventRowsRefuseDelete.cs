using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Caf.Core.EntityFrameworkCore.Migrations.PostgreSql
{
    /// <summary>
    /// Issue 24: the database refuses DELETE and TRUNCATE of stored events as it refuses UPDATE (LIFE-11), except a
    /// DELETE of the events of an episode row being deleted (its foreign key cascades: disposal after RET-01). No table
    /// or column changes.
    /// </summary>
    internal partial class EventRowsRefuseDelete : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // The cascade's DELETE runs after the episode row is gone, so the check lets it through.
            migrationBuilder.Sql("CREATE FUNCTION caf_refuse_event_delete() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN "
                + "IF EXISTS (SELECT 1 FROM caf_episodes WHERE id = OLD.episode_id) THEN "
                + "RAISE EXCEPTION 'caf_episode_events is append-only (LIFE-11): an event is deleted only with its episode'; END IF; "
                + "RETURN OLD; END $$;");
            migrationBuilder.Sql("CREATE TRIGGER caf_episode_events_no_delete BEFORE DELETE ON caf_episode_events FOR EACH ROW EXECUTE FUNCTION caf_refuse_event_delete();");
            migrationBuilder.Sql("CREATE TRIGGER caf_episode_events_no_truncate BEFORE TRUNCATE ON caf_episode_events FOR EACH STATEMENT EXECUTE FUNCTION caf_refuse_update();");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("DROP TRIGGER IF EXISTS caf_episode_events_no_truncate ON caf_episode_events;");
            migrationBuilder.Sql("DROP TRIGGER IF EXISTS caf_episode_events_no_delete ON caf_episode_events;");
            migrationBuilder.Sql("DROP FUNCTION IF EXISTS caf_refuse_event_delete();");
        }
    }
}
