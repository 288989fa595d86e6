using System;
using System.Linq;
using System.Text.Json;
using System.Threading.Tasks;
using Caf.Core.Consent;
using Caf.Core.LeadProfessional;
using Caf.Core.Lifecycle;
using Caf.Core.Lifecycle.Events;
using Caf.Core.Primitives;
using Caf.Core.Register;
using Caf.Core.Tests.Support;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Result = Caf.Core.Primitives.Result;
using static Caf.Core.Tests.Support.Seeds;

namespace Caf.Core.Tests.Register;

/// <summary>
/// REG-03 × SHARE-01: a family link is re-judged on every change saved through the register, and a link now refused
/// ends on every linked episode in the same save, with the rule, and is audited as a revocation. Amy (14) is led by the
/// health visitor, her brother Sam (9) by his school; the health visitor links them.
/// </summary>
public class FamilyLinkRevocationTests
{
    private const string Group = "family-smith";
    private const string Consent = "Consent to assess and share with partner agencies.";
    private static readonly EpisodeId Amy = new("ep-amy");
    private static readonly EpisodeId Sam = new("ep-sam");
    private static readonly Actor CamhsWorker = new(new PractitionerId("pr-camhs"), TestIds.Camhs);
    private static readonly ConsentRecord AmyGives = new ConsentRecord(ConsentGiverRole.YoungPerson, "Amy", ConsentDecision.Given, ConsentForm.Written, [], true) with { SharingExplained = true };

    private readonly Seeds _seeds = new();
    private readonly InMemoryEpisodeRepository _store;
    private readonly CafRegister _register;

    public FamilyLinkRevocationTests()
    {
        _store = new InMemoryEpisodeRepository(_seeds.Policy);
        _register = new CafRegister(_store, _seeds.Policy);
    }

    [Trait("Rule", "REG-03")]
    [Fact]
    public async Task REG03_an_exclusion_before_linking_refuses_the_link()
    {
        await ArrangeAsync(amysConsent: MotherWritten(TestIds.School));

        var linked = await _register.LinkFamilyAsync(Group, HealthVisitor, [Amy, Sam]);

        Assert.Equal("SHARE-01", linked.Refusal.RuleId);
        Assert.Empty(await _register.FamilyAsync(Group));
    }

    [Trait("Rule", "REG-03")]
    [Trait("Rule", "SHARE-01")]
    [Fact]
    public async Task REG03_the_parent_excluding_the_siblings_lead_agency_afterwards_ends_the_link_on_both_episodes()
    {
        await ArrangeLinkedAsync();

        Ok(await _register.ExecuteAsync(Amy, e => e.RecordConsent(HealthVisitor, MotherWritten(TestIds.School), "Mum does not want the school told.")));

        await AssertUnlinkedAsync(TestIds.School, "SHARE-01");
    }

    [Trait("Rule", "REG-03")]
    [Trait("Rule", "CONS-02")]
    [Fact]
    public async Task REG03_a_competent_young_persons_partial_consent_afterwards_ends_the_link()
    {
        await ArrangeLinkedAsync();

        Ok(await _register.ExecuteAsync(Amy, e => e.RecordConsent(HealthVisitor, AmyGives with { ExcludedAgencies = [TestIds.School] }, "Amy does not want her school told.")));

        await AssertUnlinkedAsync(TestIds.School, "SHARE-01");
    }

    [Trait("Rule", "REG-03")]
    [Trait("Rule", "CONS-05")]
    [Fact]
    public async Task REG03_exclusion_then_refusal_then_new_consent_the_link_stays_ended_and_cannot_be_made_again()
    {
        await ArrangeLinkedAsync();

        Ok(await _register.ExecuteAsync(Amy, e => e.RecordConsent(HealthVisitor, MotherWritten(TestIds.School), "Mum does not want the school told.")));
        Ok(await _register.ExecuteAsync(Amy, e => e.RecordConsent(HealthVisitor, MotherWritten() with { Decision = ConsentDecision.Refused }, "Mum refuses.")));
        Ok(await _register.ExecuteAsync(Amy, e => e.RecordConsent(HealthVisitor, MotherWritten(), "Mum consents again.")));

        await AssertUnlinkedAsync(TestIds.School, "SHARE-01");
        Assert.Equal("SHARE-01", (await _register.LinkFamilyAsync(Group, HealthVisitor, [Amy, Sam])).Refusal.RuleId); // the exclusion stands
    }

