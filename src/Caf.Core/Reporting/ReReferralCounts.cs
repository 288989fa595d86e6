using Caf.Core.Annotations;

namespace Caf.Core.Reporting;

/// <summary>REP-06: new episodes for children who had one before.</summary>
/// <param name="WindowMonths">The re-referral window used (<see cref="ReportingOptions.ReReferralWindowMonths"/>).</param>
/// <param name="Opened">Episodes opened in the window.</param>
/// <param name="WithPreviousEpisode">Of those, linked to at least one earlier episode of the child.</param>
/// <param name="ReReferrals">Of those, opened within <paramref name="WindowMonths"/> months after the previous episode closed: on or before the closure date plus that many months.</param>
/// <threadsafety>This type is immutable and thread-safe.</threadsafety>
[Immutable]
public readonly record struct ReReferralCounts(int WindowMonths, int Opened, int WithPreviousEpisode, int ReReferrals);
