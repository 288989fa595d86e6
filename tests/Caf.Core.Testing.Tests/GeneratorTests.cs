using System;
using System.Collections.Generic;
using System.Linq;
using Caf.Core.Closure;
using Caf.Core.Consent;
using Caf.Core.Lifecycle;
using Caf.Core.Testing;
using Caf.Core.Thresholds;
using FsCheck;
using FsCheck.Fluent;
using Xunit.Abstractions;

namespace Caf.Core.Testing.Tests;

/// <summary>The generators produce only what the public API accepts, cover the lifecycle, and shrink.</summary>
public class GeneratorTests(ITestOutputHelper output)
{
    private static readonly DateOnly Today = DateOnly.FromDateTime(CafTestWorld.DefaultStart.UtcDateTime);

    private static List<GeneratedEpisode> Sample(Gen<GeneratedEpisode> gen, int count, ulong seed) =>
        [.. gen.Sample(count, new Rnd(seed), 30)];

    [Trait("Rule", "LIFE-11")]
    [Trait("Rule", "LIFE-12")]
    [Fact]
    public void Generated_episodes_are_accepted_by_replay_and_round_trip_through_json()
    {
        foreach (var g in Sample(CafGen.EpisodeGenerator(), 300, 11))
        {
            Assert.True(g.IsValidSequence, $"a valid-sequence episode refused steps {string.Join(",", g.RefusedSteps)}: {g}");
            var rebuilt = CafEpisode.Rebuild(g.World.Policy, g.Episode.Events);
            Assert.Equal(g.Episode.State, rebuilt.State);
            Assert.Equal(g.Episode.Version, rebuilt.Version);
            var json = EpisodeJson.Serialize(g.Episode);
            Assert.Equal(json, EpisodeJson.Serialize(EpisodeJson.Deserialize(g.World.Policy, json)));
        }
    }

    [Trait("Rule", "LIFE-12")]
    [Fact]
    public void Episodes_with_invalid_commands_are_accepted_by_replay_and_their_valid_script_builds_the_same_episode()
    {
        var refused = 0;
        foreach (var g in Sample(CafGen.EpisodesWithInvalidCommands().Generator, 200, 12))
        {
            refused += g.RefusedSteps.Length;
            Assert.Equal(g.Episode.State, CafEpisode.Rebuild(g.World.Policy, g.Episode.Events).State);
            var valid = g.ValidScript().Run();
            Assert.True(valid.IsValidSequence);
            Assert.Equal(EpisodeJson.Serialize(g.Episode), EpisodeJson.Serialize(valid.Episode));
        }

        Assert.True(refused > 0, "the mixed sequences should contain refused commands");
    }

    [Trait("Rule", "LIFE-10")]
    [Trait("Rule", "CLOSE-10")]
    [Fact]
    public void Within_1000_samples_every_lifecycle_state_and_every_closure_outcome_is_reached()
    {
        var states = new Dictionary<EpisodeState, int>();
        var outcomes = new Dictionary<ClosureOutcome, int>();
        foreach (var g in Sample(CafGen.EpisodeGenerator(), 1000, 2026))
        {
            states[g.Episode.State] = states.GetValueOrDefault(g.Episode.State) + 1;
            if (g.Episode.Closure is { } closure)
            {
                outcomes[closure.Outcome] = outcomes.GetValueOrDefault(closure.Outcome) + 1;
            }
        }

        output.WriteLine("States: " + string.Join(", ", states.OrderBy(s => s.Key).Select(s => $"{s.Key} {s.Value}")));
        output.WriteLine("Closure outcomes: " + string.Join(", ", outcomes.OrderBy(s => s.Key).Select(s => $"{s.Key} {s.Value}")));
        Assert.All(Enum.GetValues<EpisodeState>(), s => Assert.True(states.ContainsKey(s), $"no sample ends {s}"));
        Assert.All(Enum.GetValues<ClosureOutcome>(), o => Assert.True(outcomes.ContainsKey(o), $"no sample closes {o}"));
    }

