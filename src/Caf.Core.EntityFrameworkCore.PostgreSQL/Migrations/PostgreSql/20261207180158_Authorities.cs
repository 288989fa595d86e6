using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Caf.Core.EntityFrameworkCore.Migrations.PostgreSql
{
    /// <summary>
    /// Issue 29: an <c>authority</c> column (the <c>AuthorityId</c>'s value) on every table, first in every key, foreign key
    /// and lookup index (two authorities may both have episode "ep-1"; REG-01 is one open episode per child per authority),
    /// with a check that refuses an empty one. Existing rows get <c>'default'</c> (<c>AuthorityId.Default</c>, the authority of
    /// every episode stored before authorities existed), so stored data stays readable; no column keeps a database default
    /// afterwards, so a row the store did not stamp is refused. The event rows' delete guard compares the authority too.
    /// </summary>
    internal partial class Authorities : Migration
    {
        // Every table of the store, as SQL string literals (the Down's row-level security and refusal).
        private const string Tables = "'caf_episodes', 'caf_episode_events', 'caf_outbox', 'caf_sharing_audit', 'caf_episode_report_rows', "
            + "'caf_panel_meetings', 'caf_panel_bookings', 'caf_read_audit', 'caf_child_identifiers'";

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
                name: "PK_caf_episodes",
                table: "caf_episodes");

            migrationBuilder.DropIndex(
                name: "ux_caf_episodes_open_child",
                table: "caf_episodes");

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
                type: "character varying(64)",
                maxLength: 64,
                nullable: false,
                defaultValue: "default");

            migrationBuilder.AddColumn<string>(
                name: "authority",
                table: "caf_read_audit",
                type: "character varying(64)",
                maxLength: 64,
                nullable: false,
                defaultValue: "default");

            migrationBuilder.AddColumn<string>(
                name: "authority",
                table: "caf_panel_meetings",
                type: "character varying(64)",
                maxLength: 64,
                nullable: false,
                defaultValue: "default");

            migrationBuilder.AddColumn<string>(
                name: "authority",
                table: "caf_panel_bookings",
                type: "character varying(64)",
                maxLength: 64,
                nullable: false,
                defaultValue: "default");

            migrationBuilder.AddColumn<string>(
                name: "authority",
                table: "caf_outbox",
                type: "character varying(64)",
                maxLength: 64,
                nullable: false,
                defaultValue: "default");

            migrationBuilder.AddColumn<string>(
                name: "authority",
                table: "caf_episodes",
                type: "character varying(64)",
                maxLength: 64,
                nullable: false,
                defaultValue: "default");

            migrationBuilder.AddColumn<string>(
                name: "authority",
                table: "caf_episode_report_rows",
                type: "character varying(64)",
                maxLength: 64,
                nullable: false,
                defaultValue: "default");

            migrationBuilder.AddColumn<string>(
                name: "authority",
                table: "caf_episode_events",
                type: "character varying(64)",
                maxLength: 64,
                nullable: false,
                defaultValue: "default");

            migrationBuilder.AddColumn<string>(
                name: "authority",
                table: "caf_child_identifiers",
                type: "character varying(64)",
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
                name: "PK_caf_episodes",
                table: "caf_episodes",
                columns: new[] { "authority", "id" });

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
                name: "ux_caf_episodes_open_child",
                table: "caf_episodes",
                columns: new[] { "authority", "child_id" },
                unique: true,
                filter: "\"is_open\"");

            migrationBuilder.AddCheckConstraint(
                name: "ck_caf_episodes_authority",
                table: "caf_episodes",
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

            migrationBuilder.Sql("ALTER TABLE caf_episodes ALTER COLUMN authority DROP DEFAULT;");
            migrationBuilder.Sql("ALTER TABLE caf_episode_events ALTER COLUMN authority DROP DEFAULT;");
            migrationBuilder.Sql("ALTER TABLE caf_outbox ALTER COLUMN authority DROP DEFAULT;");
            migrationBuilder.Sql("ALTER TABLE caf_sharing_audit ALTER COLUMN authority DROP DEFAULT;");
            migrationBuilder.Sql("ALTER TABLE caf_episode_report_rows ALTER COLUMN authority DROP DEFAULT;");
            migrationBuilder.Sql("ALTER TABLE caf_panel_bookings ALTER COLUMN authority DROP DEFAULT;");
            migrationBuilder.Sql("ALTER TABLE caf_panel_meetings ALTER COLUMN authority DROP DEFAULT;");
            migrationBuilder.Sql("ALTER TABLE caf_read_audit ALTER COLUMN authority DROP DEFAULT;");
            migrationBuilder.Sql("ALTER TABLE caf_child_identifiers ALTER COLUMN authority DROP DEFAULT;");
            migrationBuilder.Sql("CREATE OR REPLACE FUNCTION caf_refuse_event_delete() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN "
                + "IF EXISTS (SELECT 1 FROM caf_episodes WHERE authority = OLD.authority AND id = OLD.episode_id) THEN "
                + "RAISE EXCEPTION 'caf_episode_events is append-only (LIFE-11): an event is deleted only with its episode'; END IF; "
                + "RETURN OLD; END $$;");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            // The way back, first and in the migration's transaction: row-level security (o.UsePostgresRowLevelSecurity())
            // is turned off, its policies naming the authority column dropped; then the step refuses while a row of another
            // authority than 'default' exists, since the schema before authorities would make it the default authority's.
            migrationBuilder.Sql("DO $$ DECLARE t text; BEGIN FOREACH t IN ARRAY ARRAY[" + Tables + "] LOOP "
                + "EXECUTE format('DROP POLICY IF EXISTS caf_authority ON %I', t); "
                + "EXECUTE format('ALTER TABLE %I NO FORCE ROW LEVEL SECURITY', t); "
                + "EXECUTE format('ALTER TABLE %I DISABLE ROW LEVEL SECURITY', t); END LOOP; END $$;");
            migrationBuilder.Sql("DO $$ DECLARE t text; found boolean; BEGIN FOREACH t IN ARRAY ARRAY[" + Tables + "] LOOP "
                + "EXECUTE format('SELECT EXISTS (SELECT 1 FROM %I WHERE authority <> ''default'')', t) INTO found; "
                + "IF found THEN RAISE EXCEPTION 'Rows of an authority other than ''default'' exist (%), and the schema before authorities cannot hold them: "
                + "the database cannot go back before the Authorities migration. Move or delete those rows first (docs/storage.md, Authorities in the EF Core store).', t; "
                + "END IF; END LOOP; END $$;");
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
                name: "PK_caf_episodes",
                table: "caf_episodes");

            migrationBuilder.DropIndex(
                name: "ux_caf_episodes_open_child",
                table: "caf_episodes");

            migrationBuilder.DropCheckConstraint(
                name: "ck_caf_episodes_authority",
                table: "caf_episodes");

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
                table: "caf_episodes");

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
                name: "PK_caf_episodes",
                table: "caf_episodes",
                column: "id");

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
                name: "ux_caf_episodes_open_child",
                table: "caf_episodes",
                column: "child_id",
                unique: true,
                filter: "\"is_open\"");

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

            migrationBuilder.AddForeignKey(
                name: "fk_caf_episode_events_episode",
                table: "caf_episode_events",
                column: "episode_id",
                principalTable: "caf_episodes",
                principalColumn: "id",
                onDelete: ReferentialAction.Cascade);

            migrationBuilder.AddForeignKey(
                name: "fk_caf_episode_report_rows_episode",
                table: "caf_episode_report_rows",
                column: "episode_id",
                principalTable: "caf_episodes",
                principalColumn: "id",
                onDelete: ReferentialAction.Cascade);

            migrationBuilder.Sql("CREATE OR REPLACE FUNCTION caf_refuse_event_delete() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN "
                + "IF EXISTS (SELECT 1 FROM caf_episodes WHERE id = OLD.episode_id) THEN "
                + "RAISE EXCEPTION 'caf_episode_events is append-only (LIFE-11): an event is deleted only with its episode'; END IF; "
                + "RETURN OLD; END $$;");
        }
    }
}
