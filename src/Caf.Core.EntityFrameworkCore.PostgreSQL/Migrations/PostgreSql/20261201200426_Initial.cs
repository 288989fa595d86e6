using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace Caf.Core.EntityFrameworkCore.Migrations.PostgreSql
{
    /// <inheritdoc />
    internal partial class Initial : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "caf_episodes",
                columns: table => new
                {
                    id = table.Column<string>(type: "character varying(128)", maxLength: 128, nullable: false),
                    child_id = table.Column<string>(type: "character varying(128)", maxLength: 128, nullable: false),
                    state = table.Column<int>(type: "integer", nullable: false),
                    is_open = table.Column<bool>(type: "boolean", nullable: false),
                    opened_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    opened_by_agency = table.Column<string>(type: "character varying(128)", maxLength: 128, nullable: false),
                    lead_professional = table.Column<string>(type: "character varying(128)", maxLength: 128, nullable: false),
                    lead_professional_agency = table.Column<string>(type: "character varying(128)", maxLength: 128, nullable: false),
                    lead_professional_is_interim = table.Column<bool>(type: "boolean", nullable: false),
                    closed_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    outcome = table.Column<int>(type: "integer", nullable: true),
                    family_group = table.Column<string>(type: "character varying(128)", maxLength: 128, nullable: true),
                    retention_due_on = table.Column<DateOnly>(type: "date", nullable: true),
                    version = table.Column<int>(type: "integer", nullable: false),
                    excluded_agencies = table.Column<string>(type: "text", nullable: false),
                    history_hash = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    snapshot = table.Column<string>(type: "text", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_caf_episodes", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "caf_outbox",
                columns: table => new
                {
                    episode_id = table.Column<string>(type: "character varying(128)", maxLength: 128, nullable: false),
                    sequence = table.Column<int>(type: "integer", nullable: false),
                    event_type = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    payload = table.Column<string>(type: "text", nullable: false),
                    dispatched_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    attempts = table.Column<int>(type: "integer", nullable: false),
                    next_attempt_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    last_error = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_caf_outbox", x => new { x.episode_id, x.sequence });
                });

            migrationBuilder.CreateTable(
                name: "caf_sharing_audit",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    episode_id = table.Column<string>(type: "character varying(128)", maxLength: 128, nullable: false),
                    agency_id = table.Column<string>(type: "character varying(128)", maxLength: 128, nullable: false),
                    purpose = table.Column<int>(type: "integer", nullable: false),
                    granted = table.Column<bool>(type: "boolean", nullable: false),
                    rule_id = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    reason = table.Column<string>(type: "text", nullable: false),
                    basis = table.Column<int>(type: "integer", nullable: false),
                    requested_by = table.Column<string>(type: "character varying(128)", maxLength: 128, nullable: false),
                    requested_by_agency = table.Column<string>(type: "character varying(128)", maxLength: 128, nullable: false),
                    decided_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    items = table.Column<int>(type: "integer", nullable: false),
                    text = table.Column<string>(type: "text", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_caf_sharing_audit", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "caf_episode_events",
                columns: table => new
                {
                    episode_id = table.Column<string>(type: "character varying(128)", maxLength: 128, nullable: false),
                    sequence = table.Column<int>(type: "integer", nullable: false),
                    type = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    occurred_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    json = table.Column<string>(type: "text", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_caf_episode_events", x => new { x.episode_id, x.sequence });
                    table.ForeignKey(
                        name: "fk_caf_episode_events_episode",
                        column: x => x.episode_id,
                        principalTable: "caf_episodes",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "ix_caf_episodes_family_group",
                table: "caf_episodes",
                column: "family_group");

            migrationBuilder.CreateIndex(
                name: "ix_caf_episodes_opened_at",
                table: "caf_episodes",
                column: "opened_at");

            migrationBuilder.CreateIndex(
                name: "ux_caf_episodes_open_child",
                table: "caf_episodes",
                column: "child_id",
                unique: true,
                filter: "\"is_open\"");

            migrationBuilder.CreateIndex(
                name: "ix_caf_outbox_pending",
                table: "caf_outbox",
                columns: new[] { "episode_id", "sequence" },
                filter: "\"dispatched_at\" IS NULL");

            migrationBuilder.CreateIndex(
                name: "ix_caf_sharing_audit_episode",
                table: "caf_sharing_audit",
                column: "episode_id");

            // Append-only in the database too (LIFE-11, SHARE-03): a stored event or audit row is never changed.
            migrationBuilder.Sql("CREATE FUNCTION caf_refuse_update() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION '% is append-only', TG_TABLE_NAME; END $$;");
            migrationBuilder.Sql("CREATE TRIGGER caf_episode_events_append_only BEFORE UPDATE ON caf_episode_events FOR EACH ROW EXECUTE FUNCTION caf_refuse_update();");
            migrationBuilder.Sql("CREATE TRIGGER caf_sharing_audit_append_only BEFORE UPDATE ON caf_sharing_audit FOR EACH ROW EXECUTE FUNCTION caf_refuse_update();");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("DROP TRIGGER IF EXISTS caf_sharing_audit_append_only ON caf_sharing_audit;");
            migrationBuilder.Sql("DROP TRIGGER IF EXISTS caf_episode_events_append_only ON caf_episode_events;");
            migrationBuilder.Sql("DROP FUNCTION IF EXISTS caf_refuse_update();");

            migrationBuilder.DropTable(
                name: "caf_episode_events");

            migrationBuilder.DropTable(
                name: "caf_outbox");

            migrationBuilder.DropTable(
                name: "caf_sharing_audit");

            migrationBuilder.DropTable(
                name: "caf_episodes");
        }
    }
}
