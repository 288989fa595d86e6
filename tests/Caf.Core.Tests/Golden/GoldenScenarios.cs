using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Globalization;
using System.Linq;
using Caf.Core.Events;
using Caf.Core.Lifecycle;
using Caf.Core.Lifecycle.Events;
using Caf.Core.Primitives;
using Caf.Core.Reporting;
using Caf.Core.Testing;
using Caf.Core.Thresholds;

namespace Caf.Core.Tests.Golden;

/// <summary>
/// The situations the golden corpus was recorded from (schema 2, 2026; family-link-revoked from schema 3): each a sequence of the Caf.Core.Testing
/// commands on a <see cref="CafTestWorld"/> whose clock starts on Monday 2 March 2026 09:00 UTC and moves one day
/// before every command. Only the generator (<see cref="GoldenCorpusWriter"/>) runs them; the corpus test reads the
/// stored documents, never these.
/// </summary>
internal static class GoldenScenarios
{
    public sealed record Scenario(string Name, Func<CafTestWorld, CafEpisode> Build);

    private static readonly global::Caf.Core.Panels.PanelReferralId Ref1 = new("ref-1");

    public static ImmutableArray<Scenario> All { get; } =
    [
        // A concern, consent, assessment, multi-agency support with the health visitor as lead professional, a plan,
        // an insufficient then a sufficient review, the plan revised, a closing review, and closure by the LP (C1).
        new("closed-after-reviews", w => Run(w, w.IdentifyConcern(),
            "consent: mother written", "start assessment", "complete assessment", "choose multi-agency",
            "appoint health visitor", "agree plan: school + health + family", "review: insufficient", "review: sufficient",
            "revise plan: add the family action", "review: most outcomes achieved, closing", "close: C1 multi-agency (by the LP)")),

        // A potential CAF registered from CAMHS's step-down; consent; the step-down TAC continues with the health visitor and a plan.
        new("step-down-tac", w => Run(w, w.RegisterStepDown(),
            "consent: mother written", "step-down TAC: continue with the health visitor", "review: sufficient")),

        // Referred to MAAG North; the panel allocates the youth service and health visiting and recommends the health
        // visitor; the youth service confirms its start; the child completes the outcomes questionnaire twice.
        new("panel-referral", w => Run(w, w.IdentifyConcern(),
            "consent: mother written", "start assessment", "complete assessment", "outcomes questionnaire: all OK", "refer to panel",
            "panel decision: youth service and health visiting, the health visitor as LP", "youth service confirms its start",
            "outcomes questionnaire: all good")),

        // Consent excluding CAMHS, the exclusion lifted, the assessment started, consent withdrawn, then overridden.
        new("consent-withdrawn-overridden", w => Run(w, w.IdentifyConcern(),
            "consent: mother written excluding CAMHS", "consent: mother lifts the CAMHS exclusion", "start assessment",
            "withdraw consent", "override consent")),

        // Plan active, an insufficient review, reassessment required, then stepped up to children's social care.
        new("reassessment-step-up", w => Run(w, w.IdentifyConcern(),
            "consent: mother written", "start assessment", "complete assessment", "choose single agency",
            "appoint health visitor", "agree plan: school + family", "review: insufficient", "require reassessment", "step up")),

        // Linked to the Smith family group by the register, then transferred out to Leeds.
        new("family-link-transfer", w => Run(w, w.IdentifyConcern(),
            "consent: mother verbal", "start assessment", "link family", "transfer out")),

        // Schema 3 on: linked to the Smith family group, then the link ended by the register (REG-03) because a
        // sibling's family excluded CAMHS, which serves this child.
        new("family-link-revoked", w => Run(w, w.IdentifyConcern(),
            "consent: mother verbal", "start assessment", "link family", "unlink family: CAMHS excluded by a sibling's family")),

        // Schema 3 on (issue 28, STEP-04): a potential CAF from CAMHS's step-down; the mother asks for a step-down TAC
        // meeting; children's social care's final child-in-need review stands as the TAC and continues with a plan.
        new("step-down-tac-requested", w => Run(w, w.RegisterStepDown(),
            "consent: mother written", "the mother asks for a step-down TAC meeting", "final child-in-need review as the TAC: continue with the health visitor")),

        // Schema 3 on (issue 28, PANEL-06..10): referred to MAAG North, which allocates the youth service and health
        // visiting; the teacher (the referrer) shares the decision sheet with the mother; the family's re-hearing request
        // is declined; the youth service answers the quarterly audit; a disagreement about mentoring is taken up with the
        // youth service; the lead professional reports progress to the next meeting; health visiting's waiting list
        // brings the referral back to the panel.
        new("panel-aftercare", w => Run(w, w.IdentifyConcern(),
            "consent: mother written", "start assessment", "complete assessment", "refer to panel",
            "panel decision: youth service and health visiting, the health visitor as LP", "decision sheet shared with the family",
            "re-hearing requested by the family", "re-hearing declined", "quarterly audit: the youth service started",
            "disagreement about mentoring taken up with the youth service", "progress reported to the next meeting",
            "waiting list: health visiting")),

        // Schema 3 on (issue 28): the next steps reviewed with the supervisor and the CAF lead (LIFE-14), the completed CAF
        // sent to the youth service as its referral (LIFE-13), a plan, and the family given their copy (CONS-09).
        new("caf-referral-family-copy", w => Run(w, w.IdentifyConcern(),
            "consent: mother written", "start assessment", "review next steps", "complete assessment", "choose single agency",
            "refer to the youth service with the CAF", "agree plan: school + family", "give the family their copy")),

        // Schema 3 on (REG-03): linked to the Smith family group, the family and environmental part recorded once for the
        // family on this CAF, then a newer part a sibling's CAF recorded reused here through the sharing gate.
        new("family-assessment-shared", w => Run(w, w.IdentifyConcern(),
            "consent: mother verbal", "start assessment", "link family", "record the family part", "reuse a sibling's family part")),

        // Schema 3 on (issue 28: CONS-09, PLAN-05, LP-12): consent recorded as explained, the absent father not involved
        // and why, the health visitor as lead professional, a plan saying how Amy took part whose school action is within
        // its owner's competence and whose budget the school holds, and a review saying how Amy took part.
        new("lead-professional-limits", w => Run(w, w.IdentifyConcern(),
            "consent: mother written", "start assessment", "complete assessment: the absent father not involved (PLAN-05)", "choose multi-agency",
            "appoint health visitor", "agree plan: the school holds the breakfast club budget (LP-12)", "review: sufficient")),

        // Schema 3 on (issue 29, RET-02): the child moves to Kirklees, served by the same host; the episode is transferred
        // to it through the sharing gate for Kirklees's early-help service (the sending side).
        new("transfer-to-authority", w => Run(w, w.IdentifyConcern(),
            "consent: mother verbal", "start assessment", "transfer to kirklees")),

        // Schema 3 on (issue 29, RET-02): the receiving side: an episode opened by Leeds's transfer of its episode ep-leeds-7
        // (the child's identity and contact received, not the needs), then consent and an assessment of this authority's own.
        new("transferred-in", w => Run(w, TransferredIn(w),
            "consent: mother written", "start assessment")),
    ];

