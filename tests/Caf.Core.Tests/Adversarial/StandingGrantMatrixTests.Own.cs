using System;
using System.Linq;
using System.Threading.Tasks;
using Caf.Core.Consent;
using Caf.Core.LeadProfessional;
using Caf.Core.Lifecycle;
using Caf.Core.Lifecycle.Events;
using Caf.Core.Panels;
using Caf.Core.Primitives;
using Caf.Core.Register;
using Caf.Core.Register.Specifications;
using Caf.Core.Reporting;
using Caf.Core.Testing;
using Caf.Core.Tests.Support;
using Caf.Core.Thresholds;
using static Caf.Core.Tests.Support.Seeds;
using W = Caf.Core.Tests.Adversarial.StandingGrantWorld;

namespace Caf.Core.Tests.Adversarial;

/// <summary>The matrix's own rows (in <see cref="StandingGrantWorld"/>) and the linked sibling's cells of the delegated rows.</summary>
public partial class StandingGrantMatrixTests
{
    private static readonly AgencyId X = W.Camhs;

    private static Row Own(string area, string name, Func<W, CafEpisode, Way, Task> check, params string[] members) =>
        new(area, name, members, async (_, way) =>
        {
            var w = await W.ArrangeAsync(way);
            var subject = await w.SubjectAsync();
            Assert.True(subject.Consent.Excludes(X), "the world excludes CAMHS on the subject");
            await check(w, subject, way);

            // On every own row: nothing was granted to CAMHS on the subject since the exclusion arose.
            Assert.DoesNotContain(w.Seeds.Audit.Entries.Skip(w.AuditBeforeExclusion), a => a.Episode == w.Subject && a.Agency == X && a.Decision.Granted);
            return Cell.Checked;
        });

