using System;
using System.Collections.Immutable;
using Caf.Core.Events;
using Caf.Core.Lifecycle.Events;
using Caf.Core.Primitives;

namespace Caf.Core.Lifecycle;

/// <summary>
/// An episode's decision points as the policy what-if (<c>PolicyWhatIf</c>) counts them, kept up to date as events are
/// applied (live and on replay), so that a what-if in which only the threshold framework may differ reads the
/// assessments' indicator ids and these counts instead of walking every event of every episode (issue 26).
/// </summary>
/// <remarks>
/// The counts follow the what-if's walk exactly (docs/analysis: each point, where it is counted): a consent record per
/// <see cref="ConsentRecorded"/>; consent to start per <see cref="AssessmentStarted"/>, per <see cref="NextStepChosen"/>
/// on a step-down episode before any assessment started (other than no further action) and per
/// <see cref="StepDownTacDecided"/> with a plan; consent to share per <see cref="ReferredToPanel"/>; the review limit per
/// plan (agreed, revised or from the step-down TAC) followed by at least one review before the next plan; closure when
/// the last event closed the episode. The what-if's equality with its own walk is a property test.
/// </remarks>
internal struct DecisionPointIndex
{
    // Everything the what-if reads of an episode is here, in the episode object itself: the id, its hash and ordinal key,
    // the counts, whether it ended, and the first assessment (most episodes have one; later ones in an array).
    private Assessed _first;
    private Assessed[]? _later;
    private bool _assessmentStarted;
    private bool _hasPlan;
    private int _reviewsOfPlan;
    private int _plansReviewed;

    /// <summary>An assessment's event index, recorded indicator ids and UTC day (the what-if's subject names the day).</summary>
    public readonly record struct Assessed(int EventIndex, ImmutableArray<string> IndicatorIds, DateOnly Day);

    /// <summary>The episode's id.</summary>
    public EpisodeId Id { get; private set; }

    /// <summary>The first eight characters of <see cref="Id"/> as an ordinal sort key (<see cref="OrdinalKey"/>).</summary>
    public OrdinalKey IdKey { get; private set; }

    /// <summary>True when the episode has closed or transferred out (it has a retention date, RET-01, RET-02).</summary>
    public bool Ended { get; private set; }

    /// <summary>True for an episode opened as a potential CAF from a step-down (THR-05's context).</summary>
    public bool FromStepDown { get; private set; }

    public int ConsentRecords { get; private set; }

    public int ConsentToStart { get; private set; }

    public int ConsentToShareAtPanel { get; private set; }

    public int AssessmentCount { get; private set; }

    /// <summary>True when the last event closed the episode.</summary>
    public bool ClosedLast { get; private set; }

    /// <summary>Plans followed by at least one review before the next plan (the current one included).</summary>
    public readonly int ReviewedPlans => _plansReviewed + (_hasPlan && _reviewsOfPlan > 0 ? 1 : 0);

    /// <summary>The first assessment (valid when <see cref="AssessmentCount"/> is at least 1).</summary>
    [System.Diagnostics.CodeAnalysis.UnscopedRef]
    public readonly ref readonly Assessed First => ref _first;

    /// <summary>The assessments after the first, oldest first.</summary>
    public readonly ReadOnlySpan<Assessed> Later => _later.AsSpan(0, Math.Max(0, AssessmentCount - 1));

    /// <summary>The hash of the episode's id (this process's string hash), for the what-if's check that no episode is given twice.</summary>
    public int IdHash { get; private set; }

    public static DecisionPointIndex Opened(CafEvent opening) => new()
    {
        FromStepDown = opening is PotentialCafRegistered,
        Id = opening.EpisodeId,
        IdHash = opening.EpisodeId.Value.GetHashCode(StringComparison.Ordinal),
        IdKey = OrdinalKey.Of(opening.EpisodeId.Value),
    };

    /// <summary>Notes the event applied at <paramref name="index"/> (after the opening); <paramref name="ended"/>: the episode is closed or transferred out after it.</summary>
    public void Note(CafEvent e, int index, bool ended)
    {
        ClosedLast = false;
        Ended = ended;
        switch (e)
        {
            case ConsentRecorded:
                ConsentRecords++;
                break;
            case AssessmentStarted:
                _assessmentStarted = true;
                ConsentToStart++;
                break;
            case NextStepChosen n when FromStepDown && !_assessmentStarted && n.Step != NextStep.NoFurtherAction:
                ConsentToStart++;
                break;
            case ReferredToPanel:
                ConsentToShareAtPanel++;
                break;
            case AssessmentCompleted a:
                AddAssessment(new Assessed(index, a.Summary.IndicatorIds, DateOnly.FromDateTime(a.OccurredAt.UtcDateTime)));
                break;
            case PlanAgreed or PlanRevised:
                NewPlan();
                break;
            case StepDownTacDecided { Decision.Plan: not null }:
                ConsentToStart++;
                NewPlan();
                break;
            case ReviewHeld:
                _reviewsOfPlan++;
                break;
            case EpisodeClosed:
                ClosedLast = true;
                break;
        }
    }

    /// <summary>This index with its own array (for <see cref="CafEpisode.Copy"/>: the copy appends on its own).</summary>
    public readonly DecisionPointIndex Copy()
    {
        var copy = this;
        copy._later = _later is null ? null : (Assessed[])_later.Clone();
        return copy;
    }

    private void NewPlan()
    {
        if (_hasPlan && _reviewsOfPlan > 0)
        {
            _plansReviewed++;
        }

        _reviewsOfPlan = 0; // reviews before any plan count for none (the what-if's walk drops them too)
        _hasPlan = true;
    }

    private void AddAssessment(Assessed assessed)
    {
        if (AssessmentCount == 0)
        {
            _first = assessed;
        }
        else
        {
            var later = AssessmentCount - 1;
            if (_later is null)
            {
                _later = new Assessed[2];
            }
            else if (later == _later.Length)
            {
                Array.Resize(ref _later, 2 * later);
            }

            _later[later] = assessed;
        }

        AssessmentCount++;
    }
}
