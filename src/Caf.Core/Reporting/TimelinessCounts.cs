using Caf.Core.Annotations;

namespace Caf.Core.Reporting;

/// <summary>REP-05: assessments against the timescale target (LIFE-06) and overdue reviews (REV-05).</summary>
/// <param name="AssessmentsCompleted">Assessments completed in the window that had a due date.</param>
/// <param name="CompletedOnTime">Of those, completed on or before the due date.</param>
/// <param name="CompletedLate">Of those, completed after the due date (over the target).</param>
/// <param name="AssessmentsOverdue">Episodes open at the as-of date whose assessment is past due and not completed by then.</param>
/// <param name="ReviewsOverdue">Episodes open at the as-of date whose next review date is before it.</param>
/// <threadsafety>This type is immutable and thread-safe.</threadsafety>
[Immutable]
public readonly record struct TimelinessCounts(
    int AssessmentsCompleted,
    int CompletedOnTime,
    int CompletedLate,
    int AssessmentsOverdue,
    int ReviewsOverdue);
