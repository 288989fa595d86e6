using System;
using System.Linq;
using System.Threading.Tasks;
using Caf.Core.Closure;
using Caf.Core.Consent;
using Caf.Core.Configuration;
using Caf.Core.LeadProfessional;
using Caf.Core.Lifecycle;
using Caf.Core.Primitives;
using Caf.Core.Register;
using Caf.Core.Sample;
using Caf.Core.Thresholds;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

// The Caf.Core "main job": one real CAF episode walked end to end — identify, consent, assess with the
// default thresholds framework, choose the lead professional, plan, review, close, report — printing what
// happened and why. `dotnet run --project samples/Caf.Core.Sample -- --demos` adds the per-area demos.
var clock = new SampleClock(new DateTimeOffset(2026, 1, 12, 9, 0, 0, TimeSpan.Zero));
var audit = new InMemorySharingAuditLog();
await using var services = new ServiceCollection()
    .AddSingleton<TimeProvider>(clock)
    .AddSingleton<ISharingAuditLog>(audit)
    .AddCafCore(options => options.Retention.RetentionYears = 5)
    .AddCafInMemoryEpisodeStore()
    .BuildServiceProvider();
services.GetRequiredService<IStartupValidator>().Validate(); // what the generic host does at start: options and ports checked

var register = services.GetRequiredService<CafRegister>();
var store = services.GetRequiredService<IEpisodeRepository>();
var sharing = services.GetRequiredService<ISharingService>();
var matcher = services.GetRequiredService<ThresholdMatcher>();
var selector = services.GetRequiredService<LeadProfessionalSelector>();
var options = services.GetRequiredService<IOptions<CafOptions>>().Value;

var school = new AgencyId("oakfield-primary");
var health = new AgencyId("health-visiting");
var youth = new AgencyId("youth-service");
var teacher = new Actor(new PractitionerId("ms-jones"), school);
var healthVisitor = new Actor(new PractitionerId("mr-patel"), health);
var youthWorker = new Actor(new PractitionerId("ms-khan"), youth);
var amy = new ChildDetails(new ChildId("child-amy-smith"), new DateOnly(2016, 9, 1));

Console.WriteLine("Caf.Core sample: one child's CAF episode, end to end");
Console.WriteLine($"Policy: assessment within {options.Lifecycle.AssessmentTimescaleMonths} month, reassess after " +
                  $"{options.Reviews.InsufficientProgressReviewLimit} insufficient reviews, records kept {options.Retention.RetentionYears} years after closure.");

// 1. Identify (LIFE-01, LIFE-03): the register is checked before anything else.
Step("1. Identify needs early");
var registration = await register.IdentifyConcernAsync(
    new EpisodeId("ep-2026-0001"), amy, teacher, "Amy (9) is often late, withdrawn in class and falling behind in reading.");
var episode = registration.Opened!;
Say(registration.Explanation);
Say($"Interim lead professional (LP-01): {episode.LeadProfessional.Practitioner} ({episode.LeadProfessional.Agency}).");
Say("What may happen next: " + string.Join(", ", episode.PermittedActions));
Say("Refused now: " + episode.GetAvailableActions().First(a => a.Action == EpisodeAction.StartAssessment));

var sameChild = await register.IdentifyConcernAsync(new EpisodeId("ep-2026-0002"), amy, healthVisitor, "Weight loss noticed at a home visit.");
Say($"The health visitor raises a concern the same week: {sameChild.Explanation}");

// 2. Consent (CONS-01, CONS-04, CONS-05): written, but the family excludes the youth service.
Step("2. Consent");
await Save(e => e.RecordConsent(teacher, new ConsentRecord(
    ConsentGiverRole.ParentWithParentalResponsibility, "Ms Smith", ConsentDecision.Given, ConsentForm.Written, [youth])));
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
await Save(e => e.StartAssessment(teacher));
clock.Advance(TimeSpan.FromDays(16));
var observed = new[] { "LEI-01", "LEI-07", "BFD-09", "LEI-10" };
var threshold = matcher.Assess(observed).GetValueOrThrow();
Say($"Observed {string.Join(", ", observed)} under '{matcher.Framework.Title}' {threshold.FrameworkVersion} (illustrative: load your authority's own).");
Say($"Result: {threshold}. ECM outcomes affected: {string.Join(", ", threshold.Outcomes)}.");
Say("Why: " + threshold.Explanation.ReplaceLineEndings(Environment.NewLine + "       "));
await Save(e => e.CompleteAssessment(teacher, threshold));
Next();
Say($"Assessment completed in 16 days (due by {episode.AssessmentDueBy:yyyy-MM-dd}, LIFE-06); recorded framework {episode.Assessment!.FrameworkId} {episode.Assessment.FrameworkVersion} (THR-07).");