    // A property (not a field): the partial declarations' static initialisers have no defined order between files.
    private static Row[] OwnRows =>
    [
        Own("derived list", "standing and suspended grants", (w, e, way) =>
        {
            Assert.DoesNotContain(e.StandingGrants, g => g.Agency == X);
            Assert.All(e.SuspendedGrants, g => Assert.False(g.InForce));
            if (way is Way.AfterByParent or Way.AfterByYoungPerson or Way.ThenRefusalThenConsent)
            {
                // What CAMHS held (the LP role and plan delivery) is suspended, not forgotten, and the change recorded the revocation.
                Assert.Contains(e.SuspendedGrants, g => g.Agency == X && g.Kind == StandingGrantKind.LeadProfessionalRole);
                Assert.Contains(e.SuspendedGrants, g => g.Agency == X && g.Kind == StandingGrantKind.PlanDelivery);
            }

            if (way is not (Way.Before or Way.OnLinkedSibling))
            {
                Assert.Contains(w.Seeds.Audit.Entries.Skip(w.AuditBeforeExclusion), a => a.Kind == SharingAuditKind.Revoked && a.Agency == X && !a.Decision.Granted);
            }

            return Task.CompletedTask;
        }, "CafEpisode.StandingGrants", "CafEpisode.SuspendedGrants"),

        Own("derived list", "plan delivery: agencies, suspended and overdue actions", (w, e, _) =>
        {
            var inForce = e.Plan?.DeliveringAgencies.Except(e.SuspendedPlanAgencies) ?? [];
            Assert.DoesNotContain(X, inForce);
            Assert.All(e.Plan?.Actions.Where(a => a.IsOpen && a.Owner.Agency == X) ?? [], a => Assert.Contains(a, e.SuspendedActions));
            w.Seeds.Time.Advance(TimeSpan.FromDays(60)); // every action overdue: the list to chase names no suspended action
            Assert.DoesNotContain(e.OverdueActions, a => a.Owner.Agency == X);
            return Task.CompletedTask;
        }, "CafEpisode.SuspendedPlanAgencies", "CafEpisode.SuspendedActions", "CafEpisode.OverdueActions", "CafEpisode.Plan", "CafEpisode.Plans"),

        Own("derived list", "lead professional in post awaiting handover", (_, e, _) =>
        {
            Assert.True(e.LeadProfessional.Agency != X || e.IsLeadProfessionalExcluded);
            Assert.DoesNotContain(e.StandingGrants, g => g.Kind == StandingGrantKind.LeadProfessionalRole && g.Agency == X);
            return Task.CompletedTask;
        }, "CafEpisode.LeadProfessional", "CafEpisode.IsLeadProfessionalExcluded"),

        Own("UI port", "available actions and permitted checks", (_, e, _) =>
        {
            // The port names no agency; an action it offers is still judged per recipient when taken.
            var port = e.GetAvailableActions();
            Assert.DoesNotContain(port, a => a.Refusal?.Message.Contains(X.Value, StringComparison.OrdinalIgnoreCase) == true);
            Assert.Equal(port.Where(a => a.Refusal is null).Select(a => a.Action), e.PermittedActions);
            if (e.CheckPermitted(EpisodeAction.NominateLeadProfessional).IsSuccess)
            {
                Assert.True(e.NominateLeadProfessional(HealthVisitor, CafCatalogue.Nominee(W.CamhsWorker), "Therapy.").IsRefused);
            }

            if (e.CheckPermitted(EpisodeAction.RevisePlan).IsSuccess && e.Plan is { } plan)
            {
                var revised = EpisodePlans.Revised(plan, DateOnly.FromDateTime(e.Events[^1].OccurredAt.UtcDateTime)) with { Actions = [.. plan.Actions.Where(a => a.Id != "a-camhs"), EpisodePlans.Camhs(new DateOnly(2027, 1, 1)) with { Id = "a-camhs-2" }] };
                Assert.True(e.RevisePlan(HealthVisitor, revised, "CAMHS again.").IsRefused);
            }

            // Asked for a practitioner of the excluded agency, the port offers nothing but a step-up (SHARE-01, LIFE-04),
            // and says why with the SHARE-01 refusal the command returns.
            var forCamhs = e.GetAvailableActions(W.CamhsWorker);
            Assert.All(forCamhs.Where(a => a.IsPermitted), a => Assert.Equal(EpisodeAction.StepUp, a.Action));
            Assert.All(forCamhs.Where(a => a.Action != EpisodeAction.StepUp && e.CheckPermitted(a.Action).IsSuccess), a => Assert.Equal("SHARE-01", a.Refusal!.RuleId));
            Assert.Equal(e.CheckPermitted(EpisodeAction.RecordConsent, W.CamhsWorker), e.RecordConsent(W.CamhsWorker, W.YoungPerson(X), "Asked again."));
            return Task.CompletedTask;
        }, "CafEpisode.GetAvailableActions", "CafEpisode.CheckPermitted", "CafEpisode.PermittedActions"),

        Own("UI port", "who a form may offer for a role", (_, e, _) =>
        {
            Actor[] directory = [HealthVisitor, W.CamhsWorker, CafCatalogue.YouthWorker];
            Assert.DoesNotContain(e.LeadProfessionalCandidates(directory), a => a.Agency == X);
            Assert.DoesNotContain(e.ActionOwnerCandidates(directory), a => a.Agency == X);

            return Task.CompletedTask;
        }, "CafEpisode.LeadProfessionalCandidates", "CafEpisode.ActionOwnerCandidates"),

        Own("stored form", "JSON, snapshot and replay read back the same grants", (w, e, _) =>
        {
            var audited = w.Seeds.Audit.Entries.Count;
            foreach (var read in new[]
            {
                EpisodeJson.Deserialize(w.Seeds.Policy, EpisodeJson.Serialize(e)),
                EpisodeJson.FromSnapshot(w.Seeds.Policy, EpisodeJson.ToSnapshot(e)),
                CafEpisode.Rebuild(w.Seeds.Policy, [.. e.Events.Select(x => EpisodeJson.DeserializeEvent(EpisodeJson.SerializeEvent(x)))]),
            })
            {
                Assert.Equal(e.StandingGrants.ToArray(), read.StandingGrants.ToArray()); // by value (ImmutableArray compares by reference)
                Assert.Equal(e.SuspendedGrants.ToArray(), read.SuspendedGrants.ToArray());
                Assert.DoesNotContain(read.StandingGrants, g => g.Agency == X);
            }

            Assert.Equal(audited, w.Seeds.Audit.Entries.Count); // reading records no revocation again
            return Task.CompletedTask;
        }, "EpisodeJson.Serialize", "EpisodeJson.ToSnapshot", "EpisodeJson.SerializeEvent", "CafEpisode.Events"),

        Own("register answer", "co-ordinator answers carry the exclusion", async (w, e, _) =>
        {
            var answers = new[] { await w.Register.FindOpenForCoordinatorAsync(e.Child.Id) }.OfType<EpisodeSummary>()
                .Concat(await w.Register.HistoryOfAsync(e.Child.Id))
                .Concat(await w.Register.DueForDisposalAsync(new DateOnly(2100, 1, 1)))
                .Where(s => s.Id == e.Id).ToList();
            Assert.NotEmpty(answers);
            Assert.All(answers, s => Assert.True(s.Excludes(X), $"{s.Id}: a host scoping this answer to CAMHS could not leave it out"));
        }, "CafRegister.FindOpenForCoordinatorAsync", "CafRegister.HistoryOfAsync", "CafRegister.DueForDisposalAsync", "CafEpisode.PreviousEpisodes"),

        Own("register answer", "CAMHS asks the register about the child", async (w, e, way) =>
        {
            var answer = await w.Register.FindOpenAsync(e.Child.Id, W.CamhsWorker);
            Assert.True(answer.IsRestricted || !answer.HasOpenEpisode);
            Assert.Null(answer.Episode);
            if (way == Way.OnLinkedSibling)
            {
                Assert.False((await w.Register.FindOpenAsync(W.AmyChild.Id, W.CamhsWorker)).IsRestricted); // Amy's family did not exclude CAMHS
            }
        }, "CafRegister.FindOpenAsync"),

        Own("specification", "an agency's lead-professional caseload", async (w, e, way) =>
        {
            var caseload = await w.Store.ListAsync(new OpenEpisodesByLeadProfessionalAgencySpec(X));
            Assert.DoesNotContain(caseload, s => s.Id == e.Id);
            Assert.Equal(way == Way.OnLinkedSibling ? [W.Amy] : Array.Empty<EpisodeId>(), caseload.Select(s => s.Id));
        }, "OpenEpisodesByLeadProfessionalAgencySpec"),

        Own("specification", "the co-ordinator's specifications carry the exclusion", async (w, e, _) =>
        {
            EpisodeSummarySpecification[] specs =
            [
                new OpenEpisodesOfChildSpec(e.Child.Id), new EpisodesOfChildSpec(e.Child.Id), new ClosedBetweenSpec(Start, Start.AddYears(50)),
                new DueForDisposalSpec(new DateOnly(2100, 1, 1)), new ReviewDueBeforeSpec(new DateOnly(2100, 1, 1)),
            ];
            var listed = 0;
            foreach (var spec in specs)
            {
                foreach (var s in (await w.Store.ListAsync(spec)).Where(s => s.Id == e.Id))
                {
                    listed++;
                    Assert.True(s.Excludes(X), $"{spec.GetType().Name}: {s.Id} does not carry the exclusion");
                }
            }

            Assert.True(listed > 0);
        }, "OpenEpisodesOfChildSpec", "EpisodesOfChildSpec", "ClosedBetweenSpec", "DueForDisposalSpec", "ReviewDueBeforeSpec"),

        Own("report", "a report for the excluded agency", async (w, e, _) =>
        {
            var row = EpisodeReportRows.From(e, new ThresholdFrameworkLoader().LoadDefault().Framework, _ => InitiatingSetting.Other);
            Assert.True(row.Excludes(X));
            CafReport Report(AgencyId? agency)
            {
                var builder = new CafReportBuilder(new CafReportRequest(ReportPeriodKind.Month, new DateOnly(2026, 1, 1), new DateOnly(2026, 12, 31), new DateOnly(2026, 12, 31), agency), new ReportingOptions());
                builder.AddRange(EpisodeReportRows.From(new[] { e }, new ThresholdFrameworkLoader().LoadDefault().Framework, _ => InitiatingSetting.Other));
                return builder.Build();
            }

            Assert.Equal(0, Report(X).Episodes);
            var request = new CafReportRequest(ReportPeriodKind.Month, new DateOnly(2026, 1, 1), new DateOnly(2026, 12, 31), new DateOnly(2026, 12, 31), X);
            Assert.Equal(0, CafReportBuilder.Run([row], request, new ReportingOptions()).Episodes);
            Assert.Equal(0, (await CafReportBuilder.RunAsync(Rows(row), request, new ReportingOptions())).Episodes);
            Assert.Equal(1, Report(TestIds.YouthService).Episodes); // an agency the family did not exclude still counts it
        }, "EpisodeReportRows.From", "CafReportBuilder.Run", "CafReportBuilder.RunAsync", "CafReportBuilder.Add", "CafReportBuilder.AddRange", "CafReportBuilder.AddRangeAsync", "CafReportBuilder.Build"),

        Own("panel", "the panel's sharing gate", (w, e, _) =>
        {
            var gate = new PanelSharingGate(w.Seeds.Policy.Sharing);
            var referral = EpisodePanels.Referral(e, w.By);
            var refer = gate.Refer(referral, e.Consent, EpisodePanels.MaagNorth);
            Assert.True(refer.IsRefused || !refer.Value.PapersFor.Contains(X));
            var meeting = EpisodePanels.MaagNorth.Meetings(w.Seeds.Today.AddDays(7), 30).First();
            var booking = new PanelBooking(new PanelSlotRequest(new PanelSlotId("s-1"), referral.Id, e.Id, referral.Area, PanelSlotOrigin.Referral, referral.ReferredAt, EpisodePanels.MaagNorth.MemberAgencies), meeting, 20);
            var decision = PanelDecision.Allocate(booking, EpisodePanels.Chair, [EpisodePanels.CamhsService, EpisodePanels.Youth], EpisodePanels.HealthVisitorLead).Value;
            Assert.True(gate.CheckDecision(decision, e.Consent, w.By).IsRefused);
            return Task.CompletedTask;
        }, "PanelSharingGate.Refer", "PanelSharingGate.CheckDecision"),

        new("outbox", "outbox envelope (EpisodeEventEnvelope.MayReach)", ["EpisodeEventEnvelope.MayReach"], (_, _) => Task.FromResult(Cell.DoesNotApply(
            "needs the EF Core store: tests/Caf.Core.EntityFrameworkCore.Tests/EpisodeStoreContract.OutboxWays.cs crosses the envelope with the six ways on one episode (SHARE01_every_envelope_from_an_exclusion_on_says_the_excluded_agency_may_not_be_reached_in_every_way), EpisodeStoreContract.Consent.cs checks the scope it stores, on SQLite and PostgreSQL; the sibling way ends the link (FamilyLinkRevocationTests) and each episode's envelopes follow its own consent"))),
    ];

