using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Caf.Core.EntityFrameworkCore.Migrations.Sqlite
{
    /// <inheritdoc />
    internal partial class SharingAuditCategories : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<int>(
                name: "categories",
                table: "caf_sharing_audit",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "categories",
                table: "caf_sharing_audit");
        }
    }
}
