using System;
using System.Linq;
using System.Threading.Tasks;
using Caf.Core.Closure;
using Caf.Core.Consent;
using Caf.Core.Configuration;
using Caf.Core.EntityFrameworkCore;
using Caf.Core.LeadProfessional;
using Caf.Core.Lifecycle;
using Caf.Core.Planning;
using Caf.Core.Primitives;
using Caf.Core.Register;
using Caf.Core.Register.Specifications;
using Caf.Core.Reporting;
using Caf.Core.Sample;
using Caf.Core.Thresholds;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

// The Caf.Core "main job": one real CAF episode walked end to end — identify, consent, assess with the
// default thresholds framework, choose the lead professional, plan, review, close, report — printing what
// happened and why. `dotnet run --project samples/Caf.Core.Sample -- --demos` adds the per-area demos.
var clock = new SampleClock(new DateTimeOffset(2026, 1, 12, 9, 0, 0, TimeSpan.Zero));
var school = new AgencyId("oakfield-primary");
var health = new AgencyId("health-visiting");
var youth = new AgencyId("youth-service");
// The store: a SQLite file in the working directory (CAF_SAMPLE_DB names another), created and migrated at start.
var database = System.IO.Path.GetFullPath(Environment.GetEnvironmentVariable("CAF_SAMPLE_DB") is { Length: > 0 } named ? named : "caf-sample.db");
await using var services = new ServiceCollection()
    .AddSingleton<TimeProvider>(clock)
    .AddCafCore(options => options.Retention.RetentionYears = 5)
    .AddCafReportReadModel(agency => agency == school ? InitiatingSetting.PrimarySchool
        : agency == health ? InitiatingSetting.Health : agency == youth ? InitiatingSetting.YouthService : InitiatingSetting.Other)
    .AddCafEntityFrameworkCore(o => o.UseSqlite($"Data Source={database}")) // episodes, report rows, sharing audit log
    .BuildServiceProvider();
await services.MigrateCafDatabaseAsync();
services.GetRequiredService<IStartupValidator>().Validate(); // what the generic host does at start: options and ports checked
var audit = services.GetRequiredService<EntityFrameworkSharingAuditLog<CafDbContext>>();

var register = services.GetRequiredService<CafRegister>();
var store = services.GetRequiredService<IEpisodeRepository>();
var sharing = services.GetRequiredService<ISharingService>();
var matcher = services.GetRequiredService<ThresholdMatcher>();
var selector = services.GetRequiredService<LeadProfessionalSelector>();
var options = services.GetRequiredService<IOptions<CafOptions>>().Value;

var teacher = new Actor(new PractitionerId("ms-jones"), school);
var healthVisitor = new Actor(new PractitionerId("mr-patel"), health);
var youthWorker = new Actor(new PractitionerId("ms-khan"), youth);
var amy = new ChildDetails(new ChildId("child-amy-smith"), new DateOnly(2016, 9, 1));

Console.WriteLine("Caf.Core sample: one child's CAF episode, end to end");
// A second run continues from the file: Amy's earlier episodes are closed, so she may have a new one (REG-01), which
// starts four weeks after the last closure and links the earlier ones (LIFE-03, REP-06).
var earlier = await store.ListAsync(new EpisodesOfChildSpec(amy.Id));
var run = earlier.Count + 1;
Console.WriteLine(earlier.Count == 0
    ? $"Store: SQLite file {database} (new; a second run continues from it)."
    : $"Store: SQLite file {database}: found {earlier.Count} episodes from an earlier run, continuing.");
if (earlier.FirstOrDefault(s => s.IsOpen) is { } leftOpen)
{
    // An earlier run stopped part-way: its episode stays open as it was; this run follows Amy's twin instead.
    Console.WriteLine($"   {leftOpen.Id} is still open ({leftOpen.State}): an earlier run stopped part-way; this run follows Amy's twin.");
    amy = amy with { Id = new ChildId($"child-amy-smith-twin-{run}") };
}
else if (earlier.Count > 0)
{
    var lastClosed = earlier.Max(s => s.ClosedAt!.Value);
    clock.Advance(new DateTimeOffset(lastClosed.UtcDateTime.Date, TimeSpan.Zero).AddDays(28).AddHours(9) - clock.GetUtcNow());
    Console.WriteLine($"   Amy's last episode closed on {lastClosed:yyyy-MM-dd}; a new concern is raised on {clock.GetUtcNow():yyyy-MM-dd}.");
}

