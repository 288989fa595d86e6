using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using System.Text.RegularExpressions;

namespace Caf.Core.WebSample.Pages;

/// <summary>
/// The forms' fields in words, so a message names the field as the page labels it ("Their name: ..."), and the
/// framework's developer text ("(Parameter 'reason')", "Required input ... was empty.") never reaches the page.
/// </summary>
public static partial class FormFields
{
    private static readonly Dictionary<string, string> Words = new(StringComparer.OrdinalIgnoreCase)
    {
        ["giverName"] = "Their name",
        ["giverRole"] = "Who decided",
        ["reason"] = "The reason",
        ["familyAgreement"] = "How the child and family agreed",
        ["confirmedBySupervisor"] = "Their supervisor's confirmation",
        ["nominee"] = "Who",
        ["observed"] = "Needs and circumstances observed",
        ["summary"] = "What the assessment found",
        ["childsViews"] = "The child's views",
        ["familyStrengths"] = "The family's strengths",
        ["outcomes"] = "Intended outcomes",
        ["actions"] = "Actions",
        ["reviewArrangements"] = "First review due",
        ["firstReviewDue"] = "First review due",
        ["heldOn"] = "Held on",
        ["nextReviewDue"] = "Next review due",
        ["chair"] = "Chaired by",
        ["noteTaker"] = "Notes taken by",
        ["criteria"] = "Why it can close",
        ["howWillYouKnow"] = "How will you know when things have improved",
        ["outcomeCode"] = "Outcome",
        ["withdrawnBy"] = "Who withdrew",
        ["owner"] = "Who owns it",
        ["dueBy"] = "By",
        ["description"] = "What will be done",
        ["inFamilysWords"] = "In the family's words",
        ["whatNeedsToChange"] = "What needs to change",
    };

    // Fields a form does not hold: the stage, who is signed in, the episode. The message says enough.
    private static readonly HashSet<string> NotOnAForm = new(StringComparer.OrdinalIgnoreCase) { "state", "by", "closingBy", "caller", "id", "events", "type", "consent", "leadProfessional", "nextStep", "nomination", "reviews", "panelDecision" };

    /// <summary>The field in words (the last part of a path, with a row number: "Action 2, who owns it"); null for a field no form holds.</summary>
    public static string? InWords(string? field)
    {
        if (string.IsNullOrWhiteSpace(field) || NotOnAForm.Contains(field))
        {
            return null;
        }

        var parts = field.Split('.');
        var last = Indexed().Match(parts[^1]) is { Success: true } m ? m.Groups[1].Value : parts[^1];
        var row = parts.Select(p => Indexed().Match(p)).LastOrDefault(m => m.Success);
        var words = Words.TryGetValue(last, out var known) ? known : Humanise(last);
        return row is null || row.Groups[1].Value == last && parts.Length == 1
            ? words
            : $"{Singular(row.Groups[1].Value)} {int.Parse(row.Groups[2].Value, System.Globalization.CultureInfo.InvariantCulture) + 1}, {char.ToLowerInvariant(words[0])}{words[1..]}";
    }

    /// <summary>"Field in words: " before a refusal's message, or nothing.</summary>
    public static string Prefix(string? field) => InWords(field) is { } words ? words + ": " : string.Empty;

    /// <summary>A misuse of a command as a person reads it: the field in words and what is wrong, without developer text.</summary>
    public static string Explain(ArgumentException ex)
    {
        ArgumentNullException.ThrowIfNull(ex);
        var message = ex.ParamName is { } param ? ex.Message.Replace($" (Parameter '{param}')", "", StringComparison.Ordinal) : ex.Message;
        var words = InWords(ex.ParamName);
        if (message.StartsWith("Required input", StringComparison.Ordinal) || message.StartsWith("Use an empty string", StringComparison.Ordinal) || message.StartsWith("Value cannot be null", StringComparison.Ordinal))
        {
            return words is null ? "Fill in every field." : $"{words}: fill this in.";
        }

        return message;
    }

    private static string Singular(string plural) => plural.EndsWith('s') ? Humanise(plural[..^1]) : Humanise(plural);

    private static string Humanise(string name)
    {
        var text = new StringBuilder();
        foreach (var c in name)
        {
            if (char.IsUpper(c) && text.Length > 0)
            {
                text.Append(' ');
            }

            text.Append(text.Length == 0 ? char.ToUpperInvariant(c) : char.ToLowerInvariant(c));
        }

        return text.ToString();
    }

    [GeneratedRegex(@"^(\w+)\[(\d+)\]$")]
    private static partial Regex Indexed();
}