    private static readonly AuthorityId Kirklees = new("kirklees");

    private static CafEpisode TransferredIn(CafTestWorld w)
    {
        var sending = new EpisodeId("ep-leeds-7");
        var sent = new EpisodeTransferredToAuthority(sending, w.Time.GetUtcNow().AddHours(-1), CafCatalogue.Teacher, w.Policy.Authority.Value,
            Caf.Core.Register.AuthorityTransfer.ReceivingId(sending, w.Policy.Authority), new AgencyId("default-early-help"), "The family moved here from Leeds.",
            global::Caf.Core.Consent.InformationCategories.Identity | global::Caf.Core.Consent.InformationCategories.Contact);
        return CafEpisode.OpenFromTransfer(w.Policy, new AuthorityId("leeds"), sent, w.NineYearOld(), "Falling attendance and withdrawn in class.");
    }

    /// <summary>The settings the report rows were projected with: the school is a primary school, every other agency "other".</summary>
    public static InitiatingSetting SettingOf(AgencyId agency) =>
        agency == CafCatalogue.School ? InitiatingSetting.PrimarySchool : InitiatingSetting.Other;

    /// <summary>The default framework (report rows name its domains and national codes).</summary>
    public static ThresholdFramework Framework { get; } = new ThresholdFrameworkLoader().LoadDefault().Framework;

