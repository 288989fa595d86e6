using Caf.Core.Primitives;

namespace Caf.Core.Consent;

/// <summary>
/// The one place that answers "may agency X receive information about this episode for purpose P?"
/// (SHARE-01..04). Every part of the library that hands information to an agency asks it, and every
/// decision, granted or refused, is recorded for audit.
/// </summary>
public interface ISharingService
{
    /// <summary>Decides, records the decision, and returns it.</summary>
    /// <param name="episode">The episode the information is about.</param>
    /// <param name="consent">The episode's recorded consent.</param>
    /// <param name="agency">The agency that would receive the information.</param>
    /// <param name="purpose">Why it would be shared.</param>
    /// <param name="requestedBy">Who asks.</param>
    /// <returns>The decision with its reason and basis.</returns>
    SharingDecision Decide(EpisodeId episode, ConsentState consent, AgencyId agency, SharingPurpose purpose, Actor requestedBy);

    /// <summary>
    /// The decision with the child's age known (judged as of the request's own time), without recording it.
    /// The episode evaluates every recipient of a command first and records the decisions only once the command
    /// will go ahead (a refused command leaves no grant in the audit log), through <see cref="Record"/>.
    /// </summary>
    /// <param name="consent">The episode's recorded consent.</param>
    /// <param name="agency">The agency that would receive the information.</param>
    /// <param name="purpose">Why it would be shared.</param>
    /// <param name="childAgeInYears">The child's age in whole years on the day, or null for an unborn baby.</param>
    /// <returns>The decision with its reason and basis.</returns>
    SharingDecision Evaluate(ConsentState consent, AgencyId agency, SharingPurpose purpose, int? childAgeInYears);

    /// <summary>Records a decision made with <see cref="Evaluate"/> in the audit log (SHARE-03, SHARE-04).</summary>
    /// <param name="entry">The decision, what was shared, who asked and when.</param>
    void Record(SharingAuditEntry entry);
}

/// <summary>What a sharing decision rests on (SHARE-03).</summary>
[System.Text.Json.Serialization.JsonConverter(typeof(Caf.Core.Primitives.StrictEnumConverter<SharingBasis>))]
public enum SharingBasis
{
    /// <summary>Nothing: no consent in force and no override.</summary>
    None = 0,

    /// <summary>A consent record (<see cref="SharingDecision.BasisRecord"/>): the consent in force, or the partial consent that excludes the agency.</summary>
    Consent = 1,

    /// <summary>The override in the child's best interest (<see cref="SharingDecision.BasisOverride"/>, CONS-06).</summary>
    Override = 2,

    /// <summary>
    /// A statutory duty to share the authority has enabled from a date (LAW-02), with the practitioner's recorded
    /// consideration (<see cref="SharingDecision.BasisDuty"/>).
    /// </summary>
    StatutoryDuty = 3,
}

/// <summary>
/// The legal basis of a hand-over and of a read (LAW-01, LAW-04): the family's consent (the default), a safeguarding
/// override (CONS-06) or a statutory duty (LAW-02). A sharing decision names it (<see cref="SharingDecision.LegalBasis"/>;
/// a decision with nothing recorded to rest on, <see cref="SharingBasis.None"/>, was judged on consent, the default, and
/// names it); a read of a child's record is made on one (<see cref="Reads.ReadContext.Basis"/>) and recorded with it
/// (<see cref="Reads.ReadAuditEntry.Basis"/>).
/// </summary>
/// <remarks>
/// One type for both since the read audit's own <c>ReadBasis</c> was folded into it (same names, same numbers): a
/// stored read (the <c>basis</c> column of <c>caf_read_audit</c>, an integer) reads back unchanged. In JSON it is
/// written as its name.
/// </remarks>
[System.Text.Json.Serialization.JsonConverter(typeof(Caf.Core.Primitives.StrictEnumConverter<LegalBasis>))]
public enum LegalBasis
{
    /// <summary>The family's consent (CONS-01..09): the default.</summary>
    Consent = 0,

    /// <summary>Consent overridden in the child's best interest with a safeguarding justification (CONS-06).</summary>
    SafeguardingOverride = 1,

    /// <summary>The statutory duty to share for safeguarding and welfare (Children Act 2004 s16LA, LAW-02).</summary>
    StatutoryDuty = 2,
}

/// <summary>A sharing decision: granted or refused, the rule and the reason, and what it rests on.</summary>
/// <param name="Granted">True when the agency may receive the information.</param>
/// <param name="RuleId">The rule the decision rests on (e.g. <c>SHARE-01</c>, <c>CONS-04</c>, <c>CONS-06</c>, <c>CONS-07</c>).</param>
/// <param name="Reason">Why, for a person and for the audit (a constant text: the decision allocates nothing).</param>
/// <threadsafety>This type is immutable and thread-safe.</threadsafety>
[Caf.Core.Annotations.Immutable]
public readonly record struct SharingDecision(bool Granted, string RuleId, string Reason)
{
    /// <summary>What the decision rests on (SHARE-03).</summary>
    public SharingBasis Basis { get; init; }

    /// <summary>
    /// The consent record the decision rests on: the consent in force for a grant, the refusing or
    /// excluding record for a refusal; null when none.
    /// </summary>
    public ConsentRecord? BasisRecord { get; init; }

    /// <summary>The override the decision rests on (CONS-06), or null.</summary>
    public ConsentOverride? BasisOverride { get; init; }

    /// <summary>The recorded consideration under the statutory duty the decision rests on (LAW-02), or null.</summary>
    public DutyToShareConsideration? BasisDuty { get; init; }

    /// <summary>
    /// SHARE-02: what a grant hands over — the minimum for the purpose under the authority's policy
    /// (<see cref="SharingMinimum"/>); <see cref="InformationCategories.None"/> for a refusal. Hand over nothing beyond it.
    /// </summary>
    public InformationCategories Categories { get; init; }

    /// <summary>The legal basis the decision names (LAW-01): consent unless it rests on an override or the statutory duty.</summary>
    public LegalBasis LegalBasis => Basis switch
    {
        SharingBasis.Override => LegalBasis.SafeguardingOverride,
        SharingBasis.StatutoryDuty => LegalBasis.StatutoryDuty,
        _ => LegalBasis.Consent,
    };

    /// <summary>Formats as <c>granted [RULE] reason</c> or <c>refused [RULE] reason</c>.</summary>
    /// <returns>The formatted decision.</returns>
    public override string ToString() => $"{(Granted ? "granted" : "refused")} [{RuleId}] {Reason}";
}