// 4. Next step and the lead professional (LIFE-07, LIFE-08, LP-03..LP-11).
Step("4. Choose the next step and the lead professional");
await Save(e => e.ChooseNextStep(teacher, NextStep.MultiAgencySupport, "School attendance and the child's health both need work."));
var tooEarly = episode.AgreePlan(teacher, ["Amy is in school on time every day"], [school, health], false, new DateOnly(2026, 3, 20));
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

await Save(e => e.AppointLeadProfessional(teacher, selection, new PractitionerId("mrs-okafor-hv-team-lead"), "Ms Smith and Amy agreed at the TAC meeting."));
Next();
Say($"Appointed (supervisor confirmed, LP-06; family agreed, LP-05): {episode.LeadProfessional.Practitioner} ({episode.LeadProfessional.Agency}). {episode.LeadProfessional.Reason}");

// 5. Plan (PLAN-01, PLAN-02) and review (REV-01..03).
Step("5. Deliver and review the plan");
await Save(e => e.AgreePlan(healthVisitor, ["Amy is in school on time every day", "Amy's weight is back on her curve"], [school, health], false, new DateOnly(2026, 3, 20)));
Say($"Plan agreed: {string.Join("; ", episode.Plan!.IntendedOutcomes)}. First review due {episode.Plan.FirstReviewDue:yyyy-MM-dd}.");
clock.Advance(TimeSpan.FromDays(50));
await Save(e => e.HoldReview(healthVisitor, ReviewProgress.Sufficient, "Attendance 96%; weight improving; breakfast club helps.", new DateOnly(2026, 5, 15)));
Say($"Review 1: sufficient progress; next review {episode.NextReviewDue:yyyy-MM-dd}.");
Next();
Say("Excluded agency at a review? " + sharing.Decide(episode.Id, episode.Consent, youth, SharingPurpose.Review, healthVisitor));

// 6. Close (CLOSE-C1, CLOSE-03, CLOSE-08).
Step("6. Close");
clock.Advance(TimeSpan.FromDays(55));
var wrongOutcome = episode.Close(healthVisitor, ClosureOutcome.ResolvedSingleService, "x");
Say($"Closing as 'single service' is refused: {wrongOutcome}");
await Save(e => e.Close(healthVisitor, ClosureOutcome.ResolvedMultiAgency,
    "Most intended outcomes achieved at the review: Amy is on time every day and her weight is on track (CLOSE-C1)."));
Say($"Closed {episode.Closure!.ClosedAt:yyyy-MM-dd} as {episode.Closure.Outcome} ({episode.Closure.RuleId}): {episode.Closure.Reason}");
Say($"After closure: {episode.StepUp(teacher, "CSC", "late concern")}");

// 7. Report.
Step("7. Report");
var stored = (await store.GetAsync(episode.Id))!;
var summary = EpisodeSummary.Of(stored);
Say($"Register (REG-02): {summary.Id} for {summary.Child} is {(summary.IsOpen ? "open" : "closed")}, outcome {summary.Outcome}, LP {summary.LeadProfessional} ({summary.LeadProfessionalAgency}).");
Say($"Retention (RET-01): due for disposal on {stored.RetentionDueOn:yyyy-MM-dd}.");
Say($"History (LIFE-11), {stored.Version} events:");
foreach (var e in stored.Events)
{
    Say($"  {e.OccurredAt:yyyy-MM-dd}  {e.GetType().Name,-32} by {e.Actor}");
}

Say($"Sharing decisions audited (SHARE-03/04): {audit.Entries.Count}, refused {audit.Entries.Count(a => !a.Decision.Granted)}.");
var json = EpisodeJson.Serialize(stored);
var reread = EpisodeJson.Deserialize(services.GetRequiredService<EpisodePolicy>(), json);
Say($"Snapshot: {json.Length} bytes of JSON (schema {EpisodeJson.CurrentSchemaVersion}); read back to the same state: {reread.State == stored.State && reread.Version == stored.Version}.");

if (args.Contains("--demos"))
{
    ThresholdsDemo.Run(services);
    ConsentDemo.Run();
    ReportsDemo.Run(options.Reporting);
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
    Say($"[{episode.State}] may happen next: {string.Join(", ", actions.Where(a => a.IsPermitted).Select(a => a.Action))} " +
        $"({actions.Count(a => !a.IsPermitted)} others refused, each with its rule).");
}

static void Step(string title)
{
    Console.WriteLine();
    Console.WriteLine("== " + title);
}

static void Say(string line) => Console.WriteLine("   " + line);
