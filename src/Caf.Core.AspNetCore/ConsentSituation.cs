using System.Linq;
using Ardalis.GuardClauses;
using Caf.Core.Consent;
using Caf.Core.Primitives;

namespace Caf.Core.AspNetCore;

/// <summary>The consent situation of an episode in plain words, with agencies by name (the naming port).</summary>
public static class ConsentSituation
{
    /// <summary>
    /// Describes the consent in force: an override, a withdrawal, the latest decision (who, how, given or refused) and
    /// the agencies the family excluded; "No consent recorded yet." when there is none.
    /// </summary>
    /// <param name="consent">The episode's consent state.</param>
    /// <param name="names">The naming port.</param>
    /// <returns>One sentence.</returns>
    /// <exception cref="System.ArgumentNullException">An argument is null.</exception>
    public static string Describe(ConsentState consent, ICafNames names)
    {
        Guard.Against.Null(consent);
        Guard.Against.Null(names);
        var excluded = consent.Exclusions.Select(x => x.Agency).Distinct().Select(a => names.Name(a)).ToArray();
        var exclusions = excluded.Length == 0 ? string.Empty : $" Excluded: {string.Join(", ", excluded)}.";
        if (consent.IsOverridden)
        {
            return "Consent overridden in the child's best interest." + exclusions;
        }

        if (consent.Withdrawal is { } withdrawal)
        {
            return $"Consent withdrawn by the {ConsentDisplayText.For(withdrawal.WithdrawnBy).ToLowerInvariant()}." + exclusions;
        }

        if (consent.Records.IsEmpty)
        {
            return "No consent recorded yet.";
        }

        var latest = consent.Records[^1];
        var who = $"{latest.GiverName} ({ConsentDisplayText.For(latest.GiverRole).ToLowerInvariant()})";
        return (latest.Decision == ConsentDecision.Given
            ? $"Given by {who}, {ConsentDisplayText.For(latest.Form).ToLowerInvariant()}."
            : $"Refused by {who}.") + exclusions;
    }
}