    private static CafEpisode Run(CafTestWorld world, CafEpisode episode, params string[] commands)
    {
        foreach (var name in commands)
        {
            world.Advance(TimeSpan.FromDays(1));
            var result = name switch
            {
                "link family" => episode.LinkToFamily(CafCatalogue.Teacher, "family-smith"),
                "transfer to kirklees" => episode.TransferToAuthority(CafCatalogue.Teacher, Kirklees, Caf.Core.Register.AuthorityTransfer.ReceivingId(episode.Id, Kirklees),
                    new AgencyId("kirklees-early-help"), "The family moved to Huddersfield.",
                    episode.TransferDecision(CafCatalogue.Teacher, new AgencyId("kirklees-early-help")).Categories | global::Caf.Core.Consent.InformationCategories.Identity),
                "review next steps" => episode.ReviewNextSteps(CafCatalogue.Teacher, new PractitionerId("pr-head-of-year"), new PractitionerId("pr-caf-lead-north"),
                    world.Today, "Refer to the youth service with the CAF; the teacher stays lead professional."),
                "refer to the youth service with the CAF" => episode.ReferToAgencyWithCaf(CafCatalogue.Teacher, "Saturday mentoring", CafCatalogue.YouthService,
                    "Amy asked for a mentor outside school."),
                "give the family their copy" => episode.GiveFamilyCopy(CafCatalogue.Teacher, "Ms Smith", true, 1, "By hand at the plan meeting"),

                "record the family part" => episode.RecordFamilyAssessment(CafCatalogue.Teacher, FamilyPart("Mum says the flat is damp and money is tight since the move."),
                    "Met Mrs Smith at home with both children."),
                "reuse a sibling's family part" => episode.ReuseFamilyAssessment(CafCatalogue.HealthVisitor, new EpisodeId("ep-sibling"),
                    new FamilyAssessmentRecorded(new EpisodeId("ep-sibling"), world.Time.GetUtcNow().AddHours(-2), CafCatalogue.HealthVisitor, "family-smith",
                        FamilyPart("Housing officer visited: the family is on the transfer list."), "Updated after the housing visit."),
                    "Sam's assessment uses the family's part recorded on his sister's CAF."),
                "unlink family: CAMHS excluded by a sibling's family" => episode.UnlinkFromFamily(CafCatalogue.Teacher, CafCatalogue.Camhs, "REG-03",
                    "Revoked (REG-03): a sibling's family excluded camhs, which serves this child."),
                "the mother asks for a step-down TAC meeting" => episode.RequestStepDownTac(CafCatalogue.Teacher, "Mrs Smith, Amy's mother",
                    global::Caf.Core.Consent.ConsentGiverRole.ParentWithParentalResponsibility,
                    "Mum wants everyone round the table before CAMHS closes."),
                "final child-in-need review as the TAC: continue with the health visitor" => episode.RecordStepDownTacDecision(CafCatalogue.Teacher,
                    global::Caf.Core.StepDown.StepDownTacDecision.ContinueWith(CafCatalogue.Nominee(CafCatalogue.HealthVisitor), CafCatalogue.Supervisor,
                        new global::Caf.Core.LeadProfessional.FamilyAgreement("Mum agreed at the review."), EpisodePlans.MultiAgency(world.Today), true, true)
                    with { HeldAs = global::Caf.Core.StepDown.SpecialistClosingMeeting.FinalChildInNeedReview },
                    "The final child-in-need review stood as the step-down TAC: ongoing support."),
                "decision sheet shared with the family" => episode.RecordDecisionSharedWithFamily(CafCatalogue.Teacher, Ref1, "Went through it with mum at the school gate."),
                "re-hearing requested by the family" => episode.RequestReHearing(CafCatalogue.Teacher, Ref1, global::Caf.Core.Panels.PanelDisagreementParty.Family, "Mum asked for family support, not mentoring."),
                "re-hearing declined" => episode.AnswerReHearing(CafCatalogue.Teacher, Ref1, "Chair, MAAG North", global::Caf.Core.Panels.PanelReHearingOutcome.Declined, "Family support has no capacity; mentoring stands."),
                "quarterly audit: the youth service started" => episode.RecordAllocationAudit(CafCatalogue.Teacher, Ref1, CafCatalogue.YouthService, world.Today, true, world.Today.AddDays(-2), "Mentoring started."),
                "disagreement about mentoring taken up with the youth service" => episode.RecordServiceDisagreement(CafCatalogue.Teacher, Ref1, CafCatalogue.YouthService,
                    global::Caf.Core.Panels.ServiceDisagreementStep.TakenUpWithAgency, global::Caf.Core.Panels.PanelDisagreementParty.Family, "Mum says the mentor keeps cancelling."),
                "progress reported to the next meeting" => episode.ReportProgressToPanel(CafCatalogue.Teacher, Ref1,
                    new global::Caf.Core.Panels.PanelMeeting(EpisodePanels.MaagNorth.Id, "north", world.Today), "Attendance up to 92%."),
                "waiting list: health visiting" => episode.ReturnFromWaitingList(CafCatalogue.Teacher, Ref1, CafCatalogue.HealthVisiting, "Ten weeks' wait: too long for mum."),
                _ => Testing.EpisodeCommands.Named(name).Run(episode, world.Today),
            };
            if (result.IsRefused)
            {
                throw new InvalidOperationException($"{name}: {result.Refusal}");
            }
        }

        return episode;
    }