Console.WriteLine($"Policy: assessment within {options.Lifecycle.AssessmentTimescaleMonths} month, reassess when review " +
                  $"{options.Reviews.InsufficientProgressReviewLimit} or a later review of a plan finds insufficient progress, records kept {options.Retention.RetentionYears} years after closure.");

// 1. Identify (LIFE-01, LIFE-03): the register is checked before anything else.
Step("1. Identify needs early");
var registration = await register.IdentifyConcernAsync(
    new EpisodeId($"ep-2026-{(2 * run) - 1:0000}"), amy, teacher, "Amy (9) is often late, withdrawn in class and falling behind in reading.");
var episode = registration.Opened!;
Say(registration.Explanation);
Say($"Interim lead professional (LP-01): {episode.LeadProfessional.Practitioner} ({episode.LeadProfessional.Agency}).");
Say("What may happen next: " + string.Join(", ", episode.PermittedActions.Select(LifecycleDisplayText.For)));
var notYet = episode.GetAvailableActions().First(a => a.Action == EpisodeAction.StartAssessment);
Say($"Refused now: {LifecycleDisplayText.For(notYet.Action)}: {notYet.Refusal}");

var sameChild = await register.IdentifyConcernAsync(new EpisodeId($"ep-2026-{2 * run:0000}"), amy, healthVisitor, "Weight loss noticed at a home visit.");
Say($"The health visitor raises a concern the same week: {sameChild.Explanation}");

// 2. Consent (CONS-01, CONS-04, CONS-05): written, but the family excludes the youth service.
Step("2. Consent");
await Save(e => e.RecordConsent(teacher, new ConsentRecord(
    ConsentGiverRole.ParentWithParentalResponsibility, "Ms Smith", ConsentDecision.Given, ConsentForm.Written, [youth]) with { SharingExplained = true }, "Consent to assess and share with partner agencies."));
Say($"Ms Smith (parental responsibility) gave written consent except for {youth} (partial consent, CONS-05).");
foreach (var reason in episode.ConsentEvaluation.Reasons)
{
    Say("  " + reason);
}

Next();
Say("May the youth service receive information for the plan? " + sharing.Decide(episode.Id, episode.Consent, youth, SharingPurpose.PlanDelivery, teacher));
Say("May health visiting?                                    " + sharing.Decide(episode.Id, episode.Consent, health, SharingPurpose.PlanDelivery, teacher));

// 3. Assess with the default thresholds framework (THR-02, THR-03, THR-07).
Step("3. Assess");
await Save(e => e.StartAssessment(teacher, "Concerns about attendance and wellbeing: assessment agreed with the family."));
clock.Advance(TimeSpan.FromDays(16));
var observed = new[] { "LEI-01", "LEI-07", "BFD-09", "LEI-10" };
var threshold = matcher.Assess(observed).GetValueOrThrow();
Say($"Observed {string.Join(", ", observed)} under '{matcher.Framework.Title}' {threshold.FrameworkVersion} (illustrative: load your authority's own).");
Say($"Result: {ThresholdDisplayText.For(threshold.Level)} ('{threshold.LevelName}'); route: {ThresholdDisplayText.For(threshold.Route)}. " +
    $"ECM outcomes affected: {string.Join(", ", threshold.Outcomes.Select(ThresholdDisplayText.For))}.");
Say("Why: " + threshold.Explanation.ReplaceLineEndings(Environment.NewLine + "       "));
await Save(e => e.CompleteAssessment(teacher, threshold, AbsentParentInvolvement.WasInvolved, "Needs identified across school and health."));
Next();
Say($"Assessment completed in 16 days (due by {episode.AssessmentDueBy:yyyy-MM-dd}, LIFE-06); recorded framework {episode.Assessment!.FrameworkId} {episode.Assessment.FrameworkVersion} (THR-07).");

