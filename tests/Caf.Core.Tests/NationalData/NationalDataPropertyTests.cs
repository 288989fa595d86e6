using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.IO;
using System.Linq;
using System.Threading.Tasks;
using Caf.Core.Lifecycle;
using Caf.Core.NationalData;
using Caf.Core.Primitives;
using Caf.Core.Reporting;
using Caf.Core.Tests.Support;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using EpisodePlans = Caf.Core.Testing.EpisodePlans;

namespace Caf.Core.Tests.NationalData;

/// <summary>FsCheck properties of national data: what the public API produces validates, every rule-breaking mutation is caught by its rule, extracts round-trip, pseudonyms are stable.</summary>
[Properties(Arbitrary = [typeof(EpisodeCommands), typeof(ExtractRows)], MaxTest = 200)]
public class NationalDataPropertyTests
{
    private static readonly NationalDataValidator Validator = new();
    private static readonly CafCohortGenerator Generator = CafCohortGenerator.ForDefaultFramework();

    internal static List<EarlyHelpEpisodeRecord> Cohort(int seed, int count = 40) =>
        [.. EarlyHelpExtract.From(Generator.Generate(seed, count, new DateOnly(2025, 4, 1), new DateOnly(2026, 4, 1)), NationalDataExtractSettings.Default)];

    [Trait("Rule", "NAT-10")]
    [Trait("Rule", "NAT-12")]
    [Trait("Rule", "NAT-17")]
    [Property(MaxTest = 1000)]
    public Property NAT10_every_episode_produced_by_the_public_API_passes_validation(bool fromStepDown, EpisodeCommand[] commands)
    {
        var seeds = new Seeds();
        var e = fromStepDown
            ? CafEpisode.RegisterPotentialFromStepDown(seeds.Policy, new EpisodeId("ep-p"), Seeds.NineYearOld, Seeds.Teacher, EpisodePlans.StepDown("CSC"))
            : seeds.Identified();
        foreach (var command in commands)
        {
            seeds.Time.Advance(TimeSpan.FromHours(7));
            command.Run(e);
        }

        var row = EarlyHelpExtract.From(e, NationalDataExtractSettings.Default);
        var report = Validator.Validate([row]);
        return report.IsValid.Label($"{e.State}: {string.Join("; ", report.Failures)}");
    }

    [Trait("Rule", "NAT-13")]
    [Trait("Rule", "NAT-14")]
    [Property(MaxTest = 50)]
    public Property NAT13_NAT14_a_generated_cohort_passes_validation(int seed)
    {
        var report = Validator.Validate(Cohort(seed, 80));
        return report.IsValid.Label(string.Join("; ", report.Failures.Take(5)));
    }

    [Trait("Rule", "NAT-01")]
    [Trait("Rule", "NAT-02")]
    [Trait("Rule", "NAT-03")]
    [Trait("Rule", "NAT-11")]
    [Trait("Rule", "NAT-15")]
    [Trait("Rule", "NAT-16")]
    [Property(MaxTest = 300)]
    public Property NAT11_every_single_mutation_that_breaks_a_rule_is_caught_by_that_rules_code(int seed, NonNegativeInt pick)
    {
        var rows = Cohort(seed);
        var mutations = Mutations.Applicable(rows);
        var (name, code, index, mutate, blamed) = mutations[pick.Get % mutations.Count];
        var mutated = rows.ToList();
        mutated[index] = mutate(rows[index]);
        var failures = Validator.Validate(mutated).Failures;
        var caught = failures.Any(f => f.Code == code && blamed.Contains(f.EpisodeId));
        return caught.Label($"{name} on {rows[index].EpisodeId}: expected {code}; got {string.Join("; ", failures)}");
    }

    [Trait("Rule", "NAT-04")]
    [Property]
    public bool NAT04_csv_export_then_parse_round_trips(EarlyHelpEpisodeRecord[] rows)
    {
        var csv = EarlyHelpCsv.ToCsv(rows);
        return EarlyHelpCsv.Read(new StringReader(csv)).SequenceEqual(rows);
    }

    [Trait("Rule", "NAT-04")]
    [Property]
    public bool NAT04_json_export_then_parse_round_trips(EarlyHelpEpisodeRecord[] rows)
    {
        using var stream = new MemoryStream();
        EarlyHelpJson.Write(stream, rows);
        stream.Position = 0;
        var read = ReadAll(EarlyHelpJson.ReadAsync(stream)).GetAwaiter().GetResult();
        return read.SequenceEqual(rows);
    }

    [Trait("Rule", "NAT-05")]
    [Property]
    public Property NAT05_pseudonyms_are_stable_across_runs_and_never_equal_the_input(NonEmptyString id, Guid k1, Guid k2)
    {
        var key = k1.ToByteArray().Concat(k2.ToByteArray()).ToArray();
        var text = id.Get.Trim().Length == 0 ? "child-" + id.Get.Length : id.Get;
        var first = new PersonIdPseudonymiser(key).Pseudonymise(text);
        var again = new PersonIdPseudonymiser(key).Pseudonymise(text);
        var otherKey = new PersonIdPseudonymiser([.. Enumerable.Reverse(key)]).Pseudonymise(text);
        return (first == again && first != text && first.StartsWith(PersonIdPseudonymiser.Prefix, StringComparison.Ordinal) && first.Length == 67
                && (k1 == k2 || otherKey != first)).Label($"{text} -> {first}");
    }

    private static async Task<List<EarlyHelpEpisodeRecord>> ReadAll(IAsyncEnumerable<EarlyHelpEpisodeRecord> rows)
    {
        var list = new List<EarlyHelpEpisodeRecord>();
        await foreach (var row in rows)
        {
            list.Add(row);
        }

        return list;
    }
}

