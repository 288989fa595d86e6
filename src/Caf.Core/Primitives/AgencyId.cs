using System;
using System.Text.Json.Serialization;
using Caf.Core.Annotations;

namespace Caf.Core.Primitives;

/// <summary>
/// Strongly typed id of a partner agency or service (school, health visiting, youth service, CAMHS...). Wraps the host's own key as a string, so a
/// AgencyId cannot be passed where another kind of id is expected.
/// </summary>
/// <remarks><c>default(AgencyId)</c> is not a valid id; public methods reject it.</remarks>
/// <threadsafety>This type is immutable and thread-safe.</threadsafety>
[Immutable]
[JsonConverter(typeof(StringIdJsonConverter<AgencyId>))]
public readonly record struct AgencyId : IComparable<AgencyId>, IComparable, IStringId<AgencyId>
{
    /// <summary>Creates an id from the host's key.</summary>
    /// <param name="value">1 to 128 characters, no leading or trailing white space.</param>
    /// <exception cref="ArgumentException">The value is null, empty, too long or padded.</exception>
    public AgencyId(string value)
    {
        Value = StringId.Validate(value, nameof(AgencyId), nameof(value));
    }

    /// <summary>The host's key.</summary>
    public string Value { get; }

    /// <summary>True for <c>default(AgencyId)</c>, which is not a valid id.</summary>
    [JsonIgnore]
    public bool IsDefault => Value is null;

    /// <inheritdoc />
    public int CompareTo(AgencyId other) => string.CompareOrdinal(Value, other.Value);

    /// <summary>
    /// Compares with a boxed AgencyId (ordinal), for code that orders by <see cref="object"/> keys, such as a
    /// specification's <c>OrderBy(s =&gt; s.Id)</c> evaluated in memory; null sorts first.
    /// </summary>
    /// <param name="obj">A AgencyId or null.</param>
    /// <returns>The ordinal comparison.</returns>
    /// <exception cref="ArgumentException"><paramref name="obj"/> is not a AgencyId.</exception>
    public int CompareTo(object? obj) => obj switch
    {
        null => 1,
        AgencyId other => CompareTo(other),
        _ => throw new ArgumentException($"Cannot compare a AgencyId with a {obj.GetType().Name}.", nameof(obj)),
    };

    /// <inheritdoc />
    public override string ToString() => Value ?? string.Empty;

    static AgencyId IStringId<AgencyId>.Create(string value) => new(value);
}
