using System;
using System.Collections.Generic;
using System.Linq;
using Caf.Core.Analysis;
using Caf.Core.Closure;
using Caf.Core.Configuration;
using Caf.Core.Lifecycle;
using Caf.Core.Lifecycle.Events;
using Caf.Core.Testing;
using Caf.Core.Tests.Support;
using Caf.Core.Thresholds;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using static Caf.Core.Tests.Lifecycle.PersonFacingTextTests;

namespace Caf.Core.Tests.Lifecycle;

/// <summary>
/// The texts people read in normal use, over random episodes (valid and refused commands mixed): the available actions
/// and their refusals, the history, the sharing audit, the thresholds explanation and the policy what-if.
/// </summary>
public class PersonFacingTextProperties
{
    private static readonly ThresholdMatcher DefaultFramework = new ThresholdFrameworkLoader().LoadDefault();

    [Trait("Rule", "LIFE-12")]
    [Trait("Rule", "LIFE-11")]
    [Trait("Rule", "SHARE-03")]
    [Property(MaxTest = 40)]
    public Property Refusals_available_actions_history_and_audit_name_no_enum_member()
    {
        return Prop.ForAll(CafGen.EpisodesWithInvalidCommands(), g =>
        {
            var episode = g.Episode;
            foreach (var availability in episode.GetAvailableActions())
            {
                AssertNoEnumNames(availability.ToString());
            }

            foreach (var e in episode.Events)
            {
                AssertNoEnumNames(LifecycleDisplayText.Describe(e));
            }

            // Every command tried on a copy of the episode: each refusal is a message a practitioner reads.
            foreach (var command in Caf.Core.Testing.EpisodeCommands.All)
            {
                var copy = CafEpisode.Rebuild(g.World.Policy, episode.Events);
                if (command.Run(copy, g.World.Today) is { IsRefused: true } refused)
                {
                    AssertNoEnumNames(refused.Refusal.ToString());
                }
            }

            foreach (var entry in g.World.Audit.Entries)
            {
                AssertNoEnumNames(entry.ToString());
            }
        });
    }

    [Trait("Rule", "THR-03")]
    [Property(MaxTest = 200)]
    public Property A_threshold_summary_and_its_explanation_name_no_enum_member()
    {
        var ids = DefaultFramework.Framework.Indicators.Select(i => i.Id).ToArray();
        var observed = Gen.SubListOf(ids).Select(l => l.ToArray());
        var context =
            from harm in Gen.Elements(true, false)
            from specialists in Gen.Elements(true, false)
            from stepDown in Gen.Elements(true, false)
            select new ThresholdContext { SignificantHarmConcern = harm, SpecialistServicesInvolved = specialists, StepDown = stepDown };
        return Prop.ForAll(Arb.From(observed), Arb.From(context), (indicators, ctx) =>
        {
            var result = DefaultFramework.Assess(indicators, ctx).Value;
            AssertNoEnumNames(result.ToString());
            AssertNoEnumNames(result.Explanation);
        });
    }

    // A proposed policy that differs at every decision point it can: thresholds (R-MULTIPLE needs two needs), consent
    // ages, the review limit, retention, and a local taxonomy in which "resolvedOther" is not a code.
    private static PolicyConfiguration Proposed()
    {
        var loader = new ThresholdFrameworkLoader();
        var framework = loader.LoadDefault().Framework;
        var thresholds = loader.Compile(framework with
        {
            Version = "1.1.0-proposed",
            Rules = [.. framework.Rules.Select(r => r.Id == "R-MULTIPLE" ? r with { MinCount = 2 } : r)],
        }).Matcher;
        var document = ClosureTaxonomy.Default.Document;
        var taxonomy = new ClosureTaxonomyLoader().Compile(document with
        {
            Id = "local",
            Outcomes = [.. document.Outcomes.Select(o => o.Code == "resolvedOther" ? o with { Code = "local.other" } : o)],
        }).Taxonomy;
        var options = new CafOptions();
        options.Retention.RetentionYears = 7;
        options.Reviews.InsufficientProgressReviewLimit = 2;
        options.Consent.CompetenceAgeExclusiveLowerBound = 14;
        options.Consent.SelfConsentAge = 17;
        return new PolicyConfiguration("proposed", options, thresholds, taxonomy);
    }

