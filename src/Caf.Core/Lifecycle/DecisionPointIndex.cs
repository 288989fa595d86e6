using System;
using System.Collections.Immutable;
using Caf.Core.Events;
using Caf.Core.Lifecycle.Events;
using Caf.Core.Primitives;
using Caf.Core.Thresholds;

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
    // Everything the what-if reads of an episode is here, in the episode object itself. What it reads for every episode
    // (the counts, the flags, the id's hash and the first assessment's indicator hashes) is one part without references,
    // copied as plain memory; the rest (the id, its key, the assessments' ids) is read only for an episode that differs.
    private Counted _counts;
    private Assessed _first;
    private Assessed[]? _later;

    /// <summary>
    /// An assessment's event index, recorded indicator ids, UTC day (the what-if's subject names the day) and the ids'
    /// hashes (<see cref="IndicatorHashes"/>: the what-if settles most assessments from them without reading an id).
    /// </summary>
    public readonly record struct Assessed(int EventIndex, ImmutableArray<string> IndicatorIds, DateOnly Day, IndicatorHashes Hashes);

    /// <summary>
    /// The part of the index the what-if reads for every episode: no references, so a group of episodes' parts are copied
    /// in one loop whose reads overlap (<c>PolicyWhatIf</c>'s group), and nothing else of an episode is read unless one of
    /// its decisions may differ.
    /// </summary>
    public struct Counted
    {
        internal int ReviewsOfPlan;
        internal int PlansReviewed;
        internal bool AssessmentStarted;
        internal bool HasPlan;

        /// <summary>The hash of the episode's id (this process's string hash), for the what-if's check that no episode is given twice.</summary>
        public int IdHash { get; internal set; }

        public int ConsentRecords { get; internal set; }

        public int ConsentToStart { get; internal set; }

        public int ConsentToShareAtPanel { get; internal set; }

        public int AssessmentCount { get; internal set; }

        /// <summary>True when the episode has closed or transferred out (it has a retention date, RET-01, RET-02).</summary>
        public bool Ended { get; internal set; }

        /// <summary>True for an episode opened as a potential CAF from a step-down (THR-05's context).</summary>
        public bool FromStepDown { get; internal set; }

        /// <summary>True when the last event closed the episode.</summary>
        public bool ClosedLast { get; internal set; }

        /// <summary>The first assessment's indicator hashes (valid when <see cref="AssessmentCount"/> is at least 1).</summary>
        public IndicatorHashes FirstHashes { get; internal set; }

        /// <summary>Plans followed by at least one review before the next plan (the current one included).</summary>
        public readonly int ReviewedPlans => PlansReviewed + (HasPlan && ReviewsOfPlan > 0 ? 1 : 0);
    }

    /// <summary>The counts, flags and first hashes: what the what-if reads of every episode.</summary>
    [System.Diagnostics.CodeAnalysis.UnscopedRef]
    public readonly ref readonly Counted Counts => ref _counts;

    /// <summary>The episode's id.</summary>
    public EpisodeId Id { get; private set; }

    /// <summary>The first eight characters of <see cref="Id"/> as an ordinal sort key (<see cref="OrdinalKey"/>).</summary>
    public OrdinalKey IdKey { get; private set; }

    /// <summary>True when the episode has closed or transferred out (it has a retention date, RET-01, RET-02).</summary>
    public readonly bool Ended => _counts.Ended;

    /// <summary>True for an episode opened as a potential CAF from a step-down (THR-05's context).</summary>
    public readonly bool FromStepDown => _counts.FromStepDown;

    public readonly int ConsentRecords => _counts.ConsentRecords;

    public readonly int ConsentToStart => _counts.ConsentToStart;

    public readonly int ConsentToShareAtPanel => _counts.ConsentToShareAtPanel;

    public readonly int AssessmentCount => _counts.AssessmentCount;

    /// <summary>True when the last event closed the episode.</summary>
    public readonly bool ClosedLast => _counts.ClosedLast;

    /// <summary>Plans followed by at least one review before the next plan (the current one included).</summary>
    public readonly int ReviewedPlans => _counts.ReviewedPlans;

    /// <summary>The first assessment (valid when <see cref="AssessmentCount"/> is at least 1).</summary>
    [System.Diagnostics.CodeAnalysis.UnscopedRef]
    public readonly ref readonly Assessed First => ref _first;

    /// <summary>The assessments after the first, oldest first.</summary>
    public readonly ReadOnlySpan<Assessed> Later => _later.AsSpan(0, Math.Max(0, AssessmentCount - 1));

    /// <summary>The hash of the episode's id (this process's string hash), for the what-if's check that no episode is given twice.</summary>
    public readonly int IdHash => _counts.IdHash;

    public static DecisionPointIndex Opened(CafEvent opening) => new()
    {
        _counts = new Counted
        {
            FromStepDown = opening is PotentialCafRegistered,
            IdHash = opening.EpisodeId.Value.GetHashCode(StringComparison.Ordinal),
        },
        Id = opening.EpisodeId,
        IdKey = OrdinalKey.Of(opening.EpisodeId.Value),
    };

    /// <summary>Notes the event applied at <paramref name="index"/> (after the opening); <paramref name="ended"/>: the episode is closed or transferred out after it.</summary>
    public void Note(CafEvent e, int index, bool ended)
    {
        ref var c = ref _counts;
        c.ClosedLast = false;
        c.Ended = ended;
        switch (e)
        {
            case ConsentRecorded:
                c.ConsentRecords++;
                break;
            case AssessmentStarted:
                c.AssessmentStarted = true;
                c.ConsentToStart++;
                break;
            case NextStepChosen n when c.FromStepDown && !c.AssessmentStarted && n.Step != NextStep.NoFurtherAction:
                c.ConsentToStart++;
                break;
            case ReferredToPanel:
                c.ConsentToShareAtPanel++;
                break;
            case AssessmentCompleted a:
                AddAssessment(new Assessed(index, a.Summary.IndicatorIds, DateOnly.FromDateTime(a.OccurredAt.UtcDateTime), IndicatorHashes.Of(a.Summary.IndicatorIds)));
                break;
            case PlanAgreed or PlanRevised:
                NewPlan();
                break;
            case StepDownTacDecided { Decision.Plan: not null }:
                c.ConsentToStart++;
                NewPlan();
                break;
            case ReviewHeld:
                c.ReviewsOfPlan++;
                break;
            case EpisodeClosed:
                c.ClosedLast = true;
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
        ref var c = ref _counts;
        if (c.HasPlan && c.ReviewsOfPlan > 0)
        {
            c.PlansReviewed++;
        }

        c.ReviewsOfPlan = 0; // reviews before any plan count for none (the what-if's walk drops them too)
        c.HasPlan = true;
    }

    private void AddAssessment(Assessed assessed)
    {
        if (AssessmentCount == 0)
        {
            _first = assessed;
            _counts.FirstHashes = assessed.Hashes;
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

        _counts.AssessmentCount++;
    }
}