// 4. Next step and the lead professional (LIFE-07, LIFE-08, LP-03..LP-11).
Step("4. Choose the next step and the lead professional");
await Save(e => e.ChooseNextStep(teacher, NextStep.MultiAgencySupport, "School attendance and the child's health both need work."));
var today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
var plan = new ActionPlan
{
    AgreedOn = today,
    Outcomes =
    [
        new("on-time", "Amy is in school on time every day", "Mornings are calmer and Amy leaves home by 8.30", "Amy's attendance is above 95% for a half term"),
        new("weight", "Amy eats breakfast and grows well", "Amy has breakfast every morning", "Amy's weight is back on her curve at the next check"),
    ],
    FamilyStrengths = ["Ms Smith is determined to get mornings right", "Grandma helps on Tuesdays"],
    ChildsViews = "Amy says school is OK when her friend Jess is there, and she likes the breakfast club.",
    ChildInvolvement = "Amy drew her ideas at the TAC meeting and chose the breakfast club action.",
    Actions =
    [
        new("a-mentor", "Learning mentor meets Amy every Monday", ActionOwner.ForPractitioner(teacher), today.AddDays(35), serves: ["on-time"]) { WithinOwnersCompetence = true },
        new("a-weigh", "Health visitor weighs Amy monthly and advises on meals", ActionOwner.ForPractitioner(healthVisitor), today.AddDays(60), serves: ["weight"]) { WithinOwnersCompetence = true },
        new("a-alarm", "Ms Smith sets an alarm and walks Amy to school", ActionOwner.Family, today.AddDays(14), serves: ["on-time"]),
        new("a-club", "Amy goes to breakfast club three days a week", ActionOwner.ChildOrYoungPerson, today.AddDays(14), serves: ["weight"]),
    ],
    ReviewArrangements = new(today.AddDays(42), ReviewForm.Meeting, "At school after drop-off, every six weeks"),
};
var tooEarly = episode.AgreePlan(teacher, plan, "Agreed at the TAC meeting.");
Say($"Agreeing the plan before an LP is appointed: {tooEarly}");
var selection = selector.Select(new LeadProfessionalSelectionRequest(episode.Id, episode.Consent, teacher)
{
    Candidates =
    [
        new(teacher.Practitioner, school, AgencyKind.School, "Class teacher", true, ContactFrequency.Daily, ["attendance", "reading"], 4),
        new(healthVisitor.Practitioner, health, AgencyKind.Health, "Health visitor", true, ContactFrequency.Weekly, ["weight", "attendance"], 1),
        new(youthWorker.Practitioner, youth, AgencyKind.YouthService, "Youth worker", true, ContactFrequency.Weekly, ["attendance", "reading", "weight"], 0),
    ],
    PlanNeeds = ["attendance", "reading", "weight"],
    LeadRolesByAgency = System.Collections.Immutable.ImmutableDictionary<AgencyId, int>.Empty.Add(school, 9).Add(health, 2),
});
foreach (var candidate in selection.Ranked)
{
    Say(candidate.Explain().ReplaceLineEndings(Environment.NewLine + "   "));
}

await Save(e => e.AppointLeadProfessional(teacher, selection, new PractitionerId("mrs-okafor-hv-team-lead"), new FamilyAgreement("Ms Smith and Amy agreed at the TAC meeting.")));
Next();
Say($"Appointed: {episode.LeadProfessional.Practitioner} ({episode.LeadProfessional.Agency}); confirmed by their supervisor {episode.LeadProfessional.ConfirmedBySupervisor} (LP-06), " +
    $"the family agreed (LP-05): \"{episode.LeadProfessional.FamilyAgreement}\" {episode.LeadProfessional.Reason}");

// 5. Plan (PLAN-01..03), three reviews (REV-01..05), one revision.
Step("5. Deliver and review the plan");
await Save(e => e.AgreePlan(healthVisitor, plan, "Agreed with Ms Smith and Amy at the TAC meeting; school and health visiting own actions."));
Say($"Plan v{episode.Plan!.Version} agreed: {string.Join("; ", episode.Plan.Outcomes.Select(o => $"\"{o.InFamilysWords}\""))}.");
foreach (var action in episode.Plan.Actions)
{
    Say($"  {action.Id}: {action.Description}: {PlanningDisplayText.For(action.Owner)}, by {action.DueBy:yyyy-MM-dd} (PLAN-02)");
}

Say($"First review due {episode.NextReviewDue:yyyy-MM-dd} ({PlanningDisplayText.For(episode.Plan.ReviewArrangements.Form).ToLowerInvariant()}).");

ReviewRecord Review(DateOnly heldOn, ReviewProgress overall, Func<string, ActionProgress> progress) => new()
{
    Form = ReviewForm.Meeting,
    HeldOn = heldOn,
    Chair = healthVisitor.Practitioner,
    NoteTaker = teacher.Practitioner,
    ParentInvited = true,
    ChildInvited = true,
    Progress = [.. episode.Plan!.Actions.Select(a => new ActionProgressEntry(a.Id, progress(a.Id)))],
    OverallProgress = overall,
    ChildInvolvement = "Amy said at the review what has helped and what has not.",
    NextReviewDue = heldOn.AddDays(42),
};

