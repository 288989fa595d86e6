using System;
using System.Linq;
using System.Threading.Tasks;
using Caf.Core.Closure;
using Caf.Core.Consent;
using Caf.Core.Lifecycle;
using Caf.Core.Primitives;
using Caf.Core.Register;
using Caf.Core.Register.Specifications;
using Caf.Core.Testing;
using Caf.Core.Tests.Support;
using static Caf.Core.Tests.Support.Seeds;

namespace Caf.Core.Tests.Register;

public class CafRegisterTests
{
    private readonly Seeds _seeds = new();
    private readonly InMemoryEpisodeRepository _store;
    private readonly CafRegister _register;

    public CafRegisterTests()
    {
        _store = new InMemoryEpisodeRepository(_seeds.Policy);
        _register = new CafRegister(_store, _seeds.Policy);
    }

    [Trait("Rule", "LIFE-03")]
    [Fact]
    public async Task LIFE03_no_episode_on_the_register_opens_a_new_one()
    {
        var registration = await _register.IdentifyConcernAsync(new EpisodeId("ep-1"), NineYearOld, Teacher, "Attendance");

        Assert.True(registration.OpenedNewEpisode);
        Assert.Empty(registration.LinkedPreviousEpisodes);
        Assert.NotNull(await _store.GetAsync(new EpisodeId("ep-1")));
    }

    [Trait("Rule", "LIFE-03")]
    [Trait("Rule", "REG-02")]
    [Fact]
    public async Task LIFE03_REG02_an_open_episode_means_contributing_to_it_and_names_its_LP()
    {
        await _register.IdentifyConcernAsync(new EpisodeId("ep-1"), NineYearOld, Teacher, "Attendance");

        var second = await _register.IdentifyConcernAsync(new EpisodeId("ep-2"), NineYearOld, HealthVisitor, "Weight loss");

        Assert.False(second.OpenedNewEpisode);
        Assert.Equal(new EpisodeId("ep-1"), second.Existing!.Id);
        Assert.Equal(TestIds.Teacher, second.ExistingLeadProfessional);
        Assert.Contains("LIFE-03", second.Explanation, StringComparison.Ordinal);
        Assert.Null(await _store.GetAsync(new EpisodeId("ep-2")));
    }

    [Trait("Rule", "LIFE-03")]
    [Fact]
    public async Task LIFE03_a_closed_episode_means_a_new_episode_linked_to_the_earlier_ones()
    {
        var first = (await _register.IdentifyConcernAsync(new EpisodeId("ep-1"), NineYearOld, Teacher, "Attendance")).Opened!;
        Ok(first.StepUp(Teacher, new SpecialistService("CSC"), "Significant harm"));
        Ok(await _store.UpdateAsync(first, 1));

        var next = await _register.IdentifyConcernAsync(new EpisodeId("ep-2"), NineYearOld, Teacher, "New concern a year later");

        Assert.True(next.OpenedNewEpisode);
        Assert.Equal(new EpisodeId("ep-1"), Assert.Single(next.LinkedPreviousEpisodes));
        Assert.Equal(new EpisodeId("ep-1"), Assert.Single(next.Opened!.PreviousEpisodes));
    }

    [Trait("Rule", "REG-01")]
    [Fact]
    public async Task REG01_the_store_refuses_a_second_open_episode_for_a_child()
    {
        Ok(await _store.AddAsync(_seeds.Identified(new EpisodeId("ep-1"))));

        var result = await _store.AddAsync(_seeds.Identified(new EpisodeId("ep-2")));

        Assert.Equal("REG-01", result.Refusal.RuleId);
    }

    [Fact]
    public async Task REG01_holds_when_registrations_race()
    {
        var attempts = Enumerable.Range(0, 16)
            .Select(i => Task.Run(async () => await _register.IdentifyConcernAsync(new EpisodeId($"ep-{i}"), NineYearOld, Teacher, "Concern")))
            .ToArray();

        var registrations = await Task.WhenAll(attempts);

        Assert.Single(registrations, r => r.OpenedNewEpisode);
        var open = await _store.ListAsync(new OpenEpisodesOfChildSpec(NineYearOld.Id));
        Assert.Single(open);
        Assert.All(registrations.Where(r => !r.OpenedNewEpisode), r => Assert.Equal(open[0].Id, r.Existing!.Id));
    }

