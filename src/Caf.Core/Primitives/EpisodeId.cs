using System;
using System.Text.Json.Serialization;
using Caf.Core.Annotations;

namespace Caf.Core.Primitives;

/// <summary>
/// Strongly typed id of one CAF episode (one common assessment for one child, from concern to closure). Wraps the host's own key as a string, so a
/// EpisodeId cannot be passed where another kind of id is expected.
/// </summary>
/// <remarks><c>default(EpisodeId)</c> is not a valid id; public methods reject it.</remarks>
/// <threadsafety>This type is immutable and thread-safe.</threadsafety>
[Immutable]
[JsonConverter(typeof(StringIdJsonConverter<EpisodeId>))]
public readonly record struct EpisodeId : IComparable<EpisodeId>, IComparable, IStringId<EpisodeId>
{
    /// <summary>Creates an id from the host's key.</summary>
    /// <param name="value">1 to 128 characters, no leading or trailing white space.</param>
    /// <exception cref="ArgumentException">The value is null, empty, too long or padded.</exception>
    public EpisodeId(string value)
    {
        Value = StringId.Validate(value, nameof(EpisodeId), nameof(value));
    }

    /// <summary>The host's key.</summary>
    public string Value { get; }

    /// <summary>A new random id, for hosts that let the library name episodes.</summary>
    /// <returns>A new id (a GUID in "N" format).</returns>
    public static EpisodeId New() => new(Guid.NewGuid().ToString("N"));

    /// <summary>True for <c>default(EpisodeId)</c>, which is not a valid id.</summary>
    [JsonIgnore]
    public bool IsDefault => Value is null;

    /// <inheritdoc />
    public int CompareTo(EpisodeId other) => string.CompareOrdinal(Value, other.Value);

    /// <summary>
    /// Compares with a boxed EpisodeId (ordinal), for code that orders by <see cref="object"/> keys, such as a
    /// specification's <c>OrderBy(s =&gt; s.Id)</c> evaluated in memory; null sorts first.
    /// </summary>
    /// <param name="obj">A EpisodeId or null.</param>
    /// <returns>The ordinal comparison.</returns>
    /// <exception cref="ArgumentException"><paramref name="obj"/> is not a EpisodeId.</exception>
    public int CompareTo(object? obj) => obj switch
    {
        null => 1,
        EpisodeId other => CompareTo(other),
        _ => throw new ArgumentException($"Cannot compare a EpisodeId with a {obj.GetType().Name}.", nameof(obj)),
    };

    /// <inheritdoc />
    public override string ToString() => Value ?? string.Empty;

    static EpisodeId IStringId<EpisodeId>.Create(string value) => new(value);
}
