using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using Caf.Core.Consent;
using Caf.Core.LeadProfessional;
using Caf.Core.Lifecycle;
using Caf.Core.Thresholds;
using Caf.Core.Panels;
using Caf.Core.Primitives;
using Caf.Core.Sample;
using Microsoft.Extensions.DependencyInjection;

/// <summary>
/// Panels (PANEL-01..07): Bedfordshire's fortnightly MAAG South and a Leicestershire-style quarterly MAF, a dozen
/// referrals scheduled (one meeting full, so the overflow moves to the next), agenda and decision-sheet dates, and
/// one decision sheet that allocates two services and recommends the lead professional the episode then appoints.
/// </summary>
internal static class PanelsDemo
{
    private static readonly AgencyId School = new("oakfield-primary");
    private static readonly AgencyId Health = new("health-visiting");
    private static readonly AgencyId Youth = new("youth-service");
    private static readonly AgencyId Camhs = new("camhs");
    private static readonly AgencyId FamilySupport = new("family-support");

    private static readonly Dictionary<AgencyId, string> Names = new()
    {
        [School] = "Oakfield Primary School",
        [Health] = "Health visiting",
        [Youth] = "Youth service",
        [Camhs] = "CAMHS",
        [FamilySupport] = "Family support (voluntary sector)",
    };

