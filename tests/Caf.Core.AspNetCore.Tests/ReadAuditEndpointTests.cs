using System.Linq;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Threading.Tasks;
using Caf.Core.AspNetCore.Tests.Support;
using Caf.Core.Consent;
using Caf.Core.Primitives;
using Caf.Core.Reads;
using Caf.Core.Register;
using Caf.Core.WebSample;
using Microsoft.Extensions.DependencyInjection;

namespace Caf.Core.AspNetCore.Tests;

/// <summary>LAW-04 through the web adapter (reads and the caseload are audited) and LAW-03 (an NHS number when opening).</summary>
public sealed class ReadAuditEndpointTests : IAsyncLifetime
{
    private const string Episodes = "/api/episodes";
    private SampleFactory _factory = null!;

    public async Task InitializeAsync() => _factory = await new SampleFactory().PreparedAsync();

    public async Task DisposeAsync() => await _factory.DisposeAsync();

    private Task<System.Collections.Generic.IReadOnlyList<ReadAuditEntry>> ReadersOfAsync(ChildId child) =>
        _factory.Services.GetRequiredService<IReadAuditLog>().ReadersOfAsync(child).AsTask();

    [Fact]
    [Trait("Rule", "LAW-04")]
    [Trait("Rule", "SHARE-01")]
    public async Task LAW_04_reading_an_episode_and_the_caseload_records_who_read_what_and_a_refused_read_records_none()
    {
        var ben = DemoData.Ben;
        var before = (await ReadersOfAsync(ben.Id)).Count;

        using var read = await _factory.ClientFor(DemoData.HealthVisitor).GetAsync($"{Episodes}/{ben.Episode}");
        using var refused = await _factory.ClientFor(DemoData.Camhs).GetAsync($"{Episodes}/{ben.Episode}");
        var caseload = await _factory.ClientFor(DemoData.HealthVisitor).GetFromJsonAsync<JsonElement>(Episodes);

        Assert.Equal(HttpStatusCode.OK, read.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        var reads = (await ReadersOfAsync(ben.Id)).Skip(before).ToList();
        var record = Assert.Single(reads, r => r.What == ReadItems.EpisodeRecord);
        Assert.Equal(DemoData.HealthVisitor.Actor, record.Reader);
        Assert.Equal(CafEpisodeAccess.ReadPurpose, record.Purpose);
        Assert.Equal(LegalBasis.Consent, record.Basis);
        Assert.Equal(_factory.Time.GetUtcNow(), record.ReadAt);
        Assert.DoesNotContain(reads, r => r.Reader.Agency == DemoData.Camhs.Agency);

        // Every caseload entry shown is a read of that child's record.
        var listed = caseload.EnumerateArray().Select(e => e.GetProperty("id").GetString()).ToList();
        var caseloadReads = reads.Where(r => r.What == ReadItems.CaseloadEntry).Select(r => r.Episode.Value).ToList();
        Assert.Equal(listed.Where(id => id == ben.Episode.Value), caseloadReads);
    }

    [Fact]
    [Trait("Rule", "LAW-01")]
    [Trait("Rule", "LAW-04")]
    public async Task LAW_01_the_family_view_lists_what_went_to_whom_when_and_on_which_basis_and_is_itself_a_recorded_read()
    {
        var ben = DemoData.Ben;
        var client = _factory.ClientFor(DemoData.HealthVisitor);
        using var read = await client.GetAsync($"{Episodes}/{ben.Episode}"); // a grant recorded with the episode record shown (SHARE-04)
        var before = (await ReadersOfAsync(ben.Id)).Count;

        using var answer = await client.GetAsync($"{Episodes}/{ben.Episode}/sharing");

        Assert.Equal(HttpStatusCode.OK, answer.StatusCode);
        var lines = (await answer.Content.ReadFromJsonAsync<JsonElement>()).EnumerateArray().ToList();
        var shown = lines.Last(l => l.GetProperty("agency").GetString() == DemoData.HealthVisitor.Agency.Value
            && l.GetProperty("items").GetString() == nameof(SharedItems.EpisodeRecord));
        Assert.Equal(nameof(LegalBasis.Consent), shown.GetProperty("basis").GetString());
        Assert.Equal(ConsentDisplayText.For(LegalBasis.Consent), shown.GetProperty("basisText").GetString());
        Assert.True(shown.GetProperty("disclosed").GetBoolean());
        Assert.EndsWith("Basis: your consent.", shown.GetProperty("text").GetString(), System.StringComparison.Ordinal);
        Assert.Equal(_factory.Time.GetUtcNow(), shown.GetProperty("at").GetDateTimeOffset());
        Assert.DoesNotContain(lines, l => l.GetProperty("agency").GetString() == DemoData.Camhs.Agency.Value); // the family excluded CAMHS: nothing went

        var reads = (await ReadersOfAsync(ben.Id)).Skip(before).ToList();
        var record = Assert.Single(reads);
        Assert.Equal((ReadItems.SharingRecord, DemoData.HealthVisitor.Actor, LegalBasis.Consent), (record.What, record.Reader, record.Basis));
    }

    [Fact]
    [Trait("Rule", "LAW-04")]
    [Trait("Rule", "SHARE-01")]
    public async Task SHARE_01_an_agency_the_family_excluded_is_refused_the_family_view_and_nothing_is_recorded_as_read()
    {
        var ben = DemoData.Ben;
        var before = (await ReadersOfAsync(ben.Id)).Count;

        using var refused = await _factory.ClientFor(DemoData.Camhs).GetAsync($"{Episodes}/{ben.Episode}/sharing");
        using var missing = await _factory.ClientFor(DemoData.HealthVisitor).GetAsync($"{Episodes}/ep-none/sharing");

        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        Assert.Equal("SHARE-01", (await refused.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("ruleId").GetString());
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        Assert.Equal(before, (await ReadersOfAsync(ben.Id)).Count);
    }

    [Fact]
    [Trait("Rule", "LAW-03")]
    public async Task LAW_03_a_concern_with_a_wrong_NHS_number_is_refused_naming_the_field_and_a_right_one_finds_the_child()
    {
        var client = _factory.ClientFor(DemoData.HealthVisitor);

        using var wrong = await client.PostAsJsonAsync(Episodes, new { childId = "child-cara", concern = "Speech delay.", nhsNumber = "943 476 5918" });
        using var right = await client.PostAsJsonAsync(Episodes, new { episodeId = "ep-cara-1", childId = "child-cara", concern = "Speech delay.", nhsNumber = "943 476 5919" });

        Assert.Equal(HttpStatusCode.BadRequest, wrong.StatusCode);
        Assert.Equal("nhsNumber", (await wrong.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("field").GetString());
        Assert.Equal(HttpStatusCode.Created, right.StatusCode);
        using var scope = _factory.Services.CreateScope();
        var answer = await scope.ServiceProvider.GetRequiredService<CafRegister>().FindOpenAsync(new NhsNumber("9434765919"), DemoData.Teacher.Actor);
        Assert.Equal(new EpisodeId("ep-cara-1"), answer.Episode!.Id);
    }
}
