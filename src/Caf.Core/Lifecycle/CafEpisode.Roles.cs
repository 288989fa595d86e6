using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using Caf.Core.Consent;
using Caf.Core.Events;
using Caf.Core.Lifecycle.Events;
using Caf.Core.Planning;
using Caf.Core.Primitives;

namespace Caf.Core.Lifecycle;

/// <summary>
/// Roles and the consent in force (SHARE-01): a practitioner the episode itself records as working for an agency
/// the family excluded is accepted in no role on this episode, live and on replay. One rule, one helper
/// (<see cref="ExcludedAgencyOf"/>), one step of the pipeline (<see cref="CheckRoles"/>).
/// </summary>
public sealed partial class CafEpisode
{
    // Issue 26: the distinct (practitioner, agency) pairs the history records, kept as events apply (live and on
    // replay) and shared with copies, so a role check under an exclusion walks no history (RecordedPractitioners).
    private AppendOnly<(PractitionerId Practitioner, AgencyId Agency)> _recorded = new();

    /// <summary>A practitioner an event accepts in a role, the field naming them and what the role does.</summary>
    private readonly record struct Role(PractitionerId Practitioner, string Field, string What, AgencyId? StatedAgency = null);

    /// <summary>
    /// SHARE-01 for roles: refuses an event that puts a practitioner whom the episode records as working for an
    /// excluded agency in a role (review chair or note-taker, closure agreement, supervisor confirming a
    /// nomination, nominee, the lead professional confirmed at a step-down TAC, an action owner). An action owner
    /// stated under an excluded agency is left to the plan's recipients (it would receive the plan).
    /// </summary>
    private Result CheckRoles(CafEvent e)
    {
        if (_consent.Exclusions.IsEmpty)
        {
            return Result.Ok;
        }

        foreach (var role in Roles(e))
        {
            if (role.StatedAgency is { } stated && _consent.Excludes(stated))
            {
                continue;
            }

            if (ExcludedAgencyOf(role.Practitioner) is { } agency)
            {
                return Result.Refused("SHARE-01", RoleRefusalMessage(role.Practitioner, agency, role.What), role.Field);
            }
        }

        return Result.Ok;
    }

    private string RoleRefusalMessage(PractitionerId practitioner, AgencyId agency, string what) =>
        $"The family excluded {_policy.Names.Name(agency)} (CONS-05), which {_policy.Names.Name(practitioner)} works for on this episode: they cannot {what} here.";

    /// <summary>The practitioners an event accepts in a role, with the field naming each.</summary>
    private static IEnumerable<Role> Roles(CafEvent e)
    {
        switch (e)
        {
            case ReviewHeld { Review: { } review }:
                if (review.Chair is { } chair)
                {
                    yield return new Role(chair, "chair", "chair a review");
                }

                if (review.NoteTaker is { } noteTaker)
                {
                    yield return new Role(noteTaker, "noteTaker", "take the notes of a review");
                }

                foreach (var role in OwnerRoles(review.NewActions, "newActions"))
                {
                    yield return role;
                }

                break;
            case EpisodeClosed { Request.PractitionersAgreement: { } agreement }:
                foreach (var practitioner in agreement.Practitioners)
                {
                    yield return new Role(practitioner, "practitionersAgreement.practitioners", "agree the closure (CLOSE-C3)");
                }

                break;
            case NominationConfirmedBySupervisor c:
                yield return new Role(c.Supervisor, "supervisor", "confirm the nomination as supervisor");
                break;
            case LeadProfessionalNominated n:
                yield return new Role(n.Practitioner, "practitioner", "hold the lead-professional role", n.Agency);
                break;
            case PlanAgreed p:
                foreach (var role in OwnerRoles(p.Plan.Actions, "plan.actions"))
                {
                    yield return role;
                }

                break;
            case PlanRevised p:
                foreach (var role in OwnerRoles(p.Plan.Actions, "plan.actions"))
                {
                    yield return role;
                }

                break;
            case StepDownTacDecided { Decision: { LeadProfessional: { } lead } decision }:
                yield return new Role(lead.Practitioner, "decision.leadProfessional", "hold the lead-professional role", lead.Agency);
                foreach (var role in OwnerRoles(decision.Plan?.Actions ?? [], "decision.plan.actions"))
                {
                    yield return role;
                }

                break;
        }
    }

    private static IEnumerable<Role> OwnerRoles(ImmutableArray<PlanAction> actions, string path)
    {
        for (var i = 0; i < actions.Length; i++)
        {
            if (actions[i].Owner is { Practitioner: { } practitioner, Agency: { } agency } && actions[i].IsOpen)
            {
                yield return new Role(practitioner, $"{path}[{i}].owner", "own an action", agency);
            }
        }
    }

