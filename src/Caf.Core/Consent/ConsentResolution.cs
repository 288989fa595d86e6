namespace Caf.Core.Consent;

/// <summary>
/// How the young person's record is read when consent is resolved. <see cref="ConsentPolicy.Evaluate"/>
/// picks it from the child's age; the sharing service (which has no age) picks it from the standing the
/// record was accepted with (<see cref="ConsentRecord.SufficientUnderstanding"/>: null = self-consent,
/// true = competent, false = does not count), so both agree for records that passed
/// <see cref="ConsentPolicy.ValidateRecord"/>.
/// </summary>
internal enum ResolutionMode
{
    /// <summary>CONS-08: only the expectant parent decides.</summary>
    Unborn,

    /// <summary>CONS-01: the parent decides (child at or under the lower bound, or no competent young person).</summary>
    ParentDecides,

    /// <summary>CONS-01 + CONS-02: a young person between the bounds judged to have sufficient understanding.</summary>
    CompetenceBand,

    /// <summary>CONS-03: a young person at or over the self-consent age.</summary>
    SelfConsent,
}

/// <summary>
/// The allocation-free core answer: is consent in force, which rule decided, a constant reason, and the
/// (at most two) records it rests on. Reasons are constants so the sharing hot path allocates nothing.
/// </summary>
internal readonly struct ConsentResolution
{
    internal ConsentResolution(bool inForce, string ruleId, string reason, ConsentRecord? first = null, ConsentRecord? second = null)
    {
        InForce = inForce;
        RuleId = ruleId;
        Reason = reason;
        First = first;
        Second = second;
    }

    internal bool InForce { get; }

    internal string RuleId { get; }

    internal string Reason { get; }

    /// <summary>The main record the consent rests on (or the refusing record), if any.</summary>
    internal ConsentRecord? First { get; }

    /// <summary>A second record the consent rests on (parent and young person both required), if any.</summary>
    internal ConsentRecord? Second { get; }

    /// <summary>The first record the consent rests on that is only verbal (CONS-04), or null.</summary>
    internal ConsentRecord? FirstVerbal =>
        First is { Form: ConsentForm.Verbal } ? First : Second is { Form: ConsentForm.Verbal } ? Second : null;

    /// <summary>CONS-04: every record the consent rests on is written.</summary>
    internal bool Written =>
        InForce && (First is null || First.Form == ConsentForm.Written) && (Second is null || Second.Form == ConsentForm.Written);
}

/// <summary>The constant reasons of <see cref="ConsentResolution"/> (reused, never built per call).</summary>
internal static class ConsentReasons
{
    internal const string Withdrawn =
        "Consent has been withdrawn (CONS-07): nothing more is shared on consent; the episode can only close as Consent withdrawn (CLOSE-05) or be overridden (CONS-06).";

    internal const string NoExpectantParentConsent =
        "No consent from the expectant parent is recorded; for an unborn baby it comes from the expectant parent (CONS-08).";

    internal const string ExpectantParentRefused = "The expectant parent refused consent (CONS-08).";

    internal const string ExpectantParentConsented = "The expectant parent consented for the unborn baby (CONS-08).";

    internal const string NoParentConsent =
        "No consent from a parent with parental responsibility is recorded; a parent's consent is always sought (CONS-01).";

    internal const string ParentRefused = "The parent with parental responsibility refused consent (CONS-01).";

    internal const string ParentConsented = "A parent with parental responsibility consented (CONS-01).";

    internal const string ExpectantParentStandsForParent =
        "The expectant parent's consent stands for the parent now that the baby is born (CONS-08, CONS-01); record the parent's consent when next seen.";

    internal const string SelfConsentNotRecorded =
        "A young person at or over the self-consent age consents for themselves (CONS-03): record their own consent.";

    internal const string SelfConsentRefused =
        "The young person, at or over the self-consent age, refused consent; their decision stands (CONS-03).";

    internal const string SelfConsentGiven =
        "The young person, at or over the self-consent age, consented for themselves (CONS-03); a parent's consent is sought but not required.";

    internal const string SelfConsentParentRequiredMissing =
        "Local policy requires a parent's consent as well as the young person's at the self-consent age (CONS-03 option); none is recorded.";

    internal const string SelfConsentParentRequiredRefused =
        "Local policy requires a parent's consent as well as the young person's at the self-consent age (CONS-03 option); the parent refused.";

    internal const string SelfConsentBothGiven =
        "The young person and, as local policy requires, a parent consented (CONS-03).";

    internal const string CompetentRefusalPrevails =
        "The young person, judged to have sufficient understanding, refused consent; a competent child's refusal prevails over a parent's consent (CONS-02, national guidance).";

    internal const string CompetentGaveParentMissing =
        "The young person, judged to have sufficient understanding, consented, but a parent's consent is always sought and required as well (CONS-01, CONS-02); none is recorded.";

    internal const string CompetentGaveParentRefused =
        "The young person, judged to have sufficient understanding, consented, but the parent refused; the parent's consent is required as well (CONS-01, Bradford 002 §6).";

    internal const string CompetentAndParentGave =
        "A parent and the young person, judged to have sufficient understanding, both consented (CONS-01, CONS-02).";

    internal const string CompetentGaveAlone =
        "The young person, judged to have sufficient understanding, consented; local policy lets that suffice on its own (CONS-02 option).";
}