clock.Advance(TimeSpan.FromDays(42));
today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
await Save(e => e.HoldReview(healthVisitor, Review(today, ReviewProgress.Sufficient, _ => ActionProgress.InProgress)));
Say($"Review 1 ({today:yyyy-MM-dd}): sufficient progress, every action in progress; next review {episode.NextReviewDue:yyyy-MM-dd}.");

clock.Advance(TimeSpan.FromDays(42));
today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
await Save(e => e.HoldReview(healthVisitor, Review(today, ReviewProgress.Insufficient, id => id == "a-mentor" ? ActionProgress.NotCarriedOut : ActionProgress.InProgress)
    with { Barriers = ["The learning mentor post was vacant for five weeks"] }));
var escalation = episode.Escalations[^1];
Say($"Review 2 ({today:yyyy-MM-dd}): insufficient progress; '{escalation.ActionId}' was not carried out by {escalation.Agency}.");
Say($"  REV-04: escalated by the lead professional {escalation.RaisedBy.Practitioner} to their supervisor; the action stays with {escalation.Owner} (the LP is not made its owner).");

var revised = episode.Plan.Revise(today) with
{
    Actions = [.. episode.Plan.Actions.Select(a => a.Id == "a-mentor" ? a with { DueBy = today.AddDays(28), Status = ActionStatus.NotStarted } : a),
        new PlanAction("a-dad", "Amy's dad does the Tuesday and Thursday school run", ActionOwner.Family, today.AddDays(21), serves: ["on-time"])],
    ReviewArrangements = episode.Plan.ReviewArrangements with { FirstReviewDue = today.AddDays(42) },
};
await Save(e => e.RevisePlan(healthVisitor, revised, "Revised at review 2: the mentor sessions restart and Amy's dad takes two school runs."));
Say($"Plan revised to v{episode.Plan.Version}; v1 is still readable with {episode.Plans.Version(1).Actions.Length} actions, v2 has {episode.Plan.Actions.Length}. The REV-03 count starts again.");

clock.Advance(TimeSpan.FromDays(42));
today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
await Save(e => e.HoldReview(healthVisitor, Review(today, ReviewProgress.Sufficient, _ => ActionProgress.Done)
    with { OutcomesAchieved = ["on-time", "weight"], NextReviewDue = null, DecidedToClose = true }));
Say($"Review 3 ({today:yyyy-MM-dd}): sufficient progress; both intended outcomes achieved; the review decided to close the CAF.");
Next();
Say("Excluded agency at a review? " + sharing.Decide(episode.Id, episode.Consent, youth, SharingPurpose.Review, healthVisitor));

// 6. Close (CLOSE-C1, CLOSE-03, CLOSE-08).
Step("6. Close");
var closing = new ClosureRequest
{
    Criteria = [ClosureCriterion.MostOutcomesAchieved],
    OutcomeCode = "resolvedMultiAgency",
    HowWillYouKnow = "Amy's attendance is 97% this half term and her weight is back on her curve.",
};
var byTeacher = episode.Close(teacher, closing);
Say($"The class teacher tries to close: {byTeacher}");
var wrongOutcome = episode.Close(healthVisitor, closing with { OutcomeCode = "resolvedSingleService" });
Say($"Closing as 'single service' is refused: {wrongOutcome}");
await Save(e => e.Close(healthVisitor, closing));
var decision = episode.ClosureDecision!;
Say($"Closed {episode.Closure!.ClosedAt:yyyy-MM-dd} by the lead professional: criterion {string.Join(", ", decision.Criteria.Select(c => ClosureVocabulary.RuleIdOf(c)))} "
    + $"(review 3 found most intended outcomes achieved), outcome '{decision.Outcome.DisplayText}' ({decision.RuleId}: two agencies owned actions and an LP was appointed).");
