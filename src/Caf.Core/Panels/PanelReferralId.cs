using System;
using System.Text.Json.Serialization;
using Caf.Core.Annotations;
using Caf.Core.Primitives;

namespace Caf.Core.Panels;

/// <summary>
/// Strongly typed id of a referral of an episode to a panel (PANEL-01, PANEL-02). Wraps the host's own key as a string, so a
/// PanelReferralId cannot be passed where another kind of id is expected.
/// </summary>
/// <remarks><c>default(PanelReferralId)</c> is not a valid id; public methods reject it.</remarks>
/// <threadsafety>This type is immutable and thread-safe.</threadsafety>
[Immutable]
[JsonConverter(typeof(StringIdJsonConverter<PanelReferralId>))]
public readonly record struct PanelReferralId : IComparable<PanelReferralId>, IStringId<PanelReferralId>
{
    /// <summary>Creates an id from the host's key.</summary>
    /// <param name="value">1 to 128 characters, no leading or trailing white space.</param>
    /// <exception cref="ArgumentException">The value is null, empty, too long or padded.</exception>
    public PanelReferralId(string value)
    {
        Value = StringId.Validate(value, nameof(PanelReferralId), nameof(value));
    }

    /// <summary>The host's key.</summary>
    public string Value { get; }

    /// <summary>True for <c>default(PanelReferralId)</c>, which is not a valid id.</summary>
    [JsonIgnore]
    public bool IsDefault => Value is null;

    /// <inheritdoc />
    public int CompareTo(PanelReferralId other) => string.CompareOrdinal(Value, other.Value);

    /// <inheritdoc />
    public override string ToString() => Value ?? string.Empty;

    static PanelReferralId IStringId<PanelReferralId>.Create(string value) => new(value);
}