    [Trait("Rule", "THR-03")]
    [Trait("Rule", "CLOSE-10")]
    [Trait("Rule", "REV-03")]
    [Property(MaxTest = 25)]
    public Property A_what_if_names_no_enum_member_in_its_differences_or_table()
    {
        var scripts = Arb.From(CafGen.EpisodesWithInvalidCommands().Generator.Select(g => g.Script).ListOf(6).Select(l => l.ToArray()));
        var proposed = Proposed();
        return Prop.ForAll(scripts, s =>
        {
            var world = CafTestWorld.Create();
            List<CafEpisode> cohort = [.. s.Select(script => script.Run(world).Episode)];
            var comparison = new PolicyWhatIf(PolicyConfiguration.Default("current"), proposed).Compare(cohort);
            foreach (var d in comparison.Differences)
            {
                AssertNoEnumNames(d.ToString());
                AssertNoEnumNames(string.Join(" / ", d.A.Group, d.B.Group, d.A.Explanation, d.B.Explanation));
            }

            AssertNoEnumNames(comparison.ToTable());
        });
    }

    [Trait("Rule", "CLOSE-10")]
    [Trait("Rule", "REV-03")]
    [Fact]
    public void The_what_if_names_routes_closures_and_reviews_as_people_say_them()
    {
        var world = CafTestWorld.Create();
        var amy = new EpisodeScript(world.NineYearOld(), false, [
            new("consent: mother written", 0), new("start assessment", 0), new("complete assessment: two additional needs", 10),
            new("choose single agency", 0), new("agree plan: school + family", 0), new("review: insufficient", 42), new("review: insufficient", 42),
            new("close: C3 resolved other (by the LP)", 1)]).Run(world);
        Assert.True(amy.IsValidSequence, amy.ToString());

        var differences = new PolicyWhatIf(PolicyConfiguration.Default("current"), Proposed()).Compare([amy.Episode]).Differences;

        var route = Assert.Single(differences, d => d.Point == PolicyDecisionPoint.ThresholdRoute);
        Assert.Equal(("route CAF with single-agency or family action", "route CAF with multi-agency support / team around the child"), (route.A.Outcome, route.B.Outcome));
        var closure = Assert.Single(differences, d => d.Point == PolicyDecisionPoint.ClosureAdmissibility);
        Assert.Equal("admissible as \"Resolved other\"", closure.A.Outcome);
        Assert.StartsWith("'resolvedOther' is \"Resolved other\" in caf-core-default 1; ", closure.A.Explanation, StringComparison.Ordinal);
        var reviews = Assert.Single(differences, d => d.Point == PolicyDecisionPoint.ReviewLimit);
        Assert.StartsWith("Reviews: insufficient progress, insufficient progress; ", reviews.B.Explanation, StringComparison.Ordinal);
    }

    [Trait("Rule", "CLOSE-10")]
    [Fact]
    public void CLOSE10_a_closure_whose_outcome_disagrees_with_the_taxonomy_is_refused_in_words()
    {
        var seeds = new Seeds();
        var e = seeds.PlanActive();
        seeds.Time.Advance(TimeSpan.FromDays(42));
        Seeds.Ok(e.HoldReview(Seeds.HealthVisitor, EpisodePlans.Closing(e.Plan!, seeds.Today)));
        Seeds.Ok(e.Close(Seeds.HealthVisitor, EpisodePlans.MostOutcomesAchieved("resolvedMultiAgency")));
        var events = e.Events.ToList();
        events[^1] = (EpisodeClosed)events[^1] with { Outcome = ClosureOutcome.ResolvedOther };

        var ex = Assert.Throws<ArgumentException>(() => CafEpisode.Rebuild(seeds.Policy, events));

        Assert.StartsWith(
            $"history[{events.Count - 1}]: [CLOSE-10] 'resolvedMultiAgency' maps to \"Resolved via multi-agency provision and lead professional\" in the taxonomy, not \"Resolved other\".",
            ex.Message, StringComparison.Ordinal);
    }
}
