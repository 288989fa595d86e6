using System;
using System.Collections.Generic;
using Caf.Core.Annotations;

namespace Caf.Core.Lifecycle;

/// <summary>Lifecycle timescales (docs/rules.md, LIFE-06).</summary>
/// <threadsafety>Mutable; configure on one thread before use.</threadsafety>
[Mutable]
public sealed class LifecycleOptions
{
    /// <summary>
    /// LIFE-06: an assessment should be completed within this many months of first contact; overdue
    /// assessments are reported, never blocked.
    /// </summary>
    /// <value>Default 1 month (Bedfordshire 003 §3 "Agree a timescale").</value>
    public int AssessmentTimescaleMonths { get; set; } = 1;

    internal void Validate(ICollection<string> problems)
    {
        if (AssessmentTimescaleMonths is < 1 or > 24)
        {
            problems.Add($"Lifecycle.AssessmentTimescaleMonths must be 1 to 24 (LIFE-06); got {AssessmentTimescaleMonths}.");
        }
    }
}
