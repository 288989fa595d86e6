using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Reflection;
using System.Threading.Tasks;
using Caf.Core.Closure;
using Caf.Core.Configuration;
using Caf.Core.Consent;
using Caf.Core.Events;
using Caf.Core.LeadProfessional;
using Caf.Core.Lifecycle;
using Caf.Core.Lifecycle.Events;
using Caf.Core.Primitives;
using Caf.Core.Register;
using Caf.Core.Testing;
using Caf.Core.Tests.Support;
using Xunit.Abstractions;
using static Caf.Core.Tests.Support.Seeds;

namespace Caf.Core.Tests.Adversarial;

/// <summary>
/// SHARE-01 path matrix: every entry point that could hand information to an agency × every way the family's
/// exclusion of that agency (CAMHS) can arise. On every path CAMHS receives nothing after the exclusion (no
/// grant in the audit log, never LP, never on a plan); the attempt that targets it is refused; and a refusal
/// made on sharing grounds is itself audited (SHARE-04). A column per legal basis (LAW-01, LAW-02): the ways run under the
/// seeds' consent model (consent, and the override of <see cref="Way.ThenOverride"/>) and again under an authority's
/// policy with the statutory duty to share in force, where the only thing that reaches CAMHS is a disclosure on a
/// recorded consideration that it is not more detrimental to the child.
/// </summary>
public class SharingPathMatrixTests(ITestOutputHelper output)
{
    private static readonly Actor CamhsWorker = new(new PractitionerId("pr-camhs"), TestIds.Camhs);
    private static readonly ChildDetails Fourteen = new(TestIds.Child, new DateOnly(2011, 9, 1)) { NhsNumber = new NhsNumber("9434765919") }; // LAW-03
    private static readonly Caf.Core.Reads.ReadContext CamhsOnConsent = new(CamhsWorker, "Therapy referral", Caf.Core.Consent.LegalBasis.Consent); // LAW-04

    private static readonly Caf.Core.Register.FamilyAssessment FamilyPart = new("caf-core-default", "1.0.0", ["BFD-12"], "Damp flat; money tight.");

    /// <summary>How the exclusion of CAMHS arises.</summary>
    public enum Way
    {
        /// <summary>The parent excludes CAMHS in the first consent.</summary>
        Before,

        /// <summary>CAMHS is LP and on the plan; the parent then excludes it.</summary>
        AfterByParent,

        /// <summary>CAMHS is LP and on the plan; the young person (14, judged competent) then excludes it.</summary>
        AfterByYoungPerson,

        /// <summary>Excluded, then a refusal, then full consent again: the exclusion still stands.</summary>
        ThenRefusalThenConsent,

        /// <summary>Excluded, then a refusal, then an override (the episode closes as overridden).</summary>
        ThenOverride,

        /// <summary>Excluded, then consent withdrawn.</summary>
        ThenWithdrawal,
    }

    /// <summary>The legal basis the authority's policy offers (LAW-01): the seeds' consent model, or the statutory duty in force (LAW-02).</summary>
    public enum Basis
    {
        /// <summary>The default policy: consent (and, in <see cref="Way.ThenOverride"/>, the override) is the basis.</summary>
        Consent,

        /// <summary>The policy has the statutory duty to share in force from before the episode opened.</summary>
        StatutoryDuty,
    }

    private static readonly DateOnly DutyFrom = new(2026, 4, 29);

    /// <summary>One entry point: what it attempts, and the members of the public API it stands for.</summary>
    private sealed record Row(string Name, bool MustRefuse, string[] Members, Func<World, Task<Outcome>> Attempt)
    {
        /// <summary>Under the statutory duty this path may hand CAMHS the minimum, on its recorded consideration (LAW-02).</summary>
        public bool DutyMayDisclose { get; init; }
    }

    private sealed record Outcome(bool Refused, string? RuleId);

    private sealed class World
    {
        public Seeds Seeds { get; }

        public InMemoryEpisodeRepository Store { get; }

        public CafRegister Register { get; }

        public CafEpisode Episode { get; set; } = null!;

        public DateTimeOffset ExcludedAt { get; set; }

        public World(Basis basis)
        {
            Seeds = basis == Basis.StatutoryDuty ? new Seeds(new CafOptions { Sharing = { StatutoryDutyFrom = DutyFrom } }) : new Seeds();
            if (basis == Basis.StatutoryDuty)
            {
                Seeds.Time.SetUtcNow(new DateTimeOffset(DutyFrom.AddDays(5), new TimeOnly(9, 0), TimeSpan.Zero));
            }

            Store = new InMemoryEpisodeRepository(Seeds.Policy, new Caf.Core.Reporting.EpisodeReportProjector(
                new Caf.Core.Thresholds.ThresholdFrameworkLoader().LoadDefault().Framework, _ => Caf.Core.Reporting.InitiatingSetting.Other)); // report rows for the audited reads' row
            Register = new CafRegister(Store, Seeds.Policy);
        }

