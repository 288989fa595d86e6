using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using Caf.Core.Analysis;
using Caf.Core.Closure;
using Caf.Core.Configuration;
using Caf.Core.Lifecycle;
using Caf.Core.Testing;
using Caf.Core.Thresholds;
using Lead = Caf.Core.LeadProfessional;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;

namespace Caf.Core.Testing.Tests;

/// <summary>Policy what-if: hand-computed examples and the three properties of the issue.</summary>
public class WhatIfTests
{
    /// <summary>The default framework with R-MULTIPLE needing two additional needs across two domains instead of three.</summary>
    internal static ThresholdMatcher TwoNeedsAreMultiple()
    {
        var loader = new ThresholdFrameworkLoader();
        var framework = loader.LoadDefault().Framework;
        var changed = framework with
        {
            Version = "1.1.0-proposed",
            Rules = [.. framework.Rules.Select(r => r.Id == "R-MULTIPLE" ? r with { MinCount = 2 } : r)],
        };
        return loader.Compile(changed).Matcher;
    }

    private static PolicyConfiguration Proposed() => new("proposed", Options(o =>
    {
        o.Retention.RetentionYears = 7;
        o.Reviews.InsufficientProgressReviewLimit = 3;
    }), TwoNeedsAreMultiple(), ClosureTaxonomy.Default);

    private static CafOptions Options(Action<CafOptions> change)
    {
        var o = new CafOptions();
        change(o);
        return o;
    }

    private static EpisodeScript Script(params (int Days, string Command)[] steps) =>
        new(CafTestWorld.Create().NineYearOld(), false, [.. steps.Select(s => new EpisodeStep(s.Command, s.Days))]);

    // Amy (9): two additional needs, single-agency support, three reviews finding progress insufficient, closed by the LP.
    private static readonly EpisodeScript Amy = Script(
        (0, "consent: mother written"), (0, "start assessment"), (10, "complete assessment: two additional needs"),
        (0, "choose single agency"), (0, "agree plan: school + family"), (42, "review: insufficient"), (42, "review: insufficient"),
        (42, "review: insufficient"), (1, "close: C3 resolved other (by the LP)"));

    [Trait("Rule", "THR-03")]
    [Trait("Rule", "REV-03")]
    [Trait("Rule", "RET-01")]
    [Fact]
    public void Amy_moves_from_level_2_to_3_needs_reassessment_at_review_3_and_is_kept_7_years()
    {
        var amy = Amy.Run(CafTestWorld.Create());
        Assert.True(amy.IsValidSequence, amy.ToString());

        var result = new PolicyWhatIf(PolicyConfiguration.Default("current"), Proposed()).Compare([amy.Episode]);

        // Hand-computed: LEI-01 (development) and LEI-02 (parents and carers) are two level-2 needs in two domains:
        // level 2 under the default (R-MULTIPLE needs three), level 3 multi-agency when two suffice.
        // The plan (event 5) had three insufficient reviews: no reassessment with the limit at 4, required at review 3
        // with the limit at 3. Closed on 2026-07-17 (2 March + 10 + 126 + 1 days): disposal 5 or 7 years later.
        Assert.Collection(result.Differences,
            d => { Assert.Equal(PolicyDecisionPoint.ThresholdLevel, d.Point); Assert.Equal(3, d.EventIndex); Assert.Equal("level 2", d.A.Outcome); Assert.Equal("level 3", d.B.Outcome); },
            d => { Assert.Equal(PolicyDecisionPoint.ThresholdRoute, d.Point); Assert.Equal("route CAF with single-agency or family action", d.A.Outcome); Assert.Equal("route CAF with multi-agency support / team around the child", d.B.Outcome); },
            d => { Assert.Equal(PolicyDecisionPoint.ReviewLimit, d.Point); Assert.Equal(5, d.EventIndex); Assert.Equal("no reassessment required", d.A.Outcome); Assert.Equal("reassessment required at review 3", d.B.Outcome); },
            d => { Assert.Equal(PolicyDecisionPoint.RetentionDate, d.Point); Assert.Equal("2031-07-17", d.A.Outcome); Assert.Equal("2033-07-17", d.B.Outcome); });
        Assert.Contains("R-MULTIPLE", result.Differences[0].B.Explanation, StringComparison.Ordinal);
        Assert.Contains(result.Changes, c => c.Describe() == "1 of 1 assessments move from level 2 to level 3");
        Assert.Equal(1, result.Counts.Single(c => c.Point == PolicyDecisionPoint.ClosureAdmissibility).Decided);
        Assert.Equal(0, result.Counts.Single(c => c.Point == PolicyDecisionPoint.ClosureAdmissibility).Differing);
        Assert.Equal(amy.Episode.Version, amy.Episode.Events.Count); // recorded history untouched
    }

