using System;
using System.Collections.Immutable;
using Ardalis.GuardClauses;
using Caf.Core.Lifecycle.Events;
using Caf.Core.Outcomes;
using Caf.Core.Primitives;

namespace Caf.Core.Lifecycle;

/// <summary>
/// The outcomes questionnaire on the episode (OUTQ-01): the command, its rules, the completions and the
/// distance travelled between the first and the latest.
/// </summary>
public sealed partial class CafEpisode
{
    /// <summary>Every completion of the questionnaire recorded on the episode, oldest first (in date order: OUTQ-01).</summary>
    public ImmutableArray<OutcomesCompletion> OutcomesCompletions => _outcomesCompletions.View;

    private AppendOnly<OutcomesCompletion> _outcomesCompletions = new(); // appended as applied: no copy per event (issue 26)

    /// <summary>
    /// OUTQ-01: the distance travelled from the first completion (the baseline, normally at assessment) to the latest
    /// (at a review, or the last before closure); null until two completions are recorded. It is exactly
    /// <see cref="DistanceTravelled.Between"/> of those two; <see cref="DistanceTravelled.SameRespondent"/> says whether
    /// the same kind of respondent answered both.
    /// </summary>
    public DistanceTravelled? OutcomesDistanceTravelled =>
        _outcomesCompletions.Count < 2 ? null : DistanceTravelled.Between(_outcomesCompletions[0], _outcomesCompletions[^1]).Value;

    /// <summary>
    /// OUTQ-01: records a completion of the "How have you been doing?" questionnaire (000 appendix 3) with the date
    /// it was filled in and who answered (<see cref="OutcomesCompletion.Create"/> makes one from the form).
    /// </summary>
    /// <remarks>
    /// <para><b>When.</b> While the CAF is being worked: from the start of the assessment (states <c>Assessing</c>,
    /// <c>Assessed</c>, <c>PanelReferred</c>, <c>PlanActive</c>; a reassessment too). Leicestershire's pilot measures
    /// outcomes "directly with children and young people who are the subjects of CAFs" (000 development 10), so the first
    /// completion is the baseline taken at the assessment and later ones come at reviews (LIFE-09). Not
    /// before the assessment starts: until consent lets it start (LIFE-05) no work with the child is recorded. Not after
    /// consent is withdrawn (CONS-07: the episode only closes, is overridden, stepped up or transferred). A closed
    /// episode is immutable (LIFE-10), so the questionnaire "at closure" is recorded just before <see cref="Close"/>;
    /// it is then the latest completion the distance travelled is measured to.</para>
    /// <para><b>Who answers, and consent.</b> The respondent (the child alone, a parent or carer, or both together) does
    /// not change consent or sharing. The form is the child's and family's own view, recorded on the episode under the
    /// consent the assessment started with (LIFE-05, CONS-01..03) and handed to no agency beyond the episode: like any
    /// other work on it, it is refused when the recording practitioner's agency is excluded (SHARE-01) or the lead
    /// professional's agency is excluded (LP-11). A young person answering alone needs no consent of their own to
    /// answer. The respondent is kept so that distances compare like with like (<see cref="DistanceTravelled.SameRespondent"/>).</para>
    /// <para><b>Dates.</b> The completion's date is not after the day it is recorded, not before the episode opened, and
    /// not before the latest completion already recorded (so the first is the earliest and the latest the most recent);
    /// the same completion is not recorded twice. Each refusal is OUTQ-01 on <c>completion.completedOn</c> or
    /// <c>completion</c>. Replay judges a stored completion by the same rules (<see cref="Rebuild"/>).</para>
    /// </remarks>
    /// <param name="by">The practitioner recording it.</param>
    /// <param name="completion">The completion.</param>
    /// <returns>Success, or a refusal (LIFE-12 or LIFE-10 for the state, SHARE-01, LP-11, OUTQ-01).</returns>
    /// <exception cref="ArgumentException"><paramref name="by"/> is default.</exception>
    /// <exception cref="ArgumentNullException"><paramref name="completion"/> is null.</exception>
    public Result RecordOutcomesQuestionnaire(Actor by, OutcomesCompletion completion)
    {
        GuardActor(by);
        Guard.Against.Null(completion);
        return Execute(new OutcomesQuestionnaireRecorded(Id, Now, by, completion), live: true);
    }

    private Result CheckOutcomesCompletion(OutcomesCompletion completion)
    {
        var today = DateOnly.FromDateTime(_at.UtcDateTime);
        if (completion.CompletedOn > today)
        {
            return Result.Refused("OUTQ-01",
                $"A questionnaire is recorded once filled in: {completion.CompletedOn:yyyy-MM-dd} is after today ({today:yyyy-MM-dd}).", "completion.completedOn");
        }

        var opened = DateOnly.FromDateTime(OpenedAt.UtcDateTime);
        if (completion.CompletedOn < opened)
        {
            return Result.Refused("OUTQ-01",
                $"The questionnaire was filled in on {completion.CompletedOn:yyyy-MM-dd}, before this episode opened ({opened:yyyy-MM-dd}).", "completion.completedOn");
        }

        if (_outcomesCompletions.Count > 0 && completion.CompletedOn < _outcomesCompletions[^1].CompletedOn)
        {
            return Result.Refused("OUTQ-01",
                $"Completions are recorded in date order: the latest was filled in on {_outcomesCompletions[^1].CompletedOn:yyyy-MM-dd}.", "completion.completedOn");
        }

        foreach (var recorded in _outcomesCompletions)
        {
            if (recorded == completion)
            {
                return Result.Refused("OUTQ-01", "This completion is already recorded on the episode.", "completion");
            }
        }

        return Result.Ok;
    }
}
