using System;
using System.IO;
using System.Linq;
using Caf.Core.Closure;
using Caf.Core.Configuration;
using Caf.Core.Lifecycle;
using Caf.Core.Reporting;
using Caf.Core.Testing;
using Caf.Core.Tests.Support;
using Caf.Core.Thresholds;
using static Caf.Core.Tests.Support.Seeds;

namespace Caf.Core.Tests.Reporting;

/// <summary>
/// REP-03 (000 challenges 2, 7; 003 §5) with CLOSE-10: "by closure outcome" counts the outcomes as the authority recorded
/// them. An authority that adds its own outcome to the closure taxonomy sees that outcome in the report, not only the
/// canonical outcome it maps to; the row carries it beside the canonical code, and a row stored before it did reads as
/// the canonical code.
/// </summary>
public class ClosureOutcomeReportTests
{
    private static readonly ThresholdFramework Framework = new ThresholdFrameworkLoader().LoadDefault().Framework;

    // An authority's taxonomy: the shipped outcomes plus its own "la.earlyHelpMet", a multi-agency resolution (CLOSE-03).
    private static ClosureTaxonomy AuthorityTaxonomy() => new ClosureTaxonomyLoader().Load(new ClosureTaxonomyLoader().DefaultJson().Replace(
        "\"outcomes\": [",
        "\"outcomes\": [ { \"code\": \"la.earlyHelpMet\", \"displayText\": \"Early help needs met (multi-agency)\", \"canonicalOutcome\": \"resolvedMultiAgency\", \"category\": \"resolved\" },",
        StringComparison.Ordinal)).Taxonomy;

    private static EpisodeReportRow Row(CafEpisode e) => EpisodeReportRows.From(e, Framework, _ => InitiatingSetting.Other);

    [Fact]
    [Trait("Rule", "REP-03")]
    [Trait("Rule", "CLOSE-10")]
    public void REP03_CLOSE10_an_authoritys_own_closure_outcome_is_counted_under_its_own_code()
    {
        var seeds = new Seeds(new CafOptions(), AuthorityTaxonomy());
        var own = seeds.PlanActive();
        Ok(own.Close(HealthVisitor, EpisodePlans.PractitionersAgree("la.earlyHelpMet", TestIds.HealthVisitor, TestIds.Teacher)));
        var shipped = seeds.PlanActive();
        Ok(shipped.Close(HealthVisitor, EpisodePlans.PractitionersAgree("resolvedMultiAgency", TestIds.HealthVisitor, TestIds.Teacher)));

        var (ownRow, shippedRow) = (Row(own), Row(shipped));
        Assert.Equal(("CLOSE-03", "la.earlyHelpMet", ReportClosureCategories.Resolved), (ownRow.ClosureOutcomeCode, ownRow.ClosureLocalCode, ownRow.ClosureCategory));
        Assert.Equal(("CLOSE-03", "CLOSE-03"), (shippedRow.ClosureOutcomeCode, shippedRow.ClosureLocalCode));

        var request = new CafReportRequest(ReportPeriodKind.Month, new DateOnly(2026, 1, 1), new DateOnly(2027, 1, 1), seeds.Today);
        var report = CafReportBuilder.Run([ownRow, shippedRow], request, new ReportingOptions());
        Assert.Equal(
            new[] { ("CLOSE-03", 1), ("la.earlyHelpMet", 1) },
            report.ByClosureOutcome.Select(c => (c.Key, c.Count)).OrderBy(c => c.Key, StringComparer.Ordinal));
        Assert.Equal(2, report.ByClosureCategory.Single(c => c.Key == ReportClosureCategories.Resolved).Count);
    }

    [Fact]
    [Trait("Rule", "REP-03")]
    [Trait("Rule", "CLOSE-10")]
    public void CLOSE10_the_authoritys_outcome_survives_the_stored_json_and_a_row_stored_without_it_reads_as_the_canonical_code()
    {
        var seeds = new Seeds(new CafOptions(), AuthorityTaxonomy());
        var own = seeds.PlanActive();
        Ok(own.Close(HealthVisitor, EpisodePlans.PractitionersAgree("la.earlyHelpMet", TestIds.HealthVisitor, TestIds.Teacher)));
        var row = Row(own);
        var read = EpisodeReportRowJson.Deserialize(EpisodeReportRowJson.Serialize(row));
        Assert.Equal("la.earlyHelpMet", read.ClosureLocalCode);
        Assert.Equal(row, read);

        // A row stored before the member existed (the schema-3 golden document) has no "closureLocalCode".
        var stored = File.ReadAllText(Path.Combine(Caf.Core.Tests.Golden.GoldenCorpus.Folder(3, "report-rows"), "closed-after-reviews.json"));
        Assert.DoesNotContain("closureLocalCode", stored, StringComparison.Ordinal);
        var old = EpisodeReportRowJson.Deserialize(stored);
        Assert.Equal(("CLOSE-03", "CLOSE-03"), (old.ClosureOutcomeCode, old.ClosureLocalCode));

        Assert.Throws<ArgumentException>(() => new EpisodeReportRow(
            row.EpisodeId, row.ChildId, row.OpenedOn, true, row.InitiatingAgency, row.InitiatingSetting, row.AgeBandAtOpening, closureLocalCode: "la.earlyHelpMet"));
    }

    [Fact]
    [Trait("Rule", "NAT-01")]
    [Trait("Rule", "CLOSE-10")]
    public void NAT01_CLOSE10_the_extract_maps_the_authoritys_own_outcome_to_the_end_reason_its_profile_gives_it()
    {
        var seeds = new Seeds(new CafOptions(), AuthorityTaxonomy());
        var own = seeds.PlanActive();
        Ok(own.Close(HealthVisitor, EpisodePlans.PractitionersAgree("la.earlyHelpMet", TestIds.HealthVisitor, TestIds.Teacher)));
        var shipped = seeds.PlanActive();
        Ok(shipped.Close(HealthVisitor, EpisodePlans.PractitionersAgree("resolvedMultiAgency", TestIds.HealthVisitor, TestIds.Teacher)));
        var loader = new Caf.Core.NationalData.NationalDataProfileLoader();
        var profile = loader.Compile(Caf.Core.NationalData.NationalDataProfile.Default.Document with
        {
            Id = "authority-national-data",
            CodeEndReasons = [new Caf.Core.NationalData.NationalCodeEndReason { Code = "la.earlyHelpMet", EndReason = "NFA" }],
        }).Profile;
        var settings = Caf.Core.NationalData.NationalDataExtractSettings.Default with { Profile = profile, Taxonomy = AuthorityTaxonomy() };

        // The authority mapped its own outcome to "NFA"; the shipped outcome it rests on keeps the profile's default.
        Assert.Equal("NFA", Caf.Core.NationalData.EarlyHelpExtract.From(Row(own), settings).EndReason);
        Assert.Equal("Outcomes met", Caf.Core.NationalData.EarlyHelpExtract.From(Row(shipped), settings).EndReason);
    }
}