        public async Task SaveAsync()
        {
            var stored = await Store.GetAsync(Episode.Id);
            var saved = stored is null ? await Store.AddAsync(Episode) : await Store.UpdateAsync(Episode, stored.Version);
            Ok(saved);
        }
    }

    private static Outcome Of(Result r) => new(r.IsRefused, r.IsRefused ? r.Refusal.RuleId : null);

    private static readonly Row[] Rows =
    [
        new("register: is a CAF open? (asked by CAMHS)", true, ["CafRegister.FindOpenAsync"], async w =>
        {
            var answer = await w.Register.FindOpenAsync(TestIds.Child, CamhsWorker);
            return new(answer.IsRestricted || !answer.HasOpenEpisode, answer.IsRestricted ? "SHARE-01" : null);
        }),
        new("register: is a CAF open? by NHS number (asked by CAMHS, LAW-03)", true, ["CafRegister.FindOpenAsync"], async w =>
        {
            await w.SaveAsync();
            var answer = await w.Register.FindOpenAsync(Fourteen.NhsNumber!.Value, CamhsWorker);
            return new(answer.IsRestricted || !answer.HasOpenEpisode, answer.IsRestricted ? "SHARE-01" : null);
        }),
        new("register: CAMHS reads the episode on consent (LAW-04)", true, ["CafRegister.ReadAsync"], async w =>
        {
            await w.SaveAsync();
            return Of((await w.Register.ReadAsync(w.Episode.Id, CamhsOnConsent)).ToResult());
        }),
        new("register: the child's history for CAMHS on consent, by id or NHS number (LAW-03/04)", true, ["CafRegister.HistoryOfAsync"], async w =>
        {
            await w.SaveAsync();
            var byId = await w.Register.HistoryOfAsync(TestIds.Child, CamhsOnConsent);
            var byNhs = await w.Register.HistoryOfAsync(Fourteen.NhsNumber!.Value, CamhsOnConsent);
            return new(byId.Count == 0 && byNhs.Count == 0, null); // left out of the list, as a caseload leaves it out
        }),
        new("audited store reads by CAMHS on consent (LAW-04)", true,
            ["AuditedEpisodeReads.GetAsync", "AuditedEpisodeReads.ListAsync", "AuditedEpisodeReads.GetReportRowAsync", "AuditedEpisodeReads.StreamReportRowsAsync",
                "AuditedEpisodeReads.StreamAllReportRowsAsync", "AuditedEpisodeReads.FamilySharingAsync"], async w =>
        {
            await w.SaveAsync();
            var reads = new Caf.Core.Reads.AuditedEpisodeReads(w.Store, w.Store, new Caf.Core.Reads.InMemoryReadAuditLog(), w.Seeds.Time);
            var got = await reads.GetAsync(w.Episode.Id, CamhsOnConsent);
            var listed = await reads.ListAsync(new Caf.Core.Register.Specifications.EpisodesOfChildSpec(TestIds.Child), CamhsOnConsent);
            var row = await reads.GetReportRowAsync(w.Episode.Id, CamhsOnConsent);
            var streamed = 0;
            await foreach (var unused in reads.StreamReportRowsAsync(DateOnly.MinValue, DateOnly.MaxValue, CamhsOnConsent))
            {
                streamed++;
            }

            await foreach (var unused in reads.StreamAllReportRowsAsync(CamhsOnConsent)) // every row, as a national extract reads them
            {
                streamed++;
            }

            var sharing = await reads.FamilySharingAsync(w.Episode.Id, CamhsOnConsent, w.Seeds.Audit); // LAW-01: the family's view of the hand-overs

            // The store's reads return nothing to CAMHS; they hold no sharing service, so the refusal is not a SHARE-04 entry here.
            return new(got.IsRefused && listed.Count == 0 && row is null && streamed == 0 && sharing.IsRefused, null);
        }),
        new("register: a family group's episodes for CAMHS on consent (LAW-04)", true, ["CafRegister.FamilyAsync"], async w =>
        {
            await w.SaveAsync();
            var sam = CafEpisode.IdentifyConcern(w.Seeds.Policy, new EpisodeId("ep-sam"), new ChildDetails(new ChildId("child-002"), new DateOnly(2012, 4, 1)), HealthVisitor, "Young carer.");
            Ok(sam.RecordConsent(HealthVisitor, MotherWritten(), "Consent to assess and share with partner agencies."));
            Ok(await w.Store.AddAsync(sam));
            await w.Register.LinkFamilyAsync("family-smith", HealthVisitor, [w.Episode.Id, sam.Id]); // refused on some ways: then Amy is not in the group at all
            var listed = await w.Register.FamilyAsync("family-smith", CamhsOnConsent);
            return new(!listed.Any(s => s.Id == w.Episode.Id), null); // left out of the list, as the child's history leaves it out
        }),
        new("register: new concern (by CAMHS)", true, ["CafRegister.IdentifyConcernAsync", "CafRegister.RegisterStepDownAsync"], async w =>
        {
            var r = await w.Register.IdentifyConcernAsync(new EpisodeId("ep-camhs"), Fourteen, CamhsWorker, "Low mood.");
            // Restricted, or (the earlier episode being closed) a new episode of CAMHS's own that hands it nothing of the old one.
            return new(r.Answer is { IsRestricted: true } || r.Opened is { PreviousEpisodes.IsEmpty: false }, r.Answer?.IsRestricted == true ? "SHARE-01" : null);
        }),
        new("LP: nominate CAMHS", true, ["CafEpisode.NominateLeadProfessional", "CafEpisode.ConfirmNomination", "CafEpisode.RecordFamilyAgreement"],
            w => Task.FromResult(Of(w.Episode.NominateLeadProfessional(HealthVisitor, Nominee(CamhsWorker.Practitioner, TestIds.Camhs), "Therapy.")))),
        new("LP: appoint CAMHS", true, ["CafEpisode.AppointLeadProfessional"],
            w => Task.FromResult(Of(w.Episode.AppointLeadProfessional(HealthVisitor, Nominee(CamhsWorker.Practitioner, TestIds.Camhs), new PractitionerId("pr-s"), new FamilyAgreement("Agreed."), "Therapy.")))),
        new("plan: CAMHS delivers", true, ["CafEpisode.AgreePlan"],
            w => Task.FromResult(Of(w.Episode.AgreePlan(HealthVisitor, EpisodePlans.WithCamhs(w.Seeds.Today), "CAMHS offered six sessions.")))),
        new("revision: CAMHS keeps or gets an action", true, ["CafEpisode.RevisePlan"], w =>
        {
            var plan = w.Episode.Plan!;
            var revised = EpisodePlans.Revised(plan, w.Seeds.Today);
            if (plan.FindAction("a-camhs") is null)
            {
                revised = revised with { Actions = [.. plan.Actions, EpisodePlans.Camhs(w.Seeds.Today.AddDays(28))] };
            }

            return Task.FromResult(Of(w.Episode.RevisePlan(HealthVisitor, revised, "Reviewed at the meeting.")));
        }),
        new("review: a new action for CAMHS", true, ["CafEpisode.HoldReview"], w =>
        {
            var review = EpisodePlans.Review(w.Episode.Plan!, w.Seeds.Today, ReviewProgress.Insufficient) with
            {
                NewActions = [EpisodePlans.Camhs(w.Seeds.Today.AddDays(28)) with { Id = "a-camhs-new" }],
            };
            return Task.FromResult(Of(w.Episode.HoldReview(HealthVisitor, review)));
        }),
        new("step-down TAC confirms CAMHS as LP and on the plan", true, ["CafEpisode.RecordStepDownTacDecision"], w =>
        {
            var sd = CafEpisode.RegisterPotentialFromStepDown(w.Seeds.Policy, new EpisodeId("ep-sd"), Fourteen, HealthVisitor, EpisodePlans.StepDown());
            foreach (var record in w.Episode.Consent.Records)
            {
                Ok(sd.RecordConsent(HealthVisitor, record, "The same family's consent, recorded again at the step-down."));
            }

            var decision = Caf.Core.StepDown.StepDownTacDecision.ContinueWith(CafCatalogue.Nominee(CamhsWorker), CafCatalogue.Supervisor, new Caf.Core.LeadProfessional.FamilyAgreement("Mum agreed at the step-down meeting."), EpisodePlans.WithCamhs(w.Seeds.Today), true, true);
            return Task.FromResult(Of(sd.RecordStepDownTacDecision(HealthVisitor, decision, "Ongoing support is required.")));
        }),
        new("assessment and next steps (LP receives)", false, ["CafEpisode.StartAssessment", "CafEpisode.CompleteAssessment", "CafEpisode.ChooseNextStep", "CafEpisode.RequireReassessment"],
            w => Task.FromResult(Of(w.Episode.ChooseNextStep(HealthVisitor, NextStep.MultiAgencySupport, "Needs span services.")))),
        new("review (LP and plan agencies receive)", false, ["CafEpisode.HoldReview"],
            w => Task.FromResult(Of(w.Episode.HoldReview(HealthVisitor, EpisodePlans.Review(w.Episode.Plan!, w.Seeds.Today, ReviewProgress.Sufficient))))),
        new("panel referral (papers; CAMHS sits on the panel)", false, ["CafEpisode.ReferToPanel"],
            w => Task.FromResult(Of(Caf.Core.Tests.Panels.PanelFixtures.Refer(w.Episode, HealthVisitor)))),
        new("panel decision sheet allocates CAMHS", true, ["CafEpisode.RecordPanelDecision"], w =>
        {
            _ = Caf.Core.Tests.Panels.PanelFixtures.Refer(w.Episode, HealthVisitor);
            return Task.FromResult(Of(w.Episode.RecordPanelDecision(HealthVisitor, EpisodePanels.Decision(w.Episode,
                EpisodePanels.CamhsService, EpisodePanels.Youth))));
        }),
        new("panel decision sheet recommends a CAMHS worker as LP", true, ["CafEpisode.RecordPanelDecision"], w =>
        {
            _ = Caf.Core.Tests.Panels.PanelFixtures.Refer(w.Episode, HealthVisitor);
            var booking = EpisodePanels.Decision(w.Episode).Booking;
            var decision = Caf.Core.Panels.PanelDecision.Allocate(booking, "Chair", [EpisodePanels.Youth],
                new Caf.Core.Panels.RecommendedLeadProfessional(CamhsWorker.Practitioner, TestIds.Camhs)).Value;
            return Task.FromResult(Of(w.Episode.RecordPanelDecision(HealthVisitor, decision)));
        }),
        new("a panel-allocated service confirms its start (shares nothing more)", false, ["CafEpisode.ConfirmServiceStart"],
            w => Task.FromResult(Of(w.Episode.ConfirmServiceStart(HealthVisitor, new Caf.Core.Panels.PanelReferralId("ref-1"), TestIds.YouthService, w.Seeds.Today)))),
        new("closure (the LP records it)", false, ["CafEpisode.Close"],
            w => Task.FromResult(Of(w.Episode.Close(HealthVisitor, EpisodePlans.PractitionersAgree("resolvedOther", TestIds.HealthVisitor, TestIds.Teacher, CamhsWorker.Practitioner))))),
        new("transfer out of area", false, ["CafEpisode.TransferOut", "CafRegister.TransferOutAsync"],
            w => Task.FromResult(Of(w.Episode.TransferOut(HealthVisitor, new LocalAuthority("Leeds City Council"), "Family moved.")))),
        new("transfer to another authority of the host whose early-help service is CAMHS (RET-02)", true, ["CafAuthorities.TransferAsync"], async w =>
        {
            // Issue 29: the receiving authority's service is the recipient; the sending side's gate decides and audits.
            var kirklees = new AuthorityId("kirklees");
            var policy = new EpisodePolicy(new CafOptions(), w.Seeds.Time, new SharingService(new InMemorySharingAuditLog(), w.Seeds.Time)) { Authority = kirklees };
            var receivingStore = new InMemoryEpisodeRepository(policy);
            var r = await AuthorityTransfer.TransferAsync(
                new AuthoritySide(w.Seeds.Policy.Authority, w.Store, w.Seeds.Policy, new AgencyId("default-early-help")),
                new AuthoritySide(kirklees, receivingStore, policy, TestIds.Camhs), w.Episode.Id, HealthVisitor, "The family moved to Huddersfield.", default);
            Assert.Empty(await receivingStore.ListAsync(new Caf.Core.Register.Specifications.EpisodesOfChildSpec(TestIds.Child)));
            return new(r.IsRefused, r.IsRefused ? r.Refusal.RuleId : null);
        }),
        new("a CAMHS practitioner records work", true, ["CafEpisode.RecordConsent", "CafEpisode.LiftExclusion", "CafEpisode.WithdrawConsent", "CafEpisode.OverrideConsent"],
            w => Task.FromResult(Of(w.Episode.RecordConsent(CamhsWorker, MotherWritten(), "Consent to assess and share with partner agencies.")))),
        new("family link with a sibling led by CAMHS", true, ["CafRegister.LinkFamilyAsync"], async w =>
        {
            var sam = CafEpisode.IdentifyConcern(w.Seeds.Policy, new EpisodeId("ep-sam"), new ChildDetails(new ChildId("child-002"), new DateOnly(2012, 4, 1)), CamhsWorker, "Low mood.");
            Ok(sam.RecordConsent(CamhsWorker, MotherWritten(), "Consent to assess and share with partner agencies."));
            Ok(await w.Store.AddAsync(sam));
            return Of(await w.Register.LinkFamilyAsync("family-smith", HealthVisitor, [w.Episode.Id, sam.Id]));
        }),
        new("stored history that hands CAMHS the LP role", true, ["CafEpisode.Rebuild", "EpisodeJson.Deserialize", "EpisodeJson.FromSnapshot"], w =>
        {
            var at = w.Seeds.Time.GetUtcNow();
            CafEvent[] forged = [.. w.Episode.Events,
                new LeadProfessionalNominated(w.Episode.Id, at, HealthVisitor, CamhsWorker.Practitioner, TestIds.Camhs, "Therapy.", true, true, 0)];
            var replay = CafEpisode.Replay(w.Seeds.Policy, forged);
            return Task.FromResult(new Outcome(replay.Episode is null, replay.Failure?.RuleId));
        }),
        new("stored event after a snapshot that hands CAMHS the LP role", true, ["CafEpisode.ReplayStored"], w =>
        {
            // Issue 26: a store continues a snapshot with the events stored after it; a forged one is refused as on a full replay.
            var at = w.Seeds.Time.GetUtcNow();
            var continued = CafEpisode.Rebuild(w.Seeds.Policy, w.Episode.Events);
            var version = continued.Version;
            var result = continued.ReplayStored(
                new LeadProfessionalNominated(w.Episode.Id, at, HealthVisitor, CamhsWorker.Practitioner, TestIds.Camhs, "Therapy.", true, true, 0));
            Assert.Equal(version, continued.Version);
            return Task.FromResult(Of(result));
        }),
        new("outcomes questionnaire (kept on the episode: the LP sees it)", false, ["CafEpisode.RecordOutcomesQuestionnaire"],
            w => Task.FromResult(Of(w.Episode.RecordOutcomesQuestionnaire(HealthVisitor, BoundaryWorld.Completion(w.Seeds.Today, Caf.Core.Outcomes.OutcomesRespondent.Child, Caf.Core.Outcomes.OutcomesRating.Ok))))),
        new("outcomes questionnaire recorded by CAMHS", true, ["CafEpisode.RecordOutcomesQuestionnaire"],
            w => Task.FromResult(Of(w.Episode.RecordOutcomesQuestionnaire(CamhsWorker, BoundaryWorld.Completion(w.Seeds.Today, Caf.Core.Outcomes.OutcomesRespondent.Parent, Caf.Core.Outcomes.OutcomesRating.Ok))))),
        new("the completed CAF sent to CAMHS as its referral (LIFE-13)", true, ["CafEpisode.ReferToAgencyWithCaf"],
            w => Task.FromResult(Of(w.Episode.ReferToAgencyWithCaf(w.Episode.LeadProfessional.Practitioner == HealthVisitor.Practitioner ? HealthVisitor : TestIds.TeacherAtSchool,
                "Anxiety work", TestIds.Camhs, "Amy's anxiety at school.")))),
        new("statutory duty: a disclosure to CAMHS on a recorded consideration", true, ["CafEpisode.ConsiderDutyToShare"],
            w => Task.FromResult(Of(w.Episode.ConsiderDutyToShare(HealthVisitor, new DutyToShareConsideration(TestIds.Camhs, SharingPurpose.Assessment,
                DutyToShareGround.Safeguarding, false, "CAMHS holds the self-harm history the assessment needs.", SharedItems.Assessment)).ToResult())))
        {
            DutyMayDisclose = true,
        },
        new("statutory duty: a disclosure judged more detrimental is not made", true, ["CafEpisode.ConsiderDutyToShare"],
            w =>
            {
                var r = w.Episode.ConsiderDutyToShare(HealthVisitor, new DutyToShareConsideration(TestIds.Camhs, SharingPurpose.Assessment,
                    DutyToShareGround.Welfare, true, "Amy fears her father learns of it.", SharedItems.Assessment));
                return Task.FromResult(r.IsRefused ? Of(r.ToResult()) : new Outcome(!r.Value.Granted, r.Value.Granted ? null : "LAW-02")); // not disclosed: a refusal, recorded
            }),

        new("family and environmental part recorded by CAMHS for the family", true, ["CafEpisode.RecordFamilyAssessment"],
            w => Task.FromResult(Of(w.Episode.RecordFamilyAssessment(CamhsWorker, FamilyPart, "Home visit with the family.")))),
        new("family and environmental part reused for CAMHS from a sibling's CAF", true, ["CafRegister.ReuseFamilyAssessmentAsync"], async w =>
        {
            var r = await w.Register.ReuseFamilyAssessmentAsync(w.Episode.Id, CamhsWorker, "For the assessment.");
            return new(r.IsRefused, r.IsRefused ? r.Refusal.RuleId : null);
        }),
        new("a step-up (shares nothing with CAMHS)", false, ["CafEpisode.StepUp"],
            w => Task.FromResult(Of(w.Episode.StepUp(HealthVisitor, new SpecialistService("Children's social care"), "Disclosure of harm.")))),
    ];

