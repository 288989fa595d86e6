using Caf.Core.Annotations;

namespace Caf.Core.Reporting;

/// <summary>One row of the needs ranking (REP-02, the Leicestershire "times identified" table).</summary>
/// <param name="Rank">Position in the ranking, from 1: most identified first, ties by indicator id (ordinal), then domain, then national code.</param>
/// <param name="Need">The need.</param>
/// <param name="Count">In how many episodes opened in the window it was identified.</param>
/// <threadsafety>This type is immutable and thread-safe.</threadsafety>
[Immutable]
public sealed record NeedCount(int Rank, ReportNeed Need, int Count);
