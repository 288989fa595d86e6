using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Globalization;
using System.Linq;
using Ardalis.GuardClauses;
using Caf.Core.Annotations;
using Caf.Core.Closure;
using Caf.Core.Outcomes;
using Caf.Core.Primitives;
using Caf.Core.Thresholds;

namespace Caf.Core.Reporting;

/// <summary>
/// Generates realistic, synthetic read-model cohorts for samples, tests and benchmarks: deterministic for a
/// seed (each call owns its own <see cref="Random"/>). No real child is described.
/// </summary>
/// <remarks>
/// The shape follows the seeds: most CAFs come from high schools, few from primary or pre-school and almost
/// none from the youth service (000 challenge 7); more 13–15-year-olds than younger children (000 challenge 2);
/// needs drawn from the framework's indicators, the Leicestershire ten most often (weighted by the "times
/// identified" of 000 §6); activity rising gradually over the window; most lead professionals in the
/// initiating school (000 development 5); about a third referred to a panel; some assessments over the
/// one-month timescale; some re-referrals and partial consents; about two thirds of assessed children fill in the
/// outcomes questionnaire at assessment and most of those again later, mostly scoring a little better (OUTQ-01,
/// 000 development 10; drawn from a second random stream, so the other fields do not depend on it). Events after the window's end have not
/// happened yet, so later episodes are still open.
/// </remarks>
/// <threadsafety>This type is immutable and thread-safe.</threadsafety>
[Immutable]
public sealed class CafCohortGenerator
{
    private static readonly (InitiatingSetting Setting, int Weight, string[] Agencies)[] Settings =
    [
        (InitiatingSetting.HighSchool, 46, Numbered("high-school", 12)),
        (InitiatingSetting.PrimarySchool, 14, Numbered("primary-school", 30)),
        (InitiatingSetting.PreSchool, 5, Numbered("childrens-centre", 6)),
        (InitiatingSetting.SpecialSchool, 3, Numbered("special-school", 3)),
        (InitiatingSetting.Health, 10, ["health-visiting", "school-nursing", "camhs", "gp-practices"]),
        (InitiatingSetting.SocialCare, 8, ["childrens-social-care", "early-help-team"]),
        (InitiatingSetting.YouthService, 1, ["youth-service"]),
        (InitiatingSetting.YouthJustice, 4, ["youth-offending-service"]),
        (InitiatingSetting.Housing, 2, ["housing"]),
        (InitiatingSetting.VoluntarySector, 4, ["family-action", "barnardos-project"]),
        (InitiatingSetting.Police, 2, ["police"]),
        (InitiatingSetting.Other, 1, ["other-agency"]),
    ];

    // 000 §6: times identified for the ten needs of the Leicestershire table (LEI-01..LEI-10 in the default framework).
    private static readonly int[] LeicestershireTimesIdentified = [171, 137, 122, 118, 111, 107, 106, 96, 94, 92];

    private static readonly (ClosureOutcome Outcome, int Weight)[] Outcomes =
    [
        (ClosureOutcome.ResolvedFamilyActions, 15),
        (ClosureOutcome.ResolvedSingleService, 20),
        (ClosureOutcome.ResolvedMultiAgency, 35),
        (ClosureOutcome.ResolvedOther, 10),
        (ClosureOutcome.ConsentWithdrawn, 8),
        (ClosureOutcome.ConsentOverridden, 2),
        (ClosureOutcome.SteppedUp, 10),
    ];

    private static readonly string[] OftenExcluded = ["camhs", "police", "youth-offending-service", "housing", "high-school-01"];

    private readonly ImmutableArray<ReportNeed> _needs;
    private readonly ImmutableArray<int> _needWeights;
    private readonly int _needWeightTotal;

    /// <summary>Creates a generator that draws needs from a framework's indicators.</summary>
    /// <param name="framework">The thresholds framework (for example the default, THR-02).</param>
    /// <exception cref="ArgumentNullException"><paramref name="framework"/> is null.</exception>
    /// <exception cref="ArgumentException">The framework has no indicators.</exception>
    public CafCohortGenerator(ThresholdFramework framework)
    {
        Guard.Against.Null(framework);
        if (framework.Indicators.IsDefaultOrEmpty)
        {
            throw new ArgumentException("The framework has no indicators.", nameof(framework));
        }

        _needs = [.. framework.Indicators.Select(ReportNeed.FromIndicator)];
        _needWeights = [.. framework.Indicators.Select(Weight)];
        _needWeightTotal = _needWeights.Sum();
    }

    /// <summary>A generator over the shipped default thresholds framework (THR-02).</summary>
    /// <returns>The generator.</returns>
    public static CafCohortGenerator ForDefaultFramework() => new(new ThresholdFrameworkLoader().LoadDefault().Framework);

