using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Caf.Core.EntityFrameworkCore.Migrations.PostgreSql
{
    /// <inheritdoc />
    internal partial class EventIdempotencyKeys : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "idempotency_key",
                table: "caf_episode_events",
                type: "character varying(128)",
                maxLength: 128,
                nullable: true);

            migrationBuilder.CreateIndex(
                name: "ux_caf_episode_events_idempotency_key",
                table: "caf_episode_events",
                columns: new[] { "episode_id", "idempotency_key" },
                unique: true,
                filter: "\"idempotency_key\" IS NOT NULL");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ux_caf_episode_events_idempotency_key",
                table: "caf_episode_events");

            migrationBuilder.DropColumn(
                name: "idempotency_key",
                table: "caf_episode_events");
        }
    }
}
