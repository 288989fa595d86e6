// The analyst's notebook: five properties an analyst would write about the CAF rules, each run first against a
// deliberately broken policy (FsCheck finds and shrinks a counter-example, printed) and then against Caf.Core's
// default (it passes); then one policy what-if: the default thresholds framework against a modified one.
using System;
using System.Collections.Generic;
using System.Linq;
using Caf.Core.Analysis;
using Caf.Core.Closure;
using Caf.Core.Configuration;
using Caf.Core.Consent;
using Caf.Core.LeadProfessional;
using Caf.Core.Lifecycle;
using Caf.Core.Lifecycle.Events;
using Caf.Core.Primitives;
using Caf.Core.Testing;
using Caf.Core.Thresholds;
using FsCheck;
using FsCheck.Fluent;

var failures = 0;
var world = CafTestWorld.Create();
var today = world.Today;
var matcher = world.Thresholds;
var episodes = CafGen.Episodes();

// 1. No multi-agency plan without an appointed lead professional (LP-02, LIFE-08).
//    The policy under test answers "may this episode agree a plan delivered by school, health and the family now?"
Verify<Func<GeneratedEpisode, bool>, GeneratedEpisode>("1. No multi-agency plan without an appointed LP (LP-02, LIFE-08)",
    broken: e => e.Episode.State is EpisodeState.Assessed or EpisodeState.PanelReferred,         // forgets the LP
    library: e => AgreesMultiAgencyPlan(e),
    property: (policy, e) => !policy(e) || !e.Episode.LeadProfessional.IsInterim,
    arbitrary: episodes);

// 2. Withdrawal always ends sharing (CONS-07, SHARE-01): after a withdrawal no agency receives anything (unless consent is overridden, CONS-06).
var withdrawn = CafGen.ConsentHistories(today);
Verify<Func<ConsentHistory, AgencyId, bool>, ConsentHistory>("2. Withdrawal always ends sharing (CONS-07, SHARE-01)",
    broken: (h, a) => h.ToState().Records.Any(r => r.Decision == ConsentDecision.Given) && !h.ToState().Excludes(a), // ignores the withdrawal
    library: (h, a) => world.Sharing.Evaluate(h.ToState(), a, SharingPurpose.Assessment, h.Child.AgeOn(today)).Granted,
    property: (share, h) => !h.ToState().IsWithdrawn || h.ToState().IsOverridden || CafCatalogue.Agencies.All(a => !share(h, a)), // only an override (CONS-06) shares after a withdrawal
    arbitrary: withdrawn);

// 3. Thresholds never drop when an indicator is added (THR-06).
var pairs = Arb.From(
    from observed in CafGen.Indicators(matcher).Generator
    from extra in Gen.Elements(matcher.Framework.Indicators.Select(i => i.Id))
    select (Observed: observed, Extra: extra),
    p => CafGen.Indicators(matcher).Shrinker(p.Observed).Select(o => (o, p.Extra)));
Verify<Func<string[], int>, (ObservedIndicators Observed, string Extra)>("3. The level never drops when an indicator is added (THR-06)",
    broken: ids => ids.Length == 0 ? 1 : (int)Math.Round(ids.Average(id => (double)matcher.Framework.Indicators.First(i => i.Id == id).Level)), // averages
    library: ids => (int)matcher.Classify(ids).Value.Level,
    property: (level, p) => level([.. p.Observed.Ids, p.Extra]) >= level([.. p.Observed.Ids]),
    arbitrary: pairs);

// 4. No excluded agency is ever lead professional (LP-11, CONS-05).
var pools = Arb.From(
    from pool in CafGen.CandidatePools().Generator
    from history in withdrawn.Generator
    select (Pool: pool, Consent: history),
    p => CafGen.CandidatePools().Shrinker(p.Pool).Select(s => (s, p.Consent)).Concat(withdrawn.Shrinker(p.Consent).Select(c => (p.Pool, c))));
Verify<Func<(CandidatePool Pool, ConsentHistory Consent), AgencyId?>, (CandidatePool Pool, ConsentHistory Consent)>("4. No excluded agency is ever lead professional (LP-11)",
    broken: p => p.Pool.Candidates.Where(c => c.IsWorkingWithFamily).OrderByDescending(c => c.ContactFrequency).Select(c => (AgencyId?)c.Agency).FirstOrDefault(), // most contact wins
    library: p => world.LeadProfessionalSelector.Select(CafGen.SelectionRequest(new EpisodeId("ep-lp"), p.Consent.ToState(), p.Pool)).Chosen?.Candidate.Agency,
    property: (choose, p) => choose(p) is not { } agency || !p.Consent.ToState().Excludes(agency),
    arbitrary: pools);