    /// <summary>The needs the generator draws from, one shared instance per indicator.</summary>
    public ImmutableArray<ReportNeed> Needs => _needs;

    /// <summary>Generates a cohort lazily: <paramref name="count"/> episodes opened between the dates, as they stand at the end of the window.</summary>
    /// <param name="seed">The seed: the same seed, count and dates give the same rows.</param>
    /// <param name="count">How many episodes.</param>
    /// <param name="from">The first opening date (inclusive).</param>
    /// <param name="to">The end of the window (exclusive): nothing happens on or after it.</param>
    /// <returns>The rows, episode ids <c>ep-0000001</c> upwards.</returns>
    /// <exception cref="ArgumentException"><paramref name="count"/> is negative or <paramref name="to"/> is not after <paramref name="from"/>.</exception>
    public IEnumerable<EpisodeReportRow> Generate(int seed, int count, DateOnly from, DateOnly to)
    {
        Guard.Against.Negative(count);
        if (to <= from)
        {
            throw new ArgumentException("The window must end after it starts.", nameof(to));
        }

        return Rows(seed, count, from, to);
    }

    private IEnumerable<EpisodeReportRow> Rows(int seed, int count, DateOnly from, DateOnly to)
    {
        var random = new Random(seed);
        var outcomesRandom = new Random(unchecked((seed * 31) + 15));
        var days = to.DayNumber - from.DayNumber;
        var last = to.AddDays(-1);
        for (var i = 1; i <= count; i++)
        {
            // Rising activity: later dates are likelier (000 §6 "a gradual increase").
            var opened = from.AddDays((int)(Math.Sqrt(random.NextDouble()) * days));
            yield return Row(random, outcomesRandom, i, opened, last);
        }
    }

    private EpisodeReportRow Row(Random random, Random outcomesRandom, int index, DateOnly opened, DateOnly last)
    {
        var (setting, _, agencies) = Pick(random, Settings, s => s.Weight);
        var agency = new AgencyId(agencies[random.Next(agencies.Length)]);
        var age = Age(random, setting);
        var intent = setting != InitiatingSetting.SocialCare || random.Next(10) < 4;

        DateOnly? started = null, completed = null, due = null;
        if (intent)
        {
            due = opened.AddMonths(1);
            started = Happened(opened.AddDays(random.Next(15)), last);
            if (started is { } s && random.Next(20) > 0)
            {
                // Most within the month, some over it (REP-05).
                completed = Happened(s.AddDays(random.Next(4, random.Next(10) < 8 ? 28 : 70)), last);
            }
        }

        var assessed = completed ?? (intent ? null : opened);
        var needs = assessed is null ? ImmutableArray<ReportNeed>.Empty : DrawNeeds(random);
        AgencyId? lead = assessed is not null && random.Next(100) < 85
            ? random.Next(4) > 0 ? agency : new AgencyId(Settings[random.Next(Settings.Length)].Agencies[0])
            : null;

        var referrals = ImmutableArray<ReportPanelReferral>.Empty;
        if (assessed is { } a && random.Next(100) < 32 && Happened(a.AddDays(random.Next(21)), last) is { } referredOn)
        {
            referrals = [new ReportPanelReferral(referredOn, agency, Pick(random, [(0, 10), (1, 40), (2, 35), (3, 15)], p => p.Item2).Item1)];
        }

        DateOnly? closed = Happened(opened.AddDays(random.Next(20, 540)), last);
        string? code = null, category = null;
        if (closed is { } c)
        {
            var outcome = assessed is null
                ? random.Next(2) == 0 ? ClosureOutcome.ConsentWithdrawn : ClosureOutcome.ResolvedOther
                : Pick(random, Outcomes, o => o.Weight).Outcome;
            code = ReportClosureCategories.CodeOf(outcome);
            category = ReportClosureCategories.CategoryOf(outcome);
            if (completed > c)
            {
                completed = null;
            }

            if (started > c)
            {
                started = null;
            }

            referrals = [.. referrals.Where(r => r.ReferredOn <= c)];
        }

        DateOnly? nextReview = lead is not null && closed is null ? last.AddDays(random.Next(-60, 45)) : null;
        if (nextReview < opened)
        {
            nextReview = opened;
        }

        var previous = random.Next(100) < 10 ? random.Next(1, 3) : 0;
        DateOnly? previousClosed = previous > 0 ? opened.AddDays(-random.Next(1, 900)) : null;
        var excluded = random.Next(100) < 6 ? ImmutableArray.Create(new AgencyId(OftenExcluded[random.Next(OftenExcluded.Length)])) : [];

        var id = index.ToString("D7", CultureInfo.InvariantCulture);
        return new EpisodeReportRow(
            new EpisodeId("ep-" + id),
            new ChildId("child-" + id),
            opened,
            intent,
            agency,
            setting,
            AgeBands.FromAge(age),
            needs,
            closed,
            code,
            category,
            lead,
            started,
            completed,
            due,
            nextReview,
            referrals,
            previous,
            previousClosed,
            excluded,
            Questionnaire(outcomesRandom, assessed, closed ?? last));
    }

