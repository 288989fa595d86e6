using System;
using Caf.Core.Closure;
using Caf.Core.Events;
using Caf.Core.Lifecycle.Events;

namespace Caf.Core.Lifecycle;

/// <summary>Applying an event that passed every check: the only place the episode's facts change.</summary>
public sealed partial class CafEpisode
{
    private void Apply(CafEvent e)
    {
        switch (e)
        {
            case ConsentRecorded c:
                _consent = _consent.With(c.Record);
                break;
            case ConsentExclusionLifted l:
                _consent = _consent.WithExclusionLifted(l.Lift);
                break;
            case AssessmentStarted s:
                if (AssessmentStartedAt is null && StepDown is not null && ReassessmentRequiredAt is null)
                {
                    // LIFE-06: a step-down potential CAF has no assessment due until one is actually started; its
                    // timescale runs from that day under the version in effect then.
                    _assessmentTimescaleMonths = _rules.AssessmentTimescaleMonths;
                }

                AssessmentStartedAt ??= s.OccurredAt;
                break;
            case AssessmentCompleted a:
                Assessment = a.Summary;
                AssessmentCompletedAt = a.OccurredAt;
                break;
            case NextStepChosen n:
                NextStep = n.Step;
                if (n.Step == Lifecycle.NextStep.NoFurtherAction)
                {
                    Closure = new ClosureRecord(ClosureOutcome.ResolvedOther, "No further action after assessment: " + n.Reason, n.OccurredAt, "CLOSE-09");
                }

                break;
            case ReferredToPanel or PanelDecisionRecorded or PanelServiceStartConfirmed:
                ApplyPanel(e);
                break;
            case LeadProfessionalNominated n:
                PendingNomination = new LeadProfessionalNomination(n.Practitioner, n.Agency, n.Reason, n.OccurredAt, null, null);
                break;
            case NominationConfirmedBySupervisor c:
                CompleteNominationIfReady(PendingNomination! with { ConfirmedBySupervisor = c.Supervisor }, c.OccurredAt);
                break;
            case NominationAgreedByFamily a:
                CompleteNominationIfReady(PendingNomination! with { FamilyAgreement = a.Agreement }, a.OccurredAt);
                break;
            case PlanAgreed p:
                ApplyPlan(p.Plan);
                break;
            case PlanRevised p:
                ApplyPlan(p.Plan, p.RestartsReviewCount ?? true); // REV-03: null = stored before, when every revision restarted it
                break;
            case ReviewHeld r:
                ApplyReview(r);
                break;
            case ReassessmentRequired r:
                _reassessedSinceCountStarted = true;
                NextReviewDue = null;
                AssessmentCompletedAt = null;
                if (!(IsReassessmentRequired && ReassessmentRequiredAt is not null))
                {
                    ReassessmentRequiredAt = r.OccurredAt;
                    _assessmentTimescaleMonths = _rules.AssessmentTimescaleMonths; // LIFE-06 under the version that required it
                }

                break;
            case StepDownTacDecided d:
                ApplyStepDownTac(d);
                break;
            case SteppedUp s:
                Closure = new ClosureRecord(ClosureOutcome.SteppedUp, $"Stepped up to {s.SpecialistService}: {s.Reason}", s.OccurredAt, "CLOSE-07");
                break;
            case ConsentWithdrawalRecorded w:
                _consent = _consent.WithWithdrawal(w.Withdrawal);
                break;
            case ConsentOverrideRecorded o:
                _consent = _consent.WithOverride(o.Override);
                Closure = new ClosureRecord(ClosureOutcome.ConsentOverridden, o.Override.SafeguardingJustification, o.OccurredAt, "CLOSE-06");
                break;
            case EpisodeClosed c:
                ApplyClosure(c);
                break;
            case EpisodeTransferredOut t:
                TransferredTo = t.ReceivingAuthority;
                TransferredAt = t.OccurredAt;
                break;
            case EpisodeTransferredToAuthority t:
                TransferredTo = t.ReceivingAuthority;
                TransferredAt = t.OccurredAt;
                TransferredToEpisode = t.ReceivingEpisode;
                break;
            case EpisodeTransferredIn t:
                TransferredFromAuthority = t.SendingAuthority;
                TransferredFromEpisode = t.SendingEpisode;
                break;
            case LinkedToFamilyGroup f:
                FamilyGroup = f.FamilyGroup;
                break;
            case UnlinkedFromFamilyGroup:
                FamilyGroup = null;
                break;
            case StepDownTacRequested r:
                StepDownTacRequest = r;
                break;
            case PanelReHearingRequested or PanelReHearingAnswered or PanelWaitingListReturned or PanelAllocationAudited
                or PanelDecisionSharedWithFamily or ServiceDisagreementRecorded or PanelProgressReported:
                ApplyAftercare(e);
                break;
            case FamilyAssessmentRecorded f:
                FamilyAssessment = f.Part;
                break;
            case FamilyAssessmentReused r:
                FamilyAssessment = r.Part;
                break;
            case OutcomesQuestionnaireRecorded q:
                _outcomesCompletions.Add(q.Completion);
                break;
        }

        ApplyParticipation(e);
        if (_retentionYears is null && (Closure is not null || TransferredAt is not null))
        {
            _retentionYears = _rules.RetentionYears; // RET-01: the period of the version the episode ended under
        }

        _decisionPoints.Note(e, _events.Count, Closure is not null || TransferredAt is not null);
        NoteRecorded(e);
        _events.Add(e);
    }

    // LP-05 + LP-06: a nomination with both the supervisor's confirmation and the family's agreement is the appointment.
    private void CompleteNominationIfReady(LeadProfessionalNomination nomination, DateTimeOffset at)
    {
        if (nomination is { ConfirmedBySupervisor: { } supervisor, FamilyAgreement: { } agreement })
        {
            _leadProfessionals.Add(
                new LeadProfessionalRecord(nomination.Practitioner, nomination.Agency, false, at, supervisor, agreement, nomination.Reason));
            PendingNomination = null;
        }
        else
        {
            PendingNomination = nomination;
        }
    }
}
