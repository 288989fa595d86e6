using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Caf.Core.EntityFrameworkCore.Migrations.PostgreSql
{
    /// <inheritdoc />
    internal partial class ReportRowsAndPanelBookings : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "caf_episode_report_rows",
                columns: table => new
                {
                    episode_id = table.Column<string>(type: "character varying(128)", maxLength: 128, nullable: false),
                    child_id = table.Column<string>(type: "character varying(128)", maxLength: 128, nullable: false),
                    opened_on = table.Column<DateOnly>(type: "date", nullable: false),
                    closed_on = table.Column<DateOnly>(type: "date", nullable: true),
                    lead_professional_agency = table.Column<string>(type: "character varying(128)", maxLength: 128, nullable: true),
                    payload = table.Column<string>(type: "text", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_caf_episode_report_rows", x => x.episode_id);
                    table.ForeignKey(
                        name: "fk_caf_episode_report_rows_episode",
                        column: x => x.episode_id,
                        principalTable: "caf_episodes",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "caf_panel_bookings",
                columns: table => new
                {
                    slot_id = table.Column<string>(type: "character varying(128)", maxLength: 128, nullable: false),
                    referral_id = table.Column<string>(type: "character varying(128)", maxLength: 128, nullable: false),
                    episode_id = table.Column<string>(type: "character varying(128)", maxLength: 128, nullable: false),
                    area = table.Column<string>(type: "character varying(128)", maxLength: 128, nullable: false),
                    origin = table.Column<int>(type: "integer", nullable: false),
                    kind = table.Column<int>(type: "integer", nullable: false),
                    requested_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    papers_for = table.Column<string>(type: "text", nullable: false),
                    panel_id = table.Column<string>(type: "character varying(128)", maxLength: 128, nullable: false),
                    meeting_date = table.Column<DateOnly>(type: "date", nullable: false),
                    minutes = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_caf_panel_bookings", x => x.slot_id);
                });

            migrationBuilder.CreateTable(
                name: "caf_panel_meetings",
                columns: table => new
                {
                    panel_id = table.Column<string>(type: "character varying(128)", maxLength: 128, nullable: false),
                    meeting_date = table.Column<DateOnly>(type: "date", nullable: false),
                    new_cases = table.Column<int>(type: "integer", nullable: false),
                    reviews = table.Column<int>(type: "integer", nullable: false),
                    minutes = table.Column<int>(type: "integer", nullable: false),
                    version = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_caf_panel_meetings", x => new { x.panel_id, x.meeting_date });
                });

            migrationBuilder.CreateIndex(
                name: "ix_caf_episode_report_rows_child",
                table: "caf_episode_report_rows",
                column: "child_id");

            migrationBuilder.CreateIndex(
                name: "ix_caf_episode_report_rows_closed_on",
                table: "caf_episode_report_rows",
                column: "closed_on");

            migrationBuilder.CreateIndex(
                name: "ix_caf_episode_report_rows_lp_agency",
                table: "caf_episode_report_rows",
                column: "lead_professional_agency");

            migrationBuilder.CreateIndex(
                name: "ix_caf_episode_report_rows_opened_on",
                table: "caf_episode_report_rows",
                column: "opened_on");

            migrationBuilder.CreateIndex(
                name: "ix_caf_panel_bookings_date",
                table: "caf_panel_bookings",
                columns: new[] { "meeting_date", "panel_id" });

            migrationBuilder.CreateIndex(
                name: "ix_caf_panel_bookings_episode",
                table: "caf_panel_bookings",
                column: "episode_id");

            migrationBuilder.CreateIndex(
                name: "ix_caf_panel_bookings_meeting",
                table: "caf_panel_bookings",
                columns: new[] { "panel_id", "meeting_date" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "caf_episode_report_rows");

            migrationBuilder.DropTable(
                name: "caf_panel_bookings");

            migrationBuilder.DropTable(
                name: "caf_panel_meetings");
        }
    }
}
