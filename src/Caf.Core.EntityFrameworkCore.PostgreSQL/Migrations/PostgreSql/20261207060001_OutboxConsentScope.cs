using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Caf.Core.EntityFrameworkCore.Migrations.PostgreSql
{
    /// <inheritdoc />
    /// <remarks>SHARE-01: each outbox row records what its event may reach (the consent basis and the agencies excluded
    /// when it was saved). Rows saved before this migration keep nulls: their envelope's Consent is null.</remarks>
    internal partial class OutboxConsentScope : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<int>(
                name: "consent_basis",
                table: "caf_outbox",
                type: "integer",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "excluded_agencies",
                table: "caf_outbox",
                type: "text",
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "consent_basis",
                table: "caf_outbox");

            migrationBuilder.DropColumn(
                name: "excluded_agencies",
                table: "caf_outbox");
        }
    }
}
