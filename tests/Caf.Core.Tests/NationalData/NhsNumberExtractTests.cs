using System;
using System.IO;
using System.Linq;
using System.Text;
using System.Threading.Tasks;
using Caf.Core.Lifecycle;
using Caf.Core.NationalData;
using Caf.Core.Primitives;
using Caf.Core.Reporting;
using Caf.Core.Tests.Support;

namespace Caf.Core.Tests.NationalData;

/// <summary>LAW-03: the child's NHS number in the national extracts (optional: a row, a column, a JSON member).</summary>
public class NhsNumberExtractTests
{
    private readonly Seeds _seeds = new();

    private CafEpisode WithNhs() =>
        CafEpisode.IdentifyConcern(_seeds.Policy, new EpisodeId("ep-1"), Seeds.NineYearOld with { NhsNumber = new NhsNumber("943 476 5919") }, Seeds.Teacher, "Attendance");

    private static EpisodeReportRow RowOf(CafEpisode episode) =>
        new EpisodeReportProjector(new Caf.Core.Thresholds.ThresholdFrameworkLoader().LoadDefault().Framework, _ => InitiatingSetting.Other).Project(episode, null);

    [Trait("Rule", "LAW-03")]
    [Trait("Rule", "NAT-04")]
    [Fact]
    public void LAW03_the_extract_carries_the_NHS_number_from_the_episode_and_from_its_report_row()
    {
        var episode = WithNhs();

        Assert.Equal("9434765919", EarlyHelpExtract.From(episode, NationalDataExtractSettings.Default).NhsNumber);
        Assert.Equal("9434765919", EarlyHelpExtract.From(RowOf(episode), NationalDataExtractSettings.Default).NhsNumber);
        Assert.Null(EarlyHelpExtract.From(_seeds.Identified(new EpisodeId("ep-2")), NationalDataExtractSettings.Default).NhsNumber);
    }

    [Trait("Rule", "LAW-03")]
    [Trait("Rule", "NAT-05")]
    [Fact]
    public void LAW03_NAT05_a_pseudonymised_extract_carries_no_NHS_number()
    {
        var settings = NationalDataExtractSettings.Default with { Pseudonymiser = new PersonIdPseudonymiser(Enumerable.Range(1, 32).Select(i => (byte)i).ToArray()) };

        var row = EarlyHelpExtract.From(WithNhs(), settings);

        Assert.Null(row.NhsNumber);
        Assert.DoesNotContain("9434765919", EarlyHelpCsv.ToCsv([row]) + EarlyHelpJson.ToJson([row]), StringComparison.Ordinal);
    }

    [Trait("Rule", "LAW-03")]
    [Trait("Rule", "NAT-04")]
    [Fact]
    public void LAW03_the_NHS_number_column_is_optional_in_CSV_and_JSON_and_reads_back()
    {
        var with = EarlyHelpExtract.From(WithNhs(), NationalDataExtractSettings.Default);
        var without = EarlyHelpExtract.From(_seeds.Identified(new EpisodeId("ep-2")), NationalDataExtractSettings.Default);

        using var writer = new StringWriter();
        EarlyHelpCsv.WriteWithNhsNumber(writer, [with, without]);
        var csv = writer.ToString();
        var plain = EarlyHelpCsv.ToCsv([with]);

        Assert.EndsWith(",earl_last_activity_date,earl_nhs_number\r\n", csv.Split('\n')[0] + "\n", StringComparison.Ordinal);
        Assert.EndsWith(",9434765919\r", csv.Split('\n')[1], StringComparison.Ordinal);
        Assert.Equal([with, without], EarlyHelpCsv.Read(new StringReader(csv)).ToList());
        Assert.DoesNotContain("earl_nhs_number", plain, StringComparison.Ordinal); // the NAT-04 header is unchanged
        Assert.Equal([with with { NhsNumber = null }], EarlyHelpCsv.Read(new StringReader(plain)).ToList());

        var json = EarlyHelpJson.ToJson([with, without]);
        Assert.Contains("\"earl_nhs_number\":\"9434765919\"", json, StringComparison.Ordinal);
        Assert.Equal(1, json.Split("earl_nhs_number").Length - 1); // omitted for the child without one
        var read = EarlyHelpJson.ReadAsync(new MemoryStream(Encoding.UTF8.GetBytes(json))).ToBlockingEnumerable().ToList();
        Assert.Equal([with, without], read);
    }

    [Trait("Rule", "LAW-03")]
    [Fact]
    public void LAW03_a_report_row_keeps_it_through_its_json_and_an_older_row_reads_without_it()
    {
        var row = RowOf(WithNhs());

        var json = EpisodeReportRowJson.Serialize(row);
        var older = json.Replace(",\"nhsNumber\":\"9434765919\"", "", StringComparison.Ordinal);

        Assert.Contains("\"nhsNumber\":\"9434765919\"", json, StringComparison.Ordinal);
        Assert.Equal(row, EpisodeReportRowJson.Deserialize(json));
        Assert.NotEqual(json, older);
        Assert.Null(EpisodeReportRowJson.Deserialize(older).NhsNumber);
    }
}