    [Trait("Rule", "REG-03")]
    [Trait("Rule", "CONS-06")]
    [Fact]
    public async Task REG03_an_override_keeps_a_link_its_consent_covers_but_never_one_to_an_excluded_agency()
    {
        await ArrangeLinkedAsync();
        var refusedAndOverridden = (Func<CafEpisode, Result>)(e =>
        {
            var r = e.RecordConsent(HealthVisitor, MotherWritten() with { Decision = ConsentDecision.Refused }, "Mum refuses.");
            r = r.IsRefused ? r : e.RecordConsent(HealthVisitor, AmyGives with { Decision = ConsentDecision.Refused }, "Amy refuses.");
            return r.IsRefused ? r : e.OverrideConsent(HealthVisitor, new ConsentOverride("Disclosure of risk; the safeguarding lead decided to share.", new PractitionerId("pr-dsl")));
        });

        // Refused and overridden in one change: the override covers the school, so the link stands.
        Ok(await _register.ExecuteAsync(Amy, refusedAndOverridden));
        Assert.Equal([Amy, Sam], (await _register.FamilyAsync(Group)).Select(s => s.Id));

        // Sam's own episode: the same with an exclusion first. The override does not lift it: Amy leaves (SHARE-01).
        var seeds = new Seeds();
        var store = new InMemoryEpisodeRepository(seeds.Policy);
        var register = new CafRegister(store, seeds.Policy);
        await ArrangeLinkedAsync(store, register, seeds);
        Ok(await register.ExecuteAsync(Sam, e =>
        {
            var r = e.RecordConsent(Teacher, MotherWritten(TestIds.HealthVisiting), "Mum does not want health visiting told about Sam.");
            r = r.IsRefused ? r : e.RecordConsent(Teacher, MotherWritten() with { Decision = ConsentDecision.Refused }, "Mum refuses.");
            return r.IsRefused ? r : e.OverrideConsent(Teacher, new ConsentOverride("Disclosure of risk; the safeguarding lead decided to share.", new PractitionerId("pr-dsl")));
        }));
        var amy = (await store.GetAsync(Amy))!;
        Assert.Null(amy.FamilyGroup); // Sam's episode closed with the override, so the open sibling leaves
        Assert.Equal(TestIds.HealthVisiting, Assert.IsType<UnlinkedFromFamilyGroup>(amy.Events[^1]).Agency);
        Assert.Contains(seeds.Audit.Entries, a => a.Episode == Sam && a.Agency == TestIds.HealthVisiting && !a.Decision.Granted && a.Decision.Reason.StartsWith("Revoked", StringComparison.Ordinal));
    }

    [Trait("Rule", "REG-03")]
    [Trait("Rule", "CONS-07")]
    [Fact]
    public async Task REG03_a_withdrawal_ends_the_link()
    {
        await ArrangeLinkedAsync();

        Ok(await _register.ExecuteAsync(Amy, e => e.WithdrawConsent(HealthVisitor, new ConsentWithdrawal(ConsentGiverRole.ParentWithParentalResponsibility, "We do not want the CAF any more.") { Name = "Ms Smith" })));

        var amy = (await _store.GetAsync(Amy))!;
        var unlinked = Assert.IsType<UnlinkedFromFamilyGroup>(amy.Events[^1]);
        Assert.NotEqual("SHARE-01", unlinked.RuleId); // the withdrawal's own rule, not an exclusion
        Assert.Null(amy.FamilyGroup);
        Assert.Null((await _store.GetAsync(Sam))!.FamilyGroup);
        Assert.Empty(await _register.FamilyAsync(Group));
    }

    [Trait("Rule", "REG-03")]
    [Trait("Rule", "LP-11")]
    [Fact]
    public async Task REG03_an_agency_one_sibling_excluded_joining_the_others_team_ends_the_link()
    {
        await ArrangeAsync(amysConsent: MotherWritten(TestIds.Camhs), samAssessed: true);
        Ok(await _register.LinkFamilyAsync(Group, HealthVisitor, [Amy, Sam])); // CAMHS is on neither team yet

        Ok(await _register.ExecuteAsync(Sam, e => e.AppointLeadProfessional(Teacher, Nominee(CamhsWorker.Practitioner, TestIds.Camhs),
            new PractitionerId("pr-supervisor"), new FamilyAgreement("Mum agreed."), "Sees Sam weekly.")));

        await AssertUnlinkedAsync(TestIds.Camhs, "SHARE-01");
        var sam = (await _store.GetAsync(Sam))!;
        Assert.Equal(TestIds.Camhs, sam.LeadProfessional.Agency); // the change itself was saved with the unlinks
    }

    [Trait("Rule", "REG-03")]
    [Fact]
    public async Task REG03_a_change_the_link_survives_records_nothing_more()
    {
        await ArrangeLinkedAsync();
        var before = (await _store.GetAsync(Sam))!.Version;

        Ok(await _register.ExecuteAsync(Amy, e => e.RecordConsent(HealthVisitor, MotherWritten(TestIds.Camhs), "Mum does not want CAMHS told.")));

        Assert.Equal(before, (await _store.GetAsync(Sam))!.Version);
        Assert.Equal([Amy, Sam], (await _register.FamilyAsync(Group)).Select(s => s.Id));
    }

