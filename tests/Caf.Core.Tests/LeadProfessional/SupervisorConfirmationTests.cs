using System;
using System.Linq;
using Caf.Core.LeadProfessional;
using Caf.Core.Lifecycle;
using Caf.Core.Lifecycle.Events;
using Caf.Core.Primitives;
using Caf.Core.Testing;
using Caf.Core.Tests.Support;
using FsCheck.Xunit;
using static Caf.Core.Tests.Support.Seeds;

namespace Caf.Core.Tests.LeadProfessional;

/// <summary>
/// LP-06 (003 §3b "the nominee's supervisor confirms they can take the role") on the nomination path: after the
/// assessment the health visitor is nominated as lead professional; her supervisor confirms, never she herself. A
/// confirmation stored before the check (no nominee recorded on it) still reads back as it was accepted.
/// </summary>
public class SupervisorConfirmationTests
{
    private static CafEpisode Nominated(Seeds seeds)
    {
        var e = seeds.Assessed();
        Ok(e.ChooseNextStep(Teacher, NextStep.MultiAgencySupport, "Health and school both involved."));
        Ok(e.NominateLeadProfessional(Teacher, Nominee(TestIds.HealthVisitor, TestIds.HealthVisiting), "Sees the family weekly."));
        return e;
    }

    [Fact]
    [Trait("Rule", "LP-06")]
    public void LP06_the_nominee_cannot_confirm_their_own_capacity_on_ConfirmNomination()
    {
        var seeds = new Seeds();
        var e = Nominated(seeds);

        var own = e.ConfirmNomination(HealthVisitor, TestIds.HealthVisitor, "I have capacity.");

        Assert.Equal(("LP-06", "supervisor"), (own.Refusal.RuleId, own.Refusal.Field));
        Assert.Null(e.PendingNomination!.ConfirmedBySupervisor);
        Ok(e.ConfirmNomination(Teacher, CafCatalogue.Supervisor, "Her supervisor confirmed capacity."));
        Assert.Equal(TestIds.HealthVisitor, e.Events.OfType<NominationConfirmedBySupervisor>().Single().Nominee);
    }

    [Fact]
    [Trait("Rule", "LP-06")]
    public void LP06_the_one_step_appointment_refuses_the_nominee_as_their_own_supervisor_and_records_nothing()
    {
        var seeds = new Seeds();
        var e = seeds.Assessed();
        Ok(e.ChooseNextStep(Teacher, NextStep.MultiAgencySupport, "Health and school both involved."));
        var version = e.Version;

        var own = e.AppointLeadProfessional(Teacher, Nominee(TestIds.HealthVisitor, TestIds.HealthVisiting), TestIds.HealthVisitor, new FamilyAgreement("Mum agreed."), "Weekly contact.");

        Assert.Equal(("LP-06", "confirmedBySupervisor"), (own.Refusal.RuleId, own.Refusal.Field));
        Assert.Equal(version, e.Version);
    }

    [Fact]
    [Trait("Rule", "LP-06")]
    public void LP06_a_stored_self_confirmation_without_the_nominee_marker_reads_back_but_one_carrying_it_is_refused()
    {
        var seeds = new Seeds();
        var e = Nominated(seeds);
        var old = new NominationConfirmedBySupervisor(e.Id, seeds.Time.GetUtcNow(), Teacher, TestIds.HealthVisitor, "Confirmed, as an earlier release allowed.");

        var read = EpisodeJson.Deserialize(seeds.Policy, EpisodeJson.Serialize(CafEpisode.Rebuild(seeds.Policy, e.Events.Append(old))));
        Assert.Equal(TestIds.HealthVisitor, read.PendingNomination!.ConfirmedBySupervisor);

        var marked = old with { Nominee = TestIds.HealthVisitor };
        var ex = Assert.ThrowsAny<Exception>(() => CafEpisode.Rebuild(seeds.Policy, e.Events.Append(marked)));
        Assert.Contains("LP-06", ex.Message);
    }

    [Property(MaxTest = 50)]
    [Trait("Rule", "LP-06")]
    public bool LP06_a_confirmation_is_refused_exactly_when_the_supervisor_is_the_nominee(bool self, byte n)
    {
        var seeds = new Seeds();
        var e = Nominated(seeds);
        var supervisor = self ? TestIds.HealthVisitor : new PractitionerId("pr-supervisor-" + n);

        var result = e.ConfirmNomination(Teacher, supervisor, "Capacity confirmed.");

        return result.IsRefused == self && (!self || result.Refusal.RuleId == "LP-06");
    }
}