    [Fact]
    public async Task Optimistic_concurrency_refuses_a_stale_update_and_loses_nothing()
    {
        Ok(await _store.AddAsync(_seeds.Identified()));
        var alice = (await _store.GetAsync(new EpisodeId("ep-1")))!;
        var bob = (await _store.GetAsync(new EpisodeId("ep-1")))!;

        Ok(alice.RecordConsent(Teacher, MotherVerbal(), "Consent to assess and share with partner agencies."));
        Ok(await _store.UpdateAsync(alice, 1));
        Ok(bob.RecordConsent(Teacher, MotherWritten(), "Consent to assess and share with partner agencies."));
        var stale = await _store.UpdateAsync(bob, 1);

        Assert.Equal(StoreCodes.Concurrency, stale.Refusal.RuleId);
        var stored = (await _store.GetAsync(new EpisodeId("ep-1")))!;
        Assert.Equal(2, stored.Version);
        Assert.Equal(ConsentForm.Verbal, Assert.Single(stored.Consent.Records).Form);
    }

    [Trait("Rule", "REG-03")]
    [Fact]
    public async Task REG03_siblings_are_linked_as_a_family_all_or_nothing()
    {
        var sister = new ChildDetails(new ChildId("child-002"), new DateOnly(2013, 1, 5));
        await _register.IdentifyConcernAsync(new EpisodeId("ep-1"), NineYearOld, Teacher, "Attendance");
        await _register.IdentifyConcernAsync(new EpisodeId("ep-2"), sister, Teacher, "Young carer");
        await ConsentAsync("ep-1");
        await ConsentAsync("ep-2");

        Ok(await _register.LinkFamilyAsync("family-smith", Teacher, [new EpisodeId("ep-1"), new EpisodeId("ep-2")]));

        var family = await _register.FamilyAsync("family-smith");
        Assert.Equal(2, family.Count);
        Assert.Equal("REG-03", (await _register.LinkFamilyAsync("family-smith", Teacher, [new EpisodeId("ep-1"), new EpisodeId("ep-2")])).Refusal.RuleId);
    }

    [Trait("Rule", "RET-01")]
    [Fact]
    public async Task RET01_closed_episodes_are_due_for_disposal_five_years_after_closure()
    {
        var e = (await _register.IdentifyConcernAsync(new EpisodeId("ep-1"), NineYearOld, Teacher, "Attendance")).Opened!;
        Ok(e.Close(Teacher, EpisodePlans.PractitionersAgree("resolvedOther", TestIds.Teacher)));
        Ok(await _store.UpdateAsync(e, 1));
        var closedOn = DateOnly.FromDateTime(Start.UtcDateTime);

        Assert.Equal(closedOn.AddYears(5), e.RetentionDueOn);
        Assert.Empty(await _register.DueForDisposalAsync(closedOn.AddYears(5).AddDays(-1)));
        Assert.Single(await _register.DueForDisposalAsync(closedOn.AddYears(5)));
    }

    [Trait("Rule", "RET-02")]
    [Fact]
    public async Task RET02_transfer_out_of_area_ends_the_episode_here_and_refuses_further_work()
    {
        await _register.IdentifyConcernAsync(new EpisodeId("ep-1"), NineYearOld, Teacher, "Attendance");
        await ConsentAsync("ep-1");

        Ok(await _register.TransferOutAsync(new EpisodeId("ep-1"), Teacher, new LocalAuthority("Leeds City Council"), "Family moved."));

        var e = (await _store.GetAsync(new EpisodeId("ep-1")))!;
        Assert.Equal(EpisodeState.TransferredOut, e.State);
        Assert.False(e.IsOpen);
        Assert.Equal("RET-02", e.StartAssessment(Teacher, "Concerns about attendance and wellbeing: assessment agreed with the family.").Refusal.RuleId);
        Assert.Null(await _register.FindOpenForCoordinatorAsync(TestIds.Child));
    }

    private async Task ConsentAsync(string id)
    {
        var e = (await _store.GetAsync(new EpisodeId(id)))!;
        var version = e.Version;
        Ok(e.RecordConsent(Teacher, MotherWritten(), "Consent to assess and share with partner agencies."));
        Ok(await _store.UpdateAsync(e, version));
    }
}