    // ----- The linked sibling's cells of the delegated rows: Sam's family excluded CAMHS, which leads and serves Amy. -----

    private const string SiblingCommandElsewhere =
        "a command on one episode is judged against that episode's own consent, so on the sibling's episode this cell is the row's 'after, by the parent' cell; "
        + "what the sibling's exclusion changes for the other child is the family link (family rows) and the sibling's own derived lists (this file's rows)";

    private async Task<Cell> SiblingCommandAsync(string row)
    {
        var w = await W.ArrangeAsync(Way.OnLinkedSibling);
        var sam = await w.SubjectAsync();
        var why = "Consent to assess and share with partner agencies.";
        switch (row)
        {
            case "register: is a CAF open? (asked by CAMHS)":
                var answer = await w.Register.FindOpenAsync(W.SamChild.Id, W.CamhsWorker);
                Assert.True(answer.IsRestricted && answer.Episode is null);
                break;
            case "register: new concern (by CAMHS)":
                var registration = await w.Register.IdentifyConcernAsync(new EpisodeId("ep-sam-2"), W.SamChild, W.CamhsWorker, "Low mood.");
                Assert.True(registration.Answer is { IsRestricted: true } && registration.Opened is null);
                break;
            case "LP: nominate CAMHS":
                AssertRefused(sam.NominateLeadProfessional(Teacher, CafCatalogue.Nominee(W.CamhsWorker), "Therapy."));
                break;
            case "LP: appoint CAMHS":
                AssertRefused(sam.AppointLeadProfessional(Teacher, CafCatalogue.Nominee(W.CamhsWorker), new PractitionerId("pr-s"), new FamilyAgreement("Agreed."), "Therapy."));
                break;
            case "plan: CAMHS delivers":
                AssertRefused(sam.AgreePlan(Teacher, EpisodePlans.WithCamhs(w.Seeds.Today), "CAMHS offered sessions."));
                break;
            case "a CAMHS practitioner records work":
                AssertRefused(sam.RecordConsent(W.CamhsWorker, MotherWritten(), why));
                break;
            case "family and environmental part recorded by CAMHS for the family":
                AssertRefused(sam.RecordFamilyAssessment(W.CamhsWorker, new Caf.Core.Register.FamilyAssessment("caf-core-default", "1.0.0", ["BFD-12"], "Damp flat."), why));
                break;
            case "family and environmental part reused for CAMHS from a sibling's CAF":
                var reused = await w.Register.ReuseFamilyAssessmentAsync(W.Sam, W.CamhsWorker, why);
                Assert.True(reused.IsRefused && reused.Refusal.RuleId == "SHARE-01", reused.ToString());
                Assert.Null((await w.SubjectAsync()).FamilyAssessment);
                break;
            default:
                return Cell.DoesNotApply(SiblingCommandElsewhere);
        }

        Assert.DoesNotContain(w.Seeds.Audit.Entries.Skip(w.AuditBeforeExclusion), a => a.Episode == W.Sam && a.Agency == X && a.Decision.Granted);
        return Cell.Checked;
    }

