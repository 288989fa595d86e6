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
using Caf.Core.Testing;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Caf.Core.AspNetCore.Tests;

/// <summary>
/// The adapter's endpoints for the commands issue 28 added (LIFE-13, LIFE-14, CONS-09, STEP-04, PANEL-06..10), in the
/// seeds' situations: each runs behind the gate, answers the episode view, a refusal as problem details with the rule id
/// and field, a missing field as 400 naming it; and the endpoints that hand information to an agency never reach one the
/// family excluded (SHARE-01), the refusal audited (SHARE-04).
/// </summary>
public sealed class ParticipationEndpointTests : IAsyncLifetime
{
    private static readonly Actor Teacher = CafCatalogue.Teacher;
    private static readonly EpisodeId Amy = new("ep-amy-1");
    private readonly InMemorySharingAuditLog _audit = new();
    private readonly FakeTimeProvider _time = new(SampleFactory.Start);
    private WebApplication _app = null!;

    private CafRegister Register => _app.Services.GetRequiredService<CafRegister>();

    private IEpisodeRepository Repository => _app.Services.GetRequiredService<IEpisodeRepository>();

    private DateOnly Today => DateOnly.FromDateTime(_time.GetUtcNow().UtcDateTime);

    public async Task InitializeAsync()
    {
        var builder = WebApplication.CreateBuilder();
        builder.WebHost.UseTestServer();
        builder.Services
            .AddSingleton<TimeProvider>(_time)
            .AddSingleton<ISharingAuditLog>(_audit)
            .AddSingleton<Caf.Core.Reads.IReadAuditLog>(new Caf.Core.Reads.InMemoryReadAuditLog()) // LAW-04
            .AddCafCore()
            .AddCafInMemoryEpisodeStore()
            .AddCafAspNetCore()
            .AddSingleton<ICafCallerAccessor, HeaderCallerAccessor>();
        _app = builder.Build();
        _app.MapCafEpisodes("/api/episodes");
        await _app.StartAsync();
        await Register.IdentifyConcernAsync(Amy, new ChildDetails(new ChildId("child-amy"), new DateOnly(2016, 9, 1)), Teacher, "Often late, withdrawn in class.");
    }

    public async Task DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    [Fact]
    [Trait("Rule", "LIFE-14")]
    public async Task LIFE14_the_assessment_starts_with_its_ground_and_the_next_steps_review_is_refused_with_the_practitioner_as_their_own_supervisor()
    {
        await Run("consent: mother written excluding CAMHS");

        using var started = await Post("assessment", new { ground = "ConcernsContinue", reason = "Attendance still falling after a term of the school's support." });
        Assert.Equal(HttpStatusCode.OK, started.StatusCode);
        Assert.Equal(CafStartGround.ConcernsContinue, (await Episode()).StartGround);

        var own = await Problem(await Post("next-steps-review", new { supervisor = Teacher.Practitioner.Value, cafLead = "pr-caf-lead-north", heldOn = Today, agreed = "Refer on." }));
        Assert.Equal(("LIFE-14", "supervisor"), own);
        using var reviewed = await Post("next-steps-review", new { supervisor = "pr-head-of-year", cafLead = "pr-caf-lead-north", heldOn = Today, agreed = "Refer to the youth service with the CAF." });
        Assert.Equal(HttpStatusCode.OK, reviewed.StatusCode);
        Assert.Equal(new PractitionerId("pr-head-of-year"), (await Episode()).NextStepsReview!.Supervisor);
    }

