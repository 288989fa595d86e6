using System;
using System.Linq;
using Caf.Core.Consent;
using Caf.Core.Primitives;
using Caf.Core.Tests.Support;
using Microsoft.Extensions.Time.Testing;
using static Caf.Core.Tests.Consent.ConsentFixtures;
using G = Caf.Core.Consent.ConsentDecision;

namespace Caf.Core.Tests.Consent;

public class SharingServiceTests
{
    private static readonly EpisodeId Episode = new("ep-2010-0042");
    private static readonly DateTimeOffset Now = new(2010, 3, 1, 9, 30, 0, TimeSpan.Zero);
    private readonly InMemorySharingAuditLog _log = new();
    private readonly SharingService _service;

    public SharingServiceTests()
    {
        _service = new SharingService(_log, new FakeTimeProvider(Now));
    }

    private SharingDecision Decide(ConsentState state, AgencyId agency, SharingPurpose purpose) =>
        _service.Decide(Episode, state, agency, purpose, TestIds.TeacherAtSchool);

    [Trait("Rule", "SHARE-01")]
    [Fact]
    public void SHARE01_consent_in_force_grants_sharing_with_a_covered_agency()
    {
        var parent = Parent(form: ConsentForm.Written);
        var decision = Decide(State(parent), TestIds.HealthVisiting, SharingPurpose.PlanDelivery);

        Assert.True(decision.Granted);
        Assert.Equal("SHARE-01", decision.RuleId);
        Assert.Equal(SharingBasis.Consent, decision.Basis);
        Assert.Same(parent, decision.BasisRecord);
    }

    [Trait("Rule", "CONS-05")]
    [Trait("Rule", "SHARE-01")]
    [Theory]
    [InlineData(SharingPurpose.Assessment)]
    [InlineData(SharingPurpose.PlanDelivery)]
    [InlineData(SharingPurpose.LeadProfessional)]
    [InlineData(SharingPurpose.Panel)]
    [InlineData(SharingPurpose.Review)]
    [InlineData(SharingPurpose.Reporting)]
    public void CONS05_SHARE01_an_excluded_agency_is_refused_for_every_purpose(SharingPurpose purpose)
    {
        var partial = Parent(form: ConsentForm.Written, excluded: TestIds.Camhs);
        var decision = Decide(State(partial), TestIds.Camhs, purpose);

        Assert.False(decision.Granted);
        Assert.Equal("SHARE-01", decision.RuleId);
        Assert.Contains("CONS-05", decision.Reason, StringComparison.Ordinal);
        Assert.Same(partial, decision.BasisRecord);
        Assert.True(Decide(State(partial), TestIds.School, SharingPurpose.Assessment).Granted);
    }

    [Trait("Rule", "LP-11")]
    [Fact]
    public void LP11_an_excluded_agency_can_never_be_asked_to_hold_the_lead_professional_role()
    {
        var decision = Decide(State(Parent(excluded: TestIds.YouthService)), TestIds.YouthService, SharingPurpose.LeadProfessional);

        Assert.False(decision.Granted);
        Assert.Contains("LP-11", decision.Reason, StringComparison.Ordinal);
    }

    [Trait("Rule", "CONS-05")]
    [Fact]
    public void CONS05_the_young_persons_exclusion_is_honoured_even_when_the_parent_decides()
    {
        // A 12-year-old's wish not to share with the youth service is respected (union of exclusions).
        var decision = Decide(State(Parent(), YoungPerson(G.Given, sufficientUnderstanding: false, excluded: TestIds.YouthService)), TestIds.YouthService, SharingPurpose.Assessment);
        Assert.False(decision.Granted);
    }

    [Trait("Rule", "CONS-06")]
    [Fact]
    public void CONS06_an_override_does_not_lift_the_familys_exclusion()
    {
        var state = State(Parent(excluded: TestIds.Camhs)).WithOverride(Override());

        Assert.False(Decide(state, TestIds.Camhs, SharingPurpose.Assessment).Granted);
    }

    [Trait("Rule", "CONS-04")]
    [Fact]
    public void CONS04_panel_sharing_needs_written_consent()
    {
        var verbal = Decide(State(Parent(form: ConsentForm.Verbal)), TestIds.YouthService, SharingPurpose.Panel);
        var written = Decide(State(Parent(form: ConsentForm.Written)), TestIds.YouthService, SharingPurpose.Panel);

        Assert.False(verbal.Granted);
        Assert.Equal("CONS-04", verbal.RuleId);
        Assert.True(written.Granted);
        Assert.Equal("CONS-04", written.RuleId);
    }

    [Fact]
    public void CONS04_panel_needs_the_competent_young_persons_consent_in_writing_too()
    {
        var young = YoungPerson(G.Given, form: ConsentForm.Verbal);
        var decision = Decide(State(Parent(form: ConsentForm.Written), young), TestIds.School, SharingPurpose.Panel);

        Assert.False(decision.Granted);
        Assert.Same(young, decision.BasisRecord);
    }

