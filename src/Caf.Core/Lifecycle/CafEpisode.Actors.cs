using System.Collections.Generic;
using System.Collections.Immutable;
using Ardalis.GuardClauses;
using Caf.Core.Closure;
using Caf.Core.Consent;
using Caf.Core.Events;
using Caf.Core.Lifecycle.Events;
using Caf.Core.Primitives;

namespace Caf.Core.Lifecycle;

/// <summary>
/// Who may act: the actor step of the pipeline (SHARE-01 for the acting practitioner's agency, LP-11 for the lead
/// professional's, CLOSE-08 for who closes), and the UI port that asks the same step for a given caller
/// (<see cref="GetAvailableActions(Actor)"/>) and the people a form may offer for a role.
/// </summary>
public sealed partial class CafEpisode
{
    /// <summary>
    /// "What may this practitioner do next, and why not the rest": every action with whether <paramref name="actor"/>
    /// may take it now. Judged by the same steps the commands run, in the same order: the state and its guards, then
    /// the actor step (a practitioner of an agency the family excluded records nothing, SHARE-01; nothing more goes to
    /// an excluded lead professional's agency, LP-11; only the lead professional, or their supervisor where the options
    /// allow, closes, CLOSE-08). The command's own arguments are still checked when it runs.
    /// </summary>
    /// <param name="actor">Who is signed in.</param>
    /// <returns>One entry per <see cref="EpisodeAction"/>, in enum order (<see cref="ActionAvailability.IsNotAtThisStage"/> groups the stage refusals).</returns>
    /// <exception cref="System.ArgumentException"><paramref name="actor"/> is default.</exception>
    public ImmutableArray<ActionAvailability> GetAvailableActions(Actor actor)
    {
        GuardActor(actor);
        JudgeAt(Now);
        var builder = ImmutableArray.CreateBuilder<ActionAvailability>(AllActions.Length);
        foreach (var action in AllActions)
        {
            var check = CheckFor(actor, action);
            builder.Add(new ActionAvailability(action, check.IsRefused ? check.Refusal : null));
        }

        return builder.MoveToImmutable();
    }

    /// <summary>Whether <paramref name="actor"/> may take an action now (state, then the actor step), without doing it.</summary>
    /// <param name="action">The action.</param>
    /// <param name="actor">Who would take it.</param>
    /// <returns>Success, or the refusal the command would return for the state or the actor.</returns>
    /// <exception cref="System.ArgumentOutOfRangeException"><paramref name="action"/> is not defined.</exception>
    /// <exception cref="System.ArgumentException"><paramref name="actor"/> is default.</exception>
    public Result CheckPermitted(EpisodeAction action, Actor actor)
    {
        if (!System.Enum.IsDefined(action))
        {
            throw new System.ArgumentOutOfRangeException(nameof(action), action, "Not an EpisodeAction.");
        }

        GuardActor(actor);
        JudgeAt(Now);
        return CheckFor(actor, action);
    }

    /// <summary>
    /// Of the practitioners a host's directory lists, those a form may offer as the lead professional: the ones the
    /// nomination's checks accept for their agency (not an agency the family excluded, LP-11; not recorded on this
    /// episode as working for one, SHARE-01) and whom the sharing service lets receive the role now.
    /// </summary>
    /// <param name="practitioners">The candidates (practitioner and agency).</param>
    /// <returns>The allowed ones, in the order given.</returns>
    /// <exception cref="System.ArgumentException">The sequence is null or holds a default actor.</exception>
    public ImmutableArray<Actor> LeadProfessionalCandidates(IEnumerable<Actor> practitioners) =>
        RoleCandidates(practitioners, SharingPurpose.LeadProfessional);

    /// <summary>
    /// Of the practitioners a host's directory lists, those a plan form may offer as an action owner: not of an agency
    /// the family excluded, not recorded on this episode as working for one (SHARE-01), and whose agency the sharing
    /// service lets receive the plan now.
    /// </summary>
    /// <param name="practitioners">The candidates (practitioner and agency).</param>
    /// <returns>The allowed ones, in the order given.</returns>
    /// <exception cref="System.ArgumentException">The sequence is null or holds a default actor.</exception>
    public ImmutableArray<Actor> ActionOwnerCandidates(IEnumerable<Actor> practitioners) =>
        RoleCandidates(practitioners, SharingPurpose.PlanDelivery);

