using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Caf.Core.EntityFrameworkCore.Migrations.Sqlite
{
    /// <summary>
    /// Issue 29 on SQLite, step two (after <c>Authorities</c>): the <c>authority</c> column on every other table (existing
    /// rows <c>'default'</c>), first in every key, foreign key and lookup index, with a check refusing an empty one.
    /// </summary>
    internal partial class AuthorityRows : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropForeignKey(
                name: "fk_caf_episode_events_episode",
                table: "caf_episode_events");

            migrationBuilder.DropForeignKey(
                name: "fk_caf_episode_report_rows_episode",
                table: "caf_episode_report_rows");

            migrationBuilder.DropIndex(
                name: "ix_caf_sharing_audit_episode",
                table: "caf_sharing_audit");

            migrationBuilder.DropIndex(
                name: "ix_caf_read_audit_child",
                table: "caf_read_audit");

            migrationBuilder.DropPrimaryKey(
                name: "pk_caf_panel_meetings",
                table: "caf_panel_meetings");

            migrationBuilder.DropPrimaryKey(
                name: "pk_caf_panel_bookings",
                table: "caf_panel_bookings");

            migrationBuilder.DropIndex(
                name: "ix_caf_panel_bookings_date",
                table: "caf_panel_bookings");

            migrationBuilder.DropIndex(
                name: "ix_caf_panel_bookings_episode",
                table: "caf_panel_bookings");

            migrationBuilder.DropIndex(
                name: "ix_caf_panel_bookings_meeting",
                table: "caf_panel_bookings");

            migrationBuilder.DropPrimaryKey(
                name: "pk_caf_outbox",
                table: "caf_outbox");

            migrationBuilder.DropIndex(
                name: "ix_caf_outbox_pending",
                table: "caf_outbox");

            migrationBuilder.DropPrimaryKey(
                name: "pk_caf_episode_report_rows",
                table: "caf_episode_report_rows");

            migrationBuilder.DropIndex(
                name: "ix_caf_episode_report_rows_child",
                table: "caf_episode_report_rows");

            migrationBuilder.DropIndex(
                name: "ix_caf_episode_report_rows_closed_on",
                table: "caf_episode_report_rows");

            migrationBuilder.DropIndex(
                name: "ix_caf_episode_report_rows_lp_agency",
                table: "caf_episode_report_rows");

            migrationBuilder.DropIndex(
                name: "ix_caf_episode_report_rows_opened_on",
                table: "caf_episode_report_rows");

            migrationBuilder.DropPrimaryKey(
                name: "pk_caf_episode_events",
                table: "caf_episode_events");

            migrationBuilder.DropIndex(
                name: "ux_caf_episode_events_idempotency_key",
                table: "caf_episode_events");

            migrationBuilder.DropPrimaryKey(
                name: "pk_caf_child_identifiers",
                table: "caf_child_identifiers");

            migrationBuilder.DropIndex(
                name: "ix_caf_child_identifiers_nhs_number",
                table: "caf_child_identifiers");

            migrationBuilder.AddColumn<string>(
                name: "authority",
                table: "caf_sharing_audit",
                type: "TEXT",
                maxLength: 64,
                nullable: false,
                defaultValue: "default");

            migrationBuilder.AddColumn<string>(
                name: "authority",
                table: "caf_read_audit",
                type: "TEXT",
                maxLength: 64,
                nullable: false,
                defaultValue: "default");

            migrationBuilder.AddColumn<string>(
                name: "authority",
                table: "caf_panel_meetings",
                type: "TEXT",
                maxLength: 64,
                nullable: false,
                defaultValue: "default");

            migrationBuilder.AddColumn<string>(
                name: "authority",
                table: "caf_panel_bookings",
                type: "TEXT",
                maxLength: 64,
                nullable: false,
                defaultValue: "default");

            migrationBuilder.AddColumn<string>(
                name: "authority",
                table: "caf_outbox",
                type: "TEXT",
                maxLength: 64,
                nullable: false,
                defaultValue: "default");

            migrationBuilder.AddColumn<string>(
                name: "authority",
                table: "caf_episode_report_rows",
                type: "TEXT",
                maxLength: 64,
                nullable: false,
                defaultValue: "default");

            migrationBuilder.AddColumn<string>(
                name: "authority",
                table: "caf_episode_events",
                type: "TEXT",
                maxLength: 64,
                nullable: false,
                defaultValue: "default");

            migrationBuilder.AddColumn<string>(
                name: "authority",
                table: "caf_child_identifiers",
                type: "TEXT",
                maxLength: 64,
                nullable: false,
                defaultValue: "default");

            migrationBuilder.AddPrimaryKey(
                name: "pk_caf_panel_meetings",
                table: "caf_panel_meetings",
                columns: new[] { "authority", "panel_id", "meeting_date" });

            migrationBuilder.AddPrimaryKey(
                name: "pk_caf_panel_bookings",
                table: "caf_panel_bookings",
                columns: new[] { "authority", "slot_id" });

            migrationBuilder.AddPrimaryKey(
                name: "pk_caf_outbox",
                table: "caf_outbox",
                columns: new[] { "authority", "episode_id", "sequence" });

            migrationBuilder.AddPrimaryKey(
                name: "pk_caf_episode_report_rows",
                table: "caf_episode_report_rows",
                columns: new[] { "authority", "episode_id" });

            migrationBuilder.AddPrimaryKey(
                name: "pk_caf_episode_events",
                table: "caf_episode_events",
                columns: new[] { "authority", "episode_id", "sequence" });

            migrationBuilder.AddPrimaryKey(
                name: "pk_caf_child_identifiers",
                table: "caf_child_identifiers",
                columns: new[] { "authority", "episode_id" });

            migrationBuilder.CreateIndex(
                name: "ix_caf_sharing_audit_episode",
                table: "caf_sharing_audit",
                columns: new[] { "authority", "episode_id" });

            migrationBuilder.AddCheckConstraint(
                name: "ck_caf_sharing_audit_authority",
                table: "caf_sharing_audit",
                sql: "authority <> ''");

            migrationBuilder.CreateIndex(
                name: "ix_caf_read_audit_child",
                table: "caf_read_audit",
                columns: new[] { "authority", "child_id" });

            migrationBuilder.AddCheckConstraint(
                name: "ck_caf_read_audit_authority",
                table: "caf_read_audit",
                sql: "authority <> ''");

            migrationBuilder.AddCheckConstraint(
                name: "ck_caf_panel_meetings_authority",
                table: "caf_panel_meetings",
                sql: "authority <> ''");

            migrationBuilder.CreateIndex(
                name: "ix_caf_panel_bookings_date",
                table: "caf_panel_bookings",
                columns: new[] { "authority", "meeting_date", "panel_id" });

            migrationBuilder.CreateIndex(
                name: "ix_caf_panel_bookings_episode",
                table: "caf_panel_bookings",
                columns: new[] { "authority", "episode_id" });

            migrationBuilder.CreateIndex(
                name: "ix_caf_panel_bookings_meeting",
                table: "caf_panel_bookings",
                columns: new[] { "authority", "panel_id", "meeting_date" });

            migrationBuilder.AddCheckConstraint(
                name: "ck_caf_panel_bookings_authority",
                table: "caf_panel_bookings",
                sql: "authority <> ''");

            migrationBuilder.CreateIndex(
                name: "ix_caf_outbox_pending",
                table: "caf_outbox",
                columns: new[] { "authority", "episode_id", "sequence" },
                filter: "\"dispatched_at\" IS NULL");

            migrationBuilder.AddCheckConstraint(
                name: "ck_caf_outbox_authority",
                table: "caf_outbox",
                sql: "authority <> ''");

            migrationBuilder.CreateIndex(
                name: "ix_caf_episode_report_rows_child",
                table: "caf_episode_report_rows",
                columns: new[] { "authority", "child_id" });

            migrationBuilder.CreateIndex(
                name: "ix_caf_episode_report_rows_closed_on",
                table: "caf_episode_report_rows",
                columns: new[] { "authority", "closed_on" });

            migrationBuilder.CreateIndex(
                name: "ix_caf_episode_report_rows_lp_agency",
                table: "caf_episode_report_rows",
                columns: new[] { "authority", "lead_professional_agency" });

            migrationBuilder.CreateIndex(
                name: "ix_caf_episode_report_rows_opened_on",
                table: "caf_episode_report_rows",
                columns: new[] { "authority", "opened_on" });

            migrationBuilder.AddCheckConstraint(
                name: "ck_caf_episode_report_rows_authority",
                table: "caf_episode_report_rows",
                sql: "authority <> ''");

            migrationBuilder.CreateIndex(
                name: "ux_caf_episode_events_idempotency_key",
                table: "caf_episode_events",
                columns: new[] { "authority", "episode_id", "idempotency_key" },
                unique: true,
                filter: "\"idempotency_key\" IS NOT NULL");

            migrationBuilder.AddCheckConstraint(
                name: "ck_caf_episode_events_authority",
                table: "caf_episode_events",
                sql: "authority <> ''");

            migrationBuilder.CreateIndex(
                name: "ix_caf_child_identifiers_nhs_number",
                table: "caf_child_identifiers",
                columns: new[] { "authority", "nhs_number" });

            migrationBuilder.AddCheckConstraint(
                name: "ck_caf_child_identifiers_authority",
                table: "caf_child_identifiers",
                sql: "authority <> ''");

            migrationBuilder.AddForeignKey(
                name: "fk_caf_episode_events_episode",
                table: "caf_episode_events",
                columns: new[] { "authority", "episode_id" },
                principalTable: "caf_episodes",
                principalColumns: new[] { "authority", "id" },
                onDelete: ReferentialAction.Cascade);

            migrationBuilder.AddForeignKey(
                name: "fk_caf_episode_report_rows_episode",
                table: "caf_episode_report_rows",
                columns: new[] { "authority", "episode_id" },
                principalTable: "caf_episodes",
                principalColumns: new[] { "authority", "id" },
                onDelete: ReferentialAction.Cascade);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            AuthorityDownGuard.Refuse(migrationBuilder, "caf_episodes", "caf_episode_events", "caf_outbox", "caf_sharing_audit", "caf_episode_report_rows", "caf_panel_meetings", "caf_panel_bookings", "caf_read_audit", "caf_child_identifiers");
            migrationBuilder.DropForeignKey(
                name: "fk_caf_episode_events_episode",
                table: "caf_episode_events");

            migrationBuilder.DropForeignKey(
                name: "fk_caf_episode_report_rows_episode",
                table: "caf_episode_report_rows");

            migrationBuilder.DropIndex(
                name: "ix_caf_sharing_audit_episode",
                table: "caf_sharing_audit");

            migrationBuilder.DropCheckConstraint(
                name: "ck_caf_sharing_audit_authority",
                table: "caf_sharing_audit");

            migrationBuilder.DropIndex(
                name: "ix_caf_read_audit_child",
                table: "caf_read_audit");

            migrationBuilder.DropCheckConstraint(
                name: "ck_caf_read_audit_authority",
                table: "caf_read_audit");

            migrationBuilder.DropPrimaryKey(
                name: "pk_caf_panel_meetings",
                table: "caf_panel_meetings");

            migrationBuilder.DropCheckConstraint(
                name: "ck_caf_panel_meetings_authority",
                table: "caf_panel_meetings");

            migrationBuilder.DropPrimaryKey(
                name: "pk_caf_panel_bookings",
                table: "caf_panel_bookings");

            migrationBuilder.DropIndex(
                name: "ix_caf_panel_bookings_date",
                table: "caf_panel_bookings");

            migrationBuilder.DropIndex(
                name: "ix_caf_panel_bookings_episode",
                table: "caf_panel_bookings");

            migrationBuilder.DropIndex(
                name: "ix_caf_panel_bookings_meeting",
                table: "caf_panel_bookings");

            migrationBuilder.DropCheckConstraint(
                name: "ck_caf_panel_bookings_authority",
                table: "caf_panel_bookings");

            migrationBuilder.DropPrimaryKey(
                name: "pk_caf_outbox",
                table: "caf_outbox");

            migrationBuilder.DropIndex(
                name: "ix_caf_outbox_pending",
                table: "caf_outbox");

            migrationBuilder.DropCheckConstraint(
                name: "ck_caf_outbox_authority",
                table: "caf_outbox");

            migrationBuilder.DropPrimaryKey(
                name: "pk_caf_episode_report_rows",
                table: "caf_episode_report_rows");

            migrationBuilder.DropIndex(
                name: "ix_caf_episode_report_rows_child",
                table: "caf_episode_report_rows");

            migrationBuilder.DropIndex(
                name: "ix_caf_episode_report_rows_closed_on",
                table: "caf_episode_report_rows");

            migrationBuilder.DropIndex(
                name: "ix_caf_episode_report_rows_lp_agency",
                table: "caf_episode_report_rows");

            migrationBuilder.DropIndex(
                name: "ix_caf_episode_report_rows_opened_on",
                table: "caf_episode_report_rows");

            migrationBuilder.DropCheckConstraint(
                name: "ck_caf_episode_report_rows_authority",
                table: "caf_episode_report_rows");

            migrationBuilder.DropPrimaryKey(
                name: "pk_caf_episode_events",
                table: "caf_episode_events");

            migrationBuilder.DropIndex(
                name: "ux_caf_episode_events_idempotency_key",
                table: "caf_episode_events");

            migrationBuilder.DropCheckConstraint(
                name: "ck_caf_episode_events_authority",
                table: "caf_episode_events");

            migrationBuilder.DropPrimaryKey(
                name: "pk_caf_child_identifiers",
                table: "caf_child_identifiers");

            migrationBuilder.DropIndex(
                name: "ix_caf_child_identifiers_nhs_number",
                table: "caf_child_identifiers");

            migrationBuilder.DropCheckConstraint(
                name: "ck_caf_child_identifiers_authority",
                table: "caf_child_identifiers");

            migrationBuilder.DropColumn(
                name: "authority",
                table: "caf_sharing_audit");

            migrationBuilder.DropColumn(
                name: "authority",
                table: "caf_read_audit");

            migrationBuilder.DropColumn(
                name: "authority",
                table: "caf_panel_meetings");

            migrationBuilder.DropColumn(
                name: "authority",
                table: "caf_panel_bookings");

            migrationBuilder.DropColumn(
                name: "authority",
                table: "caf_outbox");

            migrationBuilder.DropColumn(
                name: "authority",
                table: "caf_episode_report_rows");

            migrationBuilder.DropColumn(
                name: "authority",
                table: "caf_episode_events");

            migrationBuilder.DropColumn(
                name: "authority",
                table: "caf_child_identifiers");

            migrationBuilder.AddPrimaryKey(
                name: "pk_caf_panel_meetings",
                table: "caf_panel_meetings",
                columns: new[] { "panel_id", "meeting_date" });

            migrationBuilder.AddPrimaryKey(
                name: "pk_caf_panel_bookings",
                table: "caf_panel_bookings",
                column: "slot_id");

            migrationBuilder.AddPrimaryKey(
                name: "pk_caf_outbox",
                table: "caf_outbox",
                columns: new[] { "episode_id", "sequence" });

            migrationBuilder.AddPrimaryKey(
                name: "pk_caf_episode_report_rows",
                table: "caf_episode_report_rows",
                column: "episode_id");

            migrationBuilder.AddPrimaryKey(
                name: "pk_caf_episode_events",
                table: "caf_episode_events",
                columns: new[] { "episode_id", "sequence" });

            migrationBuilder.AddPrimaryKey(
                name: "pk_caf_child_identifiers",
                table: "caf_child_identifiers",
                column: "episode_id");

            migrationBuilder.CreateIndex(
                name: "ix_caf_sharing_audit_episode",
                table: "caf_sharing_audit",
                column: "episode_id");

            migrationBuilder.CreateIndex(
                name: "ix_caf_read_audit_child",
                table: "caf_read_audit",
                column: "child_id");

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

            migrationBuilder.CreateIndex(
                name: "ix_caf_outbox_pending",
                table: "caf_outbox",
                columns: new[] { "episode_id", "sequence" },
                filter: "\"dispatched_at\" IS NULL");

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
                name: "ux_caf_episode_events_idempotency_key",
                table: "caf_episode_events",
                columns: new[] { "episode_id", "idempotency_key" },
                unique: true,
                filter: "\"idempotency_key\" IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "ix_caf_child_identifiers_nhs_number",
                table: "caf_child_identifiers",
                column: "nhs_number");

            // The foreign keys to caf_episodes(id) come back in Authorities' Down, once caf_episodes is keyed by id again (the
            // model this step's rebuilds follow, Authorities' target model, has none: SQLite would refuse a key it cannot find).
        }
    }
}
