using System;
using System.Collections.Generic;
using System.Linq;
using System.Reflection;
using System.Text.Json.Serialization;
using Caf.Core.Closure;
using Caf.Core.Consent;
using Caf.Core.Events;
using Caf.Core.Lifecycle;
using Caf.Core.Primitives;
using Caf.Core.Tests.Support;
using static Caf.Core.Tests.Support.Seeds;

namespace Caf.Core.Tests.Adversarial;

/// <summary>Events, snapshots and summaries have value equality over their contents, across a JSON round trip (issue 10, finding 6).</summary>
public class EventEqualityTests
{
    [Trait("Rule", "LIFE-11")]
    [Fact]
    public void Every_event_type_is_equal_to_itself_after_a_JSON_round_trip_with_the_same_hash()
    {
        var events = Histories().SelectMany(e => e.Events).ToList();
        var declared = typeof(CafEvent).GetCustomAttributes<JsonDerivedTypeAttribute>().Select(a => a.DerivedType).ToHashSet();
        Assert.Empty(declared.Except(events.Select(e => e.GetType())).Select(t => t.Name)); // every type is exercised

        foreach (var e in events)
        {
            var back = EpisodeJson.DeserializeEvent(EpisodeJson.SerializeEvent(e));
            Assert.Equal(e, back);
            Assert.Equal(e.GetHashCode(), back.GetHashCode());
        }
    }

    [Trait("Rule", "LIFE-11")]
    [Fact]
    public void Snapshots_and_register_summaries_are_equal_after_a_JSON_round_trip()
    {
        foreach (var e in Histories())
        {
            var back = EpisodeJson.Deserialize(new Seeds().Policy, EpisodeJson.Serialize(e));
            Assert.Equal(EpisodeJson.ToSnapshot(e), EpisodeJson.ToSnapshot(back));
            Assert.Equal(EpisodeJson.ToSnapshot(e).GetHashCode(), EpisodeJson.ToSnapshot(back).GetHashCode());
            Assert.Equal(Caf.Core.Register.EpisodeSummary.Of(e) with { }, Caf.Core.Register.EpisodeSummary.Of(back));
        }
    }

    private static IEnumerable<CafEpisode> Histories()
    {
        var s = new Seeds();
        var full = s.PlanActive();
        Ok(full.RecordConsent(HealthVisitor, MotherWritten(TestIds.Camhs)));
        Ok(full.LiftExclusion(HealthVisitor, new ConsentExclusionLift(TestIds.Camhs, ConsentGiverRole.ParentWithParentalResponsibility, "Ms Smith", "CAMHS may help now.")));
        Ok(full.HoldReview(HealthVisitor, ReviewProgress.Sufficient, "Attendance up to 95%.", new DateOnly(2026, 6, 1)));
        Ok(full.ReferToPanel(HealthVisitor, "MAAG North", "Unclear which service fits."));
        yield return full;

        var again = new Seeds().PlanActive();
        Ok(again.RequireReassessment(HealthVisitor, "Four reviews without progress."));
        yield return again;

        var closed = new Seeds().PlanActive();
        Ok(closed.Close(HealthVisitor, ClosureOutcome.ResolvedMultiAgency, "Amy attends every day."));
        yield return closed;

        var up = new Seeds().Assessing();
        Ok(up.StepUp(Teacher, "Children's social care", "Disclosure of harm."));
        yield return up;

        var withdrawn = new Seeds().Assessing();
        Ok(withdrawn.WithdrawConsent(Teacher, new ConsentWithdrawal(ConsentGiverRole.ParentWithParentalResponsibility, "No longer wants support.")));
        yield return withdrawn;

        var overridden = new Seeds().Identified();
        Ok(overridden.RecordConsent(Teacher, MotherVerbal() with { Decision = ConsentDecision.Refused }));
        Ok(overridden.OverrideConsent(Teacher, new ConsentOverride("Risk of neglect.", new PractitionerId("pr-dsl"))));
        yield return overridden;

        var moved = new Seeds().Assessing();
        Ok(moved.TransferOut(Teacher, "Leeds City Council", "Family moved."));
        yield return moved;

        var nfa = new Seeds().Assessed();
        Ok(nfa.ChooseNextStep(Teacher, NextStep.NoFurtherAction, "Needs met by universal services."));
        yield return nfa;

        var sd = new Seeds();
        var stepDown = CafEpisode.RegisterPotentialFromStepDown(sd.Policy, new EpisodeId("ep-sd"), NineYearOld, Teacher, "CAMHS", "Work completed letter", TestIds.HealthVisitor, [new EpisodeId("ep-0")]);
        Ok(stepDown.RecordConsent(Teacher, MotherWritten()));
        Ok(stepDown.LinkToFamily(Teacher, "family-smith"));
        yield return stepDown;
    }
}