    private ImmutableArray<Actor> RoleCandidates(IEnumerable<Actor> practitioners, SharingPurpose purpose)
    {
        Guard.Against.Null(practitioners);
        JudgeAt(Now);
        var builder = ImmutableArray.CreateBuilder<Actor>();
        foreach (var candidate in practitioners)
        {
            GuardActor(candidate, nameof(practitioners));
            if (!_consent.Excludes(candidate.Agency) && ExcludedAgencyOf(candidate.Practitioner) is null && Evaluate(candidate.Agency, purpose).Granted)
            {
                builder.Add(candidate);
            }
        }

        return builder.ToImmutable();
    }

    // The state, then the actor step, as of _at: what a command with valid arguments meets first.
    private Result CheckFor(Actor actor, EpisodeAction action)
    {
        var state = CheckStateAt(action);
        return state.IsRefused ? state : CheckActor(actor, action, SharesWithLeadProfessional(action), live: false);
    }

    // ----- The actor step of the pipeline -----

    // Commands the family's exclusion of the LP's agency does not stop: consent itself, the handover that
    // resolves it (LP-10, and the step-down TAC confirming another LP, STEP-03), withdrawal (CONS-07), override
    // and step-up (safeguarding, LIFE-04). Each hands nothing more to the excluded lead professional.
    private static bool SharesWithLeadProfessional(CafEvent e, EpisodeAction action) =>
        action == EpisodeAction.Close ? e is not EpisodeClosed { Outcome: ClosureOutcome.ConsentWithdrawn } : SharesWithLeadProfessional(action, consentWithdrawn: false);

    // Asked without an event (the UI port): a closure after consent was withdrawn can only close as consent withdrawn
    // (ClosureCheck, CONS-07), which hands nothing to the lead professional; any other closure does.
    private bool SharesWithLeadProfessional(EpisodeAction action) => SharesWithLeadProfessional(action, _consent.IsWithdrawn);

    private static bool SharesWithLeadProfessional(EpisodeAction action, bool consentWithdrawn) => action switch
    {
        EpisodeAction.RecordConsent or EpisodeAction.LiftExclusion or EpisodeAction.NominateLeadProfessional
            or EpisodeAction.ConfirmNomination or EpisodeAction.RecordFamilyAgreement or EpisodeAction.WithdrawConsent
            or EpisodeAction.OverrideConsent or EpisodeAction.StepUp or EpisodeAction.ContinueAfterStepDownTac => false,
        EpisodeAction.Close => !consentWithdrawn,
        _ => true,
    };

    /// <summary>
    /// The actor step, live and on replay and for the UI port: SHARE-01 (the acting practitioner's agency is
    /// excluded: it neither records nor sees work; a step-up is exempt, LIFE-04), LP-11 (nothing more goes to an
    /// excluded lead professional's agency), CLOSE-08 (who records a closure). Audits a refused hand-over when live.
    /// </summary>
    private Result CheckActor(Actor actor, EpisodeAction action, bool sharesWithLeadProfessional, bool live)
    {
        var names = _policy.Names;

        if (action != EpisodeAction.StepUp && _consent.Excludes(actor.Agency))
        {
            var share = new Share(actor.Agency, SharingPurpose.EpisodeWork, SharedItems.CaseNotes, true, "SHARE-01");
            var decision = Evaluate(share.Agency, share.Purpose);
            if (live)
            {
                Audit(actor, share, decision, SharedItems.None);
            }

            return Result.Refused("SHARE-01",
                $"The family excluded {names.Name(actor.Agency)} (CONS-05): {names.Name(actor.Practitioner)} cannot record or see work on this episode.",
                "by");
        }

        if (sharesWithLeadProfessional && _consent.Excludes(LeadProfessional.Agency))
        {
            var share = new Share(LeadProfessional.Agency, SharingPurpose.LeadProfessional, SharedItems.LeadProfessionalRole, true, "LP-11");
            var decision = Evaluate(share.Agency, share.Purpose);
            if (live)
            {
                Audit(actor, share, decision, SharedItems.None);
            }

            return Result.Refused("LP-11",
                $"The family excluded {names.Name(LeadProfessional.Agency)}, the lead professional's agency: hand the role over first (LP-10).",
                "leadProfessional");
        }

        if (action == EpisodeAction.Close && _rules.Closure.MayClose(ClosureFactsFor(actor)).IsRefused)
        {
            var lead = names.Name(LeadProfessional.Practitioner);
            return Result.Refused("CLOSE-08",
                _rules.Closure.SupervisorMayClose
                    ? $"Only the lead professional ({lead}) or their supervisor records the closure."
                    : $"Only the lead professional ({lead}) records the closure.",
                "closingBy");
        }

        return Result.Ok;
    }
}
