using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Caf.Core.EntityFrameworkCore.Migrations.PostgreSql
{
    /// <inheritdoc />
    internal partial class SummaryDueDates : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "AssessmentCompletedAt",
                table: "caf_episodes",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "AssessmentDueBy",
                table: "caf_episodes",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<DateOnly>(
                name: "NextReviewDue",
                table: "caf_episodes",
                type: "date",
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "AssessmentCompletedAt",
                table: "caf_episodes");

            migrationBuilder.DropColumn(
                name: "AssessmentDueBy",
                table: "caf_episodes");

            migrationBuilder.DropColumn(
                name: "NextReviewDue",
                table: "caf_episodes");
        }
    }
}
