using Caf.Core.Annotations;

namespace Caf.Core.Reporting;

/// <summary>One group of a breakdown and its count (REP-02, REP-03).</summary>
/// <param name="Key">The group: an agency id, a setting or band name, an outcome code, a domain.</param>
/// <param name="Count">How many episodes (or needs) fall in it.</param>
/// <threadsafety>This type is immutable and thread-safe.</threadsafety>
[Immutable]
public readonly record struct ReportCount(string Key, int Count);
