using System;
using System.Collections.Generic;
using System.Linq;
using Caf.Core.Configuration;
using Caf.Core.Lifecycle;
using Caf.Core.Policy;
using Caf.Core.Primitives;
using Caf.Core.Testing;
using FsCheck;
using FsCheck.Fluent;
using Microsoft.Extensions.Time.Testing;
using Xunit;
using static Caf.Core.Tests.Policy.PolicyVersionSupport;

namespace Caf.Core.Tests.Policy;

/// <summary>
/// The policy-change matrix (issue 24): every option of <see cref="CafOptions"/>, each direction, between two dated
/// versions. Episodes generated over every command (Caf.Core.Testing) are recorded under the first version and read
/// back under the history: the same state and the same answers to every query (what next, due dates, consent, the
/// report row) before the second version takes effect; after it, the same state and the same recorded answers (due
/// dates, retention, REV-03, the report row) as under the first version alone. Documents without versions (stored
/// before them) read the same.
/// </summary>
public class PolicyChangeMatrixTests
{
    /// <summary>Each option's two directions: (first version's value, second version's value). Values chosen by hand.</summary>
    private static readonly Dictionary<string, (object? From, object? To)[]> Rows = new()
    {
        ["Consent.CompetenceAgeExclusiveLowerBound"] = [(12, 13), (12, 11)],
        ["Consent.SelfConsentAge"] = [(16, 17), (16, 15)],
        ["Consent.ParentConsentRequiredAtSelfConsentAge"] = [(false, true), (true, false)],
        ["Consent.ParentConsentRequiredForCompetentYoungPerson"] = [(true, false), (false, true)],
        ["Consent.CompetentYoungPersonRefusalPrevails"] = [(true, false), (false, true)],
        ["Sharing.StatutoryDutyFrom"] = [(null, new DateOnly(2026, 9, 1)), (new DateOnly(2026, 9, 1), null)],
        ["Sharing.AssessmentMinimum"] = [(null, Caf.Core.Consent.InformationCategories.Identity | Caf.Core.Consent.InformationCategories.Contact), (Caf.Core.Consent.InformationCategories.Identity | Caf.Core.Consent.InformationCategories.Contact | Caf.Core.Consent.InformationCategories.Assessment, null)],
        ["Sharing.PlanDeliveryMinimum"] = [(null, Caf.Core.Consent.InformationCategories.Identity | Caf.Core.Consent.InformationCategories.Contact | Caf.Core.Consent.InformationCategories.Services), (Caf.Core.Consent.InformationCategories.Identity | Caf.Core.Consent.InformationCategories.Contact | Caf.Core.Consent.InformationCategories.Services | Caf.Core.Consent.InformationCategories.Plan, null)],
        ["Sharing.PanelMinimum"] = [(null, Caf.Core.Consent.InformationCategories.Identity | Caf.Core.Consent.InformationCategories.Needs | Caf.Core.Consent.InformationCategories.Services), (Caf.Core.Consent.InformationCategories.Identity | Caf.Core.Consent.InformationCategories.Needs | Caf.Core.Consent.InformationCategories.Services | Caf.Core.Consent.InformationCategories.Progress, null)],
        ["Sharing.ReviewMinimum"] = [(null, Caf.Core.Consent.InformationCategories.Identity | Caf.Core.Consent.InformationCategories.Contact | Caf.Core.Consent.InformationCategories.Progress), (Caf.Core.Consent.InformationCategories.Identity | Caf.Core.Consent.InformationCategories.Contact | Caf.Core.Consent.InformationCategories.Progress | Caf.Core.Consent.InformationCategories.Assessment, null)],
        ["Sharing.ReportingMinimum"] = [(null, Caf.Core.Consent.InformationCategories.Identity), (Caf.Core.Consent.InformationCategories.Identity | Caf.Core.Consent.InformationCategories.Progress, null)],
        ["Lifecycle.AssessmentTimescaleMonths"] = [(1, 2), (2, 1)],
        ["Lifecycle.ClockSkewAllowanceMinutes"] = [(5, 10), (5, 1)],
        ["Lifecycle.NextStepsReviewRequired"] = [(false, true), (true, false)],
        ["Lifecycle.CafAlongsideSpecialistService"] = [(false, true), (true, false)],
        ["Reviews.InsufficientProgressReviewLimit"] = [(4, 3), (4, 5)],
        ["Reviews.CountConsecutiveOnly"] = [(false, true), (true, false)],
        ["Closure.AdultServicesTransferAge"] = [(19, 20), (19, 18)],
        ["Closure.SupervisorMayCloseOnBehalfOfLeadProfessional"] = [(true, false), (false, true)],
        ["Retention.RetentionYears"] = [(5, 6), (5, 4)],
        ["Storage.ConcurrencyRetries"] = [(3, 4), (3, 2)],
        ["LeadProfessional.RequireTraining"] = [(false, true), (true, false)],
        ["LeadProfessional.CaseloadCap"] = [(10, null), (10, 1)],
        ["LeadProfessional.RelevanceWeight"] = [(3.0, 6.0), (3.0, 1.5)],
        ["LeadProfessional.ContactFrequencyWeight"] = [(1.0, 2.0), (1.0, 0.5)],
        ["LeadProfessional.FamilyPreferenceWeight"] = [(2.0, 4.0), (2.0, 1.0)],
        ["LeadProfessional.AgencyBalanceWeight"] = [(1.0, 2.0), (1.0, 0.5)],
        ["LeadProfessional.PanelRecommendationWeight"] = [(2.0, 4.0), (2.0, 1.0)],
        ["Panels.AgendaDaysBefore"] = [(null, 7), (7, null)],
        ["Panels.AgendaWeekday"] = [(DayOfWeek.Monday, DayOfWeek.Tuesday), (DayOfWeek.Monday, DayOfWeek.Sunday)],
        ["Panels.DecisionSheetDaysAfter"] = [(null, 3), (3, null)],
        ["Panels.DecisionSheetWeekday"] = [(DayOfWeek.Friday, DayOfWeek.Saturday), (DayOfWeek.Friday, DayOfWeek.Thursday)],
        ["Panels.SchedulingHorizonDays"] = [(365, 730), (365, 30)],
        ["Panels.StartConfirmationGraceDays"] = [(0, 7), (7, 0)],
        ["Reporting.YearStartMonth"] = [(4, 5), (4, 3)],
        ["Reporting.ReReferralWindowMonths"] = [(12, 24), (12, 6)],
        ["Reporting.SmallCountThreshold"] = [(5, 6), (5, 4)],
        ["Reporting.TopNeeds"] = [(10, 11), (10, 9)],
    };

