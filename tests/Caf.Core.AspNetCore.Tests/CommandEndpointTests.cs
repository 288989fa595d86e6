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
/// A vendor's own host on the in-memory store with commands of its own mapped by <c>MapCafCommand</c>: the step-up an
/// excluded agency may still make (LIFE-04), and a storage conflict on every attempt (409).
/// </summary>
public sealed class CommandEndpointTests : IAsyncLifetime
{
    private static readonly Actor Teacher = new(new PractitionerId("ms-jones"), new AgencyId("oakfield-primary"));
    private static readonly Actor Camhs = new(new PractitionerId("dr-khan"), new AgencyId("camhs"));
    private static readonly EpisodeId Amy = new("ep-amy-1");
    private readonly InMemorySharingAuditLog _audit = new();
    private WebApplication _app = null!;

    public async Task InitializeAsync()
    {
        var builder = WebApplication.CreateBuilder();
        builder.WebHost.UseTestServer();
        builder.Services
            .AddSingleton<TimeProvider>(new FakeTimeProvider(SampleFactory.Start))
            .AddSingleton<ISharingAuditLog>(_audit)
            .AddSingleton<Caf.Core.Reads.IReadAuditLog>(new Caf.Core.Reads.InMemoryReadAuditLog()) // LAW-04
            .AddCafCore()
            .AddCafInMemoryEpisodeStore()
            .AddCafAspNetCore()
            .AddSingleton<ICafCallerAccessor, HeaderCallerAccessor>();
        _app = builder.Build();
        var episodes = _app.MapCafEpisodes("/api/episodes");
        episodes.MapCafCommand<StepUpBody>("/{id}/step-up", EpisodeAction.StepUp,
            (episode, caller, body) => episode.StepUp(caller, new SpecialistService(body.Service!), body.Reason!));
        episodes.MapCafCommand<ReasonRequest>("/{id}/contested-consent", EpisodeAction.RecordConsent, (episode, caller, body) =>
        {
            // Someone else saves the episode while this command runs, on every attempt.
            var repository = _app.Services.GetRequiredService<IEpisodeRepository>();
            var other = repository.GetAsync(episode.Id).AsTask().GetAwaiter().GetResult()!;
            var version = other.Version;
            other.RecordConsent(Teacher, ConsentRecord.Parent("Ms Smith", ConsentForm.Verbal) with { SharingExplained = true }, $"Consent recorded elsewhere ({version}).").ThrowIfRefused();
            repository.UpdateAsync(other, version).AsTask().GetAwaiter().GetResult().ThrowIfRefused();
            return episode.RecordConsent(caller, ConsentRecord.Parent("Ms Smith", ConsentForm.Written) with { SharingExplained = true }, body.Reason!);
        });
        await _app.StartAsync();

        var register = _app.Services.GetRequiredService<CafRegister>();
        await register.IdentifyConcernAsync(Amy, new ChildDetails(new ChildId("child-amy"), new DateOnly(2016, 9, 1)), Teacher, "Often late, withdrawn in class.");
        (await register.ExecuteAsync(Amy, e => e.RecordConsent(Teacher, ConsentRecord.Parent("Ms Smith", ConsentForm.Written, Camhs.Agency) with { SharingExplained = true }, "Consent, except CAMHS."))).ThrowIfRefused();
    }

    public async Task DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    [Fact]
    public async Task LIFE_04_an_excluded_agency_may_still_step_up_and_the_answer_carries_no_episode_content()
    {
        using var response = await Client(Camhs).PostAsJsonAsync($"/api/episodes/{Amy}/step-up",
            new StepUpBody { Service = "Children's social care", Reason = "Disclosure of significant harm." });

        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        Assert.Empty(await response.Content.ReadAsStringAsync());
        var view = JsonDocument.Parse(await Client(Teacher).GetStringAsync($"/api/episodes/{Amy}")).RootElement;
        Assert.Equal("CAF closed", view.GetProperty("stateText").GetString());
        Assert.Equal("Stepped up to Children's social care", view.GetProperty("history").EnumerateArray().Last().GetProperty("text").GetString());
        var answer = _audit.Entries.Single(e => e.Agency == Camhs.Agency && e.Purpose == SharingPurpose.EpisodeWork);
        Assert.False(answer.Decision.Granted); // the answer after the step-up was judged, refused and recorded
    }

    [Fact]
    public async Task LIFE_04_a_refused_step_up_by_an_excluded_agency_names_the_rule_but_not_the_episode()
    {
        await Client(Teacher).PostAsJsonAsync($"/api/episodes/{Amy}/step-up", new StepUpBody { Service = "Children's social care", Reason = "Harm." });

        using var response = await Client(Camhs).PostAsJsonAsync($"/api/episodes/{Amy}/step-up", new StepUpBody { Service = "Police", Reason = "Harm." });

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal("LIFE-10", problem.GetProperty("ruleId").GetString());
        Assert.Equal("Refused by LIFE-10. The family excluded your agency, so the episode's details are not shown.", problem.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task A_storage_conflict_on_every_attempt_is_409_STORE_CONCURRENCY()
    {
        using var response = await Client(Teacher).PostAsJsonAsync($"/api/episodes/{Amy}/contested-consent", new ReasonRequest { Reason = "Consent again." });

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal("STORE-CONCURRENCY", problem.GetProperty("ruleId").GetString());
        Assert.Equal("version", problem.GetProperty("field").GetString());
        Assert.Equal(CafProblemDetails.ConflictTitle, problem.GetProperty("title").GetString());
    }

    [Fact]
    public async Task Before_consent_the_practitioners_working_on_the_episode_see_it_and_no_grant_is_recorded()
    {
        var register = _app.Services.GetRequiredService<CafRegister>();
        var ben = new EpisodeId("ep-ben-1");
        await register.IdentifyConcernAsync(ben, new ChildDetails(new ChildId("child-ben"), new DateOnly(2012, 5, 14)), Teacher, "Low mood.");
        var before = _audit.Entries.Count;

        using var response = await Client(Teacher).GetAsync($"/api/episodes/{ben}");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(before, _audit.Entries.Count);
    }

    private HttpClient Client(Actor who)
    {
        var client = _app.GetTestClient();
        client.DefaultRequestHeaders.Add(HeaderCallerAccessor.PractitionerHeader, who.Practitioner.Value);
        client.DefaultRequestHeaders.Add(HeaderCallerAccessor.AgencyHeader, who.Agency.Value);
        return client;
    }

    public sealed class StepUpBody
    {
        public string? Service { get; init; }

        public string? Reason { get; init; }
    }
}