    [Trait("Rule", "REG-03")]
    [Trait("Rule", "LIFE-11")]
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void REG03_a_stored_link_the_register_could_not_have_made_is_refused_on_reading(bool withdrawn)
    {
        var e = CafEpisode.IdentifyConcern(_seeds.Policy, Amy, new ChildDetails(TestIds.Child, new DateOnly(2011, 9, 1)), HealthVisitor, "Low mood.");
        if (withdrawn)
        {
            Ok(e.RecordConsent(HealthVisitor, MotherWritten(), Consent));
            Ok(e.WithdrawConsent(HealthVisitor, new ConsentWithdrawal(ConsentGiverRole.ParentWithParentalResponsibility, "No more.") { Name = "Ms Smith" }));
        }

        var json = EpisodeJson.Serialize(e);
        var link = EpisodeJson.SerializeEvent(new LinkedToFamilyGroup(Amy, e.Events[^1].OccurredAt, HealthVisitor, Group))
            .Replace($",\"schemaVersion\":{EpisodeJson.CurrentSchemaVersion}", "", StringComparison.Ordinal); // a snapshot's events carry no version of their own
        var forged = json.Replace("\"events\":[", "\"events\":[", StringComparison.Ordinal);
        var at = forged.LastIndexOf("}]", StringComparison.Ordinal);
        forged = forged[..(at + 1)] + "," + link + forged[(at + 1)..];
        forged = forged.Replace($"\"version\":{e.Version}", $"\"version\":{e.Version + 1}", StringComparison.Ordinal);

        var refused = Assert.Throws<JsonException>(() => EpisodeJson.Deserialize(_seeds.Policy, forged));
        Assert.Equal($"$.events[{e.Version}]", refused.Path);
        Assert.StartsWith("[SHARE-01]", refused.Message, StringComparison.Ordinal);
        Assert.Equal("SHARE-01", CafEpisode.Replay(_seeds.Policy, [.. e.Events, new LinkedToFamilyGroup(Amy, e.Events[^1].OccurredAt, HealthVisitor, Group)]).Failure!.RuleId);
    }

    public enum Change { Link, ParentExcludes, YoungPersonExcludes, ParentRefuses, ParentConsents, ParentLifts, Withdraws }

    public static class Changes
    {
        public static Arbitrary<(Change Change, bool OnSam, int Agency)[]> Sequences() =>
            Arb.From((from change in Gen.Elements(Enum.GetValues<Change>().AsEnumerable()) from onSam in ArbMap.Default.GeneratorFor<bool>() from agency in Gen.Choose(0, 2) select (change, onSam, agency)).ArrayOf());
    }

    [Trait("Rule", "REG-03")]
    [Trait("Rule", "SHARE-01")]
    [Property(Arbitrary = [typeof(Changes)], MaxTest = 150)]
    public bool REG03_no_standing_link_shares_with_an_agency_either_siblings_consent_excludes((Change Change, bool OnSam, int Agency)[] changes)
    {
        var seeds = new Seeds();
        var store = new InMemoryEpisodeRepository(seeds.Policy);
        var register = new CafRegister(store, seeds.Policy);
        ArrangeAsync(store, seeds, MotherWritten(), samAssessed: false).GetAwaiter().GetResult();
        AgencyId[] agencies = [TestIds.School, TestIds.HealthVisiting, TestIds.Camhs];
        foreach (var (change, onSam, agencyNo) in changes)
        {
            seeds.Time.Advance(TimeSpan.FromHours(1));
            var (id, by) = onSam ? (Sam, Teacher) : (Amy, HealthVisitor);
            var agency = agencies[agencyNo];
            _ = change switch
            {
                Change.Link => register.LinkFamilyAsync(Group, HealthVisitor, [Amy, Sam]).AsTask().Result,
                Change.ParentExcludes => register.ExecuteAsync(id, e => e.RecordConsent(by, MotherWritten(agency), Consent)).AsTask().Result,
                Change.YoungPersonExcludes => register.ExecuteAsync(id, e => e.RecordConsent(by, AmyGives with { ExcludedAgencies = [agency] }, Consent)).AsTask().Result,
                Change.ParentRefuses => register.ExecuteAsync(id, e => e.RecordConsent(by, MotherWritten() with { Decision = ConsentDecision.Refused }, Consent)).AsTask().Result,
                Change.ParentConsents => register.ExecuteAsync(id, e => e.RecordConsent(by, MotherWritten(), Consent)).AsTask().Result,
                Change.ParentLifts => register.ExecuteAsync(id, e => e.LiftExclusion(by, new ConsentExclusionLift(agency, ConsentGiverRole.ParentWithParentalResponsibility, "Ms Smith", "Mum changed her mind."))).AsTask().Result,
                _ => register.ExecuteAsync(id, e => e.WithdrawConsent(by, new ConsentWithdrawal(ConsentGiverRole.ParentWithParentalResponsibility, "No more.") { Name = "Ms Smith" })).AsTask().Result,
            };

            var amy = store.GetAsync(Amy).AsTask().Result!;
            var sam = store.GetAsync(Sam).AsTask().Result!;
            if (amy.FamilyGroup is not null && amy.FamilyGroup == sam.FamilyGroup)
            {
                // A standing link: each sibling's consent covers every agency on the other's team, now.
                var now = seeds.Time.GetUtcNow();
                bool Covers(CafEpisode from, CafEpisode to) => !to.IsOpen || new[] { to.LeadProfessional.Agency }.All(a =>
                    !from.Consent.Excludes(a) && seeds.Policy.Sharing.Evaluate(from.Consent, a, SharingPurpose.FamilyLink, from.Child.AgeOn(DateOnly.FromDateTime(now.UtcDateTime))).Granted);
                if (!Covers(amy, sam) || !Covers(sam, amy))
                {
                    return false;
                }
            }
        }

        return true;
    }

