using System;
using System.Collections.Immutable;
using System.Linq;
using Caf.Core.Consent;
using Caf.Core.Lifecycle;
using Caf.Core.Lifecycle.Events;
using Caf.Core.Testing;
using Caf.Core.Tests.Support;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using static Caf.Core.Tests.Support.Seeds;

namespace Caf.Core.Tests.Consent;

/// <summary>
/// CONS-09 (002 §6): "The completed assessment with the mutually agreed action plan ... belong to the family. The
/// practitioners involved will also need copies"; "The practitioner must make it clear that to secure support from other
/// agencies appropriate information will need to be shared with them."
/// </summary>
public class FamilyCopyTests
{
    [Fact]
    [Trait("Rule", "CONS-09")]
    public void CONS09_Mum_is_given_the_completed_assessment_and_the_agreed_plan_and_it_is_recorded()
    {
        var seeds = new Seeds();
        var e = seeds.PlanActive();

        Ok(e.GiveFamilyCopy(Teacher, "Ms Smith", assessmentIncluded: true, planVersion: 1, "By hand at the TAC meeting"));

        var copy = Assert.Single(e.FamilyCopies);
        Assert.Equal((true, (int?)1, "Ms Smith"), (copy.AssessmentIncluded, copy.PlanVersion, copy.GivenTo));
        Assert.Single(CafEpisode.Rebuild(seeds.Policy, e.Events).FamilyCopies);
        Assert.Contains("Ms Smith was given a copy of the assessment and plan version 1", LifecycleDisplayText.Describe(e.Events[^1]), StringComparison.Ordinal);
    }

    [Fact]
    [Trait("Rule", "CONS-09")]
    public void CONS09_a_copy_of_nothing_of_a_plan_never_agreed_or_before_the_assessment_is_completed_is_refused()
    {
        var seeds = new Seeds();
        var assessed = seeds.Assessed();
        Assert.Equal(("CONS-09", "assessmentIncluded"), Of(assessed.GiveFamilyCopy(Teacher, "Ms Smith", false, null, "By post")));
        Assert.Equal(("CONS-09", "planVersion"), Of(assessed.GiveFamilyCopy(Teacher, "Ms Smith", true, 1, "By post")));
        Ok(assessed.GiveFamilyCopy(Teacher, "Ms Smith", true, null, "By post"));

        var assessing = seeds.Assessing();
        Assert.Equal(("LIFE-12", "state"), Of(assessing.GiveFamilyCopy(Teacher, "Ms Smith", true, null, "By post")));
        Assert.NotNull(assessing.GetAvailableActions(Teacher).Single(a => a.Action == EpisodeAction.GiveFamilyCopy).Refusal);
        Assert.Null(assessed.GetAvailableActions(Teacher).Single(a => a.Action == EpisodeAction.GiveFamilyCopy).Refusal);
    }

    [Fact]
    [Trait("Rule", "CONS-09")]
    [Trait("Rule", "SHARE-01")]
    public void CONS09_practitioners_receive_their_copies_through_the_sharing_gate_never_an_excluded_agency()
    {
        var seeds = new Seeds();
        var e = seeds.Identified();
        Ok(e.RecordConsent(Teacher, MotherWritten(TestIds.Camhs), "Consent, not CAMHS."));
        Ok(e.StartAssessment(Teacher, "Concerns continue."));
        Ok(e.CompleteAssessment(Teacher, Level3, AbsentParentInvolvement.WasInvolved, "Needs identified."));
        Ok(e.ChooseNextStep(Teacher, NextStep.SingleAgencySupport, "CAMHS and the family."));

        var refused = e.AgreePlan(Teacher, EpisodePlans.WithCamhs(seeds.Today), "CAMHS offered sessions.");

        Assert.Equal("SHARE-01", refused.Refusal.RuleId);
        Assert.DoesNotContain(seeds.Audit.Entries, a => a.Agency == TestIds.Camhs && a.Decision.Granted);
        Assert.Contains(seeds.Audit.Entries, a => a.Agency == TestIds.School && a.Items.HasFlag(SharedItems.Assessment) && a.Decision.Granted);
    }

    [Fact]
    [Trait("Rule", "CONS-09")]
    public void CONS09_the_consent_record_says_sharing_was_explained_and_a_consent_given_without_the_explanation_is_refused()
    {
        var seeds = new Seeds();
        var e = seeds.Identified();
        var count = e.Events.Count;

        var refused = e.RecordConsent(Teacher, MotherWritten() with { SharingExplained = false }, "Mum agreed to the assessment.");

        Assert.Equal(("CONS-09", "record.sharingExplained"), Of(refused));
        Assert.Equal(count, e.Events.Count);
        Ok(e.RecordConsent(Teacher, MotherWritten() with { SharingExplained = true }, "Explained that the school will share with health visiting."));
        Assert.True(e.Consent.Records[^1].SharingExplained);
        var json = EpisodeJson.SerializeEvent(e.Events[^1]);
        Assert.Contains("\"sharingExplained\":true", json, StringComparison.Ordinal);
    }

    [Fact]
    [Trait("Rule", "CONS-09")]
    public void CONS09_Mums_consent_recorded_without_saying_whether_sharing_was_explained_is_refused_a_refusal_need_not_say()
    {
        var e = new Seeds().Identified();
        var count = e.Events.Count;

        var refused = e.RecordConsent(Teacher, MotherVerbal() with { SharingExplained = null }, "Mum agreed at the school gate.");

        Assert.Equal(("CONS-09", "record.sharingExplained"), Of(refused));
        Assert.Equal(count, e.Events.Count);
        Ok(e.RecordConsent(Teacher, MotherVerbal() with { SharingExplained = null, Decision = ConsentDecision.Refused }, "Mum does not want an assessment."));
    }

    [Fact]
    [Trait("Rule", "CONS-09")]
    public void CONS09_a_consent_stored_before_CONS09_was_required_still_reads_back_one_stored_as_not_explained_does_not()
    {
        var seeds = new Seeds();
        var history = seeds.PlanActive().Events.ToImmutableArray();
        var at = history.Select((ev, i) => (ev, i)).Single(x => x.ev is ConsentRecorded).i;
        var consent = (ConsentRecorded)history[at];

        var stored = history.SetItem(at, consent with { Record = consent.Record with { SharingExplained = null } });
        var notExplained = history.SetItem(at, consent with { Record = consent.Record with { SharingExplained = false } });

        Assert.Null(CafEpisode.Rebuild(seeds.Policy, stored).Consent.Records[0].SharingExplained);
        Assert.DoesNotContain("sharingExplained", EpisodeJson.SerializeEvent(stored[at]), StringComparison.Ordinal); // the old shape, unchanged
        var failure = CafEpisode.Replay(seeds.Policy, notExplained).Failure!;
        Assert.Equal(("CONS-09", "record.sharingExplained"), (failure.RuleId, failure.Field));
    }

    [Property(MaxTest = 100)]
    [Trait("Rule", "CONS-09")]
    public bool CONS09_a_given_consent_is_accepted_exactly_when_its_record_says_sharing_was_explained(bool written, bool? explained, bool given)
    {
        var e = new Seeds().Identified();
        var record = (written ? MotherWritten() : MotherVerbal()) with
        {
            SharingExplained = explained,
            Decision = given ? ConsentDecision.Given : ConsentDecision.Refused,
        };
        var accepted = e.RecordConsent(Teacher, record, "Recorded.").IsSuccess;
        return accepted == (explained == true || !given);
    }

    private static (string, string?) Of(Caf.Core.Primitives.Result r) => (r.Refusal.RuleId, r.Refusal.Field);
}
