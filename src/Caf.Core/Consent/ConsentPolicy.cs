using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using Ardalis.GuardClauses;
using Caf.Core.Annotations;
using Caf.Core.Primitives;

namespace Caf.Core.Consent;

/// <summary>
/// Answers "is the recorded consent sufficient?" for an episode (CONS-01..04, CONS-06..08, LIFE-05), with
/// the reasons, and validates consent records and overrides before an episode accepts them. Built from
/// <see cref="ConsentOptions"/>; the defaults and the resolution of every conflict are in docs/consent.md.
/// </summary>
/// <threadsafety>This type is immutable and thread-safe.</threadsafety>
[Immutable]
public sealed class ConsentPolicy
{
    private readonly int _competenceLowerBound;
    private readonly int _selfConsentAge;
    private readonly bool _parentRequiredAtSelfConsentAge;
    private readonly bool _parentRequiredForCompetentYoungPerson;
    private readonly bool _competentRefusalPrevails;

    /// <summary>Creates the policy from options (copied: later changes to the options have no effect).</summary>
    /// <param name="options">The consent options.</param>
    /// <exception cref="ArgumentException">The options are invalid (the message names the option and rule).</exception>
    public ConsentPolicy(ConsentOptions options)
    {
        Guard.Against.Null(options);
        var problems = new List<string>();
        options.Validate(problems);
        if (problems.Count > 0)
        {
            throw new ArgumentException(string.Join(" ", problems), nameof(options));
        }

        _competenceLowerBound = options.CompetenceAgeExclusiveLowerBound;
        _selfConsentAge = options.SelfConsentAge;
        _parentRequiredAtSelfConsentAge = options.ParentConsentRequiredAtSelfConsentAge;
        _parentRequiredForCompetentYoungPerson = options.ParentConsentRequiredForCompetentYoungPerson;
        _competentRefusalPrevails = options.CompetentYoungPersonRefusalPrevails;
    }

    /// <summary>
    /// Evaluates the consent recorded so far: may an assessment start (LIFE-05; verbal consent is enough)
    /// and may information be shared at a panel (CONS-04; written consent from everyone the consent rests on).
    /// </summary>
    /// <param name="consent">The recorded consent.</param>
    /// <param name="childAgeInYears">The child's age in whole years, or null for an unborn baby (CONS-08).</param>
    /// <returns>The answer with the deciding rule and one reason a line, the first naming the deciding rule.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="consent"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="childAgeInYears"/> is negative.</exception>
    public ConsentEvaluation Evaluate(ConsentState consent, int? childAgeInYears)
    {
        Guard.Against.Null(consent);
        GuardAge(childAgeInYears);

        if (consent.Override is { } @override)
        {
            // CONS-06: an override is not consent; the case leaves the voluntary CAF route (LIFE-04).
            var refusal = new Refusal(
                "CONS-06",
                $"Consent was overridden in the child's best interest (decided by {@override.DecidedBy}): the case has left the voluntary CAF route (LIFE-04) and closes as Consent overridden (CLOSE-06).",
                "consent");
            return new ConsentEvaluation(false, false, refusal, [Line(refusal.RuleId, refusal.Message)])
            {
                DecidingRule = "CONS-06",
                PanelRefusal = refusal,
            };
        }

        var mode = ModeForAge(consent, childAgeInYears);
        var resolution = Resolve(consent, mode);
        var reasons = ImmutableArray.CreateBuilder<string>();
        reasons.Add($"Decided by {resolution.RuleId}: {resolution.Reason}");
        AddNotes(consent, childAgeInYears, mode, resolution, reasons);

        if (!resolution.InForce)
        {
            var refusal = new Refusal(resolution.RuleId, resolution.Reason, "consent");
            return new ConsentEvaluation(false, false, refusal, reasons.ToImmutable())
            {
                DecidingRule = resolution.RuleId,
                PanelRefusal = refusal,
                ReliedOn = [],
            };
        }

        var reliedOn = resolution.Second is null ? ImmutableArray.Create(resolution.First!) : ImmutableArray.Create(resolution.First!, resolution.Second);
        Refusal? panelRefusal = null;
        if (resolution.Written)
        {
            reasons.Add(Line("CONS-04", "Written consent is recorded from everyone the consent rests on: information may be shared at a panel."));
        }
        else
        {
            panelRefusal = new Refusal(
                "CONS-04",
                $"Verbal consent is enough to start the assessment (LIFE-05), but sharing at a panel needs written consent from {Names(reliedOn)}.",
                "consent");
            reasons.Add(Line(panelRefusal.RuleId, panelRefusal.Message));
        }

        return new ConsentEvaluation(true, panelRefusal is null, null, reasons.ToImmutable())
        {
            DecidingRule = resolution.RuleId,
            PanelRefusal = panelRefusal,
            ReliedOn = reliedOn,
        };
    }

