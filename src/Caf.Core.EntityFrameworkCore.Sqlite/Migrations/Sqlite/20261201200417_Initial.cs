using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Caf.Core.EntityFrameworkCore.Migrations.Sqlite
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
                    id = table.Column<string>(type: "TEXT", maxLength: 128, nullable: false),
                    child_id = table.Column<string>(type: "TEXT", maxLength: 128, nullable: false),
                    state = table.Column<int>(type: "INTEGER", nullable: false),
                    is_open = table.Column<bool>(type: "INTEGER", nullable: false),
                    opened_at = table.Column<DateTime>(type: "TEXT", nullable: false),
                    opened_by_agency = table.Column<string>(type: "TEXT", maxLength: 128, nullable: false),
                    lead_professional = table.Column<string>(type: "TEXT", maxLength: 128, nullable: false),
                    lead_professional_agency = table.Column<string>(type: "TEXT", maxLength: 128, nullable: false),
                    lead_professional_is_interim = table.Column<bool>(type: "INTEGER", nullable: false),
                    closed_at = table.Column<DateTime>(type: "TEXT", nullable: true),
                    outcome = table.Column<int>(type: "INTEGER", nullable: true),
                    family_group = table.Column<string>(type: "TEXT", maxLength: 128, nullable: true),
                    retention_due_on = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    version = table.Column<int>(type: "INTEGER", nullable: false),
                    excluded_agencies = table.Column<string>(type: "TEXT", nullable: false),
                    history_hash = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    snapshot = table.Column<string>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_caf_episodes", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "caf_outbox",
                columns: table => new
                {
                    episode_id = table.Column<string>(type: "TEXT", maxLength: 128, nullable: false),
                    sequence = table.Column<int>(type: "INTEGER", nullable: false),
                    event_type = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    payload = table.Column<string>(type: "TEXT", nullable: false),
                    dispatched_at = table.Column<DateTime>(type: "TEXT", nullable: true),
                    attempts = table.Column<int>(type: "INTEGER", nullable: false),
                    next_attempt_at = table.Column<DateTime>(type: "TEXT", nullable: true),
                    last_error = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_caf_outbox", x => new { x.episode_id, x.sequence });
                });

            migrationBuilder.CreateTable(
                name: "caf_sharing_audit",
                columns: table => new
                {
                    id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    episode_id = table.Column<string>(type: "TEXT", maxLength: 128, nullable: false),
                    agency_id = table.Column<string>(type: "TEXT", maxLength: 128, nullable: false),
                    purpose = table.Column<int>(type: "INTEGER", nullable: false),
                    granted = table.Column<bool>(type: "INTEGER", nullable: false),
                    rule_id = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    reason = table.Column<string>(type: "TEXT", nullable: false),
                    basis = table.Column<int>(type: "INTEGER", nullable: false),
                    requested_by = table.Column<string>(type: "TEXT", maxLength: 128, nullable: false),
                    requested_by_agency = table.Column<string>(type: "TEXT", maxLength: 128, nullable: false),
                    decided_at = table.Column<DateTime>(type: "TEXT", nullable: false),
                    items = table.Column<int>(type: "INTEGER", nullable: false),
                    text = table.Column<string>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_caf_sharing_audit", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "caf_episode_events",
                columns: table => new
                {
                    episode_id = table.Column<string>(type: "TEXT", maxLength: 128, nullable: false),
                    sequence = table.Column<int>(type: "INTEGER", nullable: false),
                    type = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    occurred_at = table.Column<DateTime>(type: "TEXT", nullable: false),
                    json = table.Column<string>(type: "TEXT", nullable: false)
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
            migrationBuilder.Sql("CREATE TRIGGER caf_episode_events_append_only BEFORE UPDATE ON caf_episode_events BEGIN SELECT RAISE(ABORT, 'caf_episode_events is append-only (LIFE-11)'); END;");
            migrationBuilder.Sql("CREATE TRIGGER caf_sharing_audit_append_only BEFORE UPDATE ON caf_sharing_audit BEGIN SELECT RAISE(ABORT, 'caf_sharing_audit is append-only (SHARE-03)'); END;");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("DROP TRIGGER IF EXISTS caf_sharing_audit_append_only;");
            migrationBuilder.Sql("DROP TRIGGER IF EXISTS caf_episode_events_append_only;");

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