    /// <summary>Public members that hand nothing to an agency, so have no row.</summary>
    // The panel case after its decision sheet (PANEL-06..10) and the family's request for a step-down TAC (STEP-04) are
    // commands of states this matrix's world never reaches; each is a panel row of the standing-grant matrix
    // (StandingGrantMatrixTests, which reaches those states with CAMHS excluded and checks the same invariant) or listed
    // there as sharing nothing with a reason.
    private static readonly string[] JudgedInPanelStates =
    [
        "CafEpisode.RequestReHearing", "CafEpisode.AnswerReHearing", "CafEpisode.ReturnFromWaitingList", "CafEpisode.RecordAllocationAudit",
        "CafEpisode.RecordDecisionSharedWithFamily", "CafEpisode.RecordServiceDisagreement", "CafEpisode.ReportProgressToPanel",
        "CafEpisode.RequestStepDownTac",
    ];

    private static readonly string[] SharesNothing =
    [
        "CafEpisode.IdentifyConcern", "CafEpisode.RegisterPotentialFromStepDown", // open the episode: the opener holds it
        "CafEpisode.CheckPermitted", "CafEpisode.GetAvailableActions",             // the UI port: no content
        "CafEpisode.SelectionRequest",                                             // builds a request; the selector decides sharing (LP-11)
        "CafRegister.FindOpenForCoordinatorAsync", "CafRegister.HistoryOfAsync",     // the co-ordinator's own register
        "CafRegister.FamilyAsync", "CafRegister.DueForDisposalAsync",
        "CafRegister.ExecuteAsync",                                                // runs the caller's episode command: that command's row covers it
        "CafRegister.ReadersOfAsync", "AuditedEpisodeReads.ReadersOfAsync",        // LAW-04: the read audit itself, for the host and the family

        "CafEpisode.Copy",                                                         // a copy for the store or host holding the episode: hands nothing

        "CafEpisode.ReviewNextSteps",                                              // LIFE-14: the practitioner's own supervision record
        "CafEpisode.GiveFamilyCopy",                                               // CONS-09: the family's own copy, no agency
    ];

