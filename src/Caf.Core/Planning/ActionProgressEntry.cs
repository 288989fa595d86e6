using System.Text.Json.Serialization;
using Ardalis.GuardClauses;
using Caf.Core.Annotations;

namespace Caf.Core.Planning;

/// <summary>REV-02: what a review found for one action of the current plan.</summary>
/// <threadsafety>This type is immutable and thread-safe.</threadsafety>
[Immutable]
public sealed record ActionProgressEntry
{
    /// <summary>Creates an entry.</summary>
    /// <param name="actionId">The id of an action of the current plan.</param>
    /// <param name="progress">Done, in progress, not started or not carried out.</param>
    /// <param name="note">What was reported, optional.</param>
    /// <exception cref="System.ArgumentException">The id is invalid or the progress undefined.</exception>
    [JsonConstructor]
    public ActionProgressEntry(string actionId, ActionProgress progress, string? note = null)
    {
        ActionId = actionId;
        Progress = progress;
        Note = note;
    }

    /// <summary>The action.</summary>
    public string ActionId { get; init => field = PlanText.Id(value, nameof(ActionId)); }

    /// <summary>What the review found.</summary>
    public ActionProgress Progress { get; init => field = Guard.Against.EnumOutOfRange(value, nameof(Progress)); }

    /// <summary>What was reported, optional.</summary>
    public string? Note { get; init; }
}
