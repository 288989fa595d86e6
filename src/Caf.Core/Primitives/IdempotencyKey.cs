using System;
using System.Text.Json.Serialization;
using Caf.Core.Annotations;

namespace Caf.Core.Primitives;

/// <summary>
/// The host's idempotency key for one command: the same key sent again (a double-submitted form, a retried request)
/// means "the same command", so <c>CafRegister.ExecuteAsync</c> records it once per episode. Stored with the event the
/// command recorded (<see cref="Events.CafEvent.IdempotencyKey"/>); unique per episode (docs/storage.md "Idempotent commands").
/// </summary>
/// <remarks>
/// 1 to <see cref="MaxLength"/> visible ASCII characters (U+0021 to U+007E: letters, digits, punctuation; no spaces or
/// control characters), so a key travels unchanged in an HTTP header, a form field and a database column. Compared
/// ordinally (case matters). <c>default(IdempotencyKey)</c> is not a valid key; public methods reject it.
/// </remarks>
/// <threadsafety>This type is immutable and thread-safe.</threadsafety>
[Immutable]
[JsonConverter(typeof(StringIdJsonConverter<IdempotencyKey>))]
public readonly record struct IdempotencyKey : IStringId<IdempotencyKey>
{
    /// <summary>The longest key accepted (a GUID, a ULID or a hash of the request fit well inside).</summary>
    public const int MaxLength = 128;

    /// <summary>Creates a key from the host's value.</summary>
    /// <param name="value">1 to <see cref="MaxLength"/> visible ASCII characters (U+0021 to U+007E).</param>
    /// <exception cref="ArgumentNullException"><paramref name="value"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="value"/> is empty, too long, or holds a space, a control or a non-ASCII character.</exception>
    public IdempotencyKey(string value)
    {
        if (value is null)
        {
            throw new ArgumentNullException(nameof(value), "An IdempotencyKey needs a value.");
        }

        if (value.Length is 0 or > MaxLength)
        {
            throw new ArgumentException($"An IdempotencyKey is 1 to {MaxLength} characters; got {value.Length}.", nameof(value));
        }

        foreach (var c in value)
        {
            if (c is < '!' or > '~')
            {
                throw new ArgumentException(
                    $"An IdempotencyKey holds visible ASCII characters only (letters, digits, punctuation; no spaces or control characters); got U+{(int)c:X4}.",
                    nameof(value));
            }
        }

        Value = value;
    }

    /// <summary>The key as the host sent it.</summary>
    public string Value { get; }

    /// <summary>True for <c>default(IdempotencyKey)</c>, which is not a valid key.</summary>
    [JsonIgnore]
    public bool IsDefault => Value is null;

    /// <summary>A new random key, e.g. for a form when it is rendered.</summary>
    /// <returns>A new key (a GUID in "N" format).</returns>
    public static IdempotencyKey New() => new(Guid.NewGuid().ToString("N"));

    /// <summary>Reads a key the host received (a header, a form field), without throwing.</summary>
    /// <param name="value">The received value; null or empty gives false.</param>
    /// <param name="key">The key, when valid.</param>
    /// <returns>True when <paramref name="value"/> is a valid key.</returns>
    public static bool TryParse(string? value, out IdempotencyKey key)
    {
        key = default;
        if (string.IsNullOrEmpty(value) || value.Length > MaxLength)
        {
            return false;
        }

        foreach (var c in value)
        {
            if (c is < '!' or > '~')
            {
                return false;
            }
        }

        key = new IdempotencyKey(value);
        return true;
    }

    /// <inheritdoc />
    public override string ToString() => Value ?? string.Empty;

    static IdempotencyKey IStringId<IdempotencyKey>.Create(string value) => new(value);
}
