using Caf.Core.Annotations;

namespace Caf.Core.Thresholds;

/// <summary>
/// The level and route alone, computed without allocating (<see cref="ThresholdMatcher.Classify"/>): fast
/// enough to run on every keystroke of a form. <see cref="ThresholdMatcher.Assess"/> adds the explanation.
/// </summary>
/// <param name="Level">The level of need.</param>
/// <param name="Route">The recommended route.</param>
/// <threadsafety>This type is immutable and thread-safe.</threadsafety>
[Immutable]
public readonly record struct ThresholdClassification(ThresholdLevel Level, ThresholdRoute Route);
