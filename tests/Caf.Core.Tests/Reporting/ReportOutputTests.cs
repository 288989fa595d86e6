using System;
using System.IO;
using System.Linq;
using Caf.Core.Reporting;
using static Caf.Core.Tests.Reporting.SmallCohort;

namespace Caf.Core.Tests.Reporting;

/// <summary>Tables, suppression of small counts, and the CSV and Markdown writers.</summary>
public class ReportOutputTests
{
    private static readonly ReportTable Awkward = new(
        "t",
        "Agencies, \"quoted\" | piped",
        ["Agency", "Episodes"],
        [
            [ReportCell.Of("plain"), ReportCell.Of(12)],
            [ReportCell.Of("a,b"), ReportCell.Of(3)],
            [ReportCell.Of("say \"hi\""), ReportCell.Of(0)],
            [ReportCell.Of("two\nlines"), ReportCell.Of(5)],
            [ReportCell.Of("x|y"), ReportCell.Of(4)],
        ]);

    [Fact]
    public void Csv_follows_RFC_4180_quoting_and_CRLF()
    {
        Assert.Equal(
            "Agency,Episodes\r\nplain,12\r\n\"a,b\",3\r\n\"say \"\"hi\"\"\",0\r\n\"two\nlines\",5\r\nx|y,4\r\n",
            ReportCsvWriter.ToCsv(Awkward));
    }

    [Fact]
    public void Markdown_escapes_pipes_flattens_newlines_and_right_aligns_counts()
    {
        Assert.Equal(
            "### Agencies, \"quoted\" \\| piped\n\n| Agency | Episodes |\n| --- | ---: |\n| plain | 12 |\n| a,b | 3 |\n| say \"hi\" | 0 |\n| two lines | 5 |\n| x\\|y | 4 |\n",
            ReportMarkdownWriter.ToMarkdown(Awkward));
        Assert.StartsWith("| Agency |", ReportMarkdownWriter.ToMarkdown(Awkward, headingLevel: 0), StringComparison.Ordinal);
    }

    [Fact]
    [Trait("Rule", "SHARE-01")]
    public void SHARE01_counts_from_1_to_4_are_suppressed_for_publication_zero_and_5_are_not()
    {
        var published = Awkward.Suppress(5);

        Assert.Equal(new[] { "12", "<5", "0", "5", "<5" }, published.Rows.Select(r => r[1].Text));
        Assert.True(published.Rows[1][1].IsSuppressed);
        Assert.Null(published.Rows[1][1].Count);
        Assert.Equal(Awkward, Awkward.Suppress(0));
        Assert.Equal("Agency,Episodes\r\nplain,12\r\n\"a,b\",<5\r\n\"say \"\"hi\"\"\",0\r\n\"two\nlines\",5\r\nx|y,<5\r\n", ReportCsvWriter.ToCsv(published));
    }

    [Fact]
    [Trait("Rule", "REP-02")]
    public void The_report_lays_out_the_Leicestershire_tables()
    {
        var tables = Report().ToTables();

        Assert.Equal(
            new[]
            {
                "rep01-periods", "rep02-top-needs", "rep02-needs-by-domain", "rep03-setting", "rep03-initiating-agency", "rep03-age-band",
                "rep03-closure-outcome", "rep03-closure-category", "rep03-lead-professional-agency", "rep04-panel-referrals", "outq01-distance-travelled", "summary",
            },
            tables.Select(t => t.Id));
        Assert.Equal(
            "Period,Opened,Intents to CAF,Closed,Open at start,Open at end,Re-referrals\r\n2026-04,2,2,0,1,3,1\r\n2026-05,0,0,1,3,2,0\r\n"
            + "2026-06,2,1,0,2,4,0\r\n2026-07,1,1,0,4,5,0\r\n2026-08,0,0,1,5,4,0\r\n2026-09,1,1,1,4,4,0\r\n",
            ReportCsvWriter.ToCsv(tables[0]));
        Assert.Equal(
            "### REP-02 Top 10 needs identified\n\n| Rank | Indicator | Domain | National code | Times identified |\n| --- | --- | --- | --- | ---: |\n"
            + "| 1 | LEI-01 | development |  | 3 |\n| 2 | BFD-08 | familyAndEnvironment | 7A | 2 |\n| 3 | LEI-02 | parentsAndCarers |  | 2 |\n| 4 | BFD-18 | parentsAndCarers | 4B | 1 |\n",
            ReportMarkdownWriter.ToMarkdown(tables[1]));
        Assert.Contains(tables[^1].Rows, r => r[1].Text == "Open caseload at 2026-09-30" && r[2].Count == 4);
    }

    [Fact]
    public void Writers_and_tables_reject_misuse()
    {
        Assert.Throws<ArgumentNullException>(() => ReportCsvWriter.Write(null!, Awkward));
        Assert.Throws<ArgumentNullException>(() => ReportMarkdownWriter.Write(new StringWriter(), null!));
        Assert.Throws<ArgumentOutOfRangeException>(() => ReportMarkdownWriter.Write(new StringWriter(), Awkward, 7));
        Assert.Throws<ArgumentException>(() => new ReportTable("t", "T", ["a", "b"], [[ReportCell.Of(1)]]));
        Assert.Throws<ArgumentException>(() => new ReportTable("t", "T", [], []));
        Assert.Throws<ArgumentException>(() => new ReportTable("t", "T", ["a"], [[default]]));
    }
}
