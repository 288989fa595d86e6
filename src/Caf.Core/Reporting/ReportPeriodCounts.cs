using Caf.Core.Annotations;

namespace Caf.Core.Reporting;

/// <summary>The REP-01 (and REP-06) figures of one period.</summary>
/// <param name="Period">The period.</param>
/// <param name="Opened">Episodes opened in the period.</param>
/// <param name="IntentsToCaf">Of those, opened as an intent to CAF (LIFE-01).</param>
/// <param name="Closed">Episodes closed in the period (whenever they opened).</param>
/// <param name="OpenAtStart">Open caseload at the end of the day before the period.</param>
/// <param name="OpenAtEnd">Open caseload at the end of the period's last day; always <c>OpenAtStart + Opened - Closed</c>.</param>
/// <param name="ReReferrals">Episodes opened in the period within the re-referral window after the child's previous closure (REP-06).</param>
/// <threadsafety>This type is immutable and thread-safe.</threadsafety>
[Immutable]
public readonly record struct ReportPeriodCounts(
    ReportPeriod Period,
    int Opened,
    int IntentsToCaf,
    int Closed,
    int OpenAtStart,
    int OpenAtEnd,
    int ReReferrals);
