namespace Caf.Core.NationalData;

/// <summary>
/// The rule ids of national data (docs/rules.md, NAT): the feature rules NAT-01..NAT-05 and the census-style
/// validation codes NAT-10..NAT-17 that <see cref="NationalDataValidator"/> reports, each on one field.
/// </summary>
public static class NationalDataRules
{
    /// <summary>NAT-01: closure outcomes map to early-help end reasons through the canonical categories; an end reason must be one the profile maps to.</summary>
    public const string EndReasonMapping = "NAT-01";

    /// <summary>NAT-02: a step-down into CAF carries the CIN closure reason (RC9), a step-up out of it the CIN referral source (5D), and only those.</summary>
    public const string CinLinks = "NAT-02";

    /// <summary>NAT-03: factor codes are codes of the profile's list, recorded only with a completed assessment.</summary>
    public const string FactorCodes = "NAT-03";

    /// <summary>NAT-04: extracts in the Standard Safeguarding Dataset shape, CSV and JSON, streamed, ISO 8601 dates.</summary>
    public const string Extracts = "NAT-04";

    /// <summary>NAT-05: extracts name children only by the host's id, optionally pseudonymised with a keyed hash.</summary>
    public const string Privacy = "NAT-05";

    /// <summary>NAT-10: an extract row has an episode id (unique in the batch), a person id, a start reason and an organisation.</summary>
    public const string RequiredFields = "NAT-10";

    /// <summary>NAT-11: a closure (end) date needs an end reason, and an end reason needs a date.</summary>
    public const string EndDateAndReason = "NAT-11";

    /// <summary>NAT-12: no activity after closure: the start, the assessment and the last activity are on or before the end date.</summary>
    public const string NoActivityAfterClosure = "NAT-12";

    /// <summary>NAT-13: at most one open episode per child (REG-01).</summary>
    public const string OneOpenEpisode = "NAT-13";

    /// <summary>NAT-14: no episode starts before the previous one of the same child ended.</summary>
    public const string NoOverlap = "NAT-14";

    /// <summary>NAT-15: a factor code appears at most once per episode.</summary>
    public const string DuplicateFactor = "NAT-15";

    /// <summary>NAT-16: "no factors identified" (21) is never combined with other factors.</summary>
    public const string NoFactorsAlone = "NAT-16";

    /// <summary>NAT-17: an assessment is completed on or after it started, and only once started.</summary>
    public const string AssessmentDates = "NAT-17";
}
