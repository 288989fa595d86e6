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
