using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using Caf.Core.Configuration;
using Caf.Core.Lifecycle;
using FsCheck;
using FsCheck.Fluent;

namespace Caf.Core.Testing;

public static partial class CafGen
{
    private static readonly ImmutableArray<EpisodeCommand> Ongoing = [.. EpisodeCommands.All.Where(c => !c.Ends)];

    // LAW-02: without the statutory duty in the options, its considerations are refused whatever the episode, so they are
    // no candidates (and the sequences are those of the commands the policy can accept).
    private static readonly ImmutableArray<EpisodeCommand> OngoingWithoutDuty = [.. Ongoing.Where(c => !EpisodeCommands.IsDutyToShare(c))];
    private static readonly ImmutableArray<EpisodeCommand> Endings = [.. EpisodeCommands.All.Where(c => c.Ends)];
    private static readonly ImmutableArray<EpisodeCommand> PanelAftercare = [.. EpisodeCommands.PanelAftercare.Select(EpisodeCommands.Named)];
    private static readonly ImmutableArray<EpisodeCommand> ClosuresOnOutcomes = [.. Endings.Where(c => c.Name.StartsWith("close: C1", StringComparison.Ordinal))];

    /// <summary>
    /// Whole episodes built by random <b>valid</b> command sequences (<see cref="EpisodeCommands"/>): at each step a
    /// command the episode accepts is chosen at random (ending commands rarely, so sequences reach the later states),
    /// the clock moving 0 to 14 days between commands. Every lifecycle state and every closure outcome is reached.
    /// Shrinks to shorter valid sequences: a step is removed and the steps that no longer succeed are dropped.
    /// </summary>
    /// <param name="options">Changes to the default options the episodes are built under, or null.</param>
    /// <returns>The arbitrary.</returns>
    public static Arbitrary<GeneratedEpisode> Episodes(Action<CafOptions>? options = null) =>
        Arb.From(EpisodeGen(options, invalidShare: 0), e => ShrinkValid(e, options));

    /// <summary>
    /// Episodes built by command sequences with invalid commands mixed in (about one step in three is any command,
    /// accepted or not). Shrinks first to the valid sequence (the refused steps dropped), then to shorter valid ones.
    /// </summary>
    /// <param name="options">Changes to the default options, or null.</param>
    /// <returns>The arbitrary.</returns>
    public static Arbitrary<GeneratedEpisode> EpisodesWithInvalidCommands(Action<CafOptions>? options = null) =>
        Arb.From(EpisodeGen(options, invalidShare: 3), e => ShrinkMixed(e, options));

    /// <summary>The generator of <see cref="Episodes"/> (no shrinking); for sampling.</summary>
    /// <param name="options">Changes to the default options, or null.</param>
    /// <returns>The generator.</returns>
    public static Gen<GeneratedEpisode> EpisodeGenerator(Action<CafOptions>? options = null) => EpisodeGen(options, invalidShare: 0);

    /// <summary>
    /// Random command sequences independent of any episode: a prefix of <see cref="EpisodeCommands.HappyPath"/> with
    /// random commands interleaved, then a random tail of up to 30 (ending commands rare). Valid and invalid commands in
    /// every state. Shrinks by removing commands.
    /// </summary>
    /// <returns>The arbitrary.</returns>
    public static Arbitrary<EpisodeCommand[]> CommandSequences()
    {
        var any = Gen.Frequency((12, Gen.Elements(Ongoing.AsEnumerable())), (1, Gen.Elements(Endings.AsEnumerable())));
        var step = Gen.Frequency((3, Gen.Constant(Array.Empty<EpisodeCommand>())), (1, any.Select(c => new[] { c })));
        var gen =
            from prefixLength in Gen.Choose(0, EpisodeCommands.HappyPath.Length)
            from noise in step.ArrayOf(prefixLength)
            from tail in any.ArrayOf()
            select EpisodeCommands.HappyPath.Take(prefixLength).Select(EpisodeCommands.Named).Zip(noise, (h, n) => n.Prepend(h)).SelectMany(x => x)
                .Concat(tail.Take(30)).ToArray();
        return Arb.From(gen, s => Enumerable.Range(0, s.Length).Select(i => s.Where((_, j) => j != i).ToArray()));
    }