    /// <summary>
    /// Checks a consent record before an episode accepts it; refusals carry the rule id. The episode
    /// stays unchanged when the record is refused (LIFE-12).
    /// </summary>
    /// <param name="record">The record.</param>
    /// <param name="childAgeInYears">The child's age in whole years when the record is made, or null for an unborn baby.</param>
    /// <returns>
    /// <see cref="Result.Ok"/>, or a refusal: <c>CONS-04</c> no giver name; <c>CONS-08</c> an expectant
    /// parent for a born child, or anyone else for an unborn baby; <c>CONS-02</c> a young person at or under
    /// the lower age bound, a young person between the bounds without the recorded competence judgement,
    /// or a competence judgement on someone other than a young person; <c>CONS-03</c> a competence
    /// judgement on a young person at or over the self-consent age (capacity is presumed);
    /// <c>CONS-05</c> exclusions on a refusal.
    /// </returns>
    /// <exception cref="ArgumentNullException"><paramref name="record"/> is null.</exception>
    /// <exception cref="ArgumentException">An enum value is undefined, an excluded agency or the recorder is a <c>default</c> id, or the age is negative.</exception>
    public Result ValidateRecord(ConsentRecord record, int? childAgeInYears)
    {
        Guard.Against.Null(record);
        GuardAge(childAgeInYears);
        Guard.Against.EnumOutOfRange(record.GiverRole);
        Guard.Against.EnumOutOfRange(record.Decision);
        Guard.Against.EnumOutOfRange(record.Form);
        foreach (var agency in record.ExcludedAgencies)
        {
            if (agency.IsDefault)
            {
                throw new ArgumentException("An excluded agency must not be default(AgencyId).", nameof(record));
            }
        }

        if (record.RecordedBy is { IsDefault: true })
        {
            throw new ArgumentException("RecordedBy must not be default(PractitionerId); leave it null when unknown.", nameof(record));
        }

        if (string.IsNullOrWhiteSpace(record.GiverName))
        {
            return Result.Refused("CONS-04", "Consent must be recorded with the name of the person who gave or refused it.", nameof(ConsentRecord.GiverName));
        }

        if (childAgeInYears is null && record.GiverRole != ConsentGiverRole.ExpectantParent)
        {
            return Result.Refused("CONS-08", "Consent for an unborn baby comes from the expectant parent.", nameof(ConsentRecord.GiverRole));
        }

        if (childAgeInYears is not null && record.GiverRole == ConsentGiverRole.ExpectantParent)
        {
            return Result.Refused("CONS-08", "An expectant parent consents only for an unborn baby; for a born child record a parent with parental responsibility.", nameof(ConsentRecord.GiverRole));
        }

        if (record.GiverRole != ConsentGiverRole.YoungPerson)
        {
            if (record.SufficientUnderstanding is not null)
            {
                return Result.Refused("CONS-02", "A competence judgement is recorded only for a young person.", nameof(ConsentRecord.SufficientUnderstanding));
            }
        }
        else
        {
            var age = childAgeInYears!.Value;
            if (age <= _competenceLowerBound)
            {
                return Result.Refused(
                    "CONS-02",
                    $"A young person aged {age} cannot give the consent that counts (only over {_competenceLowerBound}); record the consent of a parent with parental responsibility (CONS-01).",
                    nameof(ConsentRecord.GiverRole));
            }

            if (age < _selfConsentAge && record.SufficientUnderstanding is null)
            {
                return Result.Refused(
                    "CONS-02",
                    $"A young person aged {age} consents only where the practitioner judges they have sufficient knowledge, understanding and intelligence: record that judgement.",
                    nameof(ConsentRecord.SufficientUnderstanding));
            }

            if (age >= _selfConsentAge && record.SufficientUnderstanding is not null)
            {
                return Result.Refused(
                    "CONS-03",
                    $"A young person aged {age} consents for themselves (capacity is presumed from {_selfConsentAge}); leave the competence judgement empty.",
                    nameof(ConsentRecord.SufficientUnderstanding));
            }
        }

        if (record.Decision == ConsentDecision.Refused && !record.ExcludedAgencies.IsEmpty)
        {
            return Result.Refused("CONS-05", "A refusal covers every agency; excluded agencies belong to a (partial) consent.", nameof(ConsentRecord.ExcludedAgencies));
        }

        return Result.Ok;
    }

