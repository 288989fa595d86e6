using System;
using System.Collections.Immutable;
using System.Linq;
using Caf.Core.Lifecycle;
using Caf.Core.Testing;
using FsCheck;
using FsCheck.Fluent;
using Result = Caf.Core.Primitives.Result;
using TestingCommand = Caf.Core.Testing.EpisodeCommand;
using TestingCommands = Caf.Core.Testing.EpisodeCommands;

namespace Caf.Core.Tests.Support;

/// <summary>A named command on an episode, valid or not in any given state, for property tests.</summary>
public sealed record EpisodeCommand(string Name, Func<CafEpisode, Result> Run)
{
    public override string ToString() => Name;
}

/// <summary>
/// The property tests' commands and sequences: those of the Caf.Core.Testing package (one source of truth,
/// <see cref="TestingCommands"/> and <see cref="CafGen.CommandSequences"/>), run with the seeds' first day as the
/// plan and review date, plus the register-only family link (internal to the library).
/// </summary>
public static class EpisodeCommands
{
    /// <summary>The plan date every generated plan and review uses: the seeds' first day, never after an event's time.</summary>
    private static readonly DateOnly PlanDay = DateOnly.FromDateTime(Seeds.Start.UtcDateTime);

    private static readonly EpisodeCommand LinkFamily = new("link family", e => e.LinkToFamily(Seeds.Teacher, "family-smith"));

    public static readonly ImmutableArray<EpisodeCommand> All = [.. TestingCommands.All.Select(Adapt), LinkFamily];

    private static EpisodeCommand Adapt(TestingCommand c) => new(c.Name, e => c.Run(e, PlanDay));

    private static TestingCommand? Back(EpisodeCommand c) => c == LinkFamily ? null : TestingCommands.Named(c.Name);

    /// <summary>
    /// The package's sequences (a random prefix of the happy path with random commands interleaved, then a random
    /// tail), each now and then followed by the family link.
    /// </summary>
    public static Arbitrary<EpisodeCommand[]> Sequences()
    {
        var sequences = CafGen.CommandSequences();
        var gen = from s in sequences.Generator
                  from link in Gen.Frequency((6, Gen.Constant(-1)), (1, Gen.Choose(0, s.Length)))
                  select link < 0 ? s.Select(Adapt).ToArray() : [.. s.Take(link).Select(Adapt), LinkFamily, .. s.Skip(link).Select(Adapt)];
        return Arb.From(gen, s => sequences.Shrinker([.. s.Select(Back).OfType<TestingCommand>()]).Select(x => x.Select(Adapt).ToArray()));
    }

    /// <summary>Whether to start from a concern or from a step-down.</summary>
    public static Arbitrary<bool> Bools() => ArbMap.Default.ArbFor<bool>();
}
