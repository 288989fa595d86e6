using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Caf.Core.EntityFrameworkCore.Migrations.Sqlite
{
    /// <inheritdoc />
    /// <remarks>The outbox's leases (locked_until, locked_by: the claim that last took the row), dead letters
    /// (dead_lettered_at, with the reason in last_error) and an index for purging delivered rows. Existing rows keep
    /// nulls: unleased, not dead-lettered.</remarks>
    internal partial class OutboxLeasesAndDeadLetters : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<DateTime>(
                name: "dead_lettered_at",
                table: "caf_outbox",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "locked_by",
                table: "caf_outbox",
                type: "TEXT",
                maxLength: 64,
                nullable: true);

            migrationBuilder.AddColumn<DateTime>(
                name: "locked_until",
                table: "caf_outbox",
                type: "TEXT",
                nullable: true);

            migrationBuilder.CreateIndex(
                name: "ix_caf_outbox_delivered",
                table: "caf_outbox",
                column: "dispatched_at",
                filter: "\"dispatched_at\" IS NOT NULL");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_caf_outbox_delivered",
                table: "caf_outbox");

            migrationBuilder.DropColumn(
                name: "dead_lettered_at",
                table: "caf_outbox");

            migrationBuilder.DropColumn(
                name: "locked_by",
                table: "caf_outbox");

            migrationBuilder.DropColumn(
                name: "locked_until",
                table: "caf_outbox");
        }
    }
}
