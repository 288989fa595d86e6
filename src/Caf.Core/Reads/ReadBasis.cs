namespace Caf.Core.Reads;

/// <summary>
/// LAW-04: the legal basis a person reads a child's record on. The same three bases as a hand-over (LAW-01: consent,
/// a safeguarding override, a statutory duty); a minimal type of the read audit's own, to be unified with the legal
/// basis of sharing decisions.
/// </summary>
public enum ReadBasis
{
    /// <summary>The family's consent (CONS-01..08), the default basis of a CAF.</summary>
    Consent = 0,

    /// <summary>A safeguarding override in the child's best interest (CONS-06).</summary>
    SafeguardingOverride = 1,

    /// <summary>A statutory duty to share the authority has enabled (Children Act 2004 s16LA, LAW-02).</summary>
    StatutoryDuty = 2,
}
