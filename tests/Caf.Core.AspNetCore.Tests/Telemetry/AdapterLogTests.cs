using System;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Net.Http.Json;
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
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;

namespace Caf.Core.AspNetCore.Tests.Telemetry;

/// <summary>
/// The web adapter's logs (<see cref="CafAspNetCoreLogEvents"/>, category <c>Caf.Core.AspNetCore</c>) in a vendor's host
/// on the in-memory store, with a logger provider that keeps every message: each answer that is not a success logs its
/// event id with the status and rule id, a replay logs once, an exception the endpoint does not answer logs its type,
/// and no message carries a name, an id or a text of the request.
/// </summary>
public sealed class AdapterLogTests : IAsyncLifetime
{
    private static readonly Actor Teacher = new(new PractitionerId("ms-jones"), new AgencyId("oakfield-primary"));
    private static readonly Actor Camhs = new(new PractitionerId("dr-khan"), new AgencyId("camhs"));
    private static readonly EpisodeId Amy = new("ep-amy-1");
    private static readonly EpisodeId Ben = new("ep-ben-1");

    private static readonly RecordConsentRequest Consent = new()
    {
        GiverRole = ConsentGiverRole.ParentWithParentalResponsibility,
        GiverName = "Ms Smith",
        SharingExplained = true,
        Decision = ConsentDecision.Given,
        Form = ConsentForm.Written,
        Reason = "Consent to assess and share with partner agencies.",
    };

    // Everything personal or identifying the scenarios send or store: none may appear in a message of the adapter.
    private static readonly string[] Personal =
    [
        "ms-jones", "oakfield-primary", "dr-khan", "camhs", "ep-amy-1", "ep-ben-1", "child-amy", "child-ben", "Ms Smith", "Mrs Okafor",
        "Consent to assess", "The family agreed", "Often late", "Low mood", "not a key", "boom",
    ];

    private readonly RecordingLoggerProvider _logs = new();
    private WebApplication _app = null!;

    public async Task InitializeAsync()
    {
        var builder = WebApplication.CreateBuilder();
        builder.WebHost.UseTestServer();
        builder.Logging.ClearProviders().AddProvider(_logs).AddFilter<RecordingLoggerProvider>(CafAspNetCoreLogEvents.Category, LogLevel.Debug);
        builder.Services
            .AddSingleton<TimeProvider>(new FakeTimeProvider(SampleFactory.Start))
            .AddSingleton<ISharingAuditLog>(new InMemorySharingAuditLog())
            .AddSingleton<Caf.Core.Reads.IReadAuditLog>(new Caf.Core.Reads.InMemoryReadAuditLog()) // LAW-04
            .AddCafCore()
            .AddCafInMemoryEpisodeStore()
            .AddCafAspNetCore()
            .AddSingleton<ICafCallerAccessor, HeaderCallerAccessor>();
        _app = builder.Build();
        var episodes = _app.MapCafEpisodes("/api/episodes");
        episodes.MapCafCommand<ReasonRequest>("/{id}/broken", EpisodeAction.RecordConsent,
            (_, _, _) => throw new InvalidOperationException("boom for ms-jones on ep-amy-1"));
        await _app.StartAsync();
        var register = _app.Services.GetRequiredService<CafRegister>();
        await register.IdentifyConcernAsync(Amy, new ChildDetails(new ChildId("child-amy"), new DateOnly(2016, 9, 1)), Teacher, "Often late, withdrawn in class.");
        await register.IdentifyConcernAsync(Ben, new ChildDetails(new ChildId("child-ben"), new DateOnly(2012, 5, 14)), Teacher, "Low mood.");
        (await register.ExecuteAsync(Ben, e => e.RecordConsent(Teacher, ConsentRecord.Parent("Mrs Okafor", ConsentForm.Written, Camhs.Agency) with { SharingExplained = true }, "Consent, except CAMHS."))).ThrowIfRefused();
    }

    public async Task DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    [Fact]
    public async Task A_rule_refusal_answered_as_problem_details_logs_2601_at_Debug_with_the_status_the_rule_id_and_the_route_template()
    {
        using var response = await Client(Teacher).PostAsJsonAsync($"/api/episodes/{Amy}/assessment", new ReasonRequest { Reason = "The family agreed to an assessment." });

        Assert.Equal((HttpStatusCode)422, response.StatusCode);
        var logged = Assert.Single(Adapter());
        Assert.Equal((CafAspNetCoreLogEvents.RefusalAnswered, LogLevel.Debug), (logged.EventId.Id, logged.Level));
        Assert.Equal("422", logged.Values["StatusCode"]);
        Assert.Equal("LIFE-05", logged.Values["RuleId"]);
        Assert.Equal("/api/episodes/{id}/assessment", logged.Values["Route"]);
        NoPersonalData();
    }