    public static IEnumerable<object[]> Cases() =>
        from row in Enumerable.Range(0, Rows.Length)
        from way in Enum.GetValues<Way>()
        from basis in Enum.GetValues<Basis>()
        select new object[] { row, way, basis };

    [Trait("Rule", "SHARE-01")]
    [Trait("Rule", "SHARE-04")]
    [Trait("Rule", "LP-11")]
    [Trait("Rule", "LAW-01")]
    [Trait("Rule", "LAW-02")]
    [Theory]
    [MemberData(nameof(Cases))]
    public async Task SHARE01_an_excluded_agency_never_receives_information(int rowIndex, Way way, Basis basis)
    {
        var row = Rows[rowIndex];
        var w = await ArrangeAsync(way, basis, atPlan: !row.Name.StartsWith("plan", StringComparison.Ordinal) && !row.Name.StartsWith("assessment", StringComparison.Ordinal));
        var audited = w.Seeds.Audit.Entries.Count;

        var outcome = await row.Attempt(w);

        output.WriteLine($"{row.Name} × {way} × {basis}: {(outcome.Refused ? "refused " + outcome.RuleId : "went ahead")}");
        if (row.MustRefuse && !(row.DutyMayDisclose && basis == Basis.StatutoryDuty))
        {
            Assert.True(outcome.Refused, $"{row.Name} × {way} × {basis} went ahead");
        }

        // LAW-02: the duty is never a basis where the policy has none; where it has one, a disclosure rests on its recorded consideration.
        Assert.All(w.Seeds.Audit.Entries.Where(a => a.Decision.Basis == SharingBasis.StatutoryDuty), a =>
        {
            Assert.Equal(Basis.StatutoryDuty, basis);
            Assert.Equal(a.Decision.Granted, a.Decision.BasisDuty is { MoreDetrimentalToChild: false });
        });

        var after = w.Seeds.Audit.Entries.Skip(audited).ToArray();
        if (outcome.RuleId is "SHARE-01" or "LP-11" && !row.Name.StartsWith("stored", StringComparison.Ordinal))
        {
            Assert.Contains(after, a => !a.Decision.Granted); // the refusal is on the record (SHARE-04)
        }

        // The invariant on every path: nothing reaches CAMHS once it is excluded — but a disclosure under the duty (LAW-02).
        Assert.DoesNotContain(w.Seeds.Audit.Entries, a => a.Agency == TestIds.Camhs && a.Decision.Granted && a.DecidedAt >= w.ExcludedAt
            && a.Decision.Basis != SharingBasis.StatutoryDuty);
        var e = w.Episode;
        Assert.True(!e.Consent.Excludes(TestIds.Camhs) || e.LeadProfessional.Agency != TestIds.Camhs || !e.IsOpen || outcome.Refused || row.Name.StartsWith("a step-up", StringComparison.Ordinal)
            || e.Events.Skip(1).All(x => x.OccurredAt < w.ExcludedAt || x is ConsentRecorded or ConsentWithdrawalRecorded or ConsentOverrideRecorded));
        Assert.DoesNotContain(e.Events, x => x.OccurredAt >= w.ExcludedAt && x is LeadProfessionalNominated { Agency: var a } && a == TestIds.Camhs);
        Assert.DoesNotContain(e.Events, x => x.OccurredAt >= w.ExcludedAt && x is PlanAgreed p && p.Plan.DeliveringAgencies.Contains(TestIds.Camhs));
        Assert.DoesNotContain(e.Events, x => x.OccurredAt >= w.ExcludedAt && x is PlanRevised p && p.Plan.DeliveringAgencies.Contains(TestIds.Camhs));
        Assert.DoesNotContain(e.Events, x => x.OccurredAt >= w.ExcludedAt && x is ReviewHeld r && r.Review.NewActions.Any(a => a.Owner.Agency == TestIds.Camhs));
        Assert.DoesNotContain(e.Events, x => x.OccurredAt >= w.ExcludedAt && x is PanelDecisionRecorded d
            && (d.Allocations.Any(a => a.Agency == TestIds.Camhs) || d.RecommendedLeadProfessional?.Agency == TestIds.Camhs));
        Assert.DoesNotContain(e.Events, x => x.OccurredAt >= w.ExcludedAt && x is ReferredToPanel r && r.PapersFor.Contains(TestIds.Camhs));
        Assert.True(e.Consent.Excludes(TestIds.Camhs));
    }