// 5. A closed episode never changes (LIFE-10): no command after closure changes its history.
//    The policy under test is the store's "append the command's events" step.
Verify<Func<GeneratedEpisode, int>, GeneratedEpisode>("5. A closed episode never changes (LIFE-10)",
    broken: e => e.Episode.Events.Count + (e.Episode.State == EpisodeState.Closed ? 1 : 0), // appends a late consent record anyway
    library: e => AfterEveryCommand(e),
    property: (versionAfter, e) => e.Episode.State != EpisodeState.Closed || versionAfter(e) == e.Episode.Version,
    arbitrary: episodes);

// The what-if: the default framework against one where two additional needs across two domains are "multiple".
var loader = new ThresholdFrameworkLoader();
var framework = loader.LoadDefault().Framework;
var proposed = loader.Compile(framework with
{
    Version = "1.1.0-proposed",
    Rules = [.. framework.Rules.Select(r => r.Id == "R-MULTIPLE" ? r with { MinCount = 2 } : r)],
}).Matcher;
// The cohort: 2,000 assessments of generated indicators (CafGen.Indicators) plus 300 generated whole episodes.
var cohortWorld = CafTestWorld.Create();
var cohort = CafGen.Indicators(matcher).Generator.Sample(2000, new Rnd(2026), 20)
    .Where(o => matcher.Classify(o.Ids.AsSpan()).Value.Level != ThresholdLevel.SignificantHarm) // THR-04: those step up instead
    .Select(o => cohortWorld.Assessed(o.Ids)).ToList();

cohort.AddRange(CafGen.EpisodeGenerator().Sample(300, new Rnd(2027), 30).Select(g => g.Script.Run(cohortWorld).Episode));
var comparison = new PolicyWhatIf(
        PolicyConfiguration.Default("default framework 1.0.0"),
        new PolicyConfiguration("R-MULTIPLE at 2 needs", new CafOptions(), proposed, ClosureTaxonomy.Default))
    .Compare(cohort);
Console.WriteLine();
Console.WriteLine(comparison.ToTable());
if (comparison.Differences.FirstOrDefault() is { } first)
{
    Console.WriteLine($"For example, {first}:");
    Console.WriteLine($"  A: {first.A.Explanation}");
    Console.WriteLine($"  B: {first.B.Explanation}");
}

Console.WriteLine();
Console.WriteLine(failures == 0 ? "Every property failed on its broken policy and passed on the default." : $"{failures} check(s) did not behave as expected.");
return failures == 0 ? 0 : 1;

// ----- helpers -----

void Verify<TPolicy, T>(string title, TPolicy broken, TPolicy library, Func<TPolicy, T, bool> property, Arbitrary<T> arbitrary)
{
    Console.WriteLine();
    Console.WriteLine("== " + title);
    var config = Config.QuickThrowOnFailure.WithMaxTest(200).WithQuietOnSuccess(true);
    try
    {
        Check.One(config, Prop.ForAll(arbitrary, x => property(broken, x)));
        Console.WriteLine("   broken policy: no counter-example found (unexpected)");
        failures++;
    }
    catch (Exception ex)
    {
        var lines = ex.Message.Split('\n').Select(l => l.TrimEnd()).Where(l => l.Length > 0).ToList();
        var shrunk = lines.FindIndex(l => l.StartsWith("Shrunk", StringComparison.Ordinal));
        var from = (shrunk >= 0 ? shrunk : lines.FindIndex(l => l.StartsWith("Original", StringComparison.Ordinal))) + 1;
        var example = string.Join(" ", lines.Skip(from).TakeWhile(l => !l.StartsWith("with exception", StringComparison.Ordinal)).Take(4).Select(l => l.Trim()));
        Console.WriteLine("   broken policy: " + lines[0]);
        Console.WriteLine("   shrunk counter-example: " + example);
    }

    try
    {
        Check.One(config, Prop.ForAll(arbitrary, x => property(library, x)));
        Console.WriteLine("   Caf.Core default: passed 200 tests");
    }
    catch (Exception ex)
    {
        Console.WriteLine("   Caf.Core default FAILED: " + ex.Message);
        failures++;
    }
}

static bool AgreesMultiAgencyPlan(GeneratedEpisode g)
{
    var copy = CafEpisode.Rebuild(g.World.Policy, g.Episode.Events);
    return EpisodeCommands.Named("agree plan: school + health + family").Run(copy, g.World.Today).IsSuccess;
}

static int AfterEveryCommand(GeneratedEpisode g)
{
    var copy = CafEpisode.Rebuild(g.World.Policy, g.Episode.Events);
    foreach (var command in EpisodeCommands.All)
    {
        command.Run(copy, g.World.Today);
    }

    return copy.Version;
}
