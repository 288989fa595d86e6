using System.Collections.Generic;
using Caf.Core.Annotations;

namespace Caf.Core.Register;

/// <summary>Retention of closed episodes (docs/rules.md, RET-01 and RET-02).</summary>
/// <threadsafety>Mutable; configure on one thread before use.</threadsafety>
[Mutable]
public sealed class RetentionOptions
{
    /// <summary>RET-01: closed episodes are retained this many years after closure, then due for disposal.</summary>
    /// <value>Default 5 years (Bedfordshire 003 §5 "Storage of CAFs").</value>
    public int RetentionYears { get; set; } = 5;

    internal void Validate(ICollection<string> problems)
    {
        if (RetentionYears is < 1 or > 100)
        {
            problems.Add($"Retention.RetentionYears must be 1 to 100 (RET-01); got {RetentionYears}.");
        }
    }
}
