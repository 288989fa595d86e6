using System;
using System.Text.Json.Serialization;
using Caf.Core.Annotations;
using Caf.Core.Primitives;

namespace Caf.Core.Panels;

/// <summary>
/// Strongly typed id of a panel (a MAF or MAAG meeting series, e.g. "maag-north"). Wraps the host's own key as a string, so a
/// PanelId cannot be passed where another kind of id is expected.
/// </summary>
/// <remarks><c>default(PanelId)</c> is not a valid id; public methods reject it.</remarks>
/// <threadsafety>This type is immutable and thread-safe.</threadsafety>
[Immutable]
[JsonConverter(typeof(StringIdJsonConverter<PanelId>))]
public readonly record struct PanelId : IComparable<PanelId>, IStringId<PanelId>
{
    /// <summary>Creates an id from the host's key.</summary>
    /// <param name="value">1 to 128 characters, no leading or trailing white space.</param>
    /// <exception cref="ArgumentException">The value is null, empty, too long or padded.</exception>
    public PanelId(string value)
    {
        Value = StringId.Validate(value, nameof(PanelId), nameof(value));
    }

    /// <summary>The host's key.</summary>
    public string Value { get; }

    /// <summary>True for <c>default(PanelId)</c>, which is not a valid id.</summary>
    [JsonIgnore]
    public bool IsDefault => Value is null;

    /// <inheritdoc />
    public int CompareTo(PanelId other) => string.CompareOrdinal(Value, other.Value);

    /// <inheritdoc />
    public override string ToString() => Value ?? string.Empty;

    static PanelId IStringId<PanelId>.Create(string value) => new(value);
}