    [Trait("Rule", "CONS-02")]
    [Trait("Rule", "LIFE-05")]
    [Fact]
    public void A_13_year_old_judged_competent_counts_under_the_default_but_not_when_competence_starts_at_14()
    {
        var world = CafTestWorld.Create();
        var child = new ChildDetails(new Primitives.ChildId("child-013"), world.Today.AddYears(-13).AddDays(-30));
        var e = new EpisodeScript(child, false, [
            new("consent: young person written (judged competent)", 0), new("consent: mother written", 0), new("start assessment", 0)]).Run(world);
        Assert.True(e.IsValidSequence, e.ToString());

        var strict = new PolicyConfiguration("competence from 14", Options(o => o.Consent.CompetenceAgeExclusiveLowerBound = 13),
            world.Thresholds, ClosureTaxonomy.Default);
        var result = new PolicyWhatIf(PolicyConfiguration.Default(), strict).Compare([e.Episode]);

        // At 13 with the bound at 12 the young person may consent if judged competent; with the bound at 13 they may not (CONS-02).
        var record = Assert.Single(result.Differences, d => d.Point == PolicyDecisionPoint.ConsentRecord);
        Assert.Equal("accepted", record.A.Outcome);
        Assert.Equal("refused (CONS-02)", record.B.Outcome);
    }

    [Trait("Rule", "LP-04")]
    [Trait("Rule", "LP-09")]
    [Fact]
    public void Requiring_training_moves_the_LP_choice_to_the_trained_health_visitor()
    {
        var e = Amy.Run(CafTestWorld.Create()).Episode;
        var untrained = CafCatalogue.Nominee(CafCatalogue.Teacher) with { IsLeadProfessionalTrained = false, ContactFrequency = Lead.ContactFrequency.Daily };
        var trained = CafCatalogue.Nominee(CafCatalogue.HealthVisitor) with { ContactFrequency = Lead.ContactFrequency.Monthly };
        var pools = new Dictionary<Primitives.EpisodeId, Lead.LeadProfessionalSelectionRequest>
        {
            [e.Id] = new(e.Id, e.Consent, CafCatalogue.Teacher) { Candidates = [untrained, trained] },
        };
        var lax = new PolicyConfiguration("training optional", Options(o => o.LeadProfessional.RequireTraining = false), CafTestWorld.Create().Thresholds, ClosureTaxonomy.Default);

        var d = Assert.Single(new PolicyWhatIf(lax, PolicyConfiguration.Default()).Compare([e], pools).Differences);

        // Untrained but in daily contact, the teacher outranks the monthly health visitor only when training is optional (LP-04).
        Assert.Equal(PolicyDecisionPoint.LeadProfessionalRanking, d.Point);
        Assert.StartsWith("pr-teacher-jones first", d.A.Outcome, StringComparison.Ordinal);
        Assert.StartsWith("pr-hv-patel first", d.B.Outcome, StringComparison.Ordinal);
    }

    // ----- Properties -----

    private static Arbitrary<EpisodeScript[]> Scripts() => Arb.From(
        CafGen.EpisodesWithInvalidCommands().Generator.Select(g => g.Script).ListOf(6).Select(l => l.ToArray()),
        s => Enumerable.Range(0, s.Length).Select(i => s.Where((_, j) => j != i).ToArray()));

