using System;
using Ardalis.GuardClauses;
using Caf.Core.Consent;
using Caf.Core.Primitives;

namespace Caf.Core.Lifecycle;

/// <summary>LAW-02: a disclosure under the statutory duty to share, decided on a recorded consideration.</summary>
public sealed partial class CafEpisode
{
    /// <summary>
    /// LAW-02: records a practitioner's consideration of a disclosure under the statutory duty to share for safeguarding or
    /// welfare, to an agency the consent in force does not cover (one the family excluded, or any agency once consent is
    /// refused or withdrawn), and decides it: disclosed — the purpose's minimum (SHARE-02) — unless disclosure would be
    /// more detrimental to the child, in which case nothing is disclosed. Either decision is recorded at once in the sharing
    /// audit on the statutory duty's basis, with the reason (LAW-01, SHARE-04). Nothing else changes: the exclusion stands,
    /// and no role, plan or panel opens to the agency.
    /// </summary>
    /// <param name="by">The practitioner who considered it.</param>
    /// <param name="consideration">The agency, the purpose, the ground, the judgement, the reason and what would be disclosed.</param>
    /// <returns>
    /// The decision (granted: disclose the decision's <see cref="SharingDecision.Categories"/>; refused: not disclosed, recorded);
    /// or a refusal: LIFE-10 when the episode is closed and RET-02 when it was transferred out (field <c>state</c>, checked
    /// first); LAW-02 when the authority's policy in force today has no statutory duty, or has it from a later date
    /// (field <c>policy</c>), or the reason or what would be disclosed is missing (<c>reason</c>, <c>items</c>), or the purpose
    /// is not one the duty serves (<c>purpose</c>: a role, a panel, the register, a family link or a transfer); LAW-01 when
    /// the consent in force already covers the agency (<c>agency</c>: share on consent, the default basis).
    /// </returns>
    /// <exception cref="ArgumentException">The actor or the agency is default, the consideration is null, or an enum value is not defined.</exception>
    public Result<SharingDecision> ConsiderDutyToShare(Actor by, DutyToShareConsideration consideration)
    {
        GuardActor(by);
        Guard.Against.Null(consideration);
        GuardId(consideration.Agency);
        Guard.Against.EnumOutOfRange(consideration.Purpose);
        Guard.Against.EnumOutOfRange(consideration.Ground);
        if (_state == EpisodeState.Closed) // the state first, as for every command
        {
            return Result<SharingDecision>.Refused("LIFE-10",
                "The episode is closed and cannot change; a disclosure under the duty is considered on an open episode (new work with the child opens a new episode).", "state");
        }

        if (_state == EpisodeState.TransferredOut)
        {
            return Result<SharingDecision>.Refused("RET-02", $"The episode was transferred to {TransferredTo}; the receiving authority continues the work.", "state");
        }

        JudgeAt(Now);

        var day = DateOnly.FromDateTime(_at.UtcDateTime);
        if (_rules.StatutoryDutyFrom is not { } from)
        {
            return Result<SharingDecision>.Refused("LAW-02",
                $"The authority's policy in force on {day:yyyy-MM-dd} (version \"{_rules.Version.Id}\") has no statutory duty to share: the family's consent is the basis (LAW-01). An authority enables the duty from a date in its policy (Sharing.StatutoryDutyFrom).",
                "policy");
        }

        if (day < from)
        {
            return Result<SharingDecision>.Refused("LAW-02",
                $"The statutory duty to share applies from {from:yyyy-MM-dd}; on {day:yyyy-MM-dd} the family's consent is the basis (LAW-01).", "policy");
        }

        if (consideration.Purpose is not (SharingPurpose.Assessment or SharingPurpose.PlanDelivery or SharingPurpose.Review))
        {
            return Result<SharingDecision>.Refused("LAW-02",
                $"The statutory duty discloses information for the assessment, the plan's delivery or a review; it gives no role and sends nothing to a panel, the register, a family link or another authority ({ConsentDisplayText.For(consideration.Purpose)}).",
                "purpose");
        }

        if (string.IsNullOrWhiteSpace(consideration.Reason))
        {
            return Result<SharingDecision>.Refused("LAW-02",
                "Record why disclosure would or would not be more detrimental to the child than not disclosing (SHARE-04: keep a record of the decision and the reasons for it).", "reason");
        }

        if (consideration.Items == SharedItems.None)
        {
            return Result<SharingDecision>.Refused("LAW-02", "Name what would be disclosed (SHARE-04: record what you have shared).", "items");
        }

        if (_consent.Excludes(by.Agency))
        {
            return Result<SharingDecision>.Refused("SHARE-01",
                $"The family excluded {_policy.Names.Name(by.Agency)} (CONS-05): its practitioners do not hold the record to disclose from it.", "by");
        }

        if (Evaluate(consideration.Agency, consideration.Purpose).Granted)
        {
            return Result<SharingDecision>.Refused("LAW-01",
                $"The consent in force covers {_policy.Names.Name(consideration.Agency)} for this purpose: share on consent, the default basis. The duty is for an agency the consent does not cover.",
                "agency");
        }

        var decision = SharingService.UnderDuty(consideration, _rules.Minimum);
        _policy.Sharing.Record(new SharingAuditEntry(Id, consideration.Agency, consideration.Purpose, decision, by, _at)
        {
            Items = decision.Granted ? consideration.Items : SharedItems.None,
        });
        return decision;
    }
}