    /// <summary>
    /// CONS-07: checks a withdrawal before an episode accepts it. Who may withdraw follows who may consent
    /// (CONS-01..03, CONS-08); the withdrawal records the person's name and a reason. Every refusal is <c>CONS-07</c>,
    /// its message names the consent rule that decides, and its field is the withdrawal's member at fault.
    /// </summary>
    /// <param name="withdrawal">The withdrawal.</param>
    /// <param name="childAgeInYears">The child's age in whole years on the day, or null for an unborn baby.</param>
    /// <returns>
    /// <see cref="Result.Ok"/>, or a <c>CONS-07</c> refusal: no name; a blank reason; someone other than the expectant
    /// parent for an unborn baby, or an expectant parent for a born child (CONS-08); a young person at or under the
    /// lower age bound, or under the self-consent age without the practitioner's judgement of sufficient understanding
    /// (CONS-02); a competence judgement on someone other than a young person, or on a young person at or over the
    /// self-consent age (CONS-03).
    /// </returns>
    /// <exception cref="ArgumentNullException"><paramref name="withdrawal"/> is null.</exception>
    /// <exception cref="ArgumentException">The role is undefined or the age is negative.</exception>
    public Result ValidateWithdrawal(ConsentWithdrawal withdrawal, int? childAgeInYears)
    {
        Guard.Against.Null(withdrawal);
        GuardAge(childAgeInYears);
        Guard.Against.EnumOutOfRange(withdrawal.WithdrawnBy);
        if (string.IsNullOrWhiteSpace(withdrawal.Name))
        {
            return Result.Refused("CONS-07", "A withdrawal of consent is recorded with the name of the person who withdrew it.", nameof(ConsentWithdrawal.Name));
        }

        if (string.IsNullOrWhiteSpace(withdrawal.Reason))
        {
            return Result.Refused("CONS-07", "Record the reason the family gave for withdrawing consent (or that they gave none, in words).", nameof(ConsentWithdrawal.Reason));
        }

        var role = withdrawal.WithdrawnBy;
        if (childAgeInYears is null && role != ConsentGiverRole.ExpectantParent)
        {
            return Result.Refused("CONS-07", "Consent for an unborn baby comes from the expectant parent (CONS-08), and so does its withdrawal.", nameof(ConsentWithdrawal.WithdrawnBy));
        }

        if (childAgeInYears is not null && role == ConsentGiverRole.ExpectantParent)
        {
            return Result.Refused("CONS-07", "An expectant parent consents, and withdraws, only for an unborn baby (CONS-08); for a born child record a parent with parental responsibility.", nameof(ConsentWithdrawal.WithdrawnBy));
        }

        if (role != ConsentGiverRole.YoungPerson)
        {
            return withdrawal.SufficientUnderstanding is null
                ? Result.Ok
                : Result.Refused("CONS-07", "A competence judgement is recorded only for a young person (CONS-02).", nameof(ConsentWithdrawal.SufficientUnderstanding));
        }

        var age = childAgeInYears!.Value;
        if (age <= _competenceLowerBound)
        {
            return Result.Refused(
                "CONS-07",
                $"A young person aged {age} cannot give the consent that counts (only over {_competenceLowerBound}, CONS-02), so cannot withdraw it: a parent with parental responsibility withdraws (CONS-01).",
                nameof(ConsentWithdrawal.WithdrawnBy));
        }

        if (age < _selfConsentAge && withdrawal.SufficientUnderstanding != true)
        {
            return Result.Refused(
                "CONS-07",
                $"A young person aged {age} withdraws consent only where the practitioner judges they have sufficient knowledge, understanding and intelligence (CONS-02): record that judgement, or the withdrawal of a parent with parental responsibility.",
                nameof(ConsentWithdrawal.SufficientUnderstanding));
        }

        return age >= _selfConsentAge && withdrawal.SufficientUnderstanding is not null
            ? Result.Refused("CONS-07", $"A young person aged {age} decides for themselves (capacity is presumed from {_selfConsentAge}, CONS-03); leave the competence judgement empty.", nameof(ConsentWithdrawal.SufficientUnderstanding))
            : Result.Ok;
    }