/// <summary>Single-row mutations of a valid extract, each tagged with the rule it breaks and the episodes a failure may name.</summary>
internal static class Mutations
{
    internal sealed record Mutation(string Name, string Code, int Index, Func<EarlyHelpEpisodeRecord, EarlyHelpEpisodeRecord> Mutate, string[] Blamed);

    internal static List<Mutation> Applicable(List<EarlyHelpEpisodeRecord> rows)
    {
        var list = new List<Mutation>();
        void Add(string name, string code, int i, Func<EarlyHelpEpisodeRecord, EarlyHelpEpisodeRecord> mutate, params string[] blamed) =>
            list.Add(new Mutation(name, code, i, mutate, blamed.Length == 0 ? [rows[i].EpisodeId] : blamed));

        for (var i = 0; i < rows.Count; i++)
        {
            var r = rows[i];
            Add("empty episode id", "NAT-10", i, x => x with { EpisodeId = "" }, "");
            Add("empty person id", "NAT-10", i, x => x with { PersonId = "" });
            Add("empty organisation", "NAT-10", i, x => x with { Organisation = "" });
            if (i > 0)
            {
                Add("duplicate episode id", "NAT-10", i, x => x with { EpisodeId = rows[0].EpisodeId }, rows[0].EpisodeId);
            }

            Add("unknown end reason", "NAT-01", i, x => x with { EndReason = "Closed", EndDate = x.EndDate ?? x.LastActivityDate });
            if (r.EndDate is { } end)
            {
                Add("end date without reason", "NAT-11", i, x => x with { EndReason = null });
                Add("activity after closure", "NAT-12", i, x => x with { LastActivityDate = end.AddDays(1) });
                Add("start after closure", "NAT-12", i, x => x with { StartDate = end.AddDays(3) });
            }
            else
            {
                Add("reason without end date", "NAT-11", i, x => x with { EndReason = "NFA" });
                Add("5D on an open episode", "NAT-02", i, x => x with { CinReferralSource = "5D" });
            }

            Add("RC8 as a step-down closure reason", "NAT-02", i, x => x with { CinClosureReason = "RC8" });

            if (r.AssessmentCompletionDate is { } completed && r.AssessmentStartDate is { } started)
            {
                Add("completed before started", "NAT-17", i, x => x with { AssessmentCompletionDate = started.AddDays(-1) });
                Add("completed without a start", "NAT-17", i, x => x with { AssessmentStartDate = null });
                Add("duplicate factor", "NAT-15", i, x => x with { Factors = [.. x.Factors, x.Factors[0]] });
                Add("21 with others", "NAT-16", i, x => x with { Factors = ["21", "7A"] });
                Add("unknown factor", "NAT-03", i, x => x with { Factors = ["99Z"] });
            }
            else
            {
                Add("factors without a completed assessment", "NAT-03", i, x => x with { Factors = ["7A"], AssessmentCompletionDate = null });
            }

            // Per-child rules: move this row to the child of another row it then conflicts with.
            for (var j = 0; j < rows.Count; j++)
            {
                var other = rows[j];
                if (j == i)
                {
                    continue;
                }

                if (r.EndDate is null && other.EndDate is null)
                {
                    Add("second open episode", "NAT-13", i, x => x with { PersonId = other.PersonId }, r.EpisodeId, other.EpisodeId);
                    break;
                }

                if (other.EndDate is { } otherEnd && other.StartDate < otherEnd)
                {
                    Add("starts before the previous ended", "NAT-14", i,
                        x => x with { PersonId = other.PersonId, StartDate = other.StartDate, EndDate = x.EndDate is null ? null : otherEnd, LastActivityDate = x.EndDate is null ? Max(x.LastActivityDate, other.StartDate) : otherEnd },
                        r.EpisodeId, other.EpisodeId);
                    break;
                }
            }
        }

        return list;
    }

    private static DateOnly Max(DateOnly a, DateOnly b) => a > b ? a : b;
}

/// <summary>Arbitrary extract rows for round trips: texts with commas, quotes, line breaks and non-ASCII, absent values, factor lists.</summary>
public static class ExtractRows
{
    public static Arbitrary<EarlyHelpEpisodeRecord> Rows()
    {
        var chars = Gen.Elements("ab,\"\r\n;é 1-".ToCharArray());
        var text = chars.ArrayOf().Select(c => new string(c));
        var optional = Gen.OneOf(Gen.Constant<string?>(null), text.Where(t => t.Length > 0).Select(t => (string?)t));
        var date = Gen.Choose(730_000, 740_000).Select(DateOnly.FromDayNumber);
        var optionalDate = Gen.OneOf(Gen.Constant<DateOnly?>(null), date.Select(d => (DateOnly?)d));
        var factors = Gen.Elements("1A", "4B", "7A", "21", "99Z").ArrayOf().Select(f => f.ToImmutableArray());
        var gen =
            from id in text
            from person in text
            from start in date
            from end in optionalDate
            from startReason in text
            from endReason in optional
            from organisation in text
            from worker in optional
            from rc in optional
            from source in optional
            from aStart in optionalDate
            from aEnd in optionalDate
            from aOrg in optional
            from f in factors
            from last in date
            select new EarlyHelpEpisodeRecord
            {
                EpisodeId = id,
                PersonId = person,
                StartDate = start,
                EndDate = end,
                StartReason = startReason,
                EndReason = endReason,
                Organisation = organisation,
                Worker = worker,
                CinClosureReason = rc,
                CinReferralSource = source,
                AssessmentStartDate = aStart,
                AssessmentCompletionDate = aEnd,
                AssessmentOrganisation = aOrg,
                Factors = f,
                LastActivityDate = last,
            };
        return Arb.From(gen);
    }
}
