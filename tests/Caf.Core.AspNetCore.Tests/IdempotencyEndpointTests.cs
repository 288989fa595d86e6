using System;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Net.Http.Json;
using System.Text.Json;
using System.Threading.Tasks;
using Caf.Core.AspNetCore.Tests.Support;
using Caf.Core.Consent;
using Caf.Core.Lifecycle;
using Caf.Core.Primitives;
using Caf.Core.Register;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Caf.Core.AspNetCore.Tests;

/// <summary>
/// Issue 24 through the web adapter: a command POST with an <c>Idempotency-Key</c> header is recorded once per episode;
/// the same POST sent again (a retry after a lost answer) answers as the first did. Amy's teacher records the mother's consent.
/// </summary>
public sealed class IdempotencyEndpointTests : IAsyncLifetime
{
    private static readonly Actor Teacher = new(new PractitionerId("ms-jones"), new AgencyId("oakfield-primary"));
    private static readonly EpisodeId Amy = new("ep-amy-1");
    private static readonly RecordConsentRequest Consent = new()
    {
        GiverRole = ConsentGiverRole.ParentWithParentalResponsibility,
        GiverName = "Ms Smith",
        SharingExplained = true,
        Decision = ConsentDecision.Given,
        Form = ConsentForm.Written,
        Reason = "Consent to assess and share with partner agencies.",
    };

    private WebApplication _app = null!;

    public async Task InitializeAsync()
    {
        var builder = WebApplication.CreateBuilder();
        builder.WebHost.UseTestServer();
        builder.Services
            .AddSingleton<TimeProvider>(new FakeTimeProvider(SampleFactory.Start))
            .AddSingleton<ISharingAuditLog>(new InMemorySharingAuditLog())
            .AddSingleton<Caf.Core.Reads.IReadAuditLog>(new Caf.Core.Reads.InMemoryReadAuditLog()) // LAW-04
            .AddCafCore()
            .AddCafInMemoryEpisodeStore()
            .AddCafAspNetCore()
            .AddSingleton<ICafCallerAccessor, HeaderCallerAccessor>();
        _app = builder.Build();
        _app.MapCafEpisodes("/api/episodes");
        await _app.StartAsync();
        await _app.Services.GetRequiredService<CafRegister>().IdentifyConcernAsync(
            Amy, new ChildDetails(new ChildId("child-amy"), new DateOnly(2016, 9, 1)), Teacher, "Often late, withdrawn in class.");
    }

    public async Task DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    [Fact]
    public async Task The_same_POST_twice_with_the_same_Idempotency_Key_records_one_event_and_both_answer_200_with_the_episode()
    {
        using var first = await Post("/consent", Consent, "3f2b8c1e-9d4a-4e6f-b1a2-7c8d9e0f1a2b");
        using var again = await Post("/consent", Consent, "3f2b8c1e-9d4a-4e6f-b1a2-7c8d9e0f1a2b");

        Assert.Equal((HttpStatusCode.OK, HttpStatusCode.OK), (first.StatusCode, again.StatusCode));
        Assert.Equal(await first.Content.ReadAsStringAsync(), await again.Content.ReadAsStringAsync());
        var stored = await StoredAsync();
        Assert.Equal(2, stored.Version);
        Assert.Equal("3f2b8c1e-9d4a-4e6f-b1a2-7c8d9e0f1a2b", stored.Events[1].IdempotencyKey?.Value);
    }

    [Fact]
    public async Task Without_the_header_or_with_another_key_each_POST_records()
    {
        using var plain1 = await Post("/consent", Consent, key: null);
        using var plain2 = await Post("/consent", Consent, key: null);
        using var keyed = await Post("/consent", Consent, "form-9c41");

        Assert.All([plain1, plain2, keyed], r => Assert.Equal(HttpStatusCode.OK, r.StatusCode));
        Assert.Equal(4, (await StoredAsync()).Version);
    }

    [Fact]
    public async Task The_key_sent_again_with_another_command_is_422_STORE_IDEMPOTENCY_KEY_REUSED_and_nothing_is_recorded()
    {
        using var consent = await Post("/consent", Consent, "form-7f3a");
        using var start = await Post("/assessment", new ReasonRequest { Reason = "The family agreed to an assessment." }, "form-7f3a");

        Assert.Equal(HttpStatusCode.UnprocessableEntity, start.StatusCode);
        var problem = JsonDocument.Parse(await start.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal(StoreCodes.IdempotencyKeyReused, problem.GetProperty("ruleId").GetString());
        Assert.Equal("idempotencyKey", problem.GetProperty("field").GetString());
        Assert.Equal(2, (await StoredAsync()).Version);
    }

    [Theory]
    [InlineData("has space")]
    [InlineData("caf\u00e9")]
    public async Task A_malformed_Idempotency_Key_header_is_400_and_nothing_is_recorded(string key)
    {
        using var client = Client();
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/api/episodes/{Amy}/consent") { Content = JsonContent.Create(Consent) };
        request.Headers.TryAddWithoutValidation(CafIdempotency.HeaderName, key);

        using var response = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        Assert.Contains("Idempotency-Key", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal(1, (await StoredAsync()).Version);
    }

    [Fact]
    public async Task The_header_sent_twice_in_one_request_is_400()
    {
        using var client = Client();
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/api/episodes/{Amy}/consent") { Content = JsonContent.Create(Consent) };
        request.Headers.Add(CafIdempotency.HeaderName, ["form-1", "form-2"]);

        using var response = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(1, (await StoredAsync()).Version);
    }

    private async Task<HttpResponseMessage> Post<TBody>(string path, TBody body, string? key)
    {
        using var client = Client();
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/api/episodes/{Amy}{path}") { Content = JsonContent.Create(body) };
        if (key is not null)
        {
            request.Headers.Add(CafIdempotency.HeaderName, key);
        }

        return await client.SendAsync(request);
    }

    private async Task<CafEpisode> StoredAsync() =>
        (await _app.Services.GetRequiredService<IEpisodeRepository>().GetAsync(Amy))!;

    private HttpClient Client()
    {
        var client = _app.GetTestClient();
        client.DefaultRequestHeaders.Add(HeaderCallerAccessor.PractitionerHeader, Teacher.Practitioner.Value);
        client.DefaultRequestHeaders.Add(HeaderCallerAccessor.AgencyHeader, Teacher.Agency.Value);
        return client;
    }
}