    /// <summary>Checks an override before an episode accepts it (CONS-06).</summary>
    /// <param name="override">The override.</param>
    /// <returns><see cref="Result.Ok"/>, or a <c>CONS-06</c> refusal: no safeguarding justification, or no deciding person.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="override"/> is null.</exception>
    public Result ValidateOverride(ConsentOverride @override)
    {
        Guard.Against.Null(@override);
        if (string.IsNullOrWhiteSpace(@override.SafeguardingJustification))
        {
            return Result.Refused("CONS-06", "Overriding consent needs a recorded safeguarding justification of why it is in the child's best interest.", nameof(ConsentOverride.SafeguardingJustification));
        }

        if (@override.DecidedBy.IsDefault)
        {
            return Result.Refused("CONS-06", "Overriding consent needs the person who decided.", nameof(ConsentOverride.DecidedBy));
        }

        return Result.Ok;
    }

    /// <summary>
    /// The age-free resolution used by the sharing service: the young person's standing is the one the
    /// record was accepted with (see <see cref="ResolutionMode"/>). Allocation free.
    /// </summary>
    internal ConsentResolution ResolveForSharing(ConsentState consent)
    {
        var young = consent.Latest(ConsentGiverRole.YoungPerson);
        var mode = young is null ? ResolutionMode.ParentDecides : young.SufficientUnderstanding switch
        {
            null => ResolutionMode.SelfConsent,
            true => ResolutionMode.CompetenceBand,
            false => ResolutionMode.ParentDecides,
        };
        return Resolve(consent, mode);
    }

    /// <summary>The age-aware resolution (as <see cref="Evaluate"/>), for sharing when the host knows the age. Allocation free.</summary>
    internal ConsentResolution ResolveForSharing(ConsentState consent, int? childAgeInYears)
    {
        GuardAge(childAgeInYears);
        return Resolve(consent, ModeForAge(consent, childAgeInYears));
    }

    private ResolutionMode ModeForAge(ConsentState consent, int? age)
    {
        if (age is null)
        {
            return ResolutionMode.Unborn;
        }

        if (age >= _selfConsentAge)
        {
            return ResolutionMode.SelfConsent;
        }

        return age > _competenceLowerBound ? ResolutionMode.CompetenceBand : ResolutionMode.ParentDecides;
    }

