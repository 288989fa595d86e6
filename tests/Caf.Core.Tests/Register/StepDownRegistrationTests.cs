using System;
using System.Threading.Tasks;
using Caf.Core.Lifecycle;
using Caf.Core.Primitives;
using Caf.Core.Register;
using Caf.Core.Testing;
using Caf.Core.Tests.Support;

namespace Caf.Core.Tests.Register;

/// <summary>
/// STEP-01 through the register (002 §3): CAMHS steps Amy down without saying why it is disengaging. Incomplete
/// information is a domain refusal naming every missing item, a value, not an exception; nothing is stored. The state
/// is judged first: a child with an open episode is contributed to whatever the information holds.
/// </summary>
public class StepDownRegistrationTests
{
    private readonly Seeds _seeds = new();
    private readonly InMemoryEpisodeRepository _store;
    private readonly CafRegister _register;

    public StepDownRegistrationTests()
    {
        _store = new InMemoryEpisodeRepository(_seeds.Policy);
        _register = new CafRegister(_store, _seeds.Policy);
    }

    [Fact]
    [Trait("Rule", "STEP-01")]
    public async Task STEP01_incomplete_step_down_information_is_a_refusal_naming_every_missing_item_and_nothing_is_stored()
    {
        var incomplete = EpisodePlans.StepDown() with { ReasonForInvolvementAndDisengaging = " ", NeedsFamilyWantToWorkOn = null };

        var registration = await _register.RegisterStepDownAsync(new EpisodeId("ep-sd"), Seeds.NineYearOld, Seeds.Teacher, incomplete);

        Assert.True(registration.IsRefused);
        Assert.Equal("STEP-01", registration.Refusal!.RuleId);
        Assert.Contains("missing 2 of 7", registration.Refusal.Message, StringComparison.Ordinal);
        Assert.Null(registration.Opened);
        Assert.Null(await _store.GetAsync(new EpisodeId("ep-sd")));
    }

    [Fact]
    [Trait("Rule", "STEP-01")]
    [Trait("Rule", "LIFE-03")]
    public async Task STEP01_the_state_comes_first_an_open_episode_is_contributed_to()
    {
        Assert.True((await _register.IdentifyConcernAsync(new EpisodeId("ep-1"), Seeds.NineYearOld, Seeds.Teacher, "Falling attendance.")).OpenedNewEpisode);

        var registration = await _register.RegisterStepDownAsync(new EpisodeId("ep-sd"), Seeds.NineYearOld, Seeds.Teacher,
            EpisodePlans.StepDown() with { HolisticViewOfNeeds = null });

        Assert.False(registration.IsRefused);
        Assert.Equal(new EpisodeId("ep-1"), registration.Existing!.Id);
    }
}
