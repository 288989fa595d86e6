using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using Ardalis.GuardClauses;
using Caf.Core.Annotations;
using Caf.Core.Configuration;
using Caf.Core.Lifecycle;
using Caf.Core.Primitives;

namespace Caf.Core.Testing;

/// <summary>One step of an episode script: wait some days, then run a named command (<see cref="EpisodeCommands"/>).</summary>
/// <param name="Command">The command's name.</param>
/// <param name="DaysBefore">Days the clock moves before the command (not negative).</param>
/// <threadsafety>This type is immutable and thread-safe.</threadsafety>
[Immutable]
public sealed record EpisodeStep(string Command, int DaysBefore)
{
    /// <inheritdoc />
    public override string ToString() => DaysBefore == 0 ? Command : $"+{DaysBefore}d {Command}";
}

/// <summary>
/// How an episode is built: the child, whether it opens from a step-down (LIFE-02) or a concern (LIFE-01), and the
/// commands in order. Replaying a script in a fresh world always builds the same episode.
/// </summary>
/// <threadsafety>This type is immutable and thread-safe.</threadsafety>
[Immutable]
public sealed record EpisodeScript
{
    /// <summary>Creates a script.</summary>
    /// <param name="child">The child.</param>
    /// <param name="fromStepDown">True to open as a potential CAF from a step-down.</param>
    /// <param name="steps">The steps, in order.</param>
    /// <exception cref="ArgumentException">The child is null, or a step is null or names no command.</exception>
    public EpisodeScript(ChildDetails child, bool fromStepDown, ImmutableArray<EpisodeStep> steps)
    {
        Child = Guard.Against.Null(child);
        FromStepDown = fromStepDown;
        Steps = steps.IsDefault ? [] : steps;
        foreach (var s in Steps)
        {
            Guard.Against.Null(s, nameof(steps));
            EpisodeCommands.Named(s.Command);
        }
    }

    /// <summary>The child.</summary>
    public ChildDetails Child { get; }

    /// <summary>True when the episode opens from a step-down.</summary>
    public bool FromStepDown { get; }

    /// <summary>The steps, in order.</summary>
    public ImmutableArray<EpisodeStep> Steps { get; }

    /// <summary>Builds the episode in a fresh world with the default options.</summary>
    /// <returns>The episode, its world, and which steps were refused.</returns>
    public GeneratedEpisode Run() => Run(CafTestWorld.Create());

    /// <summary>Builds the episode in a fresh world with the given options.</summary>
    /// <param name="options">Changes to the default options, or null.</param>
    /// <returns>The episode, its world, and which steps were refused.</returns>
    public GeneratedEpisode Run(Action<CafOptions>? options) => Run(CafTestWorld.Create(options));

    /// <summary>Builds the episode in the given world (its clock moves).</summary>
    /// <param name="world">The world.</param>
    /// <returns>The episode, the world, and which steps were refused.</returns>
    public GeneratedEpisode Run(CafTestWorld world)
    {
        Guard.Against.Null(world);
        var episode = FromStepDown ? world.RegisterStepDown(Child) : world.IdentifyConcern(Child);
        var refused = ImmutableArray.CreateBuilder<int>();
        for (var i = 0; i < Steps.Length; i++)
        {
            world.Advance(TimeSpan.FromDays(Steps[i].DaysBefore));
            if (EpisodeCommands.Named(Steps[i].Command).Run(episode, world.Today).IsRefused)
            {
                refused.Add(i);
            }
        }

        return new GeneratedEpisode(this, world, episode, refused.ToImmutable());
    }

    /// <summary>The same script without the steps at these positions.</summary>
    /// <param name="positions">The positions to drop.</param>
    /// <returns>The shorter script.</returns>
    public EpisodeScript Without(IEnumerable<int> positions)
    {
        // A dropped step's days move to the next kept step, so the kept commands run at the same times.
        var drop = positions.ToHashSet();
        var kept = ImmutableArray.CreateBuilder<EpisodeStep>();
        var carried = 0;
        for (var i = 0; i < Steps.Length; i++)
        {
            if (drop.Contains(i))
            {
                carried += Steps[i].DaysBefore;
                continue;
            }

            kept.Add(Steps[i] with { DaysBefore = Steps[i].DaysBefore + carried });
            carried = 0;
        }

        return new EpisodeScript(Child, FromStepDown, kept.ToImmutable());
    }

    /// <inheritdoc />
    public bool Equals(EpisodeScript? other) =>
        other is not null && Child == other.Child && FromStepDown == other.FromStepDown && Sequence.Equal(Steps, other.Steps);

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(Child, FromStepDown, Sequence.Hash(Steps));

    /// <inheritdoc />
    public override string ToString() =>
        $"{(FromStepDown ? "step-down" : "concern")} for a child {(Child.DateOfBirth is { } born ? $"born {born:yyyy-MM-dd}" : "unborn")}: [{string.Join("; ", Steps)}]";
}

/// <summary>A generated episode: the script that built it, the world it lives in, and which of its steps were refused.</summary>
/// <threadsafety>Mutable (the episode and world are): one per test case.</threadsafety>
[Mutable]
public sealed class GeneratedEpisode
{
    internal GeneratedEpisode(EpisodeScript script, CafTestWorld world, CafEpisode episode, ImmutableArray<int> refused)
    {
        Script = script;
        World = world;
        Episode = episode;
        RefusedSteps = refused;
    }

    /// <summary>The script.</summary>
    public EpisodeScript Script { get; }

    /// <summary>The world the episode was built in (its clock is after the last step).</summary>
    public CafTestWorld World { get; }

    /// <summary>The episode.</summary>
    public CafEpisode Episode { get; }

    /// <summary>The positions of the steps the episode refused (empty for a valid sequence).</summary>
    public ImmutableArray<int> RefusedSteps { get; }

    /// <summary>True when every step succeeded.</summary>
    public bool IsValidSequence => RefusedSteps.IsEmpty;

    /// <summary>The script without its refused steps: the valid sequence that builds the same episode.</summary>
    /// <returns>The valid script.</returns>
    public EpisodeScript ValidScript() => RefusedSteps.IsEmpty ? Script : Script.Without(RefusedSteps);

    /// <inheritdoc />
    public override string ToString() =>
        $"{Episode.State} after {Episode.Version} events{(RefusedSteps.IsEmpty ? "" : $", {RefusedSteps.Length} refused")}: {Script}";
}
