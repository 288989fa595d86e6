using Ardalis.GuardClauses;
using Caf.Core.Annotations;

namespace Caf.Core.LeadProfessional;

/// <summary>
/// LP-05: how the child and family understood and agreed to the nominated lead professional, as recorded
/// (e.g. "Ms Smith and Amy agreed at the TAC meeting"). A type of its own so that
/// <see cref="Caf.Core.Lifecycle.CafEpisode.AppointLeadProfessional(Caf.Core.Primitives.Actor, LeadProfessionalCandidate, Caf.Core.Primitives.PractitionerId?, FamilyAgreement?, string)"/>
/// cannot be called with the agreement and the reason swapped: both would otherwise be strings side by side.
/// </summary>
/// <threadsafety>This type is immutable and thread-safe.</threadsafety>
[Immutable]
public sealed record FamilyAgreement
{
    /// <summary>Records how the family agreed.</summary>
    /// <param name="howAgreed">How they agreed, in the recorder's words.</param>
    /// <exception cref="System.ArgumentException"><paramref name="howAgreed"/> is null, empty or white space.</exception>
    public FamilyAgreement(string howAgreed)
    {
        HowAgreed = Guard.Against.NullOrWhiteSpace(howAgreed);
    }

    /// <summary>How the family agreed, in the recorder's words.</summary>
    public string HowAgreed { get; }

    /// <summary>How the family agreed.</summary>
    /// <returns><see cref="HowAgreed"/>.</returns>
    public override string ToString() => HowAgreed;
}