    /// <summary>Runs one cell by its row's name (for <see cref="StandingGrantMatrixTests"/>, the one list of every entry point).</summary>
    internal Task CellAsync(string rowName, Way way, Basis basis = Basis.Consent)
    {
        var index = Array.FindIndex(Rows, r => r.Name == rowName);
        return index < 0 ? throw new ArgumentException($"No row '{rowName}' in the sharing path matrix.", nameof(rowName)) : SHARE01_an_excluded_agency_never_receives_information(index, way, basis);
    }

    [Trait("Rule", "SHARE-01")]
    [Fact]
    public void Every_public_command_has_a_row_in_the_matrix_or_is_listed_as_sharing_nothing()
    {
        var covered = Rows.SelectMany(r => r.Members).Concat(SharesNothing).Concat(JudgedInPanelStates).ToHashSet(StringComparer.Ordinal);
        var commands =
            from type in new[] { typeof(CafEpisode), typeof(CafRegister), typeof(EpisodeJson), typeof(Caf.Core.Reads.AuditedEpisodeReads), typeof(Caf.Core.DependencyInjection.CafAuthorities) }
            from m in type.GetMethods(BindingFlags.Public | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly)
            where !m.IsSpecialName
            where m.ReturnType == typeof(Result) || m.ReturnType == typeof(CafEpisode) || m.ReturnType.Name.StartsWith("ValueTask", StringComparison.Ordinal)
                || m.ReturnType == typeof(Result<SharingDecision>)
                || m.ReturnType == typeof(ImmutableArray<ActionAvailability>)
            select $"{type.Name}.{m.Name}";

        Assert.Empty(commands.Distinct().Where(c => !covered.Contains(c)).Order());
    }