Say($"Recorded under \"how will you know when things have improved\" (CLOSE-08): {decision.HowWillYouKnow}");
Say($"After closure: {episode.StepUp(teacher, new SpecialistService("Children's social care"), "A late concern after closure.")}");

// 7. Report.
Step("7. Report");
var stored = (await store.GetAsync(episode.Id))!;
var summary = EpisodeSummary.Of(stored);
Say($"Register (REG-02): {summary.Id} for {summary.Child} is {(summary.IsOpen ? "open" : "closed")}, outcome '{(summary.Outcome is { } outcome ? ClosureDisplayText.For(outcome) : "none")}', LP {summary.LeadProfessional} ({summary.LeadProfessionalAgency}).");
Say($"Retention (RET-01): due for disposal on {stored.RetentionDueOn:yyyy-MM-dd}.");
Say($"History (LIFE-11), {stored.Version} events:");
foreach (var e in stored.Events)
{
    Say($"  {e.OccurredAt:yyyy-MM-dd}  {LifecycleDisplayText.For(e),-33} {Who(e)}: {Why(e)}");
}

var decisions = await audit.ReadAsync(episode.Id);
Say($"Sharing decisions audited (SHARE-03/04): {decisions.Count}, refused {decisions.Count(a => !a.Granted)}.");
var row = (await services.GetRequiredService<IEpisodeReportStore>().GetReportRowAsync(episode.Id))!;
Say($"Report row saved with the episode (REP-01..06): opened {row.OpenedOn:yyyy-MM-dd} from the setting '{ReportingDisplayText.For(row.InitiatingSetting)}', closed {row.ClosedOn:yyyy-MM-dd} "
    + $"({row.ClosureCategory}), {row.Needs.Length} needs, linked to {row.PreviousEpisodes} earlier episodes{(row.PreviousClosedOn is { } prev ? $" (last closed {prev:yyyy-MM-dd})" : "")}.");
var json = EpisodeJson.Serialize(stored);
var reread = EpisodeJson.Deserialize(services.GetRequiredService<EpisodePolicy>(), json);
Say($"Snapshot: {json.Length} bytes of JSON (schema {EpisodeJson.CurrentSchemaVersion}); read back to the same state: {reread.State == stored.State && reread.Version == stored.Version}.");

// 8-9. Issue 28: a family's step-down TAC request (STEP-04) and a panel case after its decision sheet (PANEL-08..10).
AftercareDemo.Run();

if (args.Contains("--demos"))
{
    ThresholdsDemo.Run(services);
    ConsentDemo.Run(clock);
    LegalBasisDemo.Run();
    ReportsDemo.Run(options.Reporting);
    NationalDataDemo.Run();
    PanelsDemo.Run();
}

return 0;

// Applies a command to the live episode and saves it with optimistic concurrency; a refusal stops the sample.
async Task Save(Func<CafEpisode, Result> command)
{
    var version = episode.Version;
    command(episode).ThrowIfRefused();
    (await store.UpdateAsync(episode, version)).ThrowIfRefused();
}

// "What may happen next" (the UI port): the permitted actions now, and how many are refused with a reason.
void Next()
{
    var actions = episode.GetAvailableActions();
    Say($"[{LifecycleDisplayText.For(episode.State)}] may happen next: {string.Join(", ", actions.Where(a => a.IsPermitted).Select(a => LifecycleDisplayText.For(a.Action)))} " +
        $"({actions.Count(a => !a.IsPermitted)} others refused, each with its rule).");
}

// LIFE-11: every event says why, as the command received it.
static string Why(Caf.Core.Events.CafEvent e) => e switch
{
    Caf.Core.Lifecycle.Events.ConcernIdentified c => c.Concern,
    Caf.Core.Lifecycle.Events.ConsentRecorded c => c.Reason,
    Caf.Core.Lifecycle.Events.AssessmentStarted s => s.Reason,
    Caf.Core.Lifecycle.Events.AssessmentCompleted a => a.Reason,
    Caf.Core.Lifecycle.Events.NextStepChosen n => n.Reason,
    Caf.Core.Lifecycle.Events.LeadProfessionalNominated n => n.Reason,
    Caf.Core.Lifecycle.Events.NominationConfirmedBySupervisor c => c.Reason,
    Caf.Core.Lifecycle.Events.NominationAgreedByFamily a => a.Agreement,
    Caf.Core.Lifecycle.Events.PlanAgreed p => p.Reason,
    Caf.Core.Lifecycle.Events.PlanRevised p => p.Reason,
    Caf.Core.Lifecycle.Events.ReviewHeld r => $"{LifecycleDisplayText.For(r.Review.OverallProgress)}; {r.Escalations.Length} escalation(s)",
    Caf.Core.Lifecycle.Events.EpisodeClosed c => c.Request.HowWillYouKnow,
    _ => "",
};

// Who the event names: the supervisor who confirmed a nominee (LP-06) is named, with whoever recorded it.
static string Who(Caf.Core.Events.CafEvent e) => e switch
{
    Caf.Core.Lifecycle.Events.NominationConfirmedBySupervisor c => $"by supervisor {c.Supervisor} (recorded by {e.Actor})",
    _ => $"by {e.Actor}",
};

static void Step(string title)
{
    Console.WriteLine();
    Console.WriteLine("== " + title);
}

static void Say(string line) => Console.WriteLine("   " + line);
