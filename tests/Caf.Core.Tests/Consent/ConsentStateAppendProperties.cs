using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Threading.Tasks;
using Caf.Core.Consent;
using Caf.Core.Primitives;
using Caf.Core.Testing;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Xunit;

namespace Caf.Core.Tests.Consent;

/// <summary>
/// Issue 26: <see cref="ConsentState.With"/> appends to a log its states share instead of copying every record. The
/// state must be exactly what the former copying implementation gave (the model below, written the former way: a new
/// array per record), on any history, on histories that branch from a shared state, and when the same record is added
/// twice to one state (as the episode does when it judges a consent change before applying it).
/// </summary>
public class ConsentStateAppendProperties
{
    private static readonly DateOnly Today = new(2026, 3, 2);
    private static readonly AgencyId[] Agencies = [CafCatalogue.Camhs, CafCatalogue.Police, CafCatalogue.YouthService, CafCatalogue.Housing, CafCatalogue.HealthVisiting, new("school-01")];

    /// <summary>The former implementation: every change copies the records and exclusions into new arrays.</summary>
    private sealed record Model(ImmutableArray<ConsentRecord> Records, ImmutableArray<ConsentExclusion> Exclusions, ConsentOverride? Override, ConsentWithdrawal? Withdrawal)
    {
        public static readonly Model Empty = new([], [], null, null);

        public Model Apply(ConsentHistoryStep step)
        {
            if (step.Record is { } r)
            {
                var exclusions = Exclusions;
                foreach (var agency in r.ExcludedAgencies)
                {
                    if (!exclusions.Any(x => x.Agency == agency && x.By == r.GiverRole))
                    {
                        exclusions = exclusions.Add(new ConsentExclusion(agency, r.GiverRole, r));
                    }
                }

                return this with { Records = Records.Add(r), Exclusions = exclusions };
            }

            if (step.Lift is { } l)
            {
                var i = Exclusions.ToList().FindIndex(x => x.Agency == l.Agency && x.By == l.LiftedBy);
                return this with { Exclusions = Exclusions.RemoveAt(i) };
            }

            return step.Withdrawal is { } w ? this with { Withdrawal = w } : this with { Override = step.Override };
        }
    }

    private static ConsentState Apply(ConsentState state, ConsentHistoryStep step) =>
        step.Record is { } r ? state.With(r)
        : step.Lift is { } l ? state.WithExclusionLifted(l)
        : step.Withdrawal is { } w ? state.WithWithdrawal(w)
        : state.WithOverride(step.Override!);

    private static Model ModelOf(IEnumerable<ConsentHistoryStep> steps) => steps.Aggregate(Model.Empty, (m, s) => m.Apply(s));

    /// <summary>Every observable of the state equals the model's; the message names the first that differs.</summary>
    private static string? Differs(ConsentState state, Model model)
    {
        if (!state.Records.SequenceEqual(model.Records))
        {
            return $"records: {state.Records.Length} against {model.Records.Length}";
        }

        if (!state.Exclusions.SequenceEqual(model.Exclusions))
        {
            return "exclusions";
        }

        if (state.Override != model.Override || state.Withdrawal != model.Withdrawal)
        {
            return "override or withdrawal";
        }

        foreach (var role in Enum.GetValues<ConsentGiverRole>())
        {
            var latest = model.Records.LastOrDefault(r => r.GiverRole == role);
            if (!ReferenceEquals(state.Latest(role), latest))
            {
                return $"latest of {role}";
            }
        }

        if (state.AnyGiven != model.Records.Any(r => r.Decision == ConsentDecision.Given))
        {
            return "any given";
        }

        foreach (var agency in Agencies)
        {
            var excluding = model.Exclusions.FirstOrDefault(x => x.Agency == agency)?.Record;
            if (!ReferenceEquals(state.ExcludingRecord(agency), excluding))
            {
                return $"excluding record of {agency}";
            }
        }

        return null;
    }

    [Property(MaxTest = 300)]
    public Property A_history_gives_the_state_the_copying_implementation_gave() =>
        Prop.ForAll(CafGen.ConsentHistories(Today), h =>
        {
            var state = ConsentState.Empty;
            var model = Model.Empty;
            foreach (var step in h.Steps)
            {
                state = Apply(state, step);
                model = model.Apply(step);
                if (Differs(state, model) is { } what)
                {
                    return false.Label($"after {step}: {what}");
                }
            }

            return true.Label(h.ToString());
        });

