using System;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Ardalis.GuardClauses;
using Caf.Core.Consent;
using Caf.Core.Lifecycle;
using Caf.Core.Lifecycle.Events;
using Caf.Core.Primitives;
using Caf.Core.Register.Specifications;

namespace Caf.Core.Register;

/// <summary>REG-03: the family and environmental part of an assessment, recorded once for a family group and reused by each sibling.</summary>
public sealed partial class CafRegister
{
    /// <summary>
    /// REG-03: the sibling's assessment receives the family and environmental part recorded for its family group (the
    /// latest <see cref="FamilyAssessmentRecorded"/> on another episode still in the group), through the sharing gate:
    /// the sibling's consent in force must cover the agency that recorded it (a consent excluding that agency, a
    /// withdrawal or no consent refuses it, SHARE-01, CONS-07), and the source episode's consent must cover every agency
    /// on the sibling's team and the practitioner asking (SHARE-01). Every decision is audited (SHARE-03/04): grants
    /// with the saved <see cref="FamilyAssessmentReused"/>, a refusal at once. Saved like <see cref="ExecuteAsync(EpisodeId, Func{CafEpisode, Result}, CancellationToken)"/>
    /// (the family group re-judged, retried on a concurrent save).
    /// </summary>
    /// <param name="sibling">The sibling's episode whose assessment reuses the part.</param>
    /// <param name="by">Who asks, for the sibling's assessment.</param>
    /// <param name="reason">Why it is reused (LIFE-11).</param>
    /// <param name="cancellationToken">Cancellation.</param>
    /// <returns>The part now on the sibling's episode (<see cref="CafEpisode.FamilyAssessment"/>), or the refusal.</returns>
    /// <exception cref="ArgumentException">The episode id or the actor is default, or the reason blank.</exception>
    public async ValueTask<Result<FamilyAssessment>> ReuseFamilyAssessmentAsync(EpisodeId sibling, Actor by, string reason, CancellationToken cancellationToken = default)
    {
        if (sibling.IsDefault)
        {
            throw new ArgumentException("The episode id must not be default.", nameof(sibling));
        }

        GuardActor(by);
        Guard.Against.NullOrWhiteSpace(reason);
        var target = await _repository.GetAsync(sibling, cancellationToken).ConfigureAwait(false);
        if (target is null)
        {
            return Result<FamilyAssessment>.Refused(StoreCodes.NotFound, $"Episode {sibling} is not on the register.", "sibling");
        }

        // The state, then the caller (an agency the child's family excluded asks for nothing, SHARE-01), as the command would.
        if (target.CheckPermitted(EpisodeAction.LinkToFamily, by) is { IsRefused: true } gate)
        {
            if (gate.Refusal.RuleId == "SHARE-01")
            {
                target.DecideSharing(by, by.Agency, SharingPurpose.FamilyLink, SharedItems.FamilyInformation, record: true); // SHARE-04: the refusal is on the record
            }

            return Result<FamilyAssessment>.Refused(gate.Refusal);
        }

        if (target.FamilyGroup is not { } group)
        {
            return Result<FamilyAssessment>.Refused("REG-03", "The child's CAF is not linked to a family group: link the siblings' CAFs first.", "familyGroup");
        }

        // The latest part recorded for the group on a sibling's episode that is still in it.
        CafEpisode? source = null;
        FamilyAssessmentRecorded? recorded = null;
        foreach (var summary in await _repository.ListAsync(new FamilyGroupSpec(group), cancellationToken).ConfigureAwait(false))
        {
            if (summary.Id == sibling || await _repository.GetAsync(summary.Id, cancellationToken).ConfigureAwait(false) is not { } member || member.FamilyGroup != group)
            {
                continue;
            }

            if (member.Events.OfType<FamilyAssessmentRecorded>().LastOrDefault(f => f.FamilyGroup == group) is { } part
                && (recorded is null || part.OccurredAt > recorded.OccurredAt))
            {
                (source, recorded) = (member, part);
            }
        }

        if (source is null || recorded is null)
        {
            return Result<FamilyAssessment>.Refused("REG-03",
                $"No family and environmental part has been recorded for family group {group} on a sibling's CAF: record it once there.", "familyGroup");
        }

        // SHARE-01: the source's family information reaches this child's team and the practitioner asking.
        var agencies = target.TeamAgencies().Append(by.Agency).Distinct().Order().ToList();
        foreach (var agency in agencies)
        {
            var decision = source.DecideSharing(by, agency, SharingPurpose.FamilyLink, SharedItems.FamilyInformation, record: false);
            if (!decision.Granted)
            {
                source.DecideSharing(by, agency, SharingPurpose.FamilyLink, SharedItems.FamilyInformation, record: true);
                return Result<FamilyAssessment>.Refused("SHARE-01",
                    $"The family part recorded on {source.Child.Id}'s CAF may not reach {_policy.Names.Name(agency)}: [{decision.RuleId}] {decision.Reason}", "familyGroup");
            }
        }

        var sourceId = source.Id;
        var reused = await ExecuteAsync(sibling, e =>
        {
            var result = e.ReuseFamilyAssessment(by, sourceId, recorded, reason);
            if (result.IsSuccess)
            {
                // The source side's grants go with the sibling's saved event (the source episode records nothing).
                var at = _policy.Time.GetUtcNow();
                foreach (var agency in agencies)
                {
                    var decision = source.DecideSharing(by, agency, SharingPurpose.FamilyLink, SharedItems.FamilyInformation, record: false);
                    e.HoldWithLatestEvent(new SharingAuditEntry(sourceId, agency, SharingPurpose.FamilyLink, decision, by, at) { Items = SharedItems.FamilyInformation });
                }
            }

            return result;
        }, cancellationToken).ConfigureAwait(false);
        return reused.IsSuccess ? Result<FamilyAssessment>.Success(recorded.Part) : Result<FamilyAssessment>.Refused(reused.Refusal);
    }
}