    [Fact]
    public async Task SHARE_01_the_gate_refusing_an_excluded_agency_logs_2601_with_403()
    {
        using var response = await Client(Camhs).GetAsync($"/api/episodes/{Ben}");

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        var logged = Assert.Single(Adapter());
        Assert.Equal(CafAspNetCoreLogEvents.RefusalAnswered, logged.EventId.Id);
        Assert.Equal(("403", "SHARE-01", "/api/episodes/{id}"), (logged.Values["StatusCode"], logged.Values["RuleId"], logged.Values["Route"]));
        NoPersonalData();
    }

    [Fact]
    public async Task A_bad_Idempotency_Key_logs_2602_with_the_header_and_no_caller_logs_2603()
    {
        var client = Client(Teacher);
        client.DefaultRequestHeaders.Add(CafIdempotency.HeaderName, "not a key");
        using var bad = await client.PostAsJsonAsync($"/api/episodes/{Amy}/consent", Consent);
        using var anonymous = await _app.GetTestClient().GetAsync($"/api/episodes/{Amy}");

        Assert.Equal((HttpStatusCode.BadRequest, HttpStatusCode.Unauthorized), (bad.StatusCode, anonymous.StatusCode));
        Assert.Equal([CafAspNetCoreLogEvents.BadRequestAnswered, CafAspNetCoreLogEvents.NotSignedIn], Adapter().Select(m => m.EventId.Id));
        Assert.All(Adapter(), m => Assert.Equal(LogLevel.Debug, m.Level));
        Assert.Equal(CafIdempotency.HeaderName, Adapter()[0].Values["Parameter"]);
        Assert.Equal("/api/episodes/{id}", Adapter()[1].Values["Route"]);
        NoPersonalData();
    }

    [Fact]
    public async Task The_same_keyed_POST_twice_logs_one_2604_replay_at_Information_naming_the_action_and_nothing_for_the_first()
    {
        var client = Client(Teacher);
        client.DefaultRequestHeaders.Add(CafIdempotency.HeaderName, "3f2b8c1e-9d4a-4e6f-b1a2-7c8d9e0f1a2b");

        using var first = await client.PostAsJsonAsync($"/api/episodes/{Amy}/consent", Consent);
        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Empty(Adapter());
        using var again = await client.PostAsJsonAsync($"/api/episodes/{Amy}/consent", Consent);

        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        var logged = Assert.Single(Adapter());
        Assert.Equal((CafAspNetCoreLogEvents.IdempotentReplay, LogLevel.Information), (logged.EventId.Id, logged.Level));
        Assert.Equal(nameof(EpisodeAction.RecordConsent), logged.Values["Action"]);
        Assert.DoesNotContain("3f2b8c1e", logged.Text, StringComparison.Ordinal); // the key is the client's: not logged
        NoPersonalData();
    }

    [Fact]
    public async Task An_exception_the_endpoint_does_not_answer_logs_2605_at_Error_with_its_type_not_its_message_and_goes_on_to_the_host()
    {
        var client = Client(Teacher);

        var thrown = await Record.ExceptionAsync(async () =>
        {
            using var response = await client.PostAsJsonAsync($"/api/episodes/{Amy}/broken", new ReasonRequest { Reason = "Consent to assess." });
            Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        });

        Assert.True(thrown is null or InvalidOperationException, $"the host saw {thrown}");
        var logged = Assert.Single(Adapter());
        Assert.Equal((CafAspNetCoreLogEvents.UnexpectedException, LogLevel.Error), (logged.EventId.Id, logged.Level));
        Assert.Equal(typeof(InvalidOperationException).FullName, logged.Values["ExceptionType"]);
        Assert.Equal("/api/episodes/{id}/broken", logged.Values["Route"]);
        Assert.Null(logged.Exception);
        NoPersonalData();
    }

    [Fact]
    public async Task A_success_logs_nothing()
    {
        using var read = await Client(Teacher).GetAsync($"/api/episodes/{Amy}");
        using var consent = await Client(Teacher).PostAsJsonAsync($"/api/episodes/{Amy}/consent", Consent);

        Assert.Equal((HttpStatusCode.OK, HttpStatusCode.OK), (read.StatusCode, consent.StatusCode));
        Assert.Empty(Adapter());
    }

    private LoggedMessage[] Adapter() => [.. _logs.Of(CafAspNetCoreLogEvents.Category)];

    private void NoPersonalData()
    {
        Assert.NotEmpty(Adapter());
        foreach (var message in Adapter())
        {
            foreach (var text in message.Values.Values.Append(message.Text))
            {
                Assert.DoesNotContain(Personal, p => text.Contains(p, StringComparison.OrdinalIgnoreCase));
            }
        }
    }

    private HttpClient Client(Actor who)
    {
        var client = _app.GetTestClient();
        client.DefaultRequestHeaders.Add(HeaderCallerAccessor.PractitionerHeader, who.Practitioner.Value);
        client.DefaultRequestHeaders.Add(HeaderCallerAccessor.AgencyHeader, who.Agency.Value);
        return client;
    }
}