    [Fact]
    [Trait("Rule", "LIFE-13")]
    [Trait("Rule", "CONS-09")]
    public async Task LIFE13_the_completed_CAF_goes_to_the_youth_service_as_its_referral_and_the_family_is_given_its_copy()
    {
        await Run("consent: mother written excluding CAMHS", "start assessment", "complete assessment");

        using var referred = await Post("agency-referral", new { agency = CafCatalogue.YouthService.Value, service = "Saturday mentoring", reason = "Amy asked for a mentor outside school." });
        Assert.Equal(HttpStatusCode.OK, referred.StatusCode);
        Assert.Equal(CafCatalogue.YouthService, Assert.Single((await Episode()).AgencyReferrals).Agency);
        Assert.Contains(_audit.Entries, a => a.Agency == CafCatalogue.YouthService && a.Decision.Granted && a.Items.HasFlag(SharedItems.Assessment));

        Assert.Equal(("CONS-09", "assessmentIncluded"), await Problem(await Post("family-copy", new { givenTo = "Ms Smith", assessmentIncluded = false, how = "By hand" })));
        using var copy = await Post("family-copy", new { givenTo = "Ms Smith", assessmentIncluded = true, how = "By hand at the school gate" });
        Assert.Equal(HttpStatusCode.OK, copy.StatusCode);
        Assert.Equal("Ms Smith", Assert.Single((await Episode()).FamilyCopies).GivenTo);
    }

    [Fact]
    [Trait("Rule", "SHARE-01")]
    [Trait("Rule", "SHARE-04")]
    [Trait("Rule", "LIFE-13")]
    public async Task SHARE01_the_CAF_is_never_sent_to_CAMHS_which_the_family_excluded_and_the_refusal_is_audited()
    {
        await Run("consent: mother written excluding CAMHS", "start assessment", "complete assessment");
        var version = (await Episode()).Version;

        var refused = await Problem(await Post("agency-referral", new { agency = CafCatalogue.Camhs.Value, service = "Anxiety work", reason = "Amy's worries." }));

        Assert.Equal(("SHARE-01", "agency"), refused);
        Assert.Equal(version, (await Episode()).Version);
        Assert.DoesNotContain(_audit.Entries, a => a.Agency == CafCatalogue.Camhs && a.Decision.Granted);
        Assert.Contains(_audit.Entries, a => a.Agency == CafCatalogue.Camhs && !a.Decision.Granted);
    }

    [Fact]
    [Trait("Rule", "LIFE-13")]
    public async Task A_missing_agency_is_400_naming_the_field_and_a_referral_before_the_assessment_is_completed_names_the_state()
    {
        await Run("consent: mother written", "start assessment");

        using var missing = await Post("agency-referral", new { service = "Mentoring", reason = "Asked." });
        Assert.Equal(HttpStatusCode.BadRequest, missing.StatusCode);
        Assert.Equal(("LIFE-12", "state"), await Problem(await Post("agency-referral", new { agency = CafCatalogue.YouthService.Value, service = "Mentoring", reason = "Asked." })));
    }

    [Fact]
    [Trait("Rule", "STEP-04")]
    public async Task STEP04_the_mother_asks_for_a_step_down_TAC_meeting_on_the_potential_CAF_not_on_a_CAF_in_progress()
    {
        var sd = new EpisodeId("ep-sd-1");
        await Register.RegisterStepDownAsync(sd, new ChildDetails(new ChildId("child-sam"), new DateOnly(2016, 4, 1)), Teacher, EpisodePlans.StepDown());
        (await Register.ExecuteAsync(sd, e => EpisodeCommands.Named("consent: mother written").Run(e, Today))).ThrowIfRefused();

        using var asked = await Post("step-down-tac/request", new { requestedBy = "Mrs Smith, Sam's mother", role = "ParentWithParentalResponsibility", reason = "Mum wants everyone round the table." }, sd);
        Assert.Equal(HttpStatusCode.OK, asked.StatusCode);
        Assert.Contains((await Repository.GetAsync(sd))!.Events, e => e is Caf.Core.Lifecycle.Events.StepDownTacRequested);

        Assert.Equal("LIFE-12", (await Problem(await Post("step-down-tac/request", new { requestedBy = "Mrs Smith", role = "ParentWithParentalResponsibility", reason = "A meeting." }))).Item1);
    }