    private static List<CafEpisode> Cohort(EpisodeScript[] scripts)
    {
        var world = CafTestWorld.Create();
        return [.. scripts.Select(s => s.Run(world).Episode)];
    }

    private static readonly PolicyConfiguration[] Variants =
    [
        PolicyConfiguration.Default("default"),
        Proposed(),
        new("strict consent", Options(o => { o.Consent.CompetenceAgeExclusiveLowerBound = 14; o.Consent.SelfConsentAge = 17; o.Consent.ParentConsentRequiredAtSelfConsentAge = true; }), new ThresholdFrameworkLoader().LoadDefault(), ClosureTaxonomy.Default),
        new("consecutive reviews", Options(o => { o.Reviews.InsufficientProgressReviewLimit = 2; o.Reviews.CountConsecutiveOnly = true; o.LeadProfessional.RequireTraining = false; }), TwoNeedsAreMultiple(), ClosureTaxonomy.Default),
    ];

    [Property(MaxTest = 60)]
    public Property Comparing_a_configuration_with_itself_reports_no_differences()
    {
        return Prop.ForAll(Scripts(), Arb.From(Gen.Choose(0, Variants.Length - 1)), (scripts, v) =>
        {
            var copy = new PolicyConfiguration("copy", new CafOptions(), Variants[v].Thresholds, Variants[v].ClosureTaxonomy);
            var self = new PolicyWhatIf(Variants[v], Variants[v]).Compare(Cohort(scripts));
            return self.HasNoDifferences && self.Changes.IsEmpty && (v != 0 || new PolicyWhatIf(Variants[0], copy).Compare(Cohort(scripts)).HasNoDifferences);
        });
    }

    [Property(MaxTest = 60)]
    public Property Swapping_A_and_B_swaps_every_difference()
    {
        return Prop.ForAll(Scripts(), Arb.From(Gen.Choose(0, Variants.Length - 1)), Arb.From(Gen.Choose(0, Variants.Length - 1)), (scripts, a, b) =>
        {
            var ab = new PolicyWhatIf(Variants[a], Variants[b]).Compare(Cohort(scripts));
            var ba = new PolicyWhatIf(Variants[b], Variants[a]).Compare(Cohort(scripts));
            return ba.Equals(ab.Swapped()) && ab.Differences.Length == ba.Differences.Length
                && ab.Differences.Zip(ba.Differences).All(p => p.First.A == p.Second.B && p.First.B == p.Second.A);
        });
    }

    [Property(MaxTest = 60)]
    public Property The_result_does_not_depend_on_the_order_of_the_episodes()
    {
        return Prop.ForAll(Scripts(), Arb.From(Gen.Choose(0, int.MaxValue - 1)), (scripts, seed) =>
        {
            var cohort = Cohort(scripts);
            var shuffled = cohort.OrderBy(_ => new Random(seed).Next()).Reverse().ToList();
            var whatIf = new PolicyWhatIf(Variants[0], Variants[1]);
            return whatIf.Compare(cohort).Equals(whatIf.Compare(shuffled));
        });
    }

    [Fact]
    public void Misuse_throws_naming_the_parameter()
    {
        var whatIf = new PolicyWhatIf(PolicyConfiguration.Default(), Proposed());
        var e = Amy.Run(CafTestWorld.Create()).Episode;
        Assert.Equal("episodes", Assert.Throws<ArgumentException>(() => whatIf.Compare([e, e])).ParamName);
        Assert.Equal("episodes", Assert.Throws<ArgumentNullException>(() => whatIf.Compare(null!)).ParamName);
        Assert.Throws<ArgumentNullException>(() => new PolicyWhatIf(null!, Proposed()));
        Assert.Throws<ArgumentException>(() => new PolicyConfiguration(" ", new CafOptions(), TwoNeedsAreMultiple(), ClosureTaxonomy.Default));
    }
}
