namespace Caf.Core.Closure;

/// <summary>
/// CLOSE-10: the canonical category every closure outcome, shipped or an authority's own, belongs to, so
/// reports stay comparable across authorities.
/// </summary>
[System.Text.Json.Serialization.JsonConverter(typeof(Caf.Core.Primitives.StrictEnumConverter<ClosureCategory>))]
public enum ClosureCategory
{
    /// <summary>The concerns were resolved (CLOSE-01..04).</summary>
    Resolved = 1,

    /// <summary>The family's consent ended the CAF (CLOSE-05).</summary>
    ConsentEnded = 2,

    /// <summary>The case went up: consent overridden for safeguarding (CLOSE-06) or stepped up to a specialist service (CLOSE-07).</summary>
    Escalated = 3,
}
