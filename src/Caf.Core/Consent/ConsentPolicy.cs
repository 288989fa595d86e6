using System.Collections.Immutable;
using Ardalis.GuardClauses;
using Caf.Core.Annotations;
using Caf.Core.Primitives;

namespace Caf.Core.Consent;

/// <summary>
/// Answers "is the recorded consent sufficient?" for an episode (CONS-01..04, CONS-08, LIFE-05), with
/// the reasons. Built from <see cref="ConsentOptions"/>; the defaults are Bradford's and national guidance.
/// </summary>
/// <threadsafety>This type is immutable and thread-safe.</threadsafety>
[Immutable]
public sealed class ConsentPolicy
{
    private readonly int _competenceLowerBound;
    private readonly int _selfConsentAge;

    /// <summary>Creates the policy from options (copied: later changes to the options have no effect).</summary>
    /// <param name="options">The consent options.</param>
    public ConsentPolicy(ConsentOptions options)
    {
        Guard.Against.Null(options);
        _competenceLowerBound = options.CompetenceAgeExclusiveLowerBound;
        _selfConsentAge = options.SelfConsentAge;
    }

    /// <summary>Checks a consent record before the episode accepts it (interim: the giver's name is required).</summary>
    /// <param name="record">The record.</param>
    /// <param name="childAgeInYears">The child's age, or null for an unborn baby.</param>
    /// <returns>Success, or a refusal naming the CONS rule.</returns>
    public Result ValidateRecord(ConsentRecord record, int? childAgeInYears)
    {
        Guard.Against.Null(record);
        _ = childAgeInYears;
        return string.IsNullOrWhiteSpace(record.GiverName)
            ? Result.Refused("CONS-01", "Record who gave or refused consent.", "giverName")
            : Result.Ok;
    }

    /// <summary>Checks an override (CONS-06: a safeguarding justification and who decided).</summary>
    /// <param name="override">The override.</param>
    /// <returns>Success, or a refusal.</returns>
    public Result ValidateOverride(ConsentOverride @override)
    {
        Guard.Against.Null(@override);
        return string.IsNullOrWhiteSpace(@override.SafeguardingJustification)
            ? Result.Refused("CONS-06", "An override needs a recorded safeguarding justification.", "safeguardingJustification")
            : Result.Ok;
    }

    /// <summary>Evaluates the consent recorded so far.</summary>
    /// <param name="consent">The recorded consent.</param>
    /// <param name="childAgeInYears">The child's age in whole years, or null for an unborn baby (CONS-08).</param>
    /// <returns>Whether an assessment may start and whether sharing at a panel is allowed, with reasons.</returns>
    public ConsentEvaluation Evaluate(ConsentState consent, int? childAgeInYears)
    {
        Guard.Against.Null(consent);
        // Interim rule until the consent issue lands the full policy: the person who must consent has
        // given consent (parent, expectant parent for an unborn baby, young person at self-consent age).
        var role = childAgeInYears is null ? ConsentGiverRole.ExpectantParent
            : childAgeInYears >= _selfConsentAge ? ConsentGiverRole.YoungPerson
            : ConsentGiverRole.ParentWithParentalResponsibility;
        var latest = consent.Latest(role);
        if (consent.IsWithdrawn)
        {
            return new ConsentEvaluation(false, false, new Refusal("CONS-07", "Consent has been withdrawn.", "consent"), []);
        }

        if (latest is not { Decision: ConsentDecision.Given })
        {
            return new ConsentEvaluation(false, false, new Refusal("LIFE-05", $"Consent from the {role} must be recorded before the assessment starts.", "consent"), []);
        }

        _ = _competenceLowerBound;
        var written = latest.Form == ConsentForm.Written;
        return new ConsentEvaluation(true, written, null, []);
    }
}

/// <summary>The answer of <see cref="ConsentPolicy.Evaluate"/>.</summary>
/// <param name="SufficientToStartAssessment">True when an assessment may start (LIFE-05).</param>
/// <param name="SufficientToShareAtPanel">True when written consent allows sharing at a panel (CONS-04).</param>
/// <param name="Refusal">Why an assessment may not start, or null.</param>
/// <param name="Reasons">The reasoning, one line a rule, for a practitioner.</param>
/// <threadsafety>This type is immutable and thread-safe.</threadsafety>
[Immutable]
public sealed record ConsentEvaluation(
    bool SufficientToStartAssessment,
    bool SufficientToShareAtPanel,
    Refusal? Refusal,
    ImmutableArray<string> Reasons);
