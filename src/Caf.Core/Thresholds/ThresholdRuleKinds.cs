namespace Caf.Core.Thresholds;

/// <summary>The rule vocabulary of a framework document (THR-01); documented with an example in <c>docs/thresholds.md</c>.</summary>
public static class ThresholdRuleKinds
{
    /// <summary>
    /// <c>count</c>: at least <c>minCount</c> observed indicators at level <c>minLevel</c> or above, across at
    /// least <c>minDomains</c> domains, give level <c>gives</c>. "Any level-4 indicator gives 4" is
    /// <c>minLevel 4, minCount 1</c>.
    /// </summary>
    public const string Count = "count";

    /// <summary><c>anyOf</c>: at least <c>minCount</c> of the listed <c>indicators</c> give level <c>gives</c>.</summary>
    public const string AnyOf = "anyOf";

    /// <summary>
    /// <c>specialistInvolved</c> (THR-05): specialist tier 3/4 services already involved give level 4, unless
    /// the case is a step-down (<see cref="ThresholdContext.StepDown"/>). Required; <c>gives</c> must be 4.
    /// </summary>
    public const string SpecialistInvolved = "specialistInvolved";

    /// <summary>
    /// <c>significantHarm</c> (THR-04): a significant-harm indicator or concern gives the safeguarding route,
    /// overriding every other result. Required, exactly once; takes no parameters.
    /// </summary>
    public const string SignificantHarm = "significantHarm";
}