    private static Gen<GeneratedEpisode> EpisodeGen(Action<CafOptions>? options, int invalidShare)
    {
        var today = CafTestWorld.DefaultStart;
        var consent = OptionsWith(options).Consent;
        var child = Gen.Frequency((3, Gen.Constant(CafTestWorld.Create(options).NineYearOld())), (1, Child(DateOnly.FromDateTime(today.UtcDateTime), consent)));
        return from fromStepDown in Gen.Frequency((1, Gen.Constant(true)), (3, Gen.Constant(false)))
               from c in child
               from length in Gen.Frequency((1, Gen.Choose(0, 3)), (4, Gen.Choose(4, 30)))
               from picks in Gen.Choose(0, 1 << 20).ArrayOf(length)
               from days in Gen.Frequency((1, Gen.Constant(0)), (3, Gen.Choose(1, 14))).ArrayOf(length)
               select Build(options, c, fromStepDown, picks, days, invalidShare);
    }

    // Interprets random numbers as steps: each picks a command the episode accepts (trying the commands in turn from
    // a random start) or, one time in invalidShare, any command at all. Deterministic for the same numbers.
    private static GeneratedEpisode Build(Action<CafOptions>? options, ChildDetails child, bool fromStepDown, int[] picks, int[] days, int invalidShare)
    {
        var world = CafTestWorld.Create(options);
        var ongoing = OptionsWith(options).Sharing.StatutoryDutyFrom is null ? OngoingWithoutDuty : Ongoing;
        var episode = fromStepDown ? world.RegisterStepDown(child) : world.IdentifyConcern(child);
        var steps = ImmutableArray.CreateBuilder<EpisodeStep>();
        for (var i = 0; i < picks.Length; i++)
        {
            world.Advance(TimeSpan.FromDays(days[i]));
            var pick = picks[i];
            if (invalidShare > 0 && pick % invalidShare == 0)
            {
                var any = EpisodeCommands.All[(pick >> 2) % EpisodeCommands.All.Length];
                any.Run(episode, world.Today);
                steps.Add(new EpisodeStep(any.Name, days[i]));
                continue;
            }

            // Ending rarely, so sequences reach the later states; a closure on outcomes is tried first when ending,
            // and right after a review decided to close (CLOSE-C1), so every closure outcome is reached.
            var closing = episode.ReviewsOfCurrentPlan is [.., { DecidedToClose: true }];
            var pool = (closing || pick % 13 == 0) ? Endings : ongoing;
            // After a panel's decision its aftercare (PANEL-06..10) is tried first every other step, so the rarely reached
            // panel path still runs each of its commands.
            var aftercare = pool == ongoing && pick % 2 == 0 && episode.CurrentPanelReferral is { LatestDecision: not null }
                ? TryInTurn(episode, world.Today, PanelAftercare, pick >> 4)
                : null;
            var chosen = aftercare ?? (pool == Endings ? TryInTurn(episode, world.Today, ClosuresOnOutcomes, pick >> 4) : null)
                ?? TryInTurn(episode, world.Today, pool, pick >> 4)
                ?? (pool == ongoing ? TryInTurn(episode, world.Today, Endings, pick >> 4) : null);
            if (chosen is null)
            {
                break; // nothing is accepted any more (a closed or transferred episode)
            }

            steps.Add(new EpisodeStep(chosen.Name, days[i]));
        }

        var script = new EpisodeScript(child, fromStepDown, steps.ToImmutable());
        return script.Run(options); // rebuilt from its script in a fresh world: the script alone defines the episode
    }

    private static EpisodeCommand? TryInTurn(CafEpisode episode, DateOnly today, ImmutableArray<EpisodeCommand> pool, int start)
    {
        for (var k = 0; k < pool.Length; k++)
        {
            var command = pool[(start + k) % pool.Length];
            if (command.Run(episode, today).IsSuccess)
            {
                return command;
            }
        }

        return null;
    }

    private static IEnumerable<GeneratedEpisode> ShrinkValid(GeneratedEpisode e, Action<CafOptions>? options)
    {
        var steps = e.Script.Steps.Length;
        var seen = new HashSet<EpisodeScript>();
        IEnumerable<int[]> drops = [
            .. (steps > 1 ? new[] { Enumerable.Range(steps / 2, steps - (steps / 2)).ToArray() } : []),
            .. Enumerable.Range(0, steps).Reverse().Select(i => new[] { i }),
        ];
        foreach (var drop in drops)
        {
            var shorter = e.Script.Without(drop).Run(options);
            var valid = shorter.ValidScript();
            if (valid.Steps.Length < steps && seen.Add(valid))
            {
                yield return valid == shorter.Script ? shorter : valid.Run(options);
            }
        }
    }

    private static IEnumerable<GeneratedEpisode> ShrinkMixed(GeneratedEpisode e, Action<CafOptions>? options)
    {
        if (!e.IsValidSequence)
        {
            yield return e.ValidScript().Run(options);
        }

        foreach (var shorter in ShrinkValid(e, options))
        {
            yield return shorter;
        }
    }
}
