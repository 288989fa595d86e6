using System;
using Caf.Core.AspNetCore;
using Caf.Core.Lifecycle;
using Caf.Core.Panels;
using Caf.Core.Primitives;

namespace Microsoft.AspNetCore.Routing;

/// <content>
/// The commands issue 28 added, each behind the same gate as every command (<see cref="CafEpisodeEndpoints.MapCafCommand{TBody}"/>):
/// a missing or malformed field is 400 naming it, a refusal is problem details with the rule id and field.
/// </content>
public static partial class CafEpisodeEndpoints
{
    private static void MapParticipationCommands(RouteGroupBuilder group)
    {
        group.MapCafCommand<NextStepsReviewRequest>("/{id}/next-steps-review", EpisodeAction.ReviewNextSteps, (episode, caller, body) =>
            episode.ReviewNextSteps(caller, new PractitionerId(body.Supervisor!), new PractitionerId(body.CafLead!), body.HeldOn, body.Agreed!));
        group.MapCafCommand<AgencyReferralRequest>("/{id}/agency-referral", EpisodeAction.ReferToAgencyWithCaf, (episode, caller, body) =>
            episode.ReferToAgencyWithCaf(caller, body.Service!, new AgencyId(body.Agency!), body.Reason!));
        group.MapCafCommand<FamilyCopyRequest>("/{id}/family-copy", EpisodeAction.GiveFamilyCopy, (episode, caller, body) =>
            episode.GiveFamilyCopy(caller, body.GivenTo!, body.AssessmentIncluded, body.PlanVersion, body.How!));
        group.MapCafCommand<StepDownTacRequestRequest>("/{id}/step-down-tac/request", EpisodeAction.RequestStepDownTac, (episode, caller, body) =>
            episode.RequestStepDownTac(caller, body.RequestedBy!, body.Role, body.Reason!));

        group.MapCafCommand<ReHearingRequest>("/{id}/panel/rehearing", EpisodeAction.RequestReHearing, (episode, caller, body) =>
            episode.RequestReHearing(caller, Referral(body), body.RaisedBy, body.Reason!));
        group.MapCafCommand<ReHearingAnswerRequest>("/{id}/panel/rehearing-answer", EpisodeAction.AnswerReHearing, (episode, caller, body) =>
            episode.AnswerReHearing(caller, Referral(body), body.Chair!, body.Outcome, body.Note));
        group.MapCafCommand<WaitingListReturnRequest>("/{id}/panel/waiting-list-return", EpisodeAction.ReturnFromWaitingList, (episode, caller, body) =>
            episode.ReturnFromWaitingList(caller, Referral(body), new AgencyId(body.Agency!), body.Reason!));
        group.MapCafCommand<AllocationAuditRequest>("/{id}/panel/allocation-audit", EpisodeAction.RecordAllocationAudit, (episode, caller, body) =>
            episode.RecordAllocationAudit(caller, Referral(body), new AgencyId(body.Agency!), body.AuditDate, body.AllocationMade, body.StartDate, body.Note));
        group.MapCafCommand<DecisionSharedRequest>("/{id}/panel/decision-shared", EpisodeAction.RecordDecisionSharedWithFamily, (episode, caller, body) =>
            episode.RecordDecisionSharedWithFamily(caller, Referral(body), body.How!));
        group.MapCafCommand<ServiceDisagreementRequest>("/{id}/panel/service-disagreement", EpisodeAction.RecordServiceDisagreement, (episode, caller, body) =>
            episode.RecordServiceDisagreement(caller, Referral(body), new AgencyId(body.Agency!), body.Step, body.RaisedBy, body.Details!));
        group.MapCafCommand<ProgressReportRequest>("/{id}/panel/progress-report", EpisodeAction.ReportProgressToPanel, (episode, caller, body) =>
            episode.ReportProgressToPanel(caller, Referral(body), new PanelMeeting(new PanelId(body.Panel!), body.Area!, body.MeetingDate), body.Progress!));
    }

    // A missing referral id is misuse of the endpoint: the id's own check throws ArgumentException, answered 400 naming it.
    private static PanelReferralId Referral(PanelReferralRequest body)
    {
        ArgumentNullException.ThrowIfNull(body);
        return new PanelReferralId(body.Referral!);
    }
}
