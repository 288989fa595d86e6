namespace Caf.Core.Primitives;

/// <summary>
/// The naming port: the display names a person reads for practitioners and agencies, from the directory the host
/// already has (its staff directory, its list of partner agencies). Person-facing texts of the library and the
/// ASP.NET Core adapter use it, so a page says "Ms Jones (Riverside Primary School)" rather than "ms-jones".
/// Ids stay in stored data and in rule checks; names are only for reading. Register one in DI to replace
/// <see cref="CafNames.Ids"/>, the default, which falls back to the ids.
/// </summary>
public interface ICafNames
{
    /// <summary>The practitioner's display name, or null when the directory does not know them.</summary>
    /// <param name="practitioner">The practitioner.</param>
    /// <returns>The name, or null.</returns>
    string? PractitionerName(PractitionerId practitioner);

    /// <summary>The agency's display name, or null when the directory does not know it.</summary>
    /// <param name="agency">The agency.</param>
    /// <returns>The name, or null.</returns>
    string? AgencyName(AgencyId agency);
}