    // Every panel entry point takes its recipients from the episode's PanelConsent(): on Sam's, CAMHS is judged out.
    private static async Task<Cell> SiblingPanelAsync()
    {
        var w = await W.ArrangeAsync(Way.OnLinkedSibling);
        var sam = (await w.SubjectAsync()).PanelConsent();
        var papers = sam.PapersFor(new PanelReferralId("ref-sam"), EpisodePanels.MaagNorth.MemberAgencies);
        Assert.DoesNotContain(X, papers.Value.PapersFor);
        Assert.NotEmpty(papers.Value.PapersFor);
        Assert.False(sam.Judge(X, SharingPurpose.Panel).Granted);
        Assert.True((await w.EpisodeAsync(W.Amy)).PanelConsent().Judge(X, SharingPurpose.Panel).Granted); // Amy's family did not exclude it
        return Cell.Checked;
    }

    private static async Task<Cell> SiblingRoleAsync()
    {
        var w = await W.ArrangeAsync(Way.OnLinkedSibling);
        var sam = await w.SubjectAsync();
        AssertRefused(sam.AppointLeadProfessional(Teacher, CafCatalogue.Nominee(W.CamhsWorker), new PractitionerId("pr-s"), new FamilyAgreement("Agreed."), "Therapy."));
        var request = sam.SelectionRequest(Teacher) with { Candidates = [CafCatalogue.Nominee(W.CamhsWorker), CafCatalogue.Nominee(Teacher)] };
        var selection = new LeadProfessionalSelector(new LeadProfessionalOptions(), w.Seeds.Policy.Sharing).Select(request);
        Assert.False(selection.Ranked.Single(r => r.Candidate.Practitioner == W.CamhsWorker.Practitioner).IsEligible);
        return Cell.Checked;
    }

