using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using Caf.Core.Panels;
using Caf.Core.Tests.Register;
using Xunit.Abstractions;

namespace Caf.Core.Tests.Adversarial;

/// <summary>
/// Issue 23: the one matrix of every entry point that hands over, lists or assigns (a standing grant or a flow) × the
/// seven ways the family's exclusion of an agency arises. Each row names the public members it stands for (the
/// reflection test <see cref="Every_public_entry_point_has_a_row_or_says_why_it_shares_nothing"/> fails when one has
/// neither a row nor a reason). A cell either asserts that the excluded agency is not named, handed anything or
/// accepted — in this file's own world (<see cref="StandingGrantWorld"/>) or by running the cell of the area's matrix
/// whose arrangement it shares (sharing paths, panels, roles, family links) — or says why it does not apply.
/// </summary>
public partial class StandingGrantMatrixTests(ITestOutputHelper output)
{
    /// <summary>How the exclusion of the agency (CAMHS; the school in the family-link tests) arises.</summary>
    public enum Way
    {
        /// <summary>The parent excludes it in the first consent.</summary>
        Before,

        /// <summary>It holds something (LP, plan, papers, an allocation, a role); the parent then excludes it.</summary>
        AfterByParent,

        /// <summary>As above, excluded by a competent young person's partial consent (Amy, 14).</summary>
        AfterByYoungPerson,

        /// <summary>Excluded, then a refusal, then full consent again: the exclusion stands (CONS-05).</summary>
        ThenRefusalThenConsent,

        /// <summary>Excluded, then refusals and an override (CONS-06: the episode closes; never a panel).</summary>
        ThenOverride,

        /// <summary>Excluded, then consent withdrawn (CONS-07).</summary>
        ThenWithdrawal,

        /// <summary>On a linked sibling's episode: the sibling's family excludes the agency that leads and serves the child.</summary>
        OnLinkedSibling,
    }

    private ITestOutputHelper Output => output;

    /// <summary>What a cell did: asserted, or why it does not apply.</summary>
    internal sealed record Cell(string? NotApplicable)
    {
        public static readonly Cell Checked = new((string?)null);

        public static Cell DoesNotApply(string why) => new(why);
    }

    /// <summary>One entry point (or a family of them sharing one arrangement), the members it stands for, and its cell.</summary>
    internal sealed record Row(string Area, string Name, string[] Members, Func<StandingGrantMatrixTests, Way, Task<Cell>> Run);

    public static TheoryData<string, Way> Cells()
    {
        var data = new TheoryData<string, Way>();
        foreach (var row in AllRows)
        {
            foreach (var way in Enum.GetValues<Way>())
            {
                data.Add(row.Name, way);
            }
        }

        return data;
    }

    [Trait("Rule", "SHARE-01")]
    [Trait("Rule", "SHARE-03")]
    [Trait("Rule", "CONS-05")]
    [Trait("Rule", "CONS-07")]
    [Theory]
    [MemberData(nameof(Cells))]
    public async Task The_excluded_agency_is_not_named_handed_or_accepted(string row, Way way)
    {
        var entry = AllRows.Single(r => r.Name == row);

        var cell = await entry.Run(this, way);

        output.WriteLine(cell.NotApplicable is { } why ? $"{entry.Area} | {row} × {way}: does not apply: {why}" : $"{entry.Area} | {row} × {way}: asserted");
        Assert.True(cell.NotApplicable is null || cell.NotApplicable.Length > 20, "a cell that does not apply says why");
    }

    /// <summary>The matrix as a table (rows × ways, "x" asserted, "-" does not apply): printed, and counted.</summary>
    [Fact]
    public async Task The_matrix_lists_every_row_against_all_seven_ways()
    {
        var ways = Enum.GetValues<Way>();
        Assert.Equal(7, ways.Length);
        var notApplicable = 0;
        foreach (var row in AllRows)
        {
            var marks = new List<string>();
            foreach (var way in ways)
            {
                var cell = await row.Run(this, way);
                notApplicable += cell.NotApplicable is null ? 0 : 1;
                marks.Add(cell.NotApplicable is null ? "x" : "-");
            }

            output.WriteLine($"| {row.Area} | {row.Name} | {string.Join(" | ", marks)} |");
        }

        output.WriteLine($"{AllRows.Length} rows × {ways.Length} ways; {notApplicable} cells do not apply (each says why).");
        Assert.True(notApplicable * 4 < AllRows.Length * ways.Length, "most cells assert");
    }

