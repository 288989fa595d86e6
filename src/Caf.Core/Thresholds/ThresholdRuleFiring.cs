using Caf.Core.Annotations;

namespace Caf.Core.Thresholds;

/// <summary>One rule that fired in a match (THR-03): which, why, and what it gave.</summary>
/// <param name="RuleId">The framework's rule id.</param>
/// <param name="Kind">The rule kind (<see cref="ThresholdRuleKinds"/>).</param>
/// <param name="Description">The rule's description from the framework.</param>
/// <param name="Level">The level the rule gives.</param>
/// <param name="Route">The route the rule recommends, or null when it leaves the level's default route.</param>
/// <threadsafety>This type is immutable and thread-safe.</threadsafety>
[Immutable]
public sealed record ThresholdRuleFiring(string RuleId, string Kind, string Description, ThresholdLevel Level, ThresholdRoute? Route);