    // The sibling's exclusion ends the link on both episodes, in the register's answers and its specification.
    private static async Task SiblingFamilyAsync()
    {
        var w = await W.ArrangeAsync(Way.OnLinkedSibling);
        Assert.Empty(await w.Register.FamilyAsync(W.Group));
        Assert.Empty(await w.Store.ListAsync(new FamilyGroupSpec(W.Group)));
        var amy = await w.EpisodeAsync(W.Amy);
        Assert.Equal((X, "SHARE-01"), (Assert.IsType<UnlinkedFromFamilyGroup>(amy.Events[^1]).Agency, ((UnlinkedFromFamilyGroup)amy.Events[^1]).RuleId));
        Assert.Equal("SHARE-01", (await w.Register.LinkFamilyAsync(W.Group, HealthVisitor, [W.Amy, W.Sam])).Refusal.RuleId);
    }

    private static async System.Collections.Generic.IAsyncEnumerable<EpisodeReportRow> Rows(EpisodeReportRow row)
    {
        await Task.Yield();
        yield return row;
    }

    private static void AssertRefused(Result result)
    {
        Assert.True(result.IsRefused, "accepted, but the family excluded CAMHS");
        Assert.Contains(result.Refusal.RuleId, new[] { "SHARE-01", "LP-11" });
    }
}