    // The world: a 14-year-old (so the young person can consent, CONS-02), CAMHS excluded in the given way.
    private static async Task<World> ArrangeAsync(Way way, Basis basis, bool atPlan)
    {
        var w = new World(basis);
        var e = CafEpisode.IdentifyConcern(w.Seeds.Policy, new EpisodeId("ep-amy"), Fourteen, HealthVisitor, "Low mood and missing school.");
        w.Episode = e;
        var camhsLeads = way != Way.Before;
        Ok(e.RecordConsent(HealthVisitor, camhsLeads ? MotherWritten() : MotherWritten(TestIds.Camhs), "Consent to assess and share with partner agencies."));
        Ok(e.RecordConsent(HealthVisitor, new ConsentRecord(ConsentGiverRole.YoungPerson, "Amy", ConsentDecision.Given, ConsentForm.Written, [], true) with { SharingExplained = true }, "Consent to assess and share with partner agencies."));
        if (way == Way.Before)
        {
            w.ExcludedAt = w.Seeds.Time.GetUtcNow();
        }

        Step(w);
        Ok(e.StartAssessment(HealthVisitor, "Concerns about attendance and wellbeing: assessment agreed with the family."));
        Ok(e.CompleteAssessment(HealthVisitor, Level3, AbsentParentInvolvement.WasInvolved, "Needs identified across school and health."));
        Ok(e.ChooseNextStep(HealthVisitor, NextStep.MultiAgencySupport, "Needs span school and health."));
        var lead = camhsLeads ? Nominee(CamhsWorker.Practitioner, TestIds.Camhs) : Nominee(TestIds.HealthVisitor, TestIds.HealthVisiting);
        Ok(e.AppointLeadProfessional(HealthVisitor, lead, new PractitionerId("pr-supervisor"), new FamilyAgreement("Amy and her mother agreed."), "Sees Amy weekly."));
        if (atPlan)
        {
            var today = w.Seeds.Today;
            Ok(e.AgreePlan(HealthVisitor, EpisodePlans.Plan(today, EpisodePlans.School(today.AddDays(28)), camhsLeads ? EpisodePlans.Camhs(today.AddDays(28)) : EpisodePlans.Health(today.AddDays(28))), "Agreed with Amy and her mother."));
        }

        Step(w);
        if (camhsLeads)
        {
            w.ExcludedAt = w.Seeds.Time.GetUtcNow();
        }

        switch (way)
        {
            case Way.AfterByParent:
                Ok(e.RecordConsent(HealthVisitor, MotherWritten(TestIds.Camhs), "Consent to assess and share with partner agencies."));
                break;
            case Way.AfterByYoungPerson:
                Ok(e.RecordConsent(HealthVisitor, new ConsentRecord(ConsentGiverRole.YoungPerson, "Amy", ConsentDecision.Given, ConsentForm.Written, [TestIds.Camhs], true) with { SharingExplained = true }, "Consent to assess and share with partner agencies."));
                break;
            case Way.ThenRefusalThenConsent:
                Ok(e.RecordConsent(HealthVisitor, MotherWritten(TestIds.Camhs), "Consent to assess and share with partner agencies."));
                Ok(e.RecordConsent(HealthVisitor, MotherWritten() with { Decision = ConsentDecision.Refused }, "Consent to assess and share with partner agencies."));
                Ok(e.RecordConsent(HealthVisitor, MotherWritten(), "Consent to assess and share with partner agencies."));
                break;
            case Way.ThenOverride:
                Ok(e.RecordConsent(HealthVisitor, MotherWritten(TestIds.Camhs), "Consent to assess and share with partner agencies."));
                Ok(e.RecordConsent(HealthVisitor, MotherWritten() with { Decision = ConsentDecision.Refused }, "Consent to assess and share with partner agencies."));
                Ok(e.RecordConsent(HealthVisitor, new ConsentRecord(ConsentGiverRole.YoungPerson, "Amy", ConsentDecision.Refused, ConsentForm.Written, [], true) with { SharingExplained = true }, "Consent to assess and share with partner agencies."));
                Ok(e.OverrideConsent(HealthVisitor, new ConsentOverride("Disclosure of risk; the safeguarding lead decided to share.", new PractitionerId("pr-dsl"))));
                break;
            case Way.ThenWithdrawal:
                Ok(e.RecordConsent(HealthVisitor, MotherWritten(TestIds.Camhs), "Consent to assess and share with partner agencies."));
                Ok(e.WithdrawConsent(HealthVisitor, new ConsentWithdrawal(ConsentGiverRole.ParentWithParentalResponsibility, "We do not want the CAF any more.") { Name = "Ms Smith" }));
                break;
        }

        Step(w);
        await w.SaveAsync();
        return w;
    }

    private static void Step(World w) => w.Seeds.Time.Advance(TimeSpan.FromDays(1));
}