    public static void Run()
    {
        var clock = new SampleClock(new DateTimeOffset(2026, 1, 6, 9, 0, 0, TimeSpan.Zero)); // Tuesday 6 January 2026
        var audit = new InMemorySharingAuditLog();
        using var services = new ServiceCollection()
            .AddSingleton<TimeProvider>(clock)
            .AddSingleton<ISharingAuditLog>(audit)
            .AddSingleton<Caf.Core.Reads.IReadAuditLog>(new Caf.Core.Reads.InMemoryReadAuditLog()) // LAW-04
            .AddCafCore()
            .BuildServiceProvider();
        var policy = services.GetRequiredService<EpisodePolicy>();
        var scheduler = services.GetRequiredService<PanelScheduler>();
        var gate = services.GetRequiredService<PanelSharingGate>();
        var selector = services.GetRequiredService<LeadProfessionalSelector>();
        var teacher = new Actor(new PractitionerId("ms-jones"), School);
        var healthVisitor = new Actor(new PractitionerId("mr-patel"), Health);
        AgencyId[] members = [School, Health, Youth, Camhs, FamilySupport];

        Console.WriteLine();
        Console.WriteLine("== Panels: referral, scheduling with capacity, decision sheet, lead professional");

        // PANEL-03: two panels on different cadences. MAAG South takes four new cases a meeting here, so it fills.
        var south = new Panel(new PanelId("maag-south"), "south", "MAAG South", "Commissioning manager",
            PanelCadence.Fortnightly(new DateOnly(2026, 1, 13)), new PanelCapacity(newCases: 4, reviews: 10, minutes: 180), members);
        var charnwood = new Panel(new PanelId("maf-charnwood"), "charnwood", "MAF Charnwood", "Independent chair",
            PanelCadence.Quarterly(DayOfWeek.Tuesday, 1), new PanelCapacity(newCases: 10, reviews: 30, minutes: 800), members);
        var today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
        foreach (var panel in new[] { south, charnwood })
        {
            var next = panel.Meetings(today, 120).Take(3).Select(m => Day(m.Date));
            Console.WriteLine($"{panel.Name} ({panel.Area}), chaired by the {panel.Chair.ToLowerInvariant()}: {PanelDisplayText.For(panel.Cadence.Kind).ToLowerInvariant()}; " +
                              $"up to {panel.Capacity.NewCases} new cases, {panel.Capacity.Reviews} reviews and {panel.Capacity.Minutes} minutes a meeting, " +
                              $"{panel.Capacity.MinutesPerNewCase} minutes a case. Next meetings: {string.Join(", ", next)}.");
        }

        // Amy's episode: assessed, written consent except CAMHS (CONS-04, CONS-05).
        var amy = CafEpisode.IdentifyConcern(policy, new EpisodeId("ep-2026-0107"), new ChildDetails(new ChildId("child-amy"), new DateOnly(2016, 9, 1)),
            teacher, "Amy (9) is often late and withdrawn in class.");
        amy.RecordConsent(teacher, new ConsentRecord(ConsentGiverRole.ParentWithParentalResponsibility, "Mrs Smith", ConsentDecision.Given, ConsentForm.Written, [Camhs]) with { SharingExplained = true },
            "Mum signed the referral form; she does not want CAMHS told.").ThrowIfRefused();
        amy.StartAssessment(teacher, "Assessment agreed with Mum.").ThrowIfRefused();
        amy.CompleteAssessment(teacher, new AssessmentSummary("default", "1.0.0", ThresholdLevel.Complex, ThresholdRoute.CafMultiAgency, ["attendance", "emotional-wellbeing"]), AbsentParentInvolvement.WasInvolved,
            "Needs span school, health and the family.").ThrowIfRefused();

        // PANEL-01, PANEL-02: an incomplete form is refused, every missing item named.
        var form = new PanelReferral(new PanelReferralId("ref-amy"), amy.Id, "south", teacher, clock.GetUtcNow());
        Console.WriteLine($"Referral form sent empty: refused. {amy.ReferToPanel(teacher, form, south).Refusal.Message}");
        form = form with
        {
            Reason = PanelReferralReason.VariedOrComplexNeeds,
            WrittenConsentToShare = true,
            IdentifiedNeeds = ["Late most mornings", "Withdrawn in class", "Mum's low mood"],
            DesiredOutcome = "Amy is in school on time and Mum has support at home.",
            SmartGoals = ["On time four days in five by half term", "Mum sees the health visitor fortnightly"],
        };
        amy.ReferToPanel(teacher, form, south).ThrowIfRefused();
        var referral = amy.CurrentPanelReferral!;
        Console.WriteLine($"Amy referred to MAAG South: \"{PanelDisplayText.For(form.Reason!.Value)}\". Papers go to {Agencies(referral.PapersFor)}; " +
                          $"withheld from {Agencies(referral.PapersWithheldFrom)} (the family excluded it).");

        // Eleven other families' referrals, each through the sharing gate (PANEL-02, SHARE-01).
        var requests = new List<PanelSlotRequest> { amy.ToPanelSlotRequest(new PanelSlotId("ref-amy")).Value }; // papers judged now
        for (var i = 1; i <= 11; i++)
        {
            var area = i <= 6 ? "south" : "charnwood";
            var other = new PanelReferral(new PanelReferralId($"ref-{i:D2}"), new EpisodeId($"ep-2026-01{i:D2}"), area, teacher, clock.GetUtcNow().AddMinutes(10 * i))
            {
                Reason = i % 2 == 0 ? PanelReferralReason.UnclearWhichService : PanelReferralReason.MultiAgencyResponseNeeded,
                WrittenConsentToShare = true,
                IdentifiedNeeds = ["Needs across services"],
                DesiredOutcome = "The right service for the family.",
                SmartGoals = ["Seen by the allocated service within four weeks"],
            };
            var consent = ConsentState.Empty.With(new ConsentRecord(ConsentGiverRole.ParentWithParentalResponsibility, "Parent", ConsentDecision.Given, ConsentForm.Written, []) with { SharingExplained = true });
            requests.Add(PanelSlotRequest.NewCase(gate.Refer(other, consent, area == "south" ? south : charnwood).Value));
        }

        // PANEL-03, PANEL-04: the earliest meeting of the area with room, in referral order; agenda the Monday before,
        // decision sheets the Friday after.
        var schedule = scheduler.Schedule([south, charnwood], [], requests, today, 120);
        Console.WriteLine($"Scheduled {schedule.Placed.Length} of {requests.Count} referrals ({schedule.Unplaced.Length} could not be placed):");
        foreach (var agenda in schedule.Agendas.Where(a => a.Entries.Length > 0))
        {
            var name = agenda.Meeting.Panel == south.Id ? south.Name : charnwood.Name;
            var full = agenda.NewCases >= agenda.Capacity.NewCases ? " (full)" : "";
            Console.WriteLine($"  {name} on {Day(agenda.Meeting.Date)}: agenda out {Day(agenda.AgendaIssueDate)}, decision sheets out {Day(agenda.DecisionSheetDate)}; " +
                              $"{agenda.NewCases} of {agenda.Capacity.NewCases} new cases{full}: {string.Join(", ", agenda.Entries.Select(e => e.Request.Referral))}");
        }

        // PANEL-04, SHARE-01: the papers go out on the issue date, judged again against each episode's consent then.
        var amysAgenda = schedule.Agendas.First(a => a.Entries.Any(e => e.Request.Episode == amy.Id));
        var sent = amysAgenda.IssuePapers(teacher, id => id == amy.Id ? amy.PanelConsent() : null).Single(p => p.Entry.Request.Episode == amy.Id);
        Console.WriteLine($"  Amy's papers went out to {Agencies(sent.PapersFor)} (judged when the agenda was issued).");

        var firstSouth = schedule.Agendas.First(a => a.Meeting.Panel == south.Id);
        var moved = schedule.Placed.Count(b => b.Meeting.Panel == south.Id && b.Meeting.Date > firstSouth.Meeting.Date);
        Console.WriteLine($"  MAAG South on {Day(firstSouth.Meeting.Date)} was full, so the {moved} later south referrals moved to the next meeting.");

        // PANEL-05: the panel meets on 13 January; the decision sheet allocates two services and recommends the LP.
        var amysSlot = schedule.Placed.Single(b => b.Request.Referral == form.Id);
        clock.Advance(amysSlot.Meeting.Date.DayNumber - today.DayNumber, 14);
        var withCamhs = PanelDecision.Allocate(amysSlot, south.Chair, [new ServiceAllocation(Camhs, "Six therapy sessions")], null).Value;
        Console.WriteLine($"A decision sheet allocating CAMHS: refused. {amy.RecordPanelDecision(healthVisitor, withCamhs).Refusal.Message}");
        var decision = PanelDecision.Allocate(amysSlot, south.Chair,
            [new ServiceAllocation(Youth, "Mentoring, one session a week for twelve weeks"), new ServiceAllocation(Health, "Home visits for Mum's low mood", healthVisitor.Practitioner)],
            new RecommendedLeadProfessional(healthVisitor.Practitioner, Health)).Value;
        amy.RecordPanelDecision(healthVisitor, decision).ThrowIfRefused();
        Console.WriteLine($"Decision sheet for Amy ({PanelDisplayText.For(decision.Outcome).ToLowerInvariant()}), sent {Day(scheduler.Timetable.DecisionSheetDate(decision.Meeting))}:");
        foreach (var allocation in amy.CurrentPanelReferral!.Allocations)
        {
            Console.WriteLine($"  {Names[allocation.Agency]}: {allocation.Role}");
        }

        Console.WriteLine($"  Recommended lead professional: {amy.PanelRecommendedLeadProfessional!.Practitioner} ({Names[amy.PanelRecommendedLeadProfessional.Agency]}).");

        // LP-08: the episode's own selection request carries the recommendation; the host only adds the candidates.
        var request = amy.SelectionRequest(teacher) with
        {
            Candidates =
            [
                new LeadProfessionalCandidate(teacher.Practitioner, School, AgencyKind.School, "Class teacher", true, ContactFrequency.Daily, [], 2),
                new LeadProfessionalCandidate(healthVisitor.Practitioner, Health, AgencyKind.Health, "Health visitor", true, ContactFrequency.Weekly, [], 2),
            ],
        };
        var selection = selector.Select(request);
        amy.AppointLeadProfessional(teacher, selection, new PractitionerId("ms-supervisor"), new FamilyAgreement("Mum agreed at the feedback meeting.")).ThrowIfRefused();
        Console.WriteLine($"Lead professional appointed: {amy.LeadProfessional.Practitioner} ({Names[amy.LeadProfessional.Agency]}), the panel's recommendation.");

        // PANEL-06: the youth service confirms a start date; health visiting has not yet.
        clock.Advance(3, 10);
        amy.ConfirmServiceStart(healthVisitor, form.Id, Youth, amysSlot.Meeting.Date.AddDays(13)).ThrowIfRefused();
        var current = amy.CurrentPanelReferral!;
        Console.WriteLine($"Start confirmed: {Names[Youth]} from {Day(current.ConfirmedStartOf(Youth)!.Value)}. " +
                          $"Still to confirm (the quarterly audit asks): {string.Join(", ", current.UnconfirmedAllocations.Select(a => Names[a.Agency]))}.");
        Console.WriteLine($"Sharing decisions audited for this demo: {audit.Entries.Count}, of which refused: {audit.Entries.Count(a => !a.Decision.Granted)}.");
    }

    private static string Day(DateOnly date) => date.ToString("dddd d MMMM", CultureInfo.InvariantCulture);

    private static string Agencies(IEnumerable<AgencyId> agencies) => string.Join(", ", agencies.Select(a => Names[a]));

    private static void Advance(this SampleClock clock, int days, int hour)
    {
        var now = clock.GetUtcNow();
        var target = new DateTimeOffset(now.Date.AddDays(days).AddHours(hour), TimeSpan.Zero);
        clock.Advance(target - now);
    }
}
