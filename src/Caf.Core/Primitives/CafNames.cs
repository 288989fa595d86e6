using System.Collections.Generic;
using System.Collections.Frozen;
using System.Linq;
using Ardalis.GuardClauses;
using Caf.Core.Annotations;

namespace Caf.Core.Primitives;

/// <summary>
/// Naming-port helpers: the default that knows no names (<see cref="Ids"/>), a fixed directory
/// (<see cref="From"/>), and the texts that fall back to ids when a name is unknown.
/// </summary>
/// <threadsafety>This type is immutable and thread-safe.</threadsafety>
[Immutable]
public static class CafNames
{
    /// <summary>The default naming port: knows no names, so every text shows the ids.</summary>
    public static ICafNames Ids { get; } = new Fixed(FrozenDictionary<PractitionerId, string>.Empty, FrozenDictionary<AgencyId, string>.Empty);

    /// <summary>A naming port over a fixed directory (a sample's or a test's).</summary>
    /// <param name="practitioners">Practitioner id → display name.</param>
    /// <param name="agencies">Agency id → display name.</param>
    /// <returns>The port; ids it does not hold fall back to the id.</returns>
    /// <exception cref="System.ArgumentNullException">An argument is null.</exception>
    public static ICafNames From(IEnumerable<KeyValuePair<PractitionerId, string>> practitioners, IEnumerable<KeyValuePair<AgencyId, string>> agencies)
    {
        Guard.Against.Null(practitioners);
        Guard.Against.Null(agencies);
        return new Fixed(practitioners.ToFrozenDictionary(), agencies.ToFrozenDictionary());
    }

    /// <summary>The practitioner's name, or the id when the port does not know it.</summary>
    /// <param name="names">The naming port.</param>
    /// <param name="practitioner">The practitioner.</param>
    /// <returns>A text to show.</returns>
    public static string Name(this ICafNames names, PractitionerId practitioner) =>
        Guard.Against.Null(names).PractitionerName(practitioner) is { Length: > 0 } name ? name : practitioner.ToString();

    /// <summary>The agency's name, or the id when the port does not know it.</summary>
    /// <param name="names">The naming port.</param>
    /// <param name="agency">The agency.</param>
    /// <returns>A text to show.</returns>
    public static string Name(this ICafNames names, AgencyId agency) =>
        Guard.Against.Null(names).AgencyName(agency) is { Length: > 0 } name ? name : agency.ToString();

    /// <summary>"Name (agency name)" for an actor, ids where a name is unknown.</summary>
    /// <param name="names">The naming port.</param>
    /// <param name="actor">The actor.</param>
    /// <returns>A text to show.</returns>
    public static string Name(this ICafNames names, Actor actor) => $"{names.Name(actor.Practitioner)} ({names.Name(actor.Agency)})";

    private sealed class Fixed(FrozenDictionary<PractitionerId, string> practitioners, FrozenDictionary<AgencyId, string> agencies) : ICafNames
    {
        public string? PractitionerName(PractitionerId practitioner) => practitioners.GetValueOrDefault(practitioner);

        public string? AgencyName(AgencyId agency) => agencies.GetValueOrDefault(agency);
    }
}
