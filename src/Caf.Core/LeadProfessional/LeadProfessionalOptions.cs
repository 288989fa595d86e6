using System.Collections.Generic;
using Caf.Core.Annotations;

namespace Caf.Core.LeadProfessional;

/// <summary>Lead-professional selection options (DESIGN.md §3): hard constraints and soft-criterion weights.</summary>
/// <threadsafety>Mutable; configure on one thread before use.</threadsafety>
[Mutable]
public sealed class LeadProfessionalOptions
{
    /// <summary>LP-04: only practitioners trained for the lead-professional role are eligible.</summary>
    /// <value>Default true (Bedfordshire 003 §3b: skills and competence to co-ordinate).</value>
    public bool RequireTraining { get; set; } = true;

    /// <summary>A practitioner already leading this many episodes is not eligible; null for no cap.</summary>
    /// <value>Default 10.</value>
    public int? CaseloadCap { get; set; } = 10;

    internal void Validate(ICollection<string> problems)
    {
        if (CaseloadCap is < 1)
        {
            problems.Add($"LeadProfessional.CaseloadCap must be 1 or more, or null for no cap; got {CaseloadCap}.");
        }
    }
}
