using Caf.Core.Annotations;
using Caf.Core.Primitives;

namespace Caf.Core.Lifecycle;

/// <summary>
/// The UI port's answer for one action: may it happen now, and if not, why (rule id, message, field), so a
/// UI can enable buttons and explain the disabled ones.
/// </summary>
/// <param name="Action">The action.</param>
/// <param name="Refusal">Why the action is not possible now; null when it is permitted.</param>
/// <threadsafety>This type is immutable and thread-safe.</threadsafety>
[Immutable]
public readonly record struct ActionAvailability(EpisodeAction Action, Refusal? Refusal)
{
    /// <summary>True when the action may be taken now (its arguments are still checked when it is).</summary>
    public bool IsPermitted => Refusal is null;

    /// <summary>
    /// True when the action is refused for the stage alone (LIFE-12 not at this stage, LIFE-10 closed, RET-02
    /// transferred; the refusal's field is <c>state</c>): a screen lists these together, in one row.
    /// </summary>
    public bool IsNotAtThisStage => Refusal is { Field: "state" };

    /// <summary>
    /// The answer for a person: the action's display text (<see cref="LifecycleDisplayText"/>), then "permitted" or the
    /// refusal, e.g. <c>Start assessment: [LIFE-05] ...</c>.
    /// </summary>
    /// <returns>One line.</returns>
    public override string ToString() =>
        IsPermitted ? $"{LifecycleDisplayText.For(Action)}: permitted" : $"{LifecycleDisplayText.For(Action)}: {Refusal}";
}