    /// <summary>
    /// The agency the family excluded that this episode's own history records the practitioner as working for, or
    /// null (<see cref="RecordedPractitioners"/>). Any such record counts (a practitioner recorded for two agencies
    /// is refused when either is excluded): the family's exclusion is honoured over a later claim. Issue 26: a look
    /// through the lead professionals and the distinct pairs kept as events apply, not a walk of the history.
    /// </summary>
    private AgencyId? ExcludedAgencyOf(PractitionerId practitioner)
    {
        if (_consent.Exclusions.IsEmpty)
        {
            return null;
        }

        // The lead professionals first, then the events' pairs, as the walk this replaced met them (the first match names
        // the agency in the refusal).
        foreach (var (p, agency) in RecordedPractitioners())
        {
            if (p == practitioner && _consent.Excludes(agency))
            {
                return agency;
            }
        }

        return null;
    }

    /// <summary>Every practitioner the history records as working for an agency the consent in force excludes, in id order.</summary>
    private ImmutableArray<PractitionerId> ExcludedPractitioners()
    {
        if (_consent.Exclusions.IsEmpty)
        {
            return [];
        }

        var found = new SortedSet<PractitionerId>();
        foreach (var (p, agency) in RecordedPractitioners())
        {
            if (_consent.Excludes(agency))
            {
                found.Add(p);
            }
        }

        return [.. found];
    }

    /// <summary>
    /// Who the episode records as working for which agency: the lead professionals (in the order they were appointed),
    /// then the distinct pairs of the events (in the order the history first records them), kept as events
    /// apply (<see cref="NoteRecorded(CafEvent)"/>), so reading them costs nothing that grows with the history.
    /// </summary>
    internal IEnumerable<(PractitionerId Practitioner, AgencyId Agency)> RecordedPractitioners() =>
        _leadProfessionals.Select(r => (r.Practitioner, r.Agency)).Concat(_recorded);

    /// <summary>
    /// Keeps the pairs an event records (<see cref="RecordedPractitioners"/>): the actor of every event, the nominee,
    /// action owners (plans, revisions, reviews' new actions, the step-down TAC's plan and lead professional),
    /// escalations, the panel's allocations and recommended lead professional.
    /// </summary>
    private void NoteRecorded(CafEvent e)
    {
        Note(_recorded, e.Actor.Practitioner, e.Actor.Agency);
        switch (e)
        {
            case LeadProfessionalNominated n:
                Note(_recorded, n.Practitioner, n.Agency);
                break;
            case PlanAgreed p:
                NoteOwners(p.Plan.Actions);
                break;
            case PlanRevised p:
                NoteOwners(p.Plan.Actions);
                break;
            case StepDownTacDecided { Decision: { } d }:
                if (d.LeadProfessional is { } lead)
                {
                    Note(_recorded, lead.Practitioner, lead.Agency);
                }

                if (d.Plan is { } plan)
                {
                    NoteOwners(plan.Actions);
                }

                break;
            case ReviewHeld r:
                foreach (var escalation in r.Escalations)
                {
                    Note(_recorded, escalation.Owner, escalation.Agency);
                    Note(_recorded, escalation.RaisedBy.Practitioner, escalation.RaisedBy.Agency);
                }

                NoteOwners(r.Review.NewActions);
                break;
            case PanelDecisionRecorded d:
                foreach (var allocation in d.Allocations)
                {
                    if (allocation.Practitioner is { } allocated)
                    {
                        Note(_recorded, allocated, allocation.Agency);
                    }
                }

                if (d.RecommendedLeadProfessional is { } recommended)
                {
                    Note(_recorded, recommended.Practitioner, recommended.Agency);
                }

                break;
        }
    }

    private void NoteOwners(ImmutableArray<PlanAction> actions)
    {
        foreach (var action in actions)
        {
            if (action.Owner is { Practitioner: { } practitioner, Agency: { } agency })
            {
                Note(_recorded, practitioner, agency);
            }
        }
    }

    // The distinct pairs are few (the practitioners of one episode), so a look through them is cheaper than an index;
    // the latest first, as the pair just recorded is the likeliest to come again.
    private static void Note(AppendOnly<(PractitionerId Practitioner, AgencyId Agency)> pairs, PractitionerId practitioner, AgencyId agency)
    {
        for (var i = pairs.Count - 1; i >= 0; i--)
        {
            var (p, a) = pairs[i];
            if (p == practitioner && a == agency)
            {
                return;
            }
        }

        pairs.Add((practitioner, agency));
    }
}
