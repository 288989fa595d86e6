using System.Collections.Generic;
using Caf.Core.Annotations;

namespace Caf.Core.Closure;

/// <summary>Closure policy (docs/rules.md, CLOSE-C1..C4 and CLOSE-01..10).</summary>
/// <threadsafety>Mutable; configure on one thread before use.</threadsafety>
[Mutable]
public sealed class ClosureOptions
{
    /// <summary>CLOSE-C4: the age from which a young person can be transferred to adult services and the CAF closed.</summary>
    /// <value>Default 19 (Bradford 002 §9: "the child/young person, at age 19, is successfully transferred to Adult Services").</value>
    public int AdultServicesTransferAge { get; set; } = 19;

    /// <summary>
    /// CLOSE-08: whether the lead professional's supervisor (the one who confirmed the appointment, LP-06) may
    /// record the closure on the LP's behalf. Any other practitioner is refused either way.
    /// </summary>
    /// <value>Default true (the LP may be absent; the supervisor holds the case with them).</value>
    public bool SupervisorMayCloseOnBehalfOfLeadProfessional { get; set; } = true;

    internal void Validate(ICollection<string> problems)
    {
        if (AdultServicesTransferAge is < 16 or > 25)
        {
            problems.Add($"Closure.AdultServicesTransferAge must be 16 to 25 (CLOSE-C4); got {AdultServicesTransferAge}.");
        }
    }
}