    [Property(MaxTest = 300)]
    public Property Branches_from_one_state_each_see_their_own_records_and_the_shared_state_is_unchanged() =>
        Prop.ForAll(CafGen.ConsentHistories(Today), CafGen.ConsentHistories(Today), Gen.Choose(0, 7).ToArbitrary(), (h, other, at) =>
        {
            var split = Math.Min(at, h.Steps.Length);
            var prefix = h.Steps.Take(split).ToList();
            var shared = prefix.Aggregate(ConsentState.Empty, Apply);
            var sharedRecords = shared.Records; // read before the branches, then compared after them

            // Branch 1: the rest of h. Branch 2: the same rest again from the same state (a replay of an identical
            // history). Branch 3: the records of another history (a different continuation).
            var rest = h.Steps.Skip(split).ToList();
            var first = rest.Aggregate(shared, Apply);
            var again = rest.Aggregate(shared, Apply);
            var records = other.Steps.Where(s => s.Record is not null).ToList();
            var third = records.Aggregate(shared, Apply);

            return (Differs(first, ModelOf(prefix.Concat(rest))) is null).Label("first branch")
                .And((Differs(again, ModelOf(prefix.Concat(rest))) is null).Label("the same branch again"))
                .And((Differs(third, ModelOf(prefix.Concat(records))) is null).Label("another branch"))
                .And((Differs(shared, ModelOf(prefix)) is null).Label("the shared state"))
                .And(shared.Records.SequenceEqual(sharedRecords).Label("the shared state's records, read before"));
        });

    [Fact]
    public void The_same_record_added_twice_to_one_state_gives_equal_states()
    {
        var given = ConsentRecord.Parent("Ms Smith", ConsentForm.Written);
        var state = ConsentState.Empty.With(ConsentRecord.Parent("Ms Smith", ConsentForm.Verbal));

        var judged = state.With(given);  // the episode judges the change first (ConsentAfter) ...
        var applied = state.With(given); // ... then applies it from the same state
        var next = applied.With(new ConsentRecord(ConsentGiverRole.ParentWithParentalResponsibility, "Ms Smith", ConsentDecision.Refused, ConsentForm.Written, []));

        Assert.Equal(2, judged.Records.Length);
        Assert.Same(given, judged.Records[1]);
        Assert.Equal<ConsentRecord>(judged.Records.ToArray(), applied.Records.ToArray());
        Assert.Equal(3, next.Records.Length);
        Assert.Equal(2, judged.Records.Length);
        Assert.Single(state.Records);
    }

    [Fact]
    public void States_built_from_one_state_on_many_threads_each_hold_their_own_record()
    {
        var baseState = Enumerable.Range(0, 5).Aggregate(ConsentState.Empty, (s, i) => s.With(ConsentRecord.Parent($"Parent {i}", ConsentForm.Written)));
        var additions = Enumerable.Range(0, 64).Select(i => ConsentRecord.Parent($"Other {i}", ConsentForm.Verbal)).ToArray();
        var results = new ConsentState[additions.Length];

        Parallel.For(0, additions.Length, i => results[i] = baseState.With(additions[i]).With(additions[(i + 1) % additions.Length]));

        for (var i = 0; i < additions.Length; i++)
        {
            Assert.Equal<ConsentRecord>([.. baseState.Records, additions[i], additions[(i + 1) % additions.Length]], results[i].Records.ToArray());
        }

        Assert.Equal(5, baseState.Records.Length);
    }

    [Fact]
    public void A_long_history_keeps_every_record_in_order()
    {
        var records = Enumerable.Range(0, 1000).Select(i => ConsentRecord.Parent($"Parent {i}", i % 2 == 0 ? ConsentForm.Written : ConsentForm.Verbal)).ToArray();

        var state = records.Aggregate(ConsentState.Empty, (s, r) => s.With(r));

        Assert.Equal<ConsentRecord>(records, state.Records.ToArray());
        Assert.Same(records[^1], state.Latest(ConsentGiverRole.ParentWithParentalResponsibility));
    }
}
