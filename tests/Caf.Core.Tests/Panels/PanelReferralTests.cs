using System;
using System.Linq;
using Caf.Core.Consent;
using Caf.Core.Panels;
using Caf.Core.Primitives;
using Caf.Core.Tests.Support;
using static Caf.Core.Tests.Panels.PanelFixtures;

namespace Caf.Core.Tests.Panels;

public class PanelReferralTests
{
    private static PanelReferral Empty() =>
        new(new PanelReferralId("ref-1"), new EpisodeId("ep-1"), "north", TestIds.TeacherAtSchool, Morning);

    [Fact]
    [Trait("Rule", "PANEL-02")]
    public void PANEL02_an_empty_referral_names_every_missing_item_by_field()
    {
        var problems = Empty().Validate();

        Assert.Equal(["reason", "writtenConsentToShare", "identifiedNeeds", "desiredOutcome", "smartGoals"], problems.Select(p => p.Field));
        Assert.Equal(["PANEL-01", "CONS-04", "PANEL-02", "PANEL-02", "PANEL-02"], problems.Select(p => p.RuleId));
    }

    [Fact]
    [Trait("Rule", "PLAN-04")]
    public void PLAN04_blank_needs_and_goals_do_not_count()
    {
        var referral = CompleteReferral("ref-1") with { IdentifiedNeeds = ["  "], SmartGoals = [""], DesiredOutcome = " " };
        Assert.Equal(["identifiedNeeds", "desiredOutcome", "smartGoals"], referral.Validate().Select(p => p.Field));
    }

    [Theory]
    [Trait("Rule", "PANEL-01")]
    [InlineData(PanelReferralReason.VariedOrComplexNeeds)]
    [InlineData(PanelReferralReason.UnclearWhichService)]
    [InlineData(PanelReferralReason.MultiAgencyResponseNeeded)]
    public void PANEL01_each_criterion_is_a_reason_to_refer(PanelReferralReason reason)
    {
        Assert.Empty((CompleteReferral("ref-1") with { Reason = reason }).Validate());
    }

    [Fact]
    [Trait("Rule", "PANEL-01")]
    public void PANEL01_an_undefined_reason_is_misuse()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => CompleteReferral("ref-1") with { Reason = (PanelReferralReason)42 });
    }

    [Fact]
    [Trait("Rule", "PANEL-02")]
    public void PANEL02_an_incomplete_referral_is_refused_naming_every_field_and_shares_nothing()
    {
        var (sharing, audit) = Sharing();
        var gate = new PanelSharingGate(sharing);

        var result = gate.Refer(Empty() with { Reason = PanelReferralReason.UnclearWhichService }, WrittenConsent(), MaagNorth());

        Assert.True(result.IsRefused);
        Assert.Equal("CONS-04", result.Refusal.RuleId);
        Assert.Equal("writtenConsentToShare, identifiedNeeds, desiredOutcome, smartGoals", result.Refusal.Field);
        Assert.Empty(audit.Entries);
    }

    [Fact]
    [Trait("Rule", "SHARE-01")]
    public void SHARE01_an_excluded_agency_is_never_on_the_case_papers()
    {
        var (sharing, audit) = Sharing();
        var gate = new PanelSharingGate(sharing);

        var @case = gate.Refer(CompleteReferral("ref-1", "north"), WrittenConsent(Camhs), MaagNorth()).Value;

        Assert.Equal([Education, Health, FamilySupport, Youth], @case.PapersFor.ToArray()); // ordinal order of the ids
        Assert.Equal([Camhs], @case.Withheld.Select(w => w.Agency));
        Assert.Equal("SHARE-01", @case.Withheld[0].Decision.RuleId);

        // SHARE-03: every decision, granted or refused, audited for the panel purpose as asked by the referrer.
        Assert.Equal(5, audit.Entries.Count);
        Assert.All(audit.Entries, e => Assert.Equal(SharingPurpose.Panel, e.Purpose));
        Assert.All(audit.Entries, e => Assert.Equal(TestIds.TeacherAtSchool, e.RequestedBy));
        Assert.Single(audit.Entries, e => !e.Decision.Granted && e.Agency == Camhs);

        // ... and the agenda entry lists only the agencies that may see it.
        var schedule = new PanelScheduler().Schedule([MaagNorth()], [], [PanelSlotRequest.NewCase(@case)], NewYear2026);
        Assert.DoesNotContain(Camhs, schedule.Placed.Single().Request.PapersFor);
        Assert.DoesNotContain(Camhs, schedule.Agendas.SelectMany(a => a.Entries).SelectMany(e => e.Request.PapersFor));
    }

    [Fact]
    [Trait("Rule", "CONS-04")]
    public void CONS04_verbal_consent_on_the_episode_refuses_the_referral_even_if_the_form_says_signed()
    {
        var (sharing, _) = Sharing();
        var consent = ConsentState.Empty.With(Seeds.MotherVerbal());

        var result = new PanelSharingGate(sharing).Refer(CompleteReferral("ref-1", "north"), consent, MaagNorth());

        Assert.True(result.IsRefused);
        Assert.Equal("CONS-04", result.Refusal.RuleId);
        Assert.Equal("consent", result.Refusal.Field);
    }

    [Fact]
    [Trait("Rule", "SHARE-01")]
    public void SHARE01_when_the_family_excluded_every_member_the_referral_is_refused()
    {
        var (sharing, _) = Sharing();
        var result = new PanelSharingGate(sharing).Refer(CompleteReferral("ref-1"), WrittenConsent(Education, Youth), [Education, Youth]);

        Assert.True(result.IsRefused);
        Assert.Equal("SHARE-01", result.Refusal.RuleId);
    }

    [Fact]
    [Trait("Rule", "PANEL-07")]
    public void PANEL07_re_referral_of_the_same_episode_is_always_allowed()
    {
        var (sharing, _) = Sharing();
        var gate = new PanelSharingGate(sharing);
        var first = gate.Refer(CompleteReferral("ref-1", "north", episode: "ep-amy"), WrittenConsent(), MaagNorth());
        var again = gate.Refer(CompleteReferral("ref-2", "north", Morning.AddDays(40), episode: "ep-amy"), WrittenConsent(), MaagNorth());

        Assert.True(first.IsSuccess);
        Assert.True(again.IsSuccess);
    }

    [Fact]
    public void Referral_misuse_throws()
    {
        Assert.Throws<ArgumentException>(() => new PanelReferral(default, new EpisodeId("e"), "north", TestIds.TeacherAtSchool, Morning));
        Assert.ThrowsAny<ArgumentException>(() => new PanelReferral(new PanelReferralId("r"), new EpisodeId("e"), " ", TestIds.TeacherAtSchool, Morning));
        var (sharing, _) = Sharing();
        Assert.Throws<ArgumentException>(() => new PanelSharingGate(sharing).Refer(CompleteReferral("r"), WrittenConsent(), Array.Empty<AgencyId>()));
    }

    [Fact]
    public void Referrals_with_the_same_contents_are_equal()
    {
        Assert.Equal(CompleteReferral("ref-1"), CompleteReferral("ref-1"));
        Assert.NotEqual(CompleteReferral("ref-1"), CompleteReferral("ref-1") with { SmartGoals = ["Other goal"] });
    }
}