    // Amy (14, led by the health visitor) and Sam (9, led by his school), each with the mother's (and Amy's) consent.
    private Task ArrangeAsync(ConsentRecord? amysConsent = null, bool samAssessed = false) => ArrangeAsync(_store, _seeds, amysConsent ?? MotherWritten(), samAssessed);

    private static async Task ArrangeAsync(InMemoryEpisodeRepository store, Seeds seeds, ConsentRecord amysConsent, bool samAssessed)
    {
        var amy = CafEpisode.IdentifyConcern(seeds.Policy, Amy, new ChildDetails(TestIds.Child, new DateOnly(2011, 9, 1)), HealthVisitor, "Low mood and missing school.");
        Ok(amy.RecordConsent(HealthVisitor, amysConsent, Consent));
        Ok(amy.RecordConsent(HealthVisitor, AmyGives, Consent));
        var sam = CafEpisode.IdentifyConcern(seeds.Policy, Sam, new ChildDetails(new ChildId("child-002"), new DateOnly(2016, 4, 1)), Teacher, "Falling attendance.");
        Ok(sam.RecordConsent(Teacher, MotherWritten(), Consent));
        if (samAssessed)
        {
            Ok(sam.StartAssessment(Teacher, "Concerns about attendance and wellbeing: assessment agreed with the family."));
            Ok(sam.CompleteAssessment(Teacher, Level3, AbsentParentInvolvement.WasInvolved, "Needs identified across school and health."));
            Ok(sam.ChooseNextStep(Teacher, NextStep.MultiAgencySupport, "Needs span school and health."));
        }

        Ok(await store.AddAsync(amy));
        Ok(await store.AddAsync(sam));
        seeds.Time.Advance(TimeSpan.FromDays(1));
    }

    private async Task ArrangeLinkedAsync() => await ArrangeLinkedAsync(_store, _register, _seeds);

    private static async Task ArrangeLinkedAsync(InMemoryEpisodeRepository store, CafRegister register, Seeds seeds)
    {
        await ArrangeAsync(store, seeds, MotherWritten(), samAssessed: false);
        Ok(await register.LinkFamilyAsync(Group, HealthVisitor, [Amy, Sam]));
        seeds.Time.Advance(TimeSpan.FromDays(1));
    }

    // Both episodes left the group in the same save, each with an UnlinkedFromFamilyGroup naming the agency and rule;
    // the refused hand-over is on the audit log as a revocation; the family query no longer lists them.
    private async Task AssertUnlinkedAsync(AgencyId agency, string ruleId)
    {
        foreach (var id in new[] { Amy, Sam })
        {
            var e = (await _store.GetAsync(id))!;
            Assert.Null(e.FamilyGroup);
            var unlinked = Assert.Single(e.Events.OfType<UnlinkedFromFamilyGroup>());
            Assert.Equal((Group, agency, ruleId), (unlinked.FamilyGroup, unlinked.Agency, unlinked.RuleId));
        }

        Assert.Empty(await _register.FamilyAsync(Group));
        Assert.Contains(_seeds.Audit.Entries, a => a.Agency == agency && a.Purpose == SharingPurpose.FamilyLink && !a.Decision.Granted
            && a.Decision.Reason.StartsWith("Revoked (REG-03)", StringComparison.Ordinal));
    }
}
