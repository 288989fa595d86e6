using Caf.Core.Annotations;
using Caf.Core.Primitives;

namespace Caf.Core.Register;

/// <summary>
/// The register's answer to "is a CAF open for this child, and who is its lead professional?" (REG-02,
/// LIFE-03), as much as the asking practitioner's agency may know (SHARE-01). An agency the family excluded
/// learns only that a CAF exists and whom to contact: no episode id, state or agency. Every answer about an
/// open episode is audited (SHARE-03/04).
/// </summary>
/// <threadsafety>This type is immutable and thread-safe.</threadsafety>
[Immutable]
public sealed record RegisterAnswer
{
    private RegisterAnswer(EpisodeSummary? episode, PractitionerId? contact, bool restricted, string explanation)
    {
        Episode = episode;
        Contact = contact;
        IsRestricted = restricted;
        Explanation = explanation;
    }

    /// <summary>True when the child has an open episode.</summary>
    public bool HasOpenEpisode => Contact is not null;

    /// <summary>The open episode's register entry; null when there is none, or when the answer is restricted.</summary>
    public EpisodeSummary? Episode { get; }

    /// <summary>Whom to contact about the open episode: its lead professional (REG-02); null when none is open.</summary>
    public PractitionerId? Contact { get; }

    /// <summary>True when the family excluded the asking agency, so only the existence and the contact are given (SHARE-01).</summary>
    public bool IsRestricted { get; }

    /// <summary>What the answer means, for the practitioner.</summary>
    public string Explanation { get; }

    internal static RegisterAnswer None { get; } = new(null, null, false, "LIFE-03: the child has no open episode on the register.");

    internal static RegisterAnswer Full(EpisodeSummary open, ICafNames names) => new(open, open.LeadProfessional, false,
        $"LIFE-03: the child already has an open episode ({open.Id}); contribute to it. Its lead professional is {names.Name(open.LeadProfessional)} ({names.Name(open.LeadProfessionalAgency)}).");

    internal static RegisterAnswer Restricted(EpisodeSummary open, ICafNames names) => new(null, open.LeadProfessional, true,
        $"LIFE-03, SHARE-01: a CAF is open for this child. The family's consent does not cover your agency, so the register tells you only whom to contact: {names.Name(open.LeadProfessional)}.");
}
