using System;
using System.Linq;
using Caf.Core.Configuration;
using Caf.Core.Consent;
using Caf.Core.Lifecycle;
using Caf.Core.Policy;
using Caf.Core.Primitives;
using Caf.Core.Sample;

/// <summary>
/// The legal basis of each hand-over (LAW-01, LAW-02): an authority moves to the statutory duty to share on a date.
/// Before the date consent is the basis; after it a disclosure to the agency the family excluded is made on the duty,
/// and one judged more detrimental to the child is not made — both recorded; the family's view lists what went.
/// </summary>
internal static class LegalBasisDemo
{
    public static void Run()
    {
        var dutyFrom = new DateOnly(2026, 9, 1);
        var clock = new SampleClock(new DateTimeOffset(2026, 6, 1, 9, 0, 0, TimeSpan.Zero));
        var audit = new InMemorySharingAuditLog();
        var history = new PolicyHistory(
        [
            new PolicyVersion(PolicyHistory.DefaultVersionId, DateOnly.MinValue, new CafOptions()),
            new PolicyVersion("2026-09", dutyFrom, new CafOptions { Sharing = { StatutoryDutyFrom = dutyFrom } }),
        ]);
        var policy = new EpisodePolicy(history, clock, new SharingService(audit, clock));
        var camhs = new AgencyId("camhs");
        var teacher = new Actor(new PractitionerId("pr-teacher-jones"), new AgencyId("oakfield-high"));
        var toCamhs = new DutyToShareConsideration(camhs, SharingPurpose.Assessment, DutyToShareGround.Safeguarding, false,
            "CAMHS holds Jordan's self-harm history, which the assessment needs.", SharedItems.Assessment);

        Console.WriteLine();
        Console.WriteLine($"== The legal basis of each hand-over (LAW-01, LAW-02): the duty to share from {dutyFrom:yyyy-MM-dd}");
        var episode = CafEpisode.IdentifyConcern(policy, new EpisodeId("ep-2026-0107"), new ChildDetails(new ChildId("child-jordan"), new DateOnly(2012, 2, 10)), teacher, "Withdrawn, marks on arms.");
        episode.RecordConsent(teacher, new ConsentRecord(ConsentGiverRole.ParentWithParentalResponsibility, "Sarah Hughes", ConsentDecision.Given, ConsentForm.Written, [camhs]) with { SharingExplained = true },
            "Consent to assess and share, but not with CAMHS.");
        episode.StartAssessment(teacher, "Assessment agreed with Sarah and Jordan.");
        clock.Advance(TimeSpan.FromDays(14));
        episode.CompleteAssessment(teacher, new AssessmentSummary("default", "1.0.0", Caf.Core.Thresholds.ThresholdLevel.Complex, Caf.Core.Thresholds.ThresholdRoute.CafMultiAgency, ["emotional-health"]), AbsentParentInvolvement.WasInvolved,
            "Needs across school and emotional health."); // handed to the lead professional on consent
        var before = episode.ConsiderDutyToShare(teacher, toCamhs);
        Console.WriteLine($"{clock.GetUtcNow():yyyy-MM-dd} before the date: {before.Refusal}");

        clock.Advance(TimeSpan.FromDays(100));
        var disclosed = episode.ConsiderDutyToShare(teacher, toCamhs).Value;
        Console.WriteLine($"{clock.GetUtcNow():yyyy-MM-dd} under the duty: {disclosed}");
        var withheld = episode.ConsiderDutyToShare(teacher, toCamhs with
        {
            Purpose = SharingPurpose.Review, Ground = DutyToShareGround.Welfare, MoreDetrimentalToChild = true,
            Reason = "Jordan fears his father learns of the review; telling CAMHS now would put him at more risk.", Items = SharedItems.Review,
        }).Value;
        Console.WriteLine($"{clock.GetUtcNow():yyyy-MM-dd} not disclosed, recorded: {withheld}");
        Console.WriteLine($"Bases in the audit: {string.Join(", ", audit.Entries.GroupBy(a => a.LegalBasis).Select(g => $"{ConsentDisplayText.For(g.Key)} {g.Count()}"))}.");
        Console.WriteLine("What the family can be shown:");
        foreach (var line in FamilySharingView.Of(episode.Id, audit.Entries))
        {
            Console.WriteLine($"  {line}");
        }
    }
}
