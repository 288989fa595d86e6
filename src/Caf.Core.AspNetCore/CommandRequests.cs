using System.Collections.Generic;
using Caf.Core.Consent;

namespace Caf.Core.AspNetCore;

/// <summary>The body of a command that needs only the reason it is done for (LIFE-11), e.g. starting the assessment.</summary>
public sealed class ReasonRequest
{
    /// <summary>Why, in the practitioner's words.</summary>
    public string? Reason { get; init; }
}

/// <summary>The body of "record consent" (CONS-01..05, CONS-08): who decided, how, and the agencies they excluded.</summary>
public sealed class RecordConsentRequest
{
    /// <summary>Who decided.</summary>
    public ConsentGiverRole GiverRole { get; init; }

    /// <summary>The person's name as recorded.</summary>
    public string? GiverName { get; init; }

    /// <summary>Given or refused.</summary>
    public ConsentDecision Decision { get; init; }

    /// <summary>Verbal or written (CONS-04).</summary>
    public ConsentForm Form { get; init; }

    /// <summary>The agencies the family refused sharing with (CONS-05); none for full consent.</summary>
    public IReadOnlyList<string>? ExcludedAgencies { get; init; }

    /// <summary>For a young person under the self-consent age: the practitioner's judgement of their understanding (CONS-02).</summary>
    public bool? SufficientUnderstanding { get; init; }

    /// <summary>
    /// CONS-09: the practitioner explained that, to secure support from other agencies, information will need to be
    /// shared with them. A given consent that does not say so (absent) or says false is refused.
    /// </summary>
    public bool? SharingExplained { get; init; }

    /// <summary>What consent was sought for, or why it was refused or limited (LIFE-11).</summary>
    public string? Reason { get; init; }
}

/// <summary>The body of "record a withdrawal of consent" (CONS-07).</summary>
public sealed class WithdrawConsentRequest
{
    /// <summary>Who withdrew.</summary>
    public ConsentGiverRole WithdrawnBy { get; init; }

    /// <summary>The name of the person who withdrew (CONS-07: required).</summary>
    public string? Name { get; init; }

    /// <summary>For a young person under the self-consent age: the practitioner's judgement of their understanding (CONS-02).</summary>
    public bool? SufficientUnderstanding { get; init; }

    /// <summary>The reason given (CONS-07: required).</summary>
    public string? Reason { get; init; }
}

/// <summary>The body of "a practitioner identified a concern" (LIFE-01, LIFE-03): the child and the concern, in words.</summary>
public sealed class OpenEpisodeRequest
{
    /// <summary>The id for the new episode; a new one is made when omitted.</summary>
    public string? EpisodeId { get; init; }

    /// <summary>The child's id in the host's records.</summary>
    public string? ChildId { get; init; }

    /// <summary>The child's date of birth, if known (consent rules depend on age, CONS-02/03).</summary>
    public System.DateOnly? DateOfBirth { get; init; }

    /// <summary>The concern, in the practitioner's words (LIFE-11).</summary>
    public string? Concern { get; init; }

    /// <summary>
    /// LAW-03: the child's NHS number, if known (ten digits, spaces allowed: <c>943 476 5919</c>); a wrong one is answered
    /// 400 naming <c>nhsNumber</c>.
    /// </summary>
    public string? NhsNumber { get; init; }
}