    private ConsentResolution Resolve(ConsentState consent, ResolutionMode mode)
    {
        if (consent.IsWithdrawn)
        {
            return new(false, "CONS-07", ConsentReasons.Withdrawn);
        }

        if (mode == ResolutionMode.Unborn)
        {
            return consent.Latest(ConsentGiverRole.ExpectantParent) switch
            {
                null => new(false, "LIFE-05", ConsentReasons.NoExpectantParentConsent),
                { Decision: ConsentDecision.Refused } e => new(false, "CONS-08", ConsentReasons.ExpectantParentRefused, e),
                var e => new(true, "CONS-08", ConsentReasons.ExpectantParentConsented, e),
            };
        }

        // CONS-08 -> CONS-01: after birth the expectant parent's latest record stands for the parent's
        // until a parent's record is made (the birth mother has parental responsibility).
        var parent = consent.Latest(ConsentGiverRole.ParentWithParentalResponsibility) ?? consent.Latest(ConsentGiverRole.ExpectantParent);
        var young = consent.Latest(ConsentGiverRole.YoungPerson);

        if (mode == ResolutionMode.SelfConsent)
        {
            if (young is null || young.SufficientUnderstanding == false)
            {
                return new(false, "LIFE-05", ConsentReasons.SelfConsentNotRecorded);
            }

            if (young.Decision == ConsentDecision.Refused)
            {
                return new(false, "CONS-03", ConsentReasons.SelfConsentRefused, young);
            }

            if (!_parentRequiredAtSelfConsentAge)
            {
                return new(true, "CONS-03", ConsentReasons.SelfConsentGiven, young);
            }

            return parent switch
            {
                null => new(false, "LIFE-05", ConsentReasons.SelfConsentParentRequiredMissing),
                { Decision: ConsentDecision.Refused } => new(false, "CONS-03", ConsentReasons.SelfConsentParentRequiredRefused, parent),
                _ => new(true, "CONS-03", ConsentReasons.SelfConsentBothGiven, young, parent),
            };
        }

        if (mode == ResolutionMode.CompetenceBand && young is { SufficientUnderstanding: true })
        {
            if (young.Decision == ConsentDecision.Refused)
            {
                if (_competentRefusalPrevails)
                {
                    return new(false, "CONS-02", ConsentReasons.CompetentRefusalPrevails, young);
                }
            }
            else if (_parentRequiredForCompetentYoungPerson)
            {
                return parent switch
                {
                    null => new(false, "LIFE-05", ConsentReasons.CompetentGaveParentMissing),
                    { Decision: ConsentDecision.Refused } => new(false, "CONS-01", ConsentReasons.CompetentGaveParentRefused, parent),
                    _ => new(true, "CONS-02", ConsentReasons.CompetentAndParentGave, parent, young),
                };
            }
            else
            {
                return new(true, "CONS-02", ConsentReasons.CompetentGaveAlone, young);
            }
        }

        // The parent decides: a child at or under the lower bound, a young person not judged competent
        // (or whose refusal does not prevail by local policy), or no young person's record.
        var parentRule = parent?.GiverRole == ConsentGiverRole.ExpectantParent ? "CONS-08" : "CONS-01";
        return parent switch
        {
            null => new(false, "LIFE-05", ConsentReasons.NoParentConsent),
            { Decision: ConsentDecision.Refused } => new(false, parentRule, ConsentReasons.ParentRefused, parent),
            _ => new(true, parentRule, ConsentReasons.ParentConsented, parent),
        };
    }

    private void AddNotes(ConsentState consent, int? age, ResolutionMode mode, ConsentResolution resolution, ImmutableArray<string>.Builder reasons)
    {
        var parentRecord = consent.Latest(ConsentGiverRole.ParentWithParentalResponsibility);
        var expectant = consent.Latest(ConsentGiverRole.ExpectantParent);
        var young = consent.Latest(ConsentGiverRole.YoungPerson);

        if (mode != ResolutionMode.Unborn && parentRecord is null && expectant is not null
            && (ReferenceEquals(resolution.First, expectant) || ReferenceEquals(resolution.Second, expectant)))
        {
            reasons.Add(Line("CONS-08", ConsentReasons.ExpectantParentStandsForParent));
        }

        if (young is null)
        {
            if (mode == ResolutionMode.CompetenceBand)
            {
                reasons.Add(Line("CONS-02", $"No consent of the young person (aged {age}) is recorded; it is also needed where the practitioner judges they have sufficient understanding."));
            }

            return;
        }

        switch (mode)
        {
            case ResolutionMode.Unborn:
                reasons.Add(Line("CONS-08", "A young person's record does not count for an unborn baby."));
                break;
            case ResolutionMode.ParentDecides:
                reasons.Add(Line("CONS-02", $"The young person's {Describe(young.Decision)} is recorded but does not decide at age {age} (over {_competenceLowerBound} needed)."));
                break;
            case ResolutionMode.CompetenceBand when young.SufficientUnderstanding is null:
                reasons.Add(Line("CONS-02", "The young person's record has no competence judgement, so it does not decide: record the practitioner's judgement."));
                break;
            case ResolutionMode.CompetenceBand when young.SufficientUnderstanding == false:
                reasons.Add(Line("CONS-02", $"The young person's {Describe(young.Decision)} is recorded; they were judged not to have sufficient understanding, so the parent's decision counts."));
                break;
            case ResolutionMode.CompetenceBand when young.Decision == ConsentDecision.Refused && resolution.InForce:
                reasons.Add(Line("CONS-02", "The young person, judged to have sufficient understanding, refused; local policy lets the parent's consent decide (CompetentYoungPersonRefusalPrevails = false)."));
                break;
            case ResolutionMode.CompetenceBand when young.Decision == ConsentDecision.Given && resolution.InForce && !_parentRequiredForCompetentYoungPerson
                                                    && parentRecord is { Decision: ConsentDecision.Refused }:
                reasons.Add(Line("CONS-01", "The parent refused; local policy does not require the parent's consent for a competent young person."));
                break;
            case ResolutionMode.SelfConsent when resolution.InForce && !_parentRequiredAtSelfConsentAge:
                if (parentRecord is { Decision: ConsentDecision.Refused })
                {
                    reasons.Add(Line("CONS-03", "The parent refused; the young person's own consent is sufficient at the self-consent age (the parent's is sought, not required)."));
                }

                break;
            default:
                break;
        }
    }

