using Caf.Core.Primitives;

namespace Caf.Core.Consent;

/// <summary>What the statutory duty to share is for (Children Act 2004 s16LA: safeguarding and promoting welfare).</summary>
[System.Text.Json.Serialization.JsonConverter(typeof(Caf.Core.Primitives.StrictEnumConverter<DutyToShareGround>))]
public enum DutyToShareGround
{
    /// <summary>Safeguarding the child.</summary>
    Safeguarding = 0,

    /// <summary>Promoting the child's welfare.</summary>
    Welfare = 1,
}

/// <summary>
/// LAW-02: a practitioner's recorded consideration of a disclosure under the statutory duty to share, to an agency
/// the consent in force does not cover (one the family excluded, or any agency once consent is refused or withdrawn).
/// When disclosure would be more detrimental to the child than not disclosing, nothing is disclosed and the decision
/// not to disclose is recorded with its reason (SHARE-04).
/// </summary>
/// <param name="Agency">The agency that would receive the information.</param>
/// <param name="Purpose">What the agency would use it for (its minimum applies, SHARE-02).</param>
/// <param name="Ground">Safeguarding or welfare.</param>
/// <param name="MoreDetrimentalToChild">The practitioner's judgement: would disclosure be more detrimental to the child than not disclosing?</param>
/// <param name="Reason">Why, in the practitioner's words (required).</param>
/// <param name="Items">What would be disclosed (SHARE-04).</param>
/// <threadsafety>This type is immutable and thread-safe.</threadsafety>
[Caf.Core.Annotations.Immutable]
public sealed record DutyToShareConsideration(
    AgencyId Agency,
    SharingPurpose Purpose,
    DutyToShareGround Ground,
    bool MoreDetrimentalToChild,
    string Reason,
    SharedItems Items)
{
    /// <summary>Formats as "disclosure to X for safeguarding: not more detrimental to the child (reason)".</summary>
    /// <returns>One line.</returns>
    public override string ToString() =>
        $"disclosure to {Agency} for {(Ground == DutyToShareGround.Welfare ? "welfare" : "safeguarding")}: {(MoreDetrimentalToChild ? "more" : "not more")} detrimental to the child ({Reason})";
}
