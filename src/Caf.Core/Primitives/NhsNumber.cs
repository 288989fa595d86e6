using System;
using System.Text.Json.Serialization;
using Caf.Core.Annotations;

namespace Caf.Core.Primitives;

/// <summary>
/// LAW-03: the child's consistent identifier in England, the NHS number (Children Act 2004 s16LC, inserted by the
/// Children's Wellbeing and Schools Act 2026): ten digits, the tenth a Modulus 11 check digit over the first nine
/// (weights 10 down to 2; 11 minus the remainder; 11 becomes 0; 10 means the number is not valid).
/// </summary>
/// <remarks>
/// Spaces and hyphens in the input ("943 476 5919") are dropped; the value is the ten digits. <c>default(NhsNumber)</c>
/// is not a valid number; public methods reject it.
/// </remarks>
/// <threadsafety>This type is immutable and thread-safe.</threadsafety>
[Immutable]
[JsonConverter(typeof(StringIdJsonConverter<NhsNumber>))]
public readonly record struct NhsNumber : IStringId<NhsNumber>
{
    /// <summary>The rule a wrong number is refused under.</summary>
    public const string RuleId = "LAW-03";

    /// <summary>The field a wrong number is refused for.</summary>
    public const string Field = "nhsNumber";

    /// <summary>Creates the number from its digits, with or without spaces or hyphens between them.</summary>
    /// <param name="value">Ten digits, e.g. <c>9434765919</c> or <c>943 476 5919</c>.</param>
    /// <exception cref="ArgumentException">The value is null, not ten digits, or its check digit is wrong (the message says which).</exception>
    public NhsNumber(string value)
    {
        var parsed = Parse(value);
        if (parsed.IsRefused)
        {
            throw new ArgumentException(parsed.Refusal.Message, Field);
        }

        Value = parsed.Value.Value;
    }

    private NhsNumber(string digits, bool checkedAlready)
    {
        _ = checkedAlready;
        Value = digits;
    }

    /// <summary>The ten digits, without spaces.</summary>
    public string Value { get; }

    /// <summary>True for <c>default(NhsNumber)</c>, which is not a valid number.</summary>
    [JsonIgnore]
    public bool IsDefault => Value is null;

    /// <summary>
    /// Reads a number as a practitioner typed it: a refusal (<see cref="RuleId"/>, field <see cref="Field"/>) says what is
    /// wrong with it, for a form to show.
    /// </summary>
    /// <param name="text">The text, e.g. <c>943 476 5919</c>.</param>
    /// <returns>The number, or a refusal naming the field.</returns>
    public static Result<NhsNumber> Parse(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return Result<NhsNumber>.Refused(RuleId, "The NHS number is empty: enter its ten digits, or leave it out.", Field);
        }

        Span<char> digits = stackalloc char[10];
        var count = 0;
        foreach (var c in text)
        {
            if (c is ' ' or '-')
            {
                continue;
            }

            if (c is < '0' or > '9')
            {
                return Result<NhsNumber>.Refused(RuleId, "An NHS number has ten digits (spaces are allowed between them); this one has other characters.", Field);
            }

            if (count == digits.Length)
            {
                return Result<NhsNumber>.Refused(RuleId, "An NHS number has ten digits; this one has more.", Field);
            }

            digits[count++] = c;
        }

        if (count != digits.Length)
        {
            return Result<NhsNumber>.Refused(RuleId, $"An NHS number has ten digits; this one has {count}.", Field);
        }

        var check = CheckDigitOf(digits[..9]);
        if (check is null)
        {
            return Result<NhsNumber>.Refused(RuleId, "This is not an NHS number: no valid number begins with these nine digits (the check digit would be 10). Check it against the child's records.", Field);
        }

        if (digits[9] - '0' != check)
        {
            return Result<NhsNumber>.Refused(RuleId, "This NHS number's last digit (the check digit) does not match the others: a digit was probably mistyped. Check it against the child's records.", Field);
        }

        return new NhsNumber(new string(digits), checkedAlready: true);
    }

    /// <summary>True when the text is a valid NHS number (as <see cref="Parse"/> accepts it).</summary>
    /// <param name="text">The text.</param>
    /// <returns>True when valid.</returns>
    public static bool IsValid(string? text) => Parse(text).IsSuccess;

    /// <summary>The number as the NHS writes it: 3, 3 and 4 digits separated by spaces (<c>943 476 5919</c>).</summary>
    /// <returns>The spaced form, or empty for the default.</returns>
    public string ToSpacedString() => Value is null ? string.Empty : $"{Value[..3]} {Value[3..6]} {Value[6..]}";

    /// <summary>
    /// The number masked but for its last four digits (<c>*** *** 5919</c>), so a number written to a log or a message
    /// by accident is not disclosed. The full number is <see cref="Value"/> (or <see cref="ToSpacedString"/>): use those
    /// where the number is meant to be shown or sent (a national extract, the practitioner's screen).
    /// </summary>
    /// <returns>The masked form, or empty for the default.</returns>
    public override string ToString() => Value is null ? string.Empty : "*** *** " + Value[6..];

    static NhsNumber IStringId<NhsNumber>.Create(string value) => new(value);

    // Modulus 11 over the first nine digits: weights 10..2; 11 - (sum mod 11); 11 -> 0; 10 -> no valid number.
    private static int? CheckDigitOf(ReadOnlySpan<char> nine)
    {
        var sum = 0;
        for (var i = 0; i < 9; i++)
        {
            sum += (nine[i] - '0') * (10 - i);
        }

        var check = 11 - (sum % 11);
        return check switch
        {
            11 => 0,
            10 => null,
            _ => check,
        };
    }
}
