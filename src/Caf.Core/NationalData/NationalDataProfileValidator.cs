using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using Caf.Core.Closure;

namespace Caf.Core.NationalData;

/// <summary>NAT-01..NAT-03: checks a profile document and lists every problem with its JSON path; nothing is half-loaded.</summary>
internal static class NationalDataProfileValidator
{
    internal const int MaxTextLength = 200;

    internal static ImmutableArray<NationalDataProblem> Validate(NationalDataProfileDocument document)
    {
        var problems = ImmutableArray.CreateBuilder<NationalDataProblem>();
        void Add(string path, string message) => problems.Add(new NationalDataProblem(path, message));

        Text(document.Id, "$.id", "the profile id", Add);
        Text(document.Version, "$.version", "the profile version", Add);
        Text(document.Title, "$.title", "the title", Add);

        var ends = document.EndReasons;
        Text(ends.Resolved, "$.endReasons.resolved", "the end reason for the resolved category", Add);
        Text(ends.ConsentEnded, "$.endReasons.consentEnded", "the end reason for the consent-ended category", Add);
        Text(ends.Escalated, "$.endReasons.escalated", "the end reason for the escalated category", Add);
        Text(ends.NoFurtherAction, "$.endReasons.noFurtherAction", "the end reason for no further action (CLOSE-09)", Add);
        Text(ends.TransferredOut, "$.endReasons.transferredOut", "the end reason for a transfer out (RET-02)", Add);

        var outcomes = new HashSet<ClosureOutcome>();
        for (var i = 0; i < document.OutcomeEndReasons.Length; i++)
        {
            var path = $"$.outcomeEndReasons[{i}]";
            if (document.OutcomeEndReasons[i] is not { } entry)
            {
                Add(path, "an entry must not be null");
                continue;
            }

            if (!ClosureVocabulary.TryParseOutcome(entry.Outcome, out var outcome))
            {
                Add(path + ".outcome", $"outcome '{entry.Outcome}' is not a canonical outcome; expected one of {ClosureVocabulary.OutcomeNames}");
            }
            else if (!outcomes.Add(outcome))
            {
                Add(path + ".outcome", $"outcome '{entry.Outcome}' is listed twice");
            }

            Text(entry.EndReason, path + ".endReason", "the end reason", Add);
        }

        var codes = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < document.CodeEndReasons.Length; i++)
        {
            var path = $"$.codeEndReasons[{i}]";
            if (document.CodeEndReasons[i] is not { } entry)
            {
                Add(path, "an entry must not be null");
                continue;
            }

            if (Text(entry.Code, path + ".code", "the closure code", Add) && !codes.Add(entry.Code))
            {
                Add(path + ".code", $"closure code '{entry.Code}' is listed twice");
            }

            Text(entry.EndReason, path + ".endReason", "the end reason", Add);
        }

        Text(document.StartReasons.Concern, "$.startReasons.concern", "the start reason for a concern (LIFE-01)", Add);
        Text(document.StartReasons.StepDown, "$.startReasons.stepDown", "the start reason for a step-down (LIFE-02)", Add);
        Code(document.CinLinks.StepDownClosureReason, "$.cinLinks.stepDownClosureReason", "the CIN closure reason for a step-down (RC9)", Add);
        Code(document.CinLinks.StepUpReferralSource, "$.cinLinks.stepUpReferralSource", "the CIN referral source for a step-up (5D)", Add);

        var factors = new HashSet<string>(StringComparer.Ordinal);
        if (document.FactorCodes.IsEmpty)
        {
            Add("$.factorCodes", "at least one factor code is required");
        }

        for (var i = 0; i < document.FactorCodes.Length; i++)
        {
            var path = $"$.factorCodes[{i}]";
            if (document.FactorCodes[i] is not { } factor)
            {
                Add(path, "a factor code must not be null");
                continue;
            }

            if (!IsFactorCode(factor.Code))
            {
                Add(path + ".code", $"factor code '{factor.Code}' is not a code such as 7A or 21 (one or two digits and an optional capital letter)");
            }
            else if (!factors.Add(factor.Code))
            {
                Add(path + ".code", $"factor code '{factor.Code}' is listed twice");
            }

            Text(factor.Description, path + ".description", "the description", Add);
        }

        if (Text(document.NoFactorsCode, "$.noFactorsCode", "the no-factors code", Add) && !factors.Contains(document.NoFactorsCode))
        {
            Add("$.noFactorsCode", $"the no-factors code '{document.NoFactorsCode}' is not one of the factor codes");
        }

        return problems.ToImmutable();
    }

    /// <summary>CIN census factor codes: one or two digits and an optional capital letter (7A, 16A, 21).</summary>
    internal static bool IsFactorCode(string? code)
    {
        if (string.IsNullOrEmpty(code))
        {
            return false;
        }

        var digits = 0;
        while (digits < code.Length && code[digits] is >= '0' and <= '9')
        {
            digits++;
        }

        var rest = code.Length - digits;
        return digits is 1 or 2 && (rest == 0 || (rest == 1 && code[^1] is >= 'A' and <= 'Z'));
    }

    private static bool Text(string value, string path, string what, Action<string, string> add)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            add(path, what + " is missing or empty");
            return false;
        }

        if (value.Length > MaxTextLength || value.Trim().Length != value.Length || value.AsSpan().IndexOfAny('\r', '\n') >= 0)
        {
            add(path, $"{what} must be one line of at most {MaxTextLength} characters without leading or trailing spaces");
            return false;
        }

        return true;
    }

    // A census code: letters and digits only (RC9, 5D).
    private static void Code(string value, string path, string what, Action<string, string> add)
    {
        if (!Text(value, path, what, add))
        {
            return;
        }

        foreach (var c in value)
        {
            if (!char.IsAsciiLetterOrDigit(c))
            {
                add(path, $"{what} '{value}' must be letters and digits only");
                return;
            }
        }
    }
}
