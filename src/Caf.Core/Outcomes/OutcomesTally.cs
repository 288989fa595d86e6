using Caf.Core.Reporting;

namespace Caf.Core.Outcomes;

/// <summary>
/// The running movement per question and overall of a cohort summary (OUTQ-01): eight counters, whatever the
/// number of rows. Mutable; owned by one pass (<see cref="OutcomesCohortSummary.FromRows"/>, <see cref="CafReportBuilder"/>).
/// </summary>
internal sealed class OutcomesTally
{
    private readonly OutcomesMovement[] _byQuestion = new OutcomesMovement[OutcomesQuestionnaire.Questions.Length];
    private OutcomesMovement _overall;

    /// <summary>Counts one episode's first-to-latest distance. Allocation free.</summary>
    public void Add(ReportOutcomes outcomes)
    {
        var first = outcomes.FirstRatings;
        var latest = outcomes.LatestRatings;
        var overall = 0;
        for (var i = 0; i < _byQuestion.Length; i++)
        {
            var change = (int)latest[i] - (int)first[i];
            _byQuestion[i] = _byQuestion[i].Add(change);
            overall += change;
        }

        _overall = _overall.Add(overall);
    }

    public OutcomesCohortSummary ToSummary() => OutcomesCohortSummary.Of(_byQuestion, _overall);
}
