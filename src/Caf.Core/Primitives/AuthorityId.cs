using System;
using System.Text.Json.Serialization;
using Caf.Core.Annotations;

namespace Caf.Core.Primitives;

/// <summary>
/// The id of a local authority served by a host (docs/authorities.md): the key every episode, stored row and read is
/// scoped to, so that nothing one authority records reaches another.
/// </summary>
/// <remarks>
/// <para>
/// <b>The one comparison rule.</b> An authority id is 1 to 64 ASCII letters, digits, <c>-</c> and <c>_</c>, starting
/// with a letter or digit. It is case-insensitive and is kept in lower case: <c>new AuthorityId("Leeds")</c> and
/// <c>new AuthorityId("leeds")</c> are the same authority, with <see cref="Value"/> <c>"leeds"</c>; two ids are then
/// compared ordinally. Stores write <see cref="Value"/>, so a database compares with plain equality. Anything else
/// (white space, non-ASCII letters that change under case mapping, dots) is refused, so no two spellings of one
/// authority can be stored.
/// </para>
/// <para><c>default(AuthorityId)</c> is not a valid id; public methods reject it. A single-authority host uses
/// <see cref="Default"/>.</para>
/// </remarks>
/// <threadsafety>This type is immutable and thread-safe.</threadsafety>
[Immutable]
[JsonConverter(typeof(StringIdJsonConverter<AuthorityId>))]
public readonly record struct AuthorityId : IComparable<AuthorityId>, IComparable, IStringId<AuthorityId>
{
    /// <summary>The longest id accepted.</summary>
    public const int MaxLength = 64;

    /// <summary>The id of a single-authority host's authority, and of every episode stored before authorities existed: <c>"default"</c>.</summary>
    public static AuthorityId Default { get; } = new("default");

    /// <summary>Creates an id, kept in lower case.</summary>
    /// <param name="value">1 to 64 ASCII letters, digits, <c>-</c> and <c>_</c>, starting with a letter or digit; any case.</param>
    /// <exception cref="ArgumentException">The value is null, empty, too long or holds another character.</exception>
    public AuthorityId(string value)
    {
        Value = Normalise(value);
    }

    /// <summary>The id in lower case: what stores write and compare.</summary>
    public string Value { get; }

    /// <summary>True for <c>default(AuthorityId)</c>, which is not a valid id.</summary>
    [JsonIgnore]
    public bool IsDefault => Value is null;

    /// <summary>Whether a text is a valid authority id (in any case), without throwing.</summary>
    /// <param name="value">The text.</param>
    /// <returns>True when <see cref="AuthorityId(string)"/> accepts it.</returns>
    public static bool IsValid(string? value) => Problem(value) is null;

    /// <inheritdoc />
    public int CompareTo(AuthorityId other) => string.CompareOrdinal(Value, other.Value);

    /// <summary>Compares with a boxed AuthorityId (ordinal); null sorts first.</summary>
    /// <param name="obj">An AuthorityId or null.</param>
    /// <returns>The ordinal comparison.</returns>
    /// <exception cref="ArgumentException"><paramref name="obj"/> is not an AuthorityId.</exception>
    public int CompareTo(object? obj) => obj switch
    {
        null => 1,
        AuthorityId other => CompareTo(other),
        _ => throw new ArgumentException($"Cannot compare an AuthorityId with a {obj.GetType().Name}.", nameof(obj)),
    };

    /// <inheritdoc />
    public override string ToString() => Value ?? string.Empty;

    static AuthorityId IStringId<AuthorityId>.Create(string value) => new(value);

    private static string Normalise(string? value)
    {
        if (Problem(value) is { } problem)
        {
            if (value is null)
            {
                throw new ArgumentNullException(nameof(value), problem);
            }

            throw new ArgumentException(problem, nameof(value));
        }

        return value!.ToLowerInvariant();
    }

    private static string? Problem(string? value)
    {
        if (value is null)
        {
            return "An AuthorityId needs a value.";
        }

        if (value.Length == 0 || value.Length > MaxLength)
        {
            return $"An AuthorityId must be 1 to {MaxLength} characters; got {value.Length}.";
        }

        if (!char.IsAsciiLetterOrDigit(value[0]))
        {
            return $"An AuthorityId must start with an ASCII letter or digit; got '{value}'.";
        }

        foreach (var c in value)
        {
            if (!char.IsAsciiLetterOrDigit(c) && c is not '-' and not '_')
            {
                return $"An AuthorityId holds only ASCII letters, digits, '-' and '_'; got '{value}'.";
            }
        }

        return null;
    }
}