    [Fact]
    [Trait("Rule", "SHARE-02")]
    public void SHARE02_a_grant_reminds_the_host_to_share_only_the_minimum_for_the_purpose()
    {
        // SHARE-02 is the host's to apply (the library has no data categories); the grant says so.
        var onConsent = Decide(State(Parent(form: ConsentForm.Written)), TestIds.School, SharingPurpose.Panel);
        var onOverride = Decide(State(Parent(G.Refused)).WithOverride(Override()), TestIds.School, SharingPurpose.Review);

        Assert.Contains("SHARE-02", onConsent.Reason, StringComparison.Ordinal);
        Assert.Contains("minimum", onConsent.Reason, StringComparison.Ordinal);
        Assert.Contains("SHARE-02", onOverride.Reason, StringComparison.Ordinal);
    }

    [Trait("Rule", "SHARE-01")]
    [Fact]
    public void SHARE01_nothing_recorded_is_refused()
    {
        var decision = Decide(ConsentState.Empty, TestIds.School, SharingPurpose.Assessment);

        Assert.False(decision.Granted);
        Assert.Equal("SHARE-01", decision.RuleId);
        Assert.Equal(SharingBasis.None, decision.Basis);
    }

    [Trait("Rule", "CONS-01")]
    [Fact]
    public void CONS01_a_parents_refusal_refuses_sharing_and_names_the_refusing_record()
    {
        var refusal = Parent(G.Refused);
        var decision = Decide(State(refusal), TestIds.School, SharingPurpose.Assessment);

        Assert.False(decision.Granted);
        Assert.Equal("CONS-01", decision.RuleId);
        Assert.Same(refusal, decision.BasisRecord);
    }

    [Trait("Rule", "CONS-02")]
    [Fact]
    public void CONS02_a_competent_young_persons_refusal_refuses_sharing()
    {
        var decision = Decide(State(Parent(), YoungPerson(G.Refused)), TestIds.School, SharingPurpose.Assessment);
        Assert.Equal(("CONS-02", false), (decision.RuleId, decision.Granted));
    }

    [Trait("Rule", "CONS-03")]
    [Fact]
    public void CONS03_a_16_year_olds_consent_grants_sharing_although_the_parent_refused()
    {
        var young = YoungPerson(G.Given, sufficientUnderstanding: null);
        var decision = Decide(State(Parent(G.Refused), young), TestIds.School, SharingPurpose.Review);

        Assert.True(decision.Granted);
        Assert.Same(young, decision.BasisRecord);
    }

    [Trait("Rule", "CONS-08")]
    [Fact]
    public void CONS08_an_expectant_parents_consent_grants_sharing_for_an_unborn_baby()
    {
        Assert.True(Decide(State(Expectant()), TestIds.HealthVisiting, SharingPurpose.Assessment).Granted);
    }

    [Trait("Rule", "CONS-07")]
    [Fact]
    public void CONS07_after_withdrawal_nothing_is_shared()
    {
        var state = State(Parent(form: ConsentForm.Written)).WithWithdrawal(new ConsentWithdrawal(ConsentGiverRole.ParentWithParentalResponsibility, "No reason given.") { Name = "Ms Smith" });
        var decision = Decide(state, TestIds.School, SharingPurpose.Review);

        Assert.False(decision.Granted);
        Assert.Equal("CONS-07", decision.RuleId);
    }

    [Trait("Rule", "CONS-06")]
    [Fact]
    public void CONS06_an_override_grants_sharing_for_safeguarding_but_not_at_a_panel()
    {
        var @override = Override();
        var state = State(Parent(G.Refused)).WithOverride(@override);

        var granted = Decide(state, TestIds.HealthVisiting, SharingPurpose.Assessment);
        var panel = Decide(state, TestIds.HealthVisiting, SharingPurpose.Panel);

        Assert.True(granted.Granted);
        Assert.Equal("CONS-06", granted.RuleId);
        Assert.Equal(SharingBasis.Override, granted.Basis);
        Assert.Same(@override, granted.BasisOverride);
        Assert.False(panel.Granted);
        Assert.Equal("CONS-04", panel.RuleId);
    }

    [Trait("Rule", "CONS-07")]
    [Trait("Rule", "CONS-06")]
    [Fact]
    public void CONS07_CONS06_an_override_after_withdrawal_grants_on_the_override()
    {
        var state = State(Parent()).WithWithdrawal(new ConsentWithdrawal(ConsentGiverRole.ParentWithParentalResponsibility, "moved away") { Name = "Ms Smith" }).WithOverride(Override());
        Assert.Equal(SharingBasis.Override, Decide(state, TestIds.School, SharingPurpose.PlanDelivery).Basis);
    }

