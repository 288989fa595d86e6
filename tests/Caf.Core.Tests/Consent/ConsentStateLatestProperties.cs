using System;
using System.Collections.Generic;
using System.Linq;
using Caf.Core.Consent;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Xunit;

namespace Caf.Core.Tests.Consent;

/// <summary>
/// Issue 26: <see cref="ConsentState.Latest"/> answers from the latest record of each role the state keeps as records are
/// added, instead of walking every record back (a role nobody recorded walked them all, on every consent resolution).
/// It must answer exactly what that walk answers: the expected value below is the walk over the records added, written
/// here, on long histories of mixed roles (and a role outside the enum), interleaved with overrides and withdrawals,
/// and on branches from one state.
/// </summary>
public class ConsentStateLatestProperties
{
    private static readonly ConsentGiverRole[] Asked =
        [ConsentGiverRole.ParentWithParentalResponsibility, ConsentGiverRole.YoungPerson, ConsentGiverRole.ExpectantParent, (ConsentGiverRole)3];

    /// <summary>One step: a record of a role (3: outside the enum), an override or a withdrawal.</summary>
    private readonly record struct Step(int Kind, int Role, int Decision, int Name);

    private static Gen<Step> StepGen =>
        from kind in Gen.Frequency((18, Gen.Constant(0)), (1, Gen.Constant(1)), (1, Gen.Constant(2)))
        from role in Gen.Frequency((6, Gen.Constant(0)), (3, Gen.Constant(1)), (2, Gen.Constant(2)), (1, Gen.Constant(3)))
        from decision in Gen.Choose(0, 2)
        from name in Gen.Choose(0, 3)
        select new Step(kind, role, decision, name);

    private static Arbitrary<Step[]> Histories => Gen.Choose(0, 300).SelectMany(n => StepGen.ArrayOf(n)).ToArbitrary();

    private static ConsentRecord RecordOf(Step s) =>
        new((ConsentGiverRole)s.Role, $"Giver {s.Name}", (ConsentDecision)s.Decision, s.Name % 2 == 0 ? ConsentForm.Written : ConsentForm.Verbal, []);

    /// <summary>Applies a step to the state and, for a record, to the list of records added (the walk's input).</summary>
    private static ConsentState Apply(ConsentState state, Step s, List<ConsentRecord> added)
    {
        switch (s.Kind)
        {
            case 0:
                var record = RecordOf(s);
                added.Add(record);
                return state.With(record);
            case 1:
                return state.WithOverride(new ConsentOverride("Risk of neglect.", new Caf.Core.Primitives.PractitionerId("pr-dsl")));
            default:
                return state.WithWithdrawal(new ConsentWithdrawal((ConsentGiverRole)(s.Role % 3), "The family withdrew."));
        }
    }

    /// <summary>The former answer: the records walked back from the newest to the first of the role.</summary>
    private static ConsentRecord? Walk(List<ConsentRecord> added, ConsentGiverRole role)
    {
        for (var i = added.Count - 1; i >= 0; i--)
        {
            if (added[i].GiverRole == role)
            {
                return added[i];
            }
        }

        return null;
    }

    private static string? Differs(ConsentState state, List<ConsentRecord> added)
    {
        foreach (var role in Asked)
        {
            if (!ReferenceEquals(state.Latest(role), Walk(added, role)))
            {
                return $"latest of {role} after {added.Count} records";
            }
        }

        return null;
    }

    [Property(MaxTest = 200)]
    public Property Latest_answers_what_walking_the_records_answers_after_every_step() =>
        Prop.ForAll(Histories, steps =>
        {
            var state = ConsentState.Empty;
            var added = new List<ConsentRecord>();
            for (var i = 0; i < steps.Length; i++)
            {
                state = Apply(state, steps[i], added);
                if (Differs(state, added) is { } what)
                {
                    return false.Label($"step {i} ({steps[i]}): {what}");
                }
            }

            return true.Label($"{steps.Length} steps");
        });

    [Property(MaxTest = 200)]
    public Property Branches_from_one_state_each_answer_their_own_latest_and_the_shared_state_keeps_its_own() =>
        Prop.ForAll(Histories, Histories, Gen.Choose(0, 300).ToArbitrary(), (h, other, at) =>
        {
            var split = Math.Min(at, h.Length);
            var sharedAdded = new List<ConsentRecord>();
            var shared = h.Take(split).Aggregate(ConsentState.Empty, (s, step) => Apply(s, step, sharedAdded));

            var firstAdded = new List<ConsentRecord>(sharedAdded);
            var first = h.Skip(split).Aggregate(shared, (s, step) => Apply(s, step, firstAdded));
            var secondAdded = new List<ConsentRecord>(sharedAdded);
            var second = other.Aggregate(shared, (s, step) => Apply(s, step, secondAdded));

            return (Differs(first, firstAdded) is null).Label("first branch")
                .And((Differs(second, secondAdded) is null).Label("second branch"))
                .And((Differs(shared, sharedAdded) is null).Label("the shared state"));
        });

    [Fact]
    public void After_640_records_of_one_parent_the_roles_nobody_recorded_have_no_latest_record()
    {
        // The benchmark's history (LongEpisodeBenchmarks): every record the same parent's.
        var records = Enumerable.Range(0, 640).Select(i => ConsentRecord.Parent($"Parent {i % 2}", ConsentForm.Written)).ToArray();

        var state = records.Aggregate(ConsentState.Empty, (s, r) => s.With(r));

        Assert.Same(records[^1], state.Latest(ConsentGiverRole.ParentWithParentalResponsibility));
        Assert.Null(state.Latest(ConsentGiverRole.YoungPerson));
        Assert.Null(state.Latest(ConsentGiverRole.ExpectantParent));
        var young = new ConsentRecord(ConsentGiverRole.YoungPerson, "Sam", ConsentDecision.Refused, ConsentForm.Verbal, []);
        var later = state.With(young).With(ConsentRecord.Parent("Parent 0", ConsentForm.Verbal));
        Assert.Same(young, later.Latest(ConsentGiverRole.YoungPerson));
        Assert.Null(state.Latest(ConsentGiverRole.YoungPerson));
    }
}
