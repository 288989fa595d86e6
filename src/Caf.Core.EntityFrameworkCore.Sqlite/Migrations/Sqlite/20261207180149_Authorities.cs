using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Caf.Core.EntityFrameworkCore.Migrations.Sqlite
{
    /// <summary>
    /// Issue 29 on SQLite, in three steps because SQLite changes a key by rebuilding the table and checks a new table's
    /// foreign keys while copying into it: after <c>AuthorityPrepare</c> set aside the trigger that names the table, first the episode rows get their <c>authority</c> column (existing rows
    /// <c>'default'</c>, <c>AuthorityId.Default</c>, so stored data stays readable), the key (authority, id), REG-01's index
    /// on (authority, child) where open, and a check refusing an empty authority; then <c>AuthorityRows</c> does the same
    /// for every other table (their foreign keys now name the authority), and <c>AuthorityTriggers</c> creates again the
    /// triggers the rebuilds dropped. No column keeps a database default, so a row the store did not stamp is refused.
    /// </summary>
    internal partial class Authorities : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropPrimaryKey(
                name: "PK_caf_episodes",
                table: "caf_episodes");

            migrationBuilder.DropIndex(
                name: "ux_caf_episodes_open_child",
                table: "caf_episodes");

            migrationBuilder.AddColumn<string>(
                name: "authority",
                table: "caf_episodes",
                type: "TEXT",
                maxLength: 64,
                nullable: false,
                defaultValue: "default");

            migrationBuilder.AddPrimaryKey(
                name: "PK_caf_episodes",
                table: "caf_episodes",
                columns: new[] { "authority", "id" });

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
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            AuthorityDownGuard.Refuse(migrationBuilder, "caf_episodes");
            // The rebuilds below copy the events and report rows into tables whose foreign key names caf_episodes(id) before
            // caf_episodes itself is rebuilt keyed by id; SQLite would refuse that copy ("foreign key mismatch") while it
            // enforces foreign keys, so enforcement is off first (outside a transaction, where SQLite takes the pragma), as
            // EF Core's own rebuild turns it off around its renames and on again after them.
            migrationBuilder.Sql("PRAGMA foreign_keys = 0;", suppressTransaction: true);
            migrationBuilder.DropPrimaryKey(
                name: "PK_caf_episodes",
                table: "caf_episodes");

            migrationBuilder.DropIndex(
                name: "ux_caf_episodes_open_child",
                table: "caf_episodes");

            migrationBuilder.DropCheckConstraint(
                name: "ck_caf_episodes_authority",
                table: "caf_episodes");

            migrationBuilder.DropColumn(
                name: "authority",
                table: "caf_episodes");

            migrationBuilder.AddPrimaryKey(
                name: "PK_caf_episodes",
                table: "caf_episodes",
                column: "id");

            migrationBuilder.CreateIndex(
                name: "ux_caf_episodes_open_child",
                table: "caf_episodes",
                column: "child_id",
                unique: true,
                filter: "\"is_open\"");

            // The events and report rows refer to caf_episodes(id) again (AuthorityRows took the authority from their keys).
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
        }
    }
}
