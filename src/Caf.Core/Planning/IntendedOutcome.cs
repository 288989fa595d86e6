using System.Text.Json.Serialization;
using Caf.Core.Annotations;

namespace Caf.Core.Planning;

/// <summary>
/// PLAN-01: an outcome the plan is meant to achieve, in the family's words, with the CAF form's two
/// questions: "What needs to change?" and "How will you know when things have improved?" (002 §6:
/// "The words recorded should be those used by the child or young person or the family or very closely
/// represent them").
/// </summary>
/// <remarks>
/// Text may be empty while a plan is drafted; <see cref="ActionPlan.Problems"/> reports empty text under
/// PLAN-01 with its field. Null text and an invalid id throw.
/// </remarks>
/// <threadsafety>This type is immutable and thread-safe.</threadsafety>
[Immutable]
public sealed record IntendedOutcome
{
    /// <summary>Creates an intended outcome.</summary>
    /// <param name="id">Stable id, referred to by actions (<see cref="PlanAction.Serves"/>) and reviews (<see cref="ReviewRecord.OutcomesAchieved"/>).</param>
    /// <param name="inFamilysWords">The outcome, as the family or child put it.</param>
    /// <param name="whatNeedsToChange">The answer to "What needs to change?".</param>
    /// <param name="howWillYouKnow">The answer to "How will you know when things have improved?".</param>
    /// <exception cref="System.ArgumentException">The id is invalid or a text is null.</exception>
    [JsonConstructor]
    public IntendedOutcome(string id, string inFamilysWords, string whatNeedsToChange, string howWillYouKnow)
    {
        Id = id;
        InFamilysWords = inFamilysWords;
        WhatNeedsToChange = whatNeedsToChange;
        HowWillYouKnow = howWillYouKnow;
    }

    /// <summary>Stable id of the outcome within its plan.</summary>
    public string Id { get; init => field = PlanText.Id(value, nameof(Id)); }

    /// <summary>The intended outcome in the family's (or child's) own words (PLAN-01).</summary>
    public string InFamilysWords { get; init => field = PlanText.Text(value, nameof(InFamilysWords)); }

    /// <summary>"What needs to change?" (PLAN-01).</summary>
    public string WhatNeedsToChange { get; init => field = PlanText.Text(value, nameof(WhatNeedsToChange)); }

    /// <summary>"How will you know when things have improved?" (PLAN-01; closure records its decision here too, CLOSE-08).</summary>
    public string HowWillYouKnow { get; init => field = PlanText.Text(value, nameof(HowWillYouKnow)); }
}