    // ----- Delegation to the areas' matrices (their arrangements, their assertions) -----

    private static T As<T>(Way way)
        where T : struct, Enum => Enum.Parse<T>(way.ToString());

    private static Row SharingPath(string name, params string[] members) => new("command (sharing path)", name, members, async (t, way) =>
    {
        if (way == Way.OnLinkedSibling)
        {
            return await t.SiblingCommandAsync(name);
        }

        await new SharingPathMatrixTests(t.Output).CellAsync(name, As<SharingPathMatrixTests.Way>(way));
        return Cell.Checked;
    });

    private static Row Panel(string name, params string[] members) => new("panel", name, members, async (t, way) =>
    {
        if (way == Way.OnLinkedSibling)
        {
            return await SiblingPanelAsync();
        }

        new RevocationPanelsTests().An_agency_excluded_in_any_way_is_never_named_by_a_panel_entry_point(name, As<RevocationPanelsTests.Way>(way));
        return Cell.Checked;
    });

    private static Row Role(string name, Action<RevocationRolesTests, RevocationRolesTests.Way> test, Way[] ways, string whyNot, params string[] members) =>
        new("role", name, members, async (t, way) =>
        {
            if (way == Way.OnLinkedSibling)
            {
                return await SiblingRoleAsync();
            }

            if (!ways.Contains(way))
            {
                return Cell.DoesNotApply(whyNot);
            }

            test(new RevocationRolesTests(), As<RevocationRolesTests.Way>(way));
            return Cell.Checked;
        });

    private static readonly Way[] AllButSibling = [Way.Before, Way.AfterByParent, Way.AfterByYoungPerson, Way.ThenRefusalThenConsent, Way.ThenOverride, Way.ThenWithdrawal];
    private static readonly Way[] OpenWays = [Way.Before, Way.AfterByParent, Way.AfterByYoungPerson, Way.ThenRefusalThenConsent];
    private static readonly Way[] AfterWays = [Way.AfterByParent, Way.AfterByYoungPerson, Way.ThenRefusalThenConsent];

    private static Row FamilyLink(string name, params string[] members) => new("family link", name, members, async (_, way) =>
    {
        var t = new FamilyLinkRevocationTests();
        switch (way)
        {
            case Way.Before: await t.REG03_an_exclusion_before_linking_refuses_the_link(); break;
            case Way.AfterByParent: await t.REG03_the_parent_excluding_the_siblings_lead_agency_afterwards_ends_the_link_on_both_episodes(); break;
            case Way.AfterByYoungPerson: await t.REG03_a_competent_young_persons_partial_consent_afterwards_ends_the_link(); break;
            case Way.ThenRefusalThenConsent: await t.REG03_exclusion_then_refusal_then_new_consent_the_link_stays_ended_and_cannot_be_made_again(); break;
            case Way.ThenOverride: await t.REG03_an_override_keeps_a_link_its_consent_covers_but_never_one_to_an_excluded_agency(); break;
            case Way.ThenWithdrawal: await t.REG03_a_withdrawal_ends_the_link(); break;
            default:
                await t.REG03_an_agency_one_sibling_excluded_joining_the_others_team_ends_the_link();
                await SiblingFamilyAsync();
                break;
        }

        return Cell.Checked;
    });

    private const string ClosedOrWithdrawn =
        "after an override the episode is closed (CLOSE-06) and after a withdrawal nothing is revised (CONS-07): no role is given, and the closure row covers both";

