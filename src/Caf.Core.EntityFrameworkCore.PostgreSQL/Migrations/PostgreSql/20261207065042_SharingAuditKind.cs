using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Caf.Core.EntityFrameworkCore.Migrations.PostgreSql
{
    /// <inheritdoc />
    internal partial class SharingAuditKind : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<int>(
                name: "kind",
                table: "caf_sharing_audit",
                type: "integer",
                nullable: false,
                defaultValue: 0);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "kind",
                table: "caf_sharing_audit");
        }
    }
}