    private static string Describe(ConsentDecision decision) => decision == ConsentDecision.Given ? "consent" : "refusal";

    private static string Line(string ruleId, string text) => $"[{ruleId}] {text}";

    private static string Names(ImmutableArray<ConsentRecord> records)
    {
        var names = new List<string>();
        foreach (var record in records)
        {
            if (record.Form != ConsentForm.Written)
            {
                names.Add($"{record.GiverName} ({ConsentDisplayText.For(record.GiverRole)}, consent given verbally)");
            }
        }

        return string.Join(" and ", names);
    }

    internal static void GuardAge(int? childAgeInYears)
    {
        if (childAgeInYears is < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(childAgeInYears), childAgeInYears, "The child's age must be 0 or more, or null for an unborn baby.");
        }
    }
}

/// <summary>The answer of <see cref="ConsentPolicy.Evaluate"/>.</summary>
/// <param name="SufficientToStartAssessment">True when an assessment may start (LIFE-05).</param>
/// <param name="SufficientToShareAtPanel">True when written consent allows sharing at a panel (CONS-04).</param>
/// <param name="Refusal">Why an assessment may not start, or null.</param>
/// <param name="Reasons">The reasoning, one line a rule, for a practitioner; the first line names the deciding rule.</param>
/// <threadsafety>This type is immutable and thread-safe.</threadsafety>
[Immutable]
public sealed record ConsentEvaluation(
    bool SufficientToStartAssessment,
    bool SufficientToShareAtPanel,
    Refusal? Refusal,
    ImmutableArray<string> Reasons)
{
    /// <summary>The id of the rule that decided (e.g. <c>CONS-02</c>, <c>CONS-07</c>, <c>LIFE-05</c> when nothing counts yet).</summary>
    public string DecidingRule { get; init; } = "LIFE-05";

    /// <summary>Why information may not be shared at a panel (CONS-04), or null when it may.</summary>
    public Refusal? PanelRefusal { get; init; }

    /// <summary>The consent records the answer rests on (parent and/or young person, or expectant parent); empty when insufficient.</summary>
    public ImmutableArray<ConsentRecord> ReliedOn { get; init; } = [];

    /// <inheritdoc />
    public bool Equals(ConsentEvaluation? other) =>
        other is not null && SufficientToStartAssessment == other.SufficientToStartAssessment
        && SufficientToShareAtPanel == other.SufficientToShareAtPanel && Refusal == other.Refusal && DecidingRule == other.DecidingRule
        && PanelRefusal == other.PanelRefusal && ValueEquality.Equal(Reasons, other.Reasons) && ValueEquality.Equal(ReliedOn, other.ReliedOn);

    /// <inheritdoc />
    public override int GetHashCode() =>
        System.HashCode.Combine(SufficientToStartAssessment, SufficientToShareAtPanel, Refusal, DecidingRule, PanelRefusal,
            ValueEquality.Hash(Reasons), ValueEquality.Hash(ReliedOn));
}
