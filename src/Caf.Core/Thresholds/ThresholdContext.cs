using Caf.Core.Annotations;

namespace Caf.Core.Thresholds;

/// <summary>What a practitioner knows about the case besides the observed indicators.</summary>
/// <threadsafety>This type is immutable and thread-safe.</threadsafety>
[Immutable]
public readonly record struct ThresholdContext
{
    /// <summary>THR-04: the practitioner is concerned the child is suffering, or is at risk of suffering, significant harm (002 §4).</summary>
    public bool SignificantHarmConcern { get; init; }

    /// <summary>THR-05: specialist (tier 3/4) services are already involved (000: co-ordinators check this before a MAF).</summary>
    public bool SpecialistServicesInvolved { get; init; }

    /// <summary>THR-05: the case is a step-down from a specialist service (002 §3), so specialist involvement does not raise the level.</summary>
    public bool StepDown { get; init; }

    /// <summary>
    /// THR-08: why multi-agency coordination is needed, or which needs go beyond the specialist ones, when the
    /// practitioner continues a CAF alongside a specialist service already involved (000 proposed development 1: "Children
    /// with Specialist CAMHS involvement can have a CAF if coordination is needed"; 003 §3 links (a): a CAF "can be used
    /// alongside any stage of the SEN processes"). Used only where local policy allows it
    /// (<see cref="Lifecycle.LifecycleOptions.CafAlongsideSpecialistService"/>); null otherwise.
    /// </summary>
    public string? CoordinationNeed { get; init; }
}
