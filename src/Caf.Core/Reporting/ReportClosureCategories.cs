using System;
using Caf.Core.Closure;

namespace Caf.Core.Reporting;

/// <summary>
/// The canonical closure categories as the read model stores them (CLOSE-10): every outcome, canonical or
/// local, maps to exactly one, so reports stay comparable across authorities. Kept as strings so a row is a
/// flat database record and a local taxonomy needs no new enum.
/// </summary>
public static class ReportClosureCategories
{
    /// <summary>Resolved: CLOSE-01..04 (and no further action, CLOSE-09).</summary>
    public const string Resolved = "Resolved";

    /// <summary>Consent ended: CLOSE-05 (withdrawn).</summary>
    public const string ConsentEnded = "ConsentEnded";

    /// <summary>Escalated: CLOSE-06 (consent overridden for safeguarding, which takes the case out of the voluntary route, CONS-06) and CLOSE-07 (stepped up to a specialist service), as in the closure taxonomy.</summary>
    public const string Escalated = "Escalated";

    /// <summary>True for one of the three canonical categories (ordinal comparison).</summary>
    /// <param name="category">The category text.</param>
    /// <returns>True when it is <see cref="Resolved"/>, <see cref="ConsentEnded"/> or <see cref="Escalated"/>.</returns>
    public static bool IsCanonical(string? category) =>
        category is Resolved or ConsentEnded or Escalated;

    /// <summary>The outcome code the read model stores for a canonical outcome: its rule id, <c>CLOSE-01</c>..<c>CLOSE-07</c>.</summary>
    /// <param name="outcome">The outcome.</param>
    /// <returns>The code.</returns>
    /// <exception cref="ArgumentOutOfRangeException">The outcome is not a defined value.</exception>
    public static string CodeOf(ClosureOutcome outcome) => outcome switch
    {
        ClosureOutcome.ResolvedFamilyActions => "CLOSE-01",
        ClosureOutcome.ResolvedSingleService => "CLOSE-02",
        ClosureOutcome.ResolvedMultiAgency => "CLOSE-03",
        ClosureOutcome.ResolvedOther => "CLOSE-04",
        ClosureOutcome.ConsentWithdrawn => "CLOSE-05",
        ClosureOutcome.ConsentOverridden => "CLOSE-06",
        ClosureOutcome.SteppedUp => "CLOSE-07",
        _ => throw new ArgumentOutOfRangeException(nameof(outcome), outcome, "Not a defined closure outcome."),
    };

    /// <summary>The canonical category of a canonical outcome (CLOSE-10).</summary>
    /// <param name="outcome">The outcome.</param>
    /// <returns><see cref="Resolved"/>, <see cref="ConsentEnded"/> or <see cref="Escalated"/>.</returns>
    /// <exception cref="ArgumentOutOfRangeException">The outcome is not a defined value.</exception>
    public static string CategoryOf(ClosureOutcome outcome) => outcome switch
    {
        ClosureOutcome.ResolvedFamilyActions or ClosureOutcome.ResolvedSingleService
            or ClosureOutcome.ResolvedMultiAgency or ClosureOutcome.ResolvedOther => Resolved,
        ClosureOutcome.ConsentWithdrawn => ConsentEnded,
        ClosureOutcome.ConsentOverridden or ClosureOutcome.SteppedUp => Escalated,
        _ => throw new ArgumentOutOfRangeException(nameof(outcome), outcome, "Not a defined closure outcome."),
    };
}
