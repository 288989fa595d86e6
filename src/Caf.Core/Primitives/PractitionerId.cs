using System;
using System.Text.Json.Serialization;
using Caf.Core.Annotations;

namespace Caf.Core.Primitives;

/// <summary>
/// Strongly typed id of a practitioner (a person working for an agency). Wraps the host's own key as a string, so a
/// PractitionerId cannot be passed where another kind of id is expected.
/// </summary>
/// <remarks><c>default(PractitionerId)</c> is not a valid id; public methods reject it.</remarks>
/// <threadsafety>This type is immutable and thread-safe.</threadsafety>
[Immutable]
[JsonConverter(typeof(StringIdJsonConverter<PractitionerId>))]
public readonly record struct PractitionerId : IComparable<PractitionerId>, IComparable, IStringId<PractitionerId>
{
    /// <summary>Creates an id from the host's key.</summary>
    /// <param name="value">1 to 128 characters, no leading or trailing white space.</param>
    /// <exception cref="ArgumentException">The value is null, empty, too long or padded.</exception>
    public PractitionerId(string value)
    {
        Value = StringId.Validate(value, nameof(PractitionerId), nameof(value));
    }

    /// <summary>The host's key.</summary>
    public string Value { get; }

    /// <summary>True for <c>default(PractitionerId)</c>, which is not a valid id.</summary>
    [JsonIgnore]
    public bool IsDefault => Value is null;

    /// <inheritdoc />
    public int CompareTo(PractitionerId other) => string.CompareOrdinal(Value, other.Value);

    /// <summary>
    /// Compares with a boxed PractitionerId (ordinal), for code that orders by <see cref="object"/> keys, such as a
    /// specification's <c>OrderBy(s =&gt; s.Id)</c> evaluated in memory; null sorts first.
    /// </summary>
    /// <param name="obj">A PractitionerId or null.</param>
    /// <returns>The ordinal comparison.</returns>
    /// <exception cref="ArgumentException"><paramref name="obj"/> is not a PractitionerId.</exception>
    public int CompareTo(object? obj) => obj switch
    {
        null => 1,
        PractitionerId other => CompareTo(other),
        _ => throw new ArgumentException($"Cannot compare a PractitionerId with a {obj.GetType().Name}.", nameof(obj)),
    };

    /// <inheritdoc />
    public override string ToString() => Value ?? string.Empty;

    static PractitionerId IStringId<PractitionerId>.Create(string value) => new(value);
}