    private static readonly Row[] AllRows =
    [
        // Commands: every public command of the episode and the register (the sharing-path matrix's arrangement).
        SharingPath("register: is a CAF open? (asked by CAMHS)", "CafRegister.FindOpenAsync"),
        SharingPath("register: is a CAF open? by NHS number (asked by CAMHS, LAW-03)", "CafRegister.FindOpenAsync"),
        SharingPath("register: CAMHS reads the episode on consent (LAW-04)", "CafRegister.ReadAsync"),
        SharingPath("register: the child's history for CAMHS on consent, by id or NHS number (LAW-03/04)", "CafRegister.HistoryOfAsync"),
        SharingPath("audited store reads by CAMHS on consent (LAW-04)",
            "AuditedEpisodeReads.GetAsync", "AuditedEpisodeReads.ListAsync", "AuditedEpisodeReads.GetReportRowAsync", "AuditedEpisodeReads.StreamReportRowsAsync",
            "AuditedEpisodeReads.StreamAllReportRowsAsync", "AuditedEpisodeReads.FamilySharingAsync"),
        SharingPath("register: a family group's episodes for CAMHS on consent (LAW-04)", "CafRegister.FamilyAsync"),
        SharingPath("register: new concern (by CAMHS)", "CafRegister.IdentifyConcernAsync", "CafRegister.RegisterStepDownAsync"),
        SharingPath("LP: nominate CAMHS", "CafEpisode.NominateLeadProfessional", "CafEpisode.ConfirmNomination", "CafEpisode.RecordFamilyAgreement"),
        SharingPath("LP: appoint CAMHS", "CafEpisode.AppointLeadProfessional"),
        SharingPath("plan: CAMHS delivers", "CafEpisode.AgreePlan"),
        SharingPath("revision: CAMHS keeps or gets an action", "CafEpisode.RevisePlan"),
        SharingPath("review: a new action for CAMHS", "CafEpisode.HoldReview"),
        SharingPath("step-down TAC confirms CAMHS as LP and on the plan", "CafEpisode.RecordStepDownTacDecision"),
        SharingPath("assessment and next steps (LP receives)", "CafEpisode.StartAssessment", "CafEpisode.CompleteAssessment", "CafEpisode.ChooseNextStep", "CafEpisode.RequireReassessment"),
        SharingPath("review (LP and plan agencies receive)", "CafEpisode.HoldReview"),
        SharingPath("panel referral (papers; CAMHS sits on the panel)", "CafEpisode.ReferToPanel"),
        SharingPath("panel decision sheet allocates CAMHS", "CafEpisode.RecordPanelDecision"),
        SharingPath("panel decision sheet recommends a CAMHS worker as LP", "CafEpisode.RecordPanelDecision", "CafEpisode.PanelRecommendedLeadProfessional"),
        SharingPath("closure (the LP records it)", "CafEpisode.Close"),
        SharingPath("transfer out of area", "CafEpisode.TransferOut", "CafRegister.TransferOutAsync"),
        SharingPath("transfer to another authority of the host whose early-help service is CAMHS (RET-02)", "CafAuthorities.TransferAsync"),
        SharingPath("a CAMHS practitioner records work", "CafEpisode.RecordConsent", "CafEpisode.LiftExclusion", "CafEpisode.WithdrawConsent", "CafEpisode.OverrideConsent"),
        SharingPath("stored history that hands CAMHS the LP role", "CafEpisode.Rebuild", "EpisodeJson.Deserialize", "EpisodeJson.FromSnapshot", "EpisodeJson.DeserializeEvent"),
        SharingPath("stored event after a snapshot that hands CAMHS the LP role", "CafEpisode.ReplayStored"),
        SharingPath("outcomes questionnaire recorded by CAMHS", "CafEpisode.RecordOutcomesQuestionnaire", "CafEpisode.OutcomesCompletions"),
        SharingPath("a step-up (shares nothing with CAMHS)", "CafEpisode.StepUp"),
        SharingPath("the completed CAF sent to CAMHS as its referral (LIFE-13)", "CafEpisode.ReferToAgencyWithCaf", "CafEpisode.AgencyReferrals"),
        SharingPath("statutory duty: a disclosure to CAMHS on a recorded consideration", "CafEpisode.ConsiderDutyToShare"),
        SharingPath("statutory duty: a disclosure judged more detrimental is not made", "CafEpisode.ConsiderDutyToShare"),

        SharingPath("family and environmental part recorded by CAMHS for the family", "CafEpisode.RecordFamilyAssessment", "CafEpisode.FamilyAssessment"),
        SharingPath("family and environmental part reused for CAMHS from a sibling's CAF", "CafRegister.ReuseFamilyAssessmentAsync"),

        // Panels: papers and allocations decided when they flow (the panel matrix's arrangement).
        Panel("slot request: new case (episode)", "CafEpisode.ToPanelSlotRequest", "PanelSlotRequest.NewCase", "CafEpisode.PanelConsent", "CafEpisode.CurrentPanelReferral"),
        Panel("slot request: re-presentation (episode)", "CafEpisode.ToPanelSlotRequest"),
        Panel("slot request: re-presentation (decision)", "PanelDecision.RePresentation", "CafEpisode.JudgePanelPapers", "PanelDecision.RePresent"),
        Panel("slot request: progress review", "PanelDecision.ProgressReview", "PanelDecision.Allocate", "PanelDecision.Allocates"),
        Panel("slot request: waiting-list return", "PanelAftercare.WaitingListReturn"),
        Panel("slot request: re-hearing", "PanelReHearing.ToSlotRequest", "PanelReHearingRequest.Raise", "PanelReHearingRequest.Answer"),
        Panel("agenda papers (a stored booking listing CAMHS)", "PanelAgenda.IssuePapers", "PanelScheduler.Schedule"),
        Panel("agenda papers after a re-presentation", "PanelAgenda.IssuePapers"),
        Panel("quarterly aftercare audit: services asked to confirm", "PanelAftercare.QuarterlyAudit"),
        Panel("service start: CAMHS confirms (episode)", "CafEpisode.ConfirmServiceStart"),
        Panel("service start: CAMHS confirms (aftercare)", "PanelAftercare.ConfirmStart"),
        Panel("slot request: progress review (episode)", "CafEpisode.ToProgressReviewSlotRequest", "CafEpisode.ReportProgressToPanel"),
        Panel("slot request: waiting-list return (episode)", "CafEpisode.ReturnFromWaitingList"),
        Panel("slot request: re-hearing (episode)", "CafEpisode.RequestReHearing", "CafEpisode.AnswerReHearing"),
        Panel("to CAMHS: quarterly audit answer (episode)", "CafEpisode.RecordAllocationAudit"),
        Panel("to CAMHS: disagreement taken up (episode)", "CafEpisode.RecordServiceDisagreement"),
        Panel("standing grants", "CafEpisode.PanelReferrals"),
        Panel("standing grants while awaiting", "CafEpisode.PanelReferrals"),

        // Roles (the roles matrix's arrangement: the CAMHS worker recorded on the episode).
        Role("review chair and note-taker", (t, w) => t.A_review_chaired_or_noted_by_a_practitioner_recorded_at_the_excluded_agency_is_refused(w), AllButSibling, "", "CafEpisode.ReviewsOfCurrentPlan"),
        Role("closure agreement (CLOSE-C3)", (t, w) => t.A_closure_agreed_by_a_practitioner_recorded_at_the_excluded_agency_is_refused(w), AllButSibling, "", "CafEpisode.ClosureProblems", "CafEpisode.ClosureFactsFor"),
        Role("C3 closure with a suspended action: revise the plan first", (t, w) => t.A_C3_closure_with_a_suspended_action_says_revise_the_plan_first_not_ask_the_excluded_agency(w), AfterWays,
            "no suspended action: excluded before, CAMHS never owned one; after an override the episode is closed; after a withdrawal the closure is 'consent withdrawn', which asks nobody (the closure-agreement row)"),
        Role("nominee, supervisor, action owner under another agency", (t, w) => t.No_role_accepts_a_practitioner_recorded_at_the_excluded_agency_under_another_agency(w), OpenWays, ClosedOrWithdrawn,
            "CafEpisode.PendingNomination", "CafEpisode.LeadProfessionalHistory"),
        Role("lead-professional selector", (t, w) => t.The_selector_judges_the_consent_in_force_when_it_selects_not_when_the_request_was_made(w), AllButSibling, "",
            "CafEpisode.SelectionRequest", "LeadProfessionalSelector.Select", "LeadProfessionalSelector.SelectAsync", "CafEpisode.FamilyPreferredLeadProfessional"),
        Role("policy what-if (lead-professional ranking)", (t, w) => t.The_what_if_ranks_a_stale_request_under_the_episodes_consent_in_force(w), AfterWays,
            "the what-if ranks a request made before the exclusion: excluded before there is no stale request; after an override or a withdrawal the episode is closed or stopped and ranks no lead professional (the selector row judges CAMHS out in every way)",
            "PolicyWhatIf.Compare"),

        // Family links (the family-link matrix's arrangement: the school, leading Sam, is the excluded agency).
        FamilyLink("family link (made, kept, ended)", "CafRegister.LinkFamilyAsync", "CafRegister.ExecuteAsync", "CafEpisode.FamilyGroup"),
        FamilyLink("family group (register answer and specification)", "CafRegister.FamilyAsync", "FamilyGroupSpec"),

        // This file's own world: derived lists, specifications, register answers, reports, the UI port, the outbox.
        .. OwnRows,
    ];
}
