namespace Caf.Core.Planning;

/// <summary>REV-01: how a review is held: "This could be a visit, phone calls, emails or a meeting" (002 §8).</summary>
[System.Text.Json.Serialization.JsonConverter(typeof(Caf.Core.Primitives.StrictEnumConverter<ReviewForm>))]
public enum ReviewForm
{
    /// <summary>A visit.</summary>
    Visit = 1,

    /// <summary>Phone calls.</summary>
    Call = 2,

    /// <summary>Emails.</summary>
    Email = 3,

    /// <summary>A review meeting: it needs a chair and a note-taker (REV-01).</summary>
    Meeting = 4,
}