    private static Caf.Core.Register.FamilyAssessment FamilyPart(string summary) =>
        Caf.Core.Register.FamilyAssessment.From(Framework, ["BFD-12"], summary).Value;

    /// <summary>The facts of an episode the corpus compares, each as readable text.</summary>
    public static SortedDictionary<string, string> Facts(CafEpisode e)
    {
        static string D(DateTimeOffset? t) => t is { } v ? v.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture) : "none";
        static string Day(DateOnly? d) => d is { } v ? v.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) : "none";
        return new(StringComparer.Ordinal)
        {
            ["episodeId"] = e.Id.Value,
            ["state"] = e.State.ToString(),
            ["version"] = e.Version.ToString(CultureInfo.InvariantCulture),
            ["events"] = string.Join(", ", e.Events.Select(x => x.GetType().Name)),
            ["openedAt"] = D(e.OpenedAt),
            ["lastEventAt"] = D(e.Events[^1].OccurredAt),
            ["leadProfessional"] = $"{e.LeadProfessional.Practitioner.Value} ({e.LeadProfessional.Agency.Value}){(e.LeadProfessional.IsInterim ? ", interim" : "")}",
            ["planActions"] = e.Plan is { } p ? string.Join(", ", p.Actions.Select(a => a.Id)) : "no plan",
            ["planVersions"] = e.Plans.Versions.Length.ToString(CultureInfo.InvariantCulture),
            ["reviewCount"] = e.ReviewCount.ToString(CultureInfo.InvariantCulture),
            ["reviewsOfCurrentPlan"] = string.Join(", ", e.ReviewsOfCurrentPlan.Select(r => $"{Day(r.HeldOn)} {r.OverallProgress}")),
            ["nextReviewDue"] = Day(e.NextReviewDue),
            ["closure"] = e.Closure is { } c ? $"{c.Outcome} at {D(c.ClosedAt)} ({c.RuleId})" : "none",
            ["consent"] = $"records {e.Consent.Records.Length}, excludes [{string.Join(", ", e.Consent.Exclusions.Select(x => x.Agency.Value))}], withdrawn {e.Consent.IsWithdrawn}, overridden {e.Consent.IsOverridden}",
            ["reassessmentRequired"] = e.IsReassessmentRequired.ToString(),
            ["panelReferrals"] = string.Join("; ", e.PanelReferrals.Select(r =>
                $"{r.Referral.Id.Value}: decisions {r.Decisions.Length}, allocated [{string.Join(", ", r.Allocations.Select(a => a.Agency.Value))}], started [{string.Join(", ", r.StartConfirmations.Select(s => s.Agency.Value))}]")),
            ["outcomesCompletions"] = e.OutcomesCompletions.Length.ToString(CultureInfo.InvariantCulture),
            ["stepDown"] = e.StepDown is { } s ? $"{s.SpecialistService}; TAC {(e.StepDownTacDecision is { } t ? t.Outcome.ToString() : "none")}" : "none",
            ["transferredTo"] = e.TransferredTo ?? "none",
            ["familyGroup"] = e.FamilyGroup ?? "none",
        };
    }

    /// <summary>The facts of a report row the corpus compares.</summary>
    public static SortedDictionary<string, string> Facts(EpisodeReportRow r)
    {
        static string Day(DateOnly? d) => d is { } v ? v.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) : "none";
        return new(StringComparer.Ordinal)
        {
            ["episodeId"] = r.EpisodeId.Value,
            ["childId"] = r.ChildId.Value,
            ["openedOn"] = Day(r.OpenedOn),
            ["intentToCaf"] = r.IntentToCaf.ToString(),
            ["initiatingAgency"] = r.InitiatingAgency.Value,
            ["initiatingSetting"] = r.InitiatingSetting.ToString(),
            ["ageBandAtOpening"] = r.AgeBandAtOpening.ToString(),
            ["needs"] = string.Join(", ", r.Needs.Select(n => n.IndicatorId)),
            ["closedOn"] = Day(r.ClosedOn),
            ["closureOutcomeCode"] = r.ClosureOutcomeCode ?? "none",
            ["closureCategory"] = r.ClosureCategory ?? "none",
            ["leadProfessionalAgency"] = r.LeadProfessionalAgency?.Value ?? "none",
            ["assessmentStartedOn"] = Day(r.AssessmentStartedOn),
            ["assessmentCompletedOn"] = Day(r.AssessmentCompletedOn),
            ["assessmentDueOn"] = Day(r.AssessmentDueOn),
            ["nextReviewDue"] = Day(r.NextReviewDue),
            ["panelReferrals"] = r.PanelReferrals.Length.ToString(CultureInfo.InvariantCulture),
            ["excludedAgencies"] = string.Join(", ", r.ExcludedAgencies.Select(a => a.Value)),
            ["outcomes"] = r.Outcomes is null ? "none" : "recorded",
        };
    }

    /// <summary>The facts of a single event the corpus compares.</summary>
    public static SortedDictionary<string, string> EventFacts(CafEvent e) => new(StringComparer.Ordinal)
    {
        ["type"] = TypeOf(e),
        ["episodeId"] = e.EpisodeId.Value,
        ["occurredAt"] = e.OccurredAt.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", CultureInfo.InvariantCulture),
        ["actor"] = $"{e.Actor.Practitioner.Value} ({e.Actor.Agency.Value})",
    };

    /// <summary>The stable JSON type of an event (its discriminator).</summary>
    public static string TypeOf(CafEvent e) =>
        ((System.Text.Json.Serialization.JsonDerivedTypeAttribute[])Attribute.GetCustomAttributes(typeof(CafEvent), typeof(System.Text.Json.Serialization.JsonDerivedTypeAttribute)))
        .Single(a => a.DerivedType == e.GetType()).TypeDiscriminator!.ToString()!;
}