    [Fact]
    [Trait("Rule", "SHARE-03")]
    [Trait("Rule", "SHARE-04")]
    public void SHARE03_SHARE04_every_decision_granted_or_refused_is_recorded_with_its_basis_actor_and_time()
    {
        var parent = Parent(excluded: TestIds.Camhs);
        var granted = Decide(State(parent), TestIds.School, SharingPurpose.Assessment);
        var refused = Decide(State(parent), TestIds.Camhs, SharingPurpose.Reporting);

        Assert.Equal(2, _log.Entries.Count);
        var first = _log.Entries[0];
        Assert.Equal((Episode, TestIds.School, SharingPurpose.Assessment, TestIds.TeacherAtSchool, Now), (first.Episode, first.Agency, first.Purpose, first.RequestedBy, first.DecidedAt));
        Assert.Equal(granted, first.Decision);
        var second = _log.Entries[1];
        Assert.Equal(refused, second.Decision);
        Assert.False(second.Decision.Granted);
        Assert.Same(parent, second.Decision.BasisRecord);
        Assert.Contains("camhs", second.ToString(), StringComparison.Ordinal);
        Assert.Contains("Sarah Hughes", second.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    [Trait("Rule", "SHARE-04")]
    public void SHARE04_a_failing_audit_log_means_no_decision_is_returned()
    {
        var service = new SharingService(new ThrowingLog(), TimeProvider.System);
        Assert.Throws<InvalidOperationException>(() => service.Decide(Episode, State(Parent()), TestIds.School, SharingPurpose.Assessment, TestIds.TeacherAtSchool));
    }

    [Trait("Rule", "SHARE-03")]
    [Fact]
    public void SHARE03_the_in_memory_log_is_safe_to_record_from_many_threads()
    {
        var state = State(Parent());
        System.Threading.Tasks.Parallel.For(0, 200, _ => Decide(state, TestIds.School, SharingPurpose.Assessment));
        Assert.Equal(200, _log.Entries.Count);
    }

    [Fact]
    public void The_decision_computation_allocates_nothing_on_the_granted_path()
    {
        var state = State(Parent(form: ConsentForm.Written, excluded: TestIds.Camhs), YoungPerson(G.Given, form: ConsentForm.Written));
        _ = _service.Compute(state, TestIds.School, SharingPurpose.Panel); // warm up (JIT)
        _ = _service.Compute(state, TestIds.School, SharingPurpose.Assessment);

        var before = GC.GetAllocatedBytesForCurrentThread();
        var granted = 0;
        for (var i = 0; i < 1000; i++)
        {
            granted += _service.Compute(state, TestIds.School, i % 2 == 0 ? SharingPurpose.Panel : SharingPurpose.Assessment).Granted ? 1 : 0;
        }

        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.Equal(1000, granted);
        Assert.Equal(0, allocated);
    }

    [Fact]
    public void Misuse_throws_at_the_boundary_and_records_nothing()
    {
        var state = State(Parent());
        Assert.ThrowsAny<ArgumentException>(() => _service.Decide(default, state, TestIds.School, SharingPurpose.Assessment, TestIds.TeacherAtSchool));
        Assert.ThrowsAny<ArgumentException>(() => _service.Decide(Episode, null!, TestIds.School, SharingPurpose.Assessment, TestIds.TeacherAtSchool));
        Assert.ThrowsAny<ArgumentException>(() => _service.Decide(Episode, state, default, SharingPurpose.Assessment, TestIds.TeacherAtSchool));
        Assert.ThrowsAny<ArgumentException>(() => _service.Decide(Episode, state, TestIds.School, (SharingPurpose)42, TestIds.TeacherAtSchool));
        Assert.ThrowsAny<ArgumentException>(() => _service.Decide(Episode, state, TestIds.School, SharingPurpose.Assessment, default));
        Assert.ThrowsAny<ArgumentException>(() => new SharingService(null!, TimeProvider.System));
        Assert.Empty(_log.Entries);
    }

    [Fact]
    public void Every_consent_value_has_a_display_text()
    {
        var texts = Enum.GetValues<ConsentGiverRole>().Select(ConsentDisplayText.For)
            .Concat(Enum.GetValues<ConsentForm>().Select(ConsentDisplayText.For))
            .Concat(Enum.GetValues<ConsentDecision>().Select(ConsentDisplayText.For))
            .Concat(Enum.GetValues<SharingPurpose>().Select(ConsentDisplayText.For))
            .Concat(Enum.GetValues<SharingBasis>().Select(ConsentDisplayText.For))
            .ToList();

        Assert.All(texts, t => Assert.False(string.IsNullOrWhiteSpace(t)));
        Assert.Equal(texts.Count, texts.Distinct().Count());
        Assert.Throws<ArgumentOutOfRangeException>(() => ConsentDisplayText.For((SharingPurpose)99));
    }

    private sealed class ThrowingLog : ISharingAuditLog
    {
        public void Record(SharingAuditEntry entry) => throw new InvalidOperationException("audit store down");
    }
}
