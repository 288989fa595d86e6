using System;
using System.Collections.Generic;
using Caf.Core.Annotations;

namespace Caf.Core.Lifecycle;

/// <summary>Lifecycle timescales (docs/rules.md, LIFE-06) and the clock-skew allowance for event times (LIFE-11).</summary>
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

    /// <summary>
    /// LIFE-11: how far an event's time may be ahead of the reading clock's now (the policy's
    /// <see cref="TimeProvider"/>) and still be read: hosts' clocks differ a little. An event dated later than
    /// now plus this allowance is refused on replay and when reading stored data (docs/lifecycle.md), so a
    /// closure dated in the future cannot postpone disposal (RET-01).
    /// </summary>
    /// <value>Default 5 minutes; 0 to 60.</value>
    public int ClockSkewAllowanceMinutes { get; set; } = 5;

    /// <summary>
    /// LIFE-14: whether the review of the next steps with the practitioner's supervisor and the local CAF lead is
    /// required before an assessment is completed, and the ground for starting a CAF before it starts (true), or
    /// advisory: recorded when given, shown as missing, never blocking (false).
    /// </summary>
    /// <value>
    /// Default false (advisory): only Bedfordshire's business process (003 §3) asks for the review, the other seeds do
    /// not (Bradford's practice guidance, 002 §6, has the practitioner complete the assessment with the family), so the
    /// library records it and reports its absence rather than blocking an authority that does not use it.
    /// </value>
    public bool NextStepsReviewRequired { get; set; }

    /// <summary>
    /// THR-08: whether a practitioner may continue a CAF alongside a specialist service already involved (CAMHS, any
    /// stage of the SEN processes), recording the multi-agency coordination need (000 proposed development 1; 003 §3
    /// links (a)). When false, specialist involvement gives level 4 (THR-05) whatever coordination need is recorded.
    /// </summary>
    /// <value>Default false: THR-05 as the seeds' MAF check applies it (000; 002 §3).</value>
    public bool CafAlongsideSpecialistService { get; set; }

    internal void Validate(ICollection<string> problems)
    {
        if (AssessmentTimescaleMonths is < 1 or > 24)
        {
            problems.Add($"Lifecycle.AssessmentTimescaleMonths must be 1 to 24 (LIFE-06); got {AssessmentTimescaleMonths}.");
        }

        if (ClockSkewAllowanceMinutes is < 0 or > 60)
        {
            problems.Add($"Lifecycle.ClockSkewAllowanceMinutes must be 0 to 60 (LIFE-11); got {ClockSkewAllowanceMinutes}.");
        }
    }
}
