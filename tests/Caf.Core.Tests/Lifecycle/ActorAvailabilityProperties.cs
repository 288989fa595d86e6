using System;
using System.Collections.Generic;
using System.Linq;
using Caf.Core.Closure;
using Caf.Core.Consent;
using Caf.Core.LeadProfessional;
using Caf.Core.Lifecycle;
using Caf.Core.Outcomes;
using Caf.Core.Primitives;
using Caf.Core.Testing;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Result = Caf.Core.Primitives.Result;

namespace Caf.Core.Tests.Lifecycle;

/// <summary>
/// The UI port asked for a caller (<see cref="CafEpisode.GetAvailableActions(Actor)"/>) agrees with the commands: over
/// random episodes and callers (the lead professional, their supervisor, practitioners of other agencies, one of an
/// agency the family may have excluded), an action is offered as permitted exactly when the command, given valid
/// arguments otherwise, is not refused for the stage or the caller; and when it is not offered, the command's refusal
/// is the one the port showed.
/// </summary>
public class ActorAvailabilityProperties
{
    private const string Why = "Agreed with the family at the meeting.";

    /// <summary>Each action with a command for it taking the caller; valid arguments wherever they do not depend on the history.</summary>
    private static readonly (EpisodeAction Action, Func<CafEpisode, Actor, DateOnly, Result> Run)[] Commands =
    [
        (EpisodeAction.RecordConsent, (e, a, d) => e.RecordConsent(a, new ConsentRecord(ConsentGiverRole.ParentWithParentalResponsibility, "Ms Smith", ConsentDecision.Given, ConsentForm.Written, []) with { SharingExplained = true }, Why)),
        (EpisodeAction.StartAssessment, (e, a, d) => e.StartAssessment(a, Why)),
        (EpisodeAction.CompleteAssessment, (e, a, d) => e.CompleteAssessment(a, EpisodeCommands.Assessed("LEI-01", "LEI-02", "LEI-05"), AbsentParentInvolvement.WasInvolved, Why)),
        (EpisodeAction.ChooseNoFurtherAction, (e, a, d) => e.ChooseNextStep(a, NextStep.NoFurtherAction, Why)),
        (EpisodeAction.ChooseSupport, (e, a, d) => e.ChooseNextStep(a, NextStep.MultiAgencySupport, Why)),
        (EpisodeAction.NominateLeadProfessional, (e, a, d) => e.NominateLeadProfessional(a, CafCatalogue.Nominee(CafCatalogue.YouthWorker), Why)),
        (EpisodeAction.ConfirmNomination, (e, a, d) => e.ConfirmNomination(a, CafCatalogue.Supervisor, Why)),
        (EpisodeAction.RecordFamilyAgreement, (e, a, d) => e.RecordFamilyAgreement(a, new FamilyAgreement(Why))),
        (EpisodeAction.AgreePlan, (e, a, d) => e.AgreePlan(a, EpisodePlans.FamilyOnly(d), Why)),
        (EpisodeAction.HoldReview, (e, a, d) => e.HoldReview(a, EpisodePlans.Review(e.Plan ?? EpisodePlans.FamilyOnly(d), d, ReviewProgress.Sufficient))),
        (EpisodeAction.RequireReassessment, (e, a, d) => e.RequireReassessment(a, Why)),
        (EpisodeAction.StepUp, (e, a, d) => e.StepUp(a, new SpecialistService("Children's social care"), Why)),
        (EpisodeAction.WithdrawConsent, (e, a, d) => e.WithdrawConsent(a, new ConsentWithdrawal(ConsentGiverRole.ParentWithParentalResponsibility, "moving on"))),
        (EpisodeAction.OverrideConsent, (e, a, d) => e.OverrideConsent(a, new ConsentOverride("Risk of neglect: the child's best interest.", new PractitionerId("pr-dsl")))),
        (EpisodeAction.Close, (e, a, d) => e.Close(a, EpisodePlans.MostOutcomesAchieved(e.Consent.IsWithdrawn ? "consentWithdrawn" : "resolvedOther"))),
        (EpisodeAction.TransferOut, (e, a, d) => e.TransferOut(a, new LocalAuthority("Leeds"), Why)),
        (EpisodeAction.RecordOutcomesQuestionnaire, (e, a, d) => e.RecordOutcomesQuestionnaire(a, OutcomesCompletion.Create(d, OutcomesRespondent.Child, OutcomesQuestionnaire.Questions.Select(q => new OutcomesAnswer(q, OutcomesRating.Ok))).Value)),
    ];

    [Trait("Rule", "CLOSE-08")]
    [Trait("Rule", "SHARE-01")]
    [Trait("Rule", "LP-11")]
    [Property(MaxTest = 60)]
    public Property Offered_as_permitted_iff_the_command_is_not_refused_for_the_stage_or_the_caller() =>
        Prop.ForAll(CafGen.Episodes(), Check);

    [Trait("Rule", "CLOSE-08")]
    [Property(MaxTest = 30)]
    public Property Offered_as_permitted_iff_the_command_is_not_refused_when_only_the_lead_professional_closes() =>
        Prop.ForAll(CafGen.Episodes(o => o.Closure.SupervisorMayCloseOnBehalfOfLeadProfessional = false), Check);

    private static void Check(GeneratedEpisode g)
    {
        var episode = g.Episode;
        foreach (var actor in Callers(episode))
        {
            var port = episode.GetAvailableActions(actor);
            foreach (var (action, run) in Commands)
            {
                var offered = port[(int)action];
                Assert.Equal(action, offered.Action);
                Assert.Equal(offered.Refusal is null, episode.CheckPermitted(action, actor).IsSuccess);
                var copy = CafEpisode.Rebuild(g.World.Policy, episode.Events);
                var result = run(copy, actor, g.World.Today);
                if (offered.IsPermitted)
                {
                    Assert.False(result.IsRefused && IsStageOrCaller(result.Refusal),
                        $"{action} offered to {actor} at {episode.State}, but the command said: {(result.IsRefused ? result.Refusal : null)}");
                }
                else
                {
                    Assert.True(result.IsRefused, $"{action} not offered to {actor} at {episode.State} ({offered.Refusal}), but the command went ahead");
                    Assert.Equal(offered.Refusal, result.Refusal);
                }
            }
        }
    }

    // The refusals a screen must not let a caller meet after offering the action: the stage (field "state") and the
    // actor step (SHARE-01 on the caller, LP-11 on the lead professional's agency, CLOSE-08 on who closes).
    private static bool IsStageOrCaller(Refusal r) =>
        r.Field == "state" || (r.RuleId, r.Field) is ("SHARE-01", "by") or ("LP-11", "leadProfessional") or ("CLOSE-08", "closingBy");

    private static IEnumerable<Actor> Callers(CafEpisode e)
    {
        var lp = e.LeadProfessional;
        yield return new Actor(lp.Practitioner, lp.Agency);
        yield return new Actor(lp.ConfirmedBySupervisor ?? CafCatalogue.Supervisor, lp.Agency);
        yield return CafCatalogue.Teacher;
        yield return CafCatalogue.HealthVisitor;
        yield return CafCatalogue.CamhsWorker; // excluded in the episodes whose consent excludes CAMHS
    }
}
