using System;
using Caf.Core.Annotations;

namespace Caf.Core.Closure;

/// <summary>How and why an episode closed: exactly one outcome (CLOSE-01..07), the reason and when.</summary>
/// <param name="Outcome">The closure outcome.</param>
/// <param name="Reason">The recorded decision or explanation (CLOSE-08).</param>
/// <param name="ClosedAt">When the episode closed.</param>
/// <param name="RuleId">The rule that closed it (e.g. CLOSE-03, CLOSE-09 for no further action).</param>
/// <threadsafety>This type is immutable and thread-safe.</threadsafety>
[Immutable]
public sealed record ClosureRecord(ClosureOutcome Outcome, string Reason, DateTimeOffset ClosedAt, string RuleId);