    public static TheoryData<string, int> Cases()
    {
        var data = new TheoryData<string, int>();
        foreach (var option in Rows.Keys.Order(StringComparer.Ordinal))
        {
            data.Add(option, 0);
            data.Add(option, 1);
        }

        return data;
    }

    [Fact]
    public void Every_option_of_CafOptions_has_a_row_with_both_directions()
    {
        Assert.Equal(LeafOptions().Order(StringComparer.Ordinal), Rows.Keys.Order(StringComparer.Ordinal));
        foreach (var (option, directions) in Rows)
        {
            Assert.Equal(2, directions.Length);
            Assert.NotEqual(directions[0].To, directions[1].To); // one up (or true), one down (or false)
            foreach (var (from, to) in directions)
            {
                Assert.NotEqual(from, to);
                Assert.Empty(OptionsWith(option, from).Validate());
                Assert.Empty(OptionsWith(option, to).Validate());
            }
        }
    }

    [Fact]
    public void A_version_keeps_every_option_it_was_created_with()
    {
        // Each option set to its row's second value, then the source changed again: the version's copy is unchanged.
        var options = new CafOptions();
        foreach (var (option, directions) in Rows)
        {
            Set(options, option, directions[0].To);
        }

        var version = new PolicyVersion("v", new DateOnly(2027, 1, 1), options);
        foreach (var (option, directions) in Rows)
        {
            Set(options, option, directions[1].To);
        }

        var copy = version.GetOptions();
        foreach (var (option, directions) in Rows)
        {
            Assert.Equal(directions[0].To, Get(copy, option));
        }
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Episodes_recorded_under_the_first_version_read_back_the_same_under_the_history(string option, int direction)
    {
        var (from, to) = Rows[option][direction];
        Action<CafOptions> first = o => Set(o, option, from);
        var property = Prop.ForAll(CafGen.Episodes(first), g => Check(g, OptionsWith(option, from), OptionsWith(option, to)));
        FsCheck.Check.One(Config.QuickThrowOnFailure.WithMaxTest(30), property);
        foreach (var script in Corpus)
        {
            Check(script.Run(first), OptionsWith(option, from), OptionsWith(option, to));
        }
    }

    private static readonly DateOnly Start = DateOnly.FromDateTime(CafTestWorld.DefaultStart.UtcDateTime);

    private static ChildDetails Child(string id, int years, int months) => new(new ChildId(id), Start.AddYears(-years).AddMonths(-months));

    /// <summary>
    /// Scripted episodes beside the generated ones, so every row meets the situations its option decides: a young
    /// person at the self-consent age, a competent 13-year-old with a parent, a plan reviewed four times without
    /// progress, a closed plan and a closed step-up (retention).
    /// </summary>
    private static readonly EpisodeScript[] Corpus =
    [
        new(Child("c-16", 16, 6), false, [new("consent: young person written (self-consent age)", 0), new("start assessment", 1), new("complete assessment", 3)]),
        new(Child("c-13", 13, 2), false,
            [new("consent: young person written (judged competent)", 0), new("consent: mother written", 1), new("start assessment", 1), new("complete assessment", 3)]),
        new(Child("c-9", 9, 0), false,
            [.. EpisodeCommands.HappyPath.Take(6).Select(c => new EpisodeStep(c, 1)), .. Enumerable.Repeat(new EpisodeStep("review: insufficient", 28), 4)]),
        new(Child("c-10", 10, 0), false,
            [.. EpisodeCommands.HappyPath.Select(c => new EpisodeStep(c, 7)), new("review: most outcomes achieved, closing", 28), new("close: C1 multi-agency (by the LP)", 1)]),
        new(Child("c-18", 18, 6), true, [new("step up", 2)]),
    ];

    internal static void Check(GeneratedEpisode g, CafOptions first, CafOptions second)
    {
        var recorded = g.Episode;
        var json = EpisodeJson.Serialize(recorded);
        var secondFrom = g.World.Today.AddDays(1); // adopted after the last event
        var history = TwoVersions(first, second, secondFrom);
        Assert.All(recorded.Events, e => Assert.Equal(PolicyHistory.DefaultVersionId, e.PolicyVersion));

        // Before the second version takes effect: everything the same, with and without stored versions.
        var read = EpisodeJson.Deserialize(Over(history, g.World.Time), json);
        Assert.Equal(recorded.Events, read.Events);
        Assert.Equal(Answers(recorded), Answers(read));
        var legacy = EpisodeJson.Deserialize(Over(history, g.World.Time), WithoutVersions(json));
        Assert.Equal(Answers(recorded), Answers(legacy));

        // After it: the history still reads, and what was recorded answers as under the first version alone.
        var later = new FakeTimeProvider(g.World.Time.GetUtcNow().AddDays(3));
        var underHistory = EpisodeJson.Deserialize(Over(history, later), json);
        var underFirst = EpisodeJson.Deserialize(Over(PolicyHistory.Single(first), later), json);
        Assert.Equal(Recorded(underFirst), Recorded(underHistory));
        Assert.Equal("v2", Over(history, later).CurrentVersion.Id);
    }

    private static CafOptions OptionsWith(string option, object? value) => Options(o => Set(o, option, value));
}
