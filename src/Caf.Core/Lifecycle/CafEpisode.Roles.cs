using System.Collections.Generic;
using System.Collections.Immutable;
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
    /// is refused when either is excluded): the family's exclusion is honoured over a later claim.
    /// </summary>
    private AgencyId? ExcludedAgencyOf(PractitionerId practitioner)
    {
        if (_consent.Exclusions.IsEmpty)
        {
            return null;
        }

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
    /// Who the episode records as working for which agency: the actor of every event, the lead professionals and
    /// nominees, action owners (plans, revisions, reviews' new actions, the step-down TAC's plan), escalations,
    /// the panel's allocations and recommended lead professional.
    /// </summary>
    private IEnumerable<(PractitionerId Practitioner, AgencyId Agency)> RecordedPractitioners()
    {
        foreach (var record in _leadProfessionals)
        {
            yield return (record.Practitioner, record.Agency);
        }

        foreach (var e in _events)
        {
            yield return (e.Actor.Practitioner, e.Actor.Agency);
            switch (e)
            {
                case LeadProfessionalNominated n:
                    yield return (n.Practitioner, n.Agency);
                    break;
                case PlanAgreed p:
                    foreach (var pair in Owners(p.Plan.Actions))
                    {
                        yield return pair;
                    }

                    break;
                case PlanRevised p:
                    foreach (var pair in Owners(p.Plan.Actions))
                    {
                        yield return pair;
                    }

                    break;
                case StepDownTacDecided { Decision: { } d }:
                    if (d.LeadProfessional is { } lead)
                    {
                        yield return (lead.Practitioner, lead.Agency);
                    }

                    foreach (var pair in Owners(d.Plan?.Actions ?? []))
                    {
                        yield return pair;
                    }

                    break;
                case ReviewHeld r:
                    foreach (var escalation in r.Escalations)
                    {
                        yield return (escalation.Owner, escalation.Agency);
                        yield return (escalation.RaisedBy.Practitioner, escalation.RaisedBy.Agency);
                    }

                    foreach (var pair in Owners(r.Review.NewActions))
                    {
                        yield return pair;
                    }

                    break;
                case PanelDecisionRecorded d:
                    foreach (var allocation in d.Allocations)
                    {
                        if (allocation.Practitioner is { } allocated)
                        {
                            yield return (allocated, allocation.Agency);
                        }
                    }

                    if (d.RecommendedLeadProfessional is { } recommended)
                    {
                        yield return (recommended.Practitioner, recommended.Agency);
                    }

                    break;
            }
        }
    }

    private static IEnumerable<(PractitionerId, AgencyId)> Owners(ImmutableArray<PlanAction> actions)
    {
        foreach (var action in actions)
        {
            if (action.Owner is { Practitioner: { } practitioner, Agency: { } agency })
            {
                yield return (practitioner, agency);
            }
        }
    }
}
