using System;
using System.Text.Json.Serialization;
using Caf.Core.Annotations;

namespace Caf.Core.Primitives;

/// <summary>
/// Strongly typed id of a child (or unborn baby) known to the host. Wraps the host's own key as a string, so a
/// ChildId cannot be passed where another kind of id is expected.
/// </summary>
/// <remarks><c>default(ChildId)</c> is not a valid id; public methods reject it.</remarks>
/// <threadsafety>This type is immutable and thread-safe.</threadsafety>
[Immutable]
[JsonConverter(typeof(StringIdJsonConverter<ChildId>))]
public readonly record struct ChildId : IComparable<ChildId>, IComparable, IStringId<ChildId>
{
    /// <summary>Creates an id from the host's key.</summary>
    /// <param name="value">1 to 128 characters, no leading or trailing white space.</param>
    /// <exception cref="ArgumentException">The value is null, empty, too long or padded.</exception>
    public ChildId(string value)
    {
        Value = StringId.Validate(value, nameof(ChildId), nameof(value));
    }

    /// <summary>The host's key.</summary>
    public string Value { get; }

    /// <summary>True for <c>default(ChildId)</c>, which is not a valid id.</summary>
    [JsonIgnore]
    public bool IsDefault => Value is null;

    /// <inheritdoc />
    public int CompareTo(ChildId other) => string.CompareOrdinal(Value, other.Value);

    /// <summary>
    /// Compares with a boxed ChildId (ordinal), for code that orders by <see cref="object"/> keys, such as a
    /// specification's <c>OrderBy(s =&gt; s.Id)</c> evaluated in memory; null sorts first.
    /// </summary>
    /// <param name="obj">A ChildId or null.</param>
    /// <returns>The ordinal comparison.</returns>
    /// <exception cref="ArgumentException"><paramref name="obj"/> is not a ChildId.</exception>
    public int CompareTo(object? obj) => obj switch
    {
        null => 1,
        ChildId other => CompareTo(other),
        _ => throw new ArgumentException($"Cannot compare a ChildId with a {obj.GetType().Name}.", nameof(obj)),
    };

    /// <inheritdoc />
    public override string ToString() => Value ?? string.Empty;

    static ChildId IStringId<ChildId>.Create(string value) => new(value);
}