    [Fact]
    [Trait("Rule", "PANEL-06")]
    [Trait("Rule", "PANEL-07")]
    [Trait("Rule", "PANEL-08")]
    [Trait("Rule", "PANEL-09")]
    [Trait("Rule", "PANEL-10")]
    public async Task PANEL06_10_after_MAAG_Norths_decision_the_aftercare_is_recorded_through_the_endpoints()
    {
        await Run("consent: mother written excluding CAMHS", "start assessment", "complete assessment", "refer to panel",
            "panel decision: youth service and health visiting, the health visitor as LP");
        var referral = (await Episode()).CurrentPanelReferral!.Referral.Id.Value;
        _time.Advance(TimeSpan.FromDays(7));

        Assert.Equal(HttpStatusCode.OK, (await Post("panel/decision-shared", new { referral, how = "Went through it with mum at the school gate." })).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await Post("panel/rehearing", new { referral, raisedBy = "Family", reason = "Mum asked for family support, not mentoring." })).StatusCode);
        Assert.Equal(("PANEL-07", "referral"), await Problem(await Post("panel/rehearing", new { referral, raisedBy = "Family", reason = "Again." })));
        Assert.Equal(HttpStatusCode.OK, (await Post("panel/rehearing-answer", new { referral, chair = "Chair, MAAG North", outcome = "Declined", note = "Mentoring stands." })).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await Post("panel/allocation-audit", new { referral, agency = CafCatalogue.YouthService.Value, auditDate = Today, allocationMade = true, startDate = Today.AddDays(-2), note = "Mentoring started." })).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await Post("panel/service-disagreement", new { referral, agency = CafCatalogue.YouthService.Value, step = "TakenUpWithAgency", raisedBy = "Family", details = "The mentor keeps cancelling." })).StatusCode);
        var lp = (await Episode()).LeadProfessional;
        Assert.Equal(("PANEL-10", "by"), await Problem(await Post("panel/progress-report", new { referral, panel = EpisodePanels.MaagNorth.Id.Value, area = EpisodePanels.MaagNorth.Area, meetingDate = Today, progress = "Up to 92%." },
            by: lp.Practitioner == Teacher.Practitioner ? CafCatalogue.HealthVisitor : Teacher)));
        Assert.Equal(HttpStatusCode.OK, (await Post("panel/progress-report", new { referral, panel = EpisodePanels.MaagNorth.Id.Value, area = EpisodePanels.MaagNorth.Area, meetingDate = Today, progress = "Attendance up to 92%." },
            by: new Actor(lp.Practitioner, lp.Agency))).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await Post("panel/waiting-list-return", new { referral, agency = CafCatalogue.HealthVisiting.Value, reason = "Ten weeks' wait: too long for mum." })).StatusCode);
        Assert.Equal(("PANEL-06", "referral"), await Problem(await Post("panel/waiting-list-return", new { referral, agency = CafCatalogue.YouthService.Value, reason = "Again." })));

        using var noReferral = await Post("panel/decision-shared", new { how = "By phone." });
        Assert.Equal(HttpStatusCode.BadRequest, noReferral.StatusCode);
    }

    [Fact]
    [Trait("Rule", "SHARE-01")]
    [Trait("Rule", "PANEL-06")]
    [Trait("Rule", "PANEL-09")]
    public async Task SHARE01_the_quarterly_audit_and_a_disagreement_never_reach_CAMHS_once_the_family_excluded_it()
    {
        await Run("consent: mother written", "start assessment", "complete assessment", "refer to panel", "panel decision: CAMHS allocated",
            "consent: mother written excluding CAMHS");
        var referral = (await Episode()).CurrentPanelReferral!.Referral.Id.Value;
        var version = (await Episode()).Version;

        var audit = await Problem(await Post("panel/allocation-audit", new { referral, agency = CafCatalogue.Camhs.Value, auditDate = Today, allocationMade = false, note = "Asked." }));
        var disagreement = await Problem(await Post("panel/service-disagreement", new { referral, agency = CafCatalogue.Camhs.Value, step = "TakenUpWithAgency", raisedBy = "Family", details = "No appointment." }));

        Assert.Equal(("SHARE-01", "agency"), audit);
        Assert.Equal(("SHARE-01", "agency"), disagreement);
        Assert.Equal(version, (await Episode()).Version);
        Assert.DoesNotContain(_audit.Entries.SkipWhile(a => !(a.Agency == CafCatalogue.Camhs && !a.Decision.Granted)), a => a.Agency == CafCatalogue.Camhs && a.Decision.Granted);
    }

    [Fact]
    [Trait("Rule", "SHARE-01")]
    public async Task SHARE01_the_excluded_agency_is_refused_at_every_endpoint_issue_28_added_and_nothing_is_saved()
    {
        await Run("consent: mother written excluding CAMHS", "start assessment", "complete assessment", "refer to panel",
            "panel decision: youth service and health visiting, the health visitor as LP");
        var referral = (await Episode()).CurrentPanelReferral!.Referral.Id.Value;
        var camhs = new Actor(new PractitionerId("pr-camhs-worker"), CafCatalogue.Camhs);
        var version = (await Episode()).Version;
        (string Command, object Body)[] paths =
        [
            ("next-steps-review", new { supervisor = "pr-head-of-year", cafLead = "pr-caf-lead-north", heldOn = Today, agreed = "Refer on." }),
            ("agency-referral", new { agency = CafCatalogue.Camhs.Value, service = "Anxiety work", reason = "Worries." }),
            ("family-copy", new { givenTo = "Ms Smith", assessmentIncluded = true, how = "By hand" }),
            ("step-down-tac/request", new { requestedBy = "Mrs Smith", role = "ParentWithParentalResponsibility", reason = "A meeting." }),
            ("panel/rehearing", new { referral, raisedBy = "Family", reason = "Disagrees." }),
            ("panel/rehearing-answer", new { referral, chair = "Chair", outcome = "Declined", note = "Stands." }),
            ("panel/waiting-list-return", new { referral, agency = CafCatalogue.HealthVisiting.Value, reason = "Wait." }),
            ("panel/allocation-audit", new { referral, agency = CafCatalogue.YouthService.Value, auditDate = Today, allocationMade = false }),
            ("panel/decision-shared", new { referral, how = "By phone." }),
            ("panel/service-disagreement", new { referral, agency = CafCatalogue.YouthService.Value, step = "TakenUpWithAgency", raisedBy = "Family", details = "Cancelled." }),
            ("panel/progress-report", new { referral, panel = EpisodePanels.MaagNorth.Id.Value, area = EpisodePanels.MaagNorth.Area, meetingDate = Today, progress = "Better." }),
        ];

        foreach (var (command, body) in paths)
        {
            using var response = await Post(command, body, camhs);
            Assert.True(response.StatusCode is HttpStatusCode.Forbidden or HttpStatusCode.Conflict or HttpStatusCode.UnprocessableEntity,
                $"{command}: {response.StatusCode}");
            Assert.DoesNotContain("Amy", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }

        Assert.Equal(version, (await Episode()).Version);
        Assert.DoesNotContain(_audit.Entries, a => a.Agency == CafCatalogue.Camhs && a.Decision.Granted);
    }

    private async Task Run(params string[] commands)
    {
        foreach (var name in commands)
        {
            _time.Advance(TimeSpan.FromDays(1));
            (await Register.ExecuteAsync(Amy, e => EpisodeCommands.Named(name).Run(e, Today))).ThrowIfRefused();
        }
    }

    private async Task<CafEpisode> Episode() => (await Repository.GetAsync(Amy))!;

    private async Task<HttpResponseMessage> Post(string command, object body, EpisodeId? episode = null, Actor? by = null)
    {
        var who = by ?? Teacher;
        using var client = _app.GetTestClient();
        client.DefaultRequestHeaders.Add(HeaderCallerAccessor.PractitionerHeader, who.Practitioner.Value);
        client.DefaultRequestHeaders.Add(HeaderCallerAccessor.AgencyHeader, who.Agency.Value);
        return await client.PostAsJsonAsync($"/api/episodes/{episode ?? Amy}/{command}", body);
    }

    private Task<HttpResponseMessage> Post(string command, object body, Actor by) => Post(command, body, null, by);

    private static async Task<(string RuleId, string? Field)> Problem(HttpResponseMessage response)
    {
        using (response)
        {
            Assert.NotEqual(HttpStatusCode.OK, response.StatusCode);
            var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
            return (problem.GetProperty("ruleId").GetString()!, problem.TryGetProperty("field", out var field) ? field.GetString() : null);
        }
    }
}
