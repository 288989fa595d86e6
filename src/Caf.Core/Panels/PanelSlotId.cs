using System;
using System.Text.Json.Serialization;
using Caf.Core.Annotations;
using Caf.Core.Primitives;

namespace Caf.Core.Panels;

/// <summary>
/// Strongly typed id of one agenda slot request or booking: a new case, a review, a re-presentation or a re-hearing (PANEL-03). Wraps the host's own key as a string, so a
/// PanelSlotId cannot be passed where another kind of id is expected.
/// </summary>
/// <remarks><c>default(PanelSlotId)</c> is not a valid id; public methods reject it.</remarks>
/// <threadsafety>This type is immutable and thread-safe.</threadsafety>
[Immutable]
[JsonConverter(typeof(StringIdJsonConverter<PanelSlotId>))]
public readonly record struct PanelSlotId : IComparable<PanelSlotId>, IStringId<PanelSlotId>
{
    /// <summary>Creates an id from the host's key.</summary>
    /// <param name="value">1 to 128 characters, no leading or trailing white space.</param>
    /// <exception cref="ArgumentException">The value is null, empty, too long or padded.</exception>
    public PanelSlotId(string value)
    {
        Value = StringId.Validate(value, nameof(PanelSlotId), nameof(value));
    }

    /// <summary>The host's key.</summary>
    public string Value { get; }

    /// <summary>True for <c>default(PanelSlotId)</c>, which is not a valid id.</summary>
    [JsonIgnore]
    public bool IsDefault => Value is null;

    /// <inheritdoc />
    public int CompareTo(PanelSlotId other) => string.CompareOrdinal(Value, other.Value);

    /// <inheritdoc />
    public override string ToString() => Value ?? string.Empty;

    static PanelSlotId IStringId<PanelSlotId>.Create(string value) => new(value);
}
