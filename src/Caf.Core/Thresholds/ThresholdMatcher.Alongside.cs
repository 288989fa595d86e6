using System;
using Caf.Core.Lifecycle;
using Caf.Core.Primitives;

namespace Caf.Core.Thresholds;

/// <summary>THR-08: specialist involvement does not by itself rule a CAF out, where local policy allows it.</summary>
public sealed partial class ThresholdMatcher
{
    /// <summary>
    /// Matches as <see cref="Assess(ReadOnlySpan{string}, ThresholdContext)"/> under the authority's lifecycle options
    /// (THR-08). With <see cref="LifecycleOptions.CafAlongsideSpecialistService"/> set, a case with specialist services
    /// involved whose context records a <see cref="ThresholdContext.CoordinationNeed"/> continues as a CAF alongside the
    /// specialist service: specialist involvement does not give level 4 (THR-05); the level is at least 3 (complex) and
    /// the route at least a CAF with multi-agency support, and <see cref="ThresholdResult.AlongsideSpecialist"/> says so.
    /// Without the option, or without a recorded need, THR-05 applies: level 4. Significant harm overrides both (THR-04).
    /// </summary>
    /// <param name="observed">The observed indicator ids.</param>
    /// <param name="context">Significant-harm concern, specialist involvement, step-down and the coordination need.</param>
    /// <param name="options">The lifecycle options (a policy version's, or the host's).</param>
    /// <returns>The explained result, or a <c>THR-03</c> refusal naming the first unknown id.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="options"/> or an observed id is null.</exception>
    public Result<ThresholdResult> AssessUnder(ReadOnlySpan<string> observed, ThresholdContext context, LifecycleOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var alongside = options.CafAlongsideSpecialistService && context.SpecialistServicesInvolved && !context.StepDown
            && !string.IsNullOrWhiteSpace(context.CoordinationNeed);
        return AssessCore(observed, context, alongside);
    }

    // THR-08: at least level 3 (complex: a CAF with multi-agency support or a TAC) with at least that route.
    private static void Alongside(ref int result, ref int ruleRoute)
    {
        const int complex = (int)ThresholdLevel.Complex;
        const int multiAgency = (int)ThresholdRoute.CafMultiAgency;
        if (result < complex)
        {
            result = complex;
            ruleRoute = multiAgency;
        }
        else if (result == complex && ruleRoute < multiAgency)
        {
            ruleRoute = multiAgency;
        }
    }
}