    // OUTQ-01: a baseline at assessment for about 70%, a later completion (a review or just before closure) for about
    // 65% of those; ratings mostly Not good or OK at first, then a little better (Not good to Good is +2).
    private static ReportOutcomes? Questionnaire(Random random, DateOnly? assessed, DateOnly end)
    {
        if (assessed is not { } a || random.Next(100) >= 70)
        {
            return null;
        }

        var first = a.AddDays(random.Next(15));
        if (first > end)
        {
            return null;
        }

        var firstRatings = new OutcomesRating[OutcomesQuestionnaire.Questions.Length];
        for (var i = 0; i < firstRatings.Length; i++)
        {
            firstRatings[i] = Pick(random, [(OutcomesRating.NotGood, 30), (OutcomesRating.Ok, 40), (OutcomesRating.Good, 22), (OutcomesRating.Great, 8)], r => r.Item2).Item1;
        }

        var latest = end.AddDays(-random.Next(21));
        if (random.Next(100) >= 65 || latest <= first)
        {
            return new ReportOutcomes(1, first, first, true, [.. firstRatings], [.. firstRatings]);
        }

        var latestRatings = new OutcomesRating[firstRatings.Length];
        for (var i = 0; i < latestRatings.Length; i++)
        {
            var change = Pick(random, [(-1, 12), (0, 38), (1, 35), (2, 15)], c => c.Item2).Item1;
            latestRatings[i] = (OutcomesRating)Math.Clamp((int)firstRatings[i] + change, (int)OutcomesRating.NotGood, (int)OutcomesRating.Great);
        }

        return new ReportOutcomes(2 + random.Next(3), first, latest, random.Next(100) < 85, [.. firstRatings], [.. latestRatings]);
    }

    private ImmutableArray<ReportNeed> DrawNeeds(Random random)
    {
        var wanted = Pick(random, [(1, 15), (2, 30), (3, 30), (4, 15), (5, 10)], p => p.Item2).Item1;
        var chosen = ImmutableArray.CreateBuilder<ReportNeed>(wanted);
        while (chosen.Count < wanted)
        {
            var roll = random.Next(_needWeightTotal);
            var i = 0;
            while (roll >= _needWeights[i])
            {
                roll -= _needWeights[i];
                i++;
            }

            if (!chosen.Contains(_needs[i]))
            {
                chosen.Add(_needs[i]);
            }
        }

        return chosen.MoveToImmutable();
    }

    private static int? Age(Random random, InitiatingSetting setting) => setting switch
    {
        InitiatingSetting.HighSchool => random.Next(10) < 7 ? random.Next(13, 16) : random.Next(11, 17),
        InitiatingSetting.PrimarySchool => random.Next(4, 12),
        InitiatingSetting.PreSchool => random.Next(0, 5),
        InitiatingSetting.Health => random.Next(5) == 0 ? null : random.Next(0, 20),
        InitiatingSetting.YouthService => random.Next(13, 20),
        InitiatingSetting.YouthJustice => random.Next(10, 18),
        _ => random.Next(20) == 0 ? null : random.Next(0, 20),
    };

    private static int Weight(ThresholdIndicator indicator)
    {
        if (indicator.Id.StartsWith("LEI-", StringComparison.Ordinal)
            && int.TryParse(indicator.Id.AsSpan(4), NumberStyles.None, CultureInfo.InvariantCulture, out var n)
            && n is >= 1 and <= 10)
        {
            return LeicestershireTimesIdentified[n - 1];
        }

        return indicator.Level >= 4 ? 4 : 40;
    }

    private static DateOnly? Happened(DateOnly date, DateOnly last) => date <= last ? date : null;

    private static T Pick<T>(Random random, IReadOnlyList<T> items, Func<T, int> weight)
    {
        var total = 0;
        foreach (var item in items)
        {
            total += weight(item);
        }

        var roll = random.Next(total);
        foreach (var item in items)
        {
            roll -= weight(item);
            if (roll < 0)
            {
                return item;
            }
        }

        return items[^1];
    }

    private static string[] Numbered(string prefix, int count) =>
        [.. Enumerable.Range(1, count).Select(i => string.Create(CultureInfo.InvariantCulture, $"{prefix}-{i:00}"))];
}
