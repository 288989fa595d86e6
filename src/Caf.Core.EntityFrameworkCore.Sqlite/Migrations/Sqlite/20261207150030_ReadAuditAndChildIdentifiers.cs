using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Caf.Core.EntityFrameworkCore.Migrations.Sqlite
{
    /// <inheritdoc />
    internal partial class ReadAuditAndChildIdentifiers : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "caf_child_identifiers",
                columns: table => new
                {
                    episode_id = table.Column<string>(type: "TEXT", maxLength: 128, nullable: false),
                    child_id = table.Column<string>(type: "TEXT", maxLength: 128, nullable: false),
                    nhs_number = table.Column<string>(type: "TEXT", maxLength: 10, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_caf_child_identifiers", x => x.episode_id);
                });

            migrationBuilder.CreateTable(
                name: "caf_read_audit",
                columns: table => new
                {
                    id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    episode_id = table.Column<string>(type: "TEXT", maxLength: 128, nullable: false),
                    child_id = table.Column<string>(type: "TEXT", maxLength: 128, nullable: false),
                    reader = table.Column<string>(type: "TEXT", maxLength: 128, nullable: false),
                    reader_agency = table.Column<string>(type: "TEXT", maxLength: 128, nullable: false),
                    read_at = table.Column<DateTime>(type: "TEXT", nullable: false),
                    purpose = table.Column<string>(type: "TEXT", nullable: false),
                    basis = table.Column<int>(type: "INTEGER", nullable: false),
                    what = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_caf_read_audit", x => x.id);
                });

            migrationBuilder.CreateIndex(
                name: "ix_caf_child_identifiers_nhs_number",
                table: "caf_child_identifiers",
                column: "nhs_number");

            migrationBuilder.CreateIndex(
                name: "ix_caf_read_audit_child",
                table: "caf_read_audit",
                column: "child_id");

            // LAW-04: the read audit is append-only, as the sharing audit is (SHARE-03).
            migrationBuilder.Sql("CREATE TRIGGER caf_read_audit_append_only BEFORE UPDATE ON caf_read_audit BEGIN SELECT RAISE(ABORT, 'caf_read_audit is append-only (LAW-04)'); END;");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("DROP TRIGGER IF EXISTS caf_read_audit_append_only;");

            migrationBuilder.DropTable(
                name: "caf_child_identifiers");

            migrationBuilder.DropTable(
                name: "caf_read_audit");
        }
    }
}
