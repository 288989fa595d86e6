using System;
using Caf.Core.Annotations;

namespace Caf.Core.Panels;

/// <summary>
/// How much one meeting of a panel can take (PANEL-03): new cases, reviews and minutes, and how many
/// minutes each kind of case takes. Leicestershire: "up to 10 new cases and 30 reviews", "some 20 minutes
/// ... discussing the case" (000 §1).
/// </summary>
/// <threadsafety>This type is immutable and thread-safe.</threadsafety>
[Immutable]
public sealed record PanelCapacity
{
    /// <summary>Minutes a case takes unless the panel says otherwise (000 §1: "some 20 minutes").</summary>
    public const int DefaultMinutesPerCase = 20;

    /// <summary>Creates the capacity.</summary>
    /// <param name="newCases">New cases a meeting can take (0 or more).</param>
    /// <param name="reviews">Reviews a meeting can take (0 or more).</param>
    /// <param name="minutes">The meeting's length in minutes available for cases (0 or more).</param>
    /// <param name="minutesPerNewCase">Minutes a new case takes (1 to 480; default 20).</param>
    /// <param name="minutesPerReview">Minutes a review takes (1 to 480; default 20).</param>
    /// <exception cref="ArgumentOutOfRangeException">A number is out of range.</exception>
    public PanelCapacity(int newCases, int reviews, int minutes, int minutesPerNewCase = DefaultMinutesPerCase, int minutesPerReview = DefaultMinutesPerCase)
    {
        NewCases = newCases >= 0 ? newCases : throw new ArgumentOutOfRangeException(nameof(newCases), newCases, "Must be 0 or more.");
        Reviews = reviews >= 0 ? reviews : throw new ArgumentOutOfRangeException(nameof(reviews), reviews, "Must be 0 or more.");
        Minutes = minutes >= 0 ? minutes : throw new ArgumentOutOfRangeException(nameof(minutes), minutes, "Must be 0 or more.");
        MinutesPerNewCase = minutesPerNewCase is >= 1 and <= 480
            ? minutesPerNewCase : throw new ArgumentOutOfRangeException(nameof(minutesPerNewCase), minutesPerNewCase, "Must be 1 to 480.");
        MinutesPerReview = minutesPerReview is >= 1 and <= 480
            ? minutesPerReview : throw new ArgumentOutOfRangeException(nameof(minutesPerReview), minutesPerReview, "Must be 1 to 480.");
    }

    /// <summary>New cases a meeting can take.</summary>
    public int NewCases { get; }

    /// <summary>Reviews a meeting can take.</summary>
    public int Reviews { get; }

    /// <summary>Minutes a meeting has for cases.</summary>
    public int Minutes { get; }

    /// <summary>Minutes a new case takes.</summary>
    public int MinutesPerNewCase { get; }

    /// <summary>Minutes a review takes.</summary>
    public int MinutesPerReview { get; }

    /// <summary>How many slots of this kind a meeting can take.</summary>
    /// <param name="kind">The kind of slot.</param>
    /// <returns>The count.</returns>
    /// <exception cref="ArgumentOutOfRangeException">The kind is not defined.</exception>
    public int SlotsFor(PanelSlotKind kind) => kind switch
    {
        PanelSlotKind.NewCase => NewCases,
        PanelSlotKind.Review => Reviews,
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "Unknown slot kind."),
    };

    /// <summary>How many minutes a slot of this kind takes.</summary>
    /// <param name="kind">The kind of slot.</param>
    /// <returns>The minutes.</returns>
    /// <exception cref="ArgumentOutOfRangeException">The kind is not defined.</exception>
    public int MinutesFor(PanelSlotKind kind) => kind switch
    {
        PanelSlotKind.NewCase => MinutesPerNewCase,
        PanelSlotKind.Review => MinutesPerReview,
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "Unknown slot kind."),
    };
}