    [Trait("Rule", "STEP-04")]
    [Trait("Rule", "PANEL-06")]
    [Trait("Rule", "PANEL-07")]
    [Trait("Rule", "PANEL-08")]
    [Trait("Rule", "PANEL-09")]
    [Trait("Rule", "PANEL-10")]
    [Trait("Rule", "LIFE-13")]
    [Trait("Rule", "LIFE-14")]
    [Trait("Rule", "CONS-09")]
    [Trait("Rule", "LP-12")]
    [Fact]
    public void Within_3000_samples_every_command_issue_28_added_is_accepted_in_some_episode_that_replays_and_round_trips()
    {
        var accepted = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var g in Sample(CafGen.EpisodeGenerator(), 3000, 2028))
        {
            foreach (var step in g.Script.Steps.Where(s => EpisodeCommands.Issue28.Contains(s.Command)))
            {
                accepted[step.Command] = accepted.GetValueOrDefault(step.Command) + 1;
            }
        }

        output.WriteLine(string.Join(Environment.NewLine, accepted.OrderBy(a => a.Key, StringComparer.Ordinal).Select(a => $"{a.Key}: {a.Value}")));
        Assert.All(EpisodeCommands.Issue28, name => Assert.True(accepted.ContainsKey(name), $"no generated episode runs \"{name}\""));
    }

    [Fact]
    public void A_failing_episode_property_shrinks_to_a_shorter_valid_sequence()
    {
        // Deliberately false: "no episode ever has an active plan". The shortest counter-example is the
        // shortest valid command sequence that reaches PlanActive.
        var arb = CafGen.EpisodesWithInvalidCommands();
        var original = Sample(arb.Generator, 400, 7).First(g => g.Episode.State == EpisodeState.PlanActive);
        var current = original;
        for (var round = 0; round < 200; round++)
        {
            var next = arb.Shrinker(current).FirstOrDefault(s => s.Episode.State == EpisodeState.PlanActive);
            if (next is null)
            {
                break;
            }

            Assert.True(next.IsValidSequence, "a shrink is a valid sequence");
            Assert.True(next.Script.Steps.Length < current.Script.Steps.Length || !current.IsValidSequence);
            current = next;
        }

        output.WriteLine($"{original.Script.Steps.Length} steps shrank to {current.Script.Steps.Length}: {current.Script}");
        Assert.True(current.Script.Steps.Length <= 6, current.Script.ToString()); // consent, start, complete, a next step, (an LP,) a plan
        Assert.True(current.Script.Steps.Length < original.Script.Steps.Length);
    }

    [Trait("Rule", "CONS-02")]
    [Trait("Rule", "CONS-03")]
    [Trait("Rule", "CONS-08")]
    [Fact]
    public void Consent_histories_hold_only_records_the_policy_accepts_and_exclusions_lifted_by_who_made_them()
    {
        var policy = new ConsentPolicy(new ConsentOptions());
        var arb = CafGen.ConsentHistories(Today);
        var (partial, refused, lifted, withdrawn, overridden, young) = (0, 0, 0, 0, 0, 0);
        foreach (var h in arb.Generator.Sample(1000, new Rnd(5), 20))
        {
            var state = ConsentState.Empty;
            foreach (var s in h.Steps)
            {
                if (s.Record is { } r)
                {
                    var valid = policy.ValidateRecord(r, h.Child.AgeOn(Today));
                    Assert.True(valid.IsSuccess, $"{h.Child}: {r} refused: {valid}");
                    partial += r.ExcludedAgencies.IsEmpty ? 0 : 1;
                    refused += r.Decision == ConsentDecision.Refused ? 1 : 0;
                    young += r.GiverRole == ConsentGiverRole.YoungPerson ? 1 : 0;
                }

                if (s.Lift is { } l)
                {
                    Assert.True(state.IsExcludedBy(l.Agency, l.LiftedBy));
                    lifted++;
                }

                withdrawn += s.Withdrawal is null ? 0 : 1;
                overridden += s.Override is null ? 0 : 1;
                state = new ConsentHistory(h.Child, [.. h.Steps.TakeWhile(x => !ReferenceEquals(x, s)), s]).ToState();
            }

            Assert.All(arb.Shrinker(h), shorter => Assert.True(shorter.Steps.Length < h.Steps.Length));
        }

        output.WriteLine($"partial {partial}, refused {refused}, young person {young}, lifted {lifted}, withdrawn {withdrawn}, overridden {overridden}");
        Assert.True(partial > 0 && refused > 0 && lifted > 0 && withdrawn > 0 && overridden > 0 && young > 0);
    }

    [Trait("Rule", "CONS-02")]
    [Fact]
    public void Children_range_from_unborn_to_19_and_cluster_around_the_consent_age_bounds()
    {
        var ages = CafGen.Child(Today).Sample(2000, new Rnd(3), 20).Select(c => c.AgeOn(Today)).ToList();
        Assert.Contains(null, ages);
        Assert.All(ages.Where(a => a is not null), a => Assert.InRange(a!.Value, 0, 19));
        Assert.True(ages.Count(a => a is 11 or 12 or 13 or 15 or 16 or 17) > ages.Count / 4, "dates of birth cluster around 12 and 16");
        Assert.Empty(CafGen.Children(Today).Shrinker(new ChildDetails(new Primitives.ChildId("child-001"), Today.AddYears(-9)))); // shrinks towards a nine-year-old
    }

    [Trait("Rule", "REG-03")]
    [Fact]
    public void Families_have_two_to_five_siblings_with_distinct_ids_a_year_apart()
    {
        foreach (var f in CafGen.Family(Today).Sample(300, new Rnd(4), 20))
        {
            Assert.InRange(f.Children.Length, 2, 5);
            Assert.Equal(f.Children.Length, f.Children.Select(c => c.Id).Distinct().Count());
            var born = f.Children.Where(c => c.DateOfBirth is not null).Select(c => c.DateOfBirth!.Value).ToList();
            Assert.All(born.Zip(born.Skip(1)), p => Assert.True(p.Second.DayNumber - p.First.DayNumber >= 365));
            Assert.All(born, d => Assert.True(d <= Today));
        }
    }

    [Trait("Rule", "THR-03")]
    [Trait("Rule", "THR-06")]
    [Fact]
    public void Indicators_come_from_the_loaded_framework_and_shrink_by_removing_one()
    {
        var matcher = new ThresholdFrameworkLoader().LoadDefault();
        var arb = CafGen.Indicators(matcher);
        foreach (var o in arb.Generator.Sample(300, new Rnd(6), 20))
        {
            Assert.All(o.Ids, id => Assert.True(matcher.ContainsIndicator(id)));
            Assert.Equal(o.Ids.Length, o.Ids.Distinct().Count());
            Assert.True(matcher.Classify(o.Ids.AsSpan()).IsSuccess);
            Assert.All(arb.Shrinker(o), s => Assert.Equal(o.Ids.Length - 1, s.Ids.Length));
        }
    }

    [Trait("Rule", "LP-03")]
    [Trait("Rule", "LP-09")]
    [Fact]
    public void Candidate_pools_have_distinct_practitioners_the_selector_accepts()
    {
        var world = CafTestWorld.Create();
        foreach (var pool in CafGen.CandidatePools(["attendance", "weight"]).Generator.Sample(300, new Rnd(8), 20))
        {
            Assert.NotEmpty(pool.Candidates);
            Assert.Equal(pool.Candidates.Length, pool.Candidates.Select(c => c.Practitioner).Distinct().Count());
            var selection = world.LeadProfessionalSelector.Select(CafGen.SelectionRequest(new Primitives.EpisodeId("ep-pool"), ConsentState.Empty, pool));
            Assert.Equal(pool.Candidates.Length, selection.Ranked.Length);
        }
    }

    [Fact]
    public void CafTestWorld_wires_clock_store_audit_and_register_in_one_call()
    {
        var world = CafTestWorld.Create(o => o.Reviews.InsufficientProgressReviewLimit = 3);
        Assert.Equal(3, world.Policy.InsufficientProgressReviewLimit);
        Assert.Equal(CafTestWorld.DefaultStart, world.Time.GetUtcNow());
        var e = world.IdentifyConcern();
        Assert.True(e.RecordConsent(CafCatalogue.Teacher, ConsentRecord.Parent("Ms Smith", ConsentForm.Written) with { SharingExplained = true }, "Consent to assess.").IsSuccess);
        world.Advance(TimeSpan.FromDays(2));
        Assert.Equal(DateOnly.FromDateTime(CafTestWorld.DefaultStart.UtcDateTime).AddDays(2), world.Today);
        Assert.NotNull(world.Register);
        Assert.Throws<ArgumentOutOfRangeException>(() => world.Advance(TimeSpan.FromDays(-1)));
        Assert.Throws<ArgumentException>(() => CafTestWorld.Create(o => o.Reviews.InsufficientProgressReviewLimit = 0));
    }
}
