using System;
using System.Linq;
using System.Threading.Tasks;
using Caf.Core.Consent;
using Caf.Core.Events;
using Caf.Core.Lifecycle;
using Caf.Core.Lifecycle.Events;
using Caf.Core.Primitives;
using Caf.Core.Register;
using Caf.Core.Tests.Support;
using Caf.Core.Thresholds;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using static Caf.Core.Tests.Support.Seeds;
using Result = Caf.Core.Primitives.Result;

namespace Caf.Core.Tests.Register;

/// <summary>
/// REG-03 in the seeds' situation (004, "The role of the Lead Professional": "each CAF can only be done for one child"):
/// Amy (14) is led by the health visitor, her brother Sam (9) by his school; the health visitor links their CAFs. The
/// family and environmental part of the assessment is told once, recorded on Amy's CAF, and Sam's assessment reuses it
/// through the sharing gate, judged against Sam's consent in force (the recording agency) and Amy's (Sam's team and the
/// practitioner asking).
/// </summary>
public class FamilyAssessmentSharingTests
{
    private const string Group = "family-smith";
    private const string Consent = "Consent to assess and share with partner agencies.";
    private static readonly EpisodeId Amy = new("ep-amy");
    private static readonly EpisodeId Sam = new("ep-sam");
    private static readonly AgencyId FamilySupport = new("voluntary-family-support");
    private static readonly Actor FamilyWorker = new(new PractitionerId("pr-family-worker"), FamilySupport);
    private static readonly Actor CamhsWorker = new(new PractitionerId("pr-camhs"), TestIds.Camhs);
    private static readonly ConsentRecord AmyGives = new ConsentRecord(ConsentGiverRole.YoungPerson, "Amy", ConsentDecision.Given, ConsentForm.Written, [], true) with { SharingExplained = true };
    private static readonly ThresholdFramework Framework = new ThresholdFrameworkLoader().LoadDefault().Framework;

    private static FamilyAssessment Part(string summary = "Mum says the flat is damp and money is tight since the move.") =>
        FamilyAssessment.From(Framework, ["BFD-12", "BFD-09"], summary).Value;

    private sealed class World
    {
        public Seeds Seeds { get; } = new();

        public InMemoryEpisodeRepository Store { get; }

        public CafRegister Register { get; }

        public World()
        {
            Store = new InMemoryEpisodeRepository(Seeds.Policy);
            Register = new CafRegister(Store, Seeds.Policy);
        }

        public CafEpisode Get(EpisodeId id) => Store.GetAsync(id).AsTask().Result!;

        // Amy (14, the health visitor leads) and Sam (9, his school leads), each with the mother's consent, linked by the health visitor.
        public async Task<World> LinkedAsync(bool link = true)
        {
            var amy = CafEpisode.IdentifyConcern(Seeds.Policy, Amy, new ChildDetails(TestIds.Child, new DateOnly(2011, 9, 1)), HealthVisitor, "Low mood and missing school.");
            Ok(amy.RecordConsent(HealthVisitor, MotherWritten(), Consent));
            Ok(amy.RecordConsent(HealthVisitor, AmyGives, Consent));
            Ok(amy.StartAssessment(HealthVisitor, "Mrs Smith and Amy agreed to an assessment."));
            var sam = CafEpisode.IdentifyConcern(Seeds.Policy, Sam, new ChildDetails(new ChildId("child-002"), new DateOnly(2016, 4, 1)), Teacher, "Falling attendance.");
            Ok(sam.RecordConsent(Teacher, MotherWritten(), Consent));
            Ok(await Store.AddAsync(amy));
            Ok(await Store.AddAsync(sam));
            Seeds.Time.Advance(TimeSpan.FromDays(1));
            if (link)
            {
                Ok(await Register.LinkFamilyAsync(Group, HealthVisitor, [Amy, Sam]));
                Seeds.Time.Advance(TimeSpan.FromDays(1));
            }

            return this;
        }

        public async Task RecordOnAmyAsync(Actor by, FamilyAssessment? part = null)
        {
            Ok(await Register.ExecuteAsync(Amy, e => e.RecordFamilyAssessment(by, part ?? Part(), "Met Mrs Smith at home with both children.")));
            Seeds.Time.Advance(TimeSpan.FromHours(2));
        }

        public Task<Result<FamilyAssessment>> ReuseForSamAsync(Actor? by = null) =>
            Register.ReuseFamilyAssessmentAsync(Sam, by ?? Teacher, "Sam's assessment: the family's part was told once, on Amy's CAF.").AsTask();
    }

    [Trait("Rule", "REG-03")]
    [Trait("Rule", "SHARE-03")]
    [Fact]
    public async Task REG03_the_family_part_is_told_once_on_amys_CAF_and_reused_by_sams_assessment()
    {
        var w = await new World().LinkedAsync();
        await w.RecordOnAmyAsync(HealthVisitor);
        var amyVersion = w.Get(Amy).Version;

        var reused = await w.ReuseForSamAsync();

        Assert.True(reused.IsSuccess, reused.ToString());
        Assert.Equal(Part(), reused.Value);
        var sam = w.Get(Sam);
        Assert.Equal(Part(), sam.FamilyAssessment);
        Assert.Equal(["BFD-09", "BFD-12"], sam.FamilyAssessment!.IndicatorIds.ToArray());
        var e = Assert.IsType<FamilyAssessmentReused>(sam.Events[^1]);
        Assert.Equal((Group, Amy, HealthVisitor, Teacher), (e.FamilyGroup, e.Source, e.RecordedBy, e.Actor));
        Assert.Equal(amyVersion, w.Get(Amy).Version); // recorded once: Amy's CAF is not written again
        Assert.Equal(Part(), w.Get(Amy).FamilyAssessment);

        // SHARE-03/04: Sam's consent covered the recording agency; Amy's covered Sam's team (the school, also the caller).
        Assert.Contains(w.Seeds.Audit.Entries, a => a.Episode == Sam && a.Agency == TestIds.HealthVisiting && a.Purpose == SharingPurpose.FamilyLink
            && a.Decision.Granted && a.Items == SharedItems.FamilyInformation);
        Assert.Contains(w.Seeds.Audit.Entries, a => a.Episode == Amy && a.Agency == TestIds.School && a.Purpose == SharingPurpose.FamilyLink
            && a.Decision.Granted && a.Items == SharedItems.FamilyInformation && a.DecidedAt == e.OccurredAt);

        // The stored history replays through the same pipeline.
        var back = EpisodeJson.Deserialize(w.Seeds.Policy, EpisodeJson.Serialize(sam));
        Assert.Equal(Part(), back.FamilyAssessment);
    }

    [Trait("Rule", "REG-03")]
    [Fact]
    public async Task REG03_the_latest_part_recorded_for_the_family_is_the_one_reused()
    {
        var w = await new World().LinkedAsync();
        await w.RecordOnAmyAsync(HealthVisitor);
        await w.RecordOnAmyAsync(FamilyWorker, Part("Housing officer visited: the family is on the transfer list."));

        Assert.Equal("Housing officer visited: the family is on the transfer list.", (await w.ReuseForSamAsync()).Value.Summary);
        Assert.Equal(FamilyWorker, Assert.IsType<FamilyAssessmentReused>(w.Get(Sam).Events[^1]).RecordedBy);
    }

    [Trait("Rule", "REG-03")]
    [Fact]
    public async Task REG03_without_a_family_link_or_a_recorded_part_there_is_nothing_to_record_or_reuse()
    {
        var unlinked = await new World().LinkedAsync(link: false);
        var notLinked = await unlinked.Register.ExecuteAsync(Amy, e => e.RecordFamilyAssessment(HealthVisitor, Part(), "Home visit."));
        Assert.Equal(("REG-03", "familyGroup"), (notLinked.Refusal.RuleId, notLinked.Refusal.Field));
        Assert.Equal(("REG-03", "familyGroup"), ((await unlinked.ReuseForSamAsync()).Refusal.RuleId, (await unlinked.ReuseForSamAsync()).Refusal.Field));

        var linked = await new World().LinkedAsync();
        var nothing = await linked.ReuseForSamAsync();
        Assert.Equal("REG-03", nothing.Refusal.RuleId);
        Assert.Contains("No family and environmental part", nothing.Refusal.Message, StringComparison.Ordinal);
        Assert.Null(linked.Get(Sam).FamilyAssessment);

        // Reused from a sibling, not from the episode's own part.
        await linked.RecordOnAmyAsync(HealthVisitor);
        Assert.Equal("REG-03", (await linked.Register.ReuseFamilyAssessmentAsync(Amy, HealthVisitor, "Again.")).Refusal.RuleId);
    }

    [Trait("Rule", "REG-03")]
    [Trait("Rule", "SHARE-01")]
    [Fact]
    public async Task REG03_a_sibling_whose_consent_excludes_the_recording_agency_does_not_receive_the_part()
    {
        var w = await new World().LinkedAsync();
        await w.RecordOnAmyAsync(FamilyWorker);
        Ok(await w.Register.ExecuteAsync(Sam, e => e.RecordConsent(Teacher, MotherWritten(FamilySupport), "Mum does not want the family support service involved with Sam.")));
        Assert.Equal(Group, w.Get(Sam).FamilyGroup); // family support is on neither team: the link stands

        var refused = await w.ReuseForSamAsync();

        Assert.Equal(("SHARE-01", "familyGroup"), (refused.Refusal.RuleId, refused.Refusal.Field));
        Assert.Null(w.Get(Sam).FamilyAssessment);
        Assert.DoesNotContain(w.Get(Sam).Events, x => x is FamilyAssessmentReused);
        Assert.Contains(w.Seeds.Audit.Entries, a => a.Episode == Sam && a.Agency == FamilySupport && a.Purpose == SharingPurpose.FamilyLink && !a.Decision.Granted);
    }

    [Trait("Rule", "REG-03")]
    [Trait("Rule", "CONS-07")]
    [Fact]
    public async Task REG03_after_the_siblings_consent_is_withdrawn_the_part_is_not_received()
    {
        var w = await new World().LinkedAsync();
        await w.RecordOnAmyAsync(HealthVisitor);
        Ok(await w.Register.ExecuteAsync(Sam, e => e.WithdrawConsent(Teacher,
            new ConsentWithdrawal(ConsentGiverRole.ParentWithParentalResponsibility, "We do not want the CAF any more.") { Name = "Ms Smith" })));

        Assert.True((await w.ReuseForSamAsync()).IsRefused);
        Assert.Null(w.Get(Sam).FamilyAssessment);
    }

    [Trait("Rule", "REG-03")]
    [Trait("Rule", "SHARE-01")]
    [Fact]
    public async Task REG03_the_source_siblings_consent_must_cover_the_practitioner_asking()
    {
        var w = await new World().LinkedAsync();
        await w.RecordOnAmyAsync(HealthVisitor);
        Ok(await w.Register.ExecuteAsync(Amy, e => e.RecordConsent(HealthVisitor, AmyGives with { ExcludedAgencies = [TestIds.Camhs] }, "Amy does not want CAMHS told.")));
        Assert.Equal(Group, w.Get(Sam).FamilyGroup); // CAMHS is on neither team

        var refused = await w.ReuseForSamAsync(CamhsWorker);

        Assert.Equal("SHARE-01", refused.Refusal.RuleId);
        Assert.Contains(TestIds.Child.Value, refused.Refusal.Message, StringComparison.Ordinal);
        Assert.Null(w.Get(Sam).FamilyAssessment);
        Assert.Contains(w.Seeds.Audit.Entries, a => a.Episode == Amy && a.Agency == TestIds.Camhs && a.Purpose == SharingPurpose.FamilyLink && !a.Decision.Granted);
    }

    [Trait("Rule", "REG-03")]
    [Trait("Rule", "LIFE-11")]
    [Fact]
    public async Task REG03_a_stored_history_holding_a_part_the_consent_did_not_cover_is_refused_on_replay()
    {
        var w = await new World().LinkedAsync();
        Ok(await w.Register.ExecuteAsync(Sam, e => e.RecordConsent(Teacher, MotherWritten(FamilySupport), "Not the family support service.")));
        var sam = w.Get(Sam);
        var at = sam.Events[^1].OccurredAt.AddHours(1);
        w.Seeds.Time.Advance(TimeSpan.FromHours(2));
        CafEvent forged = new FamilyAssessmentReused(Sam, at, Teacher, Group, Amy, FamilyWorker, at.AddHours(-1), Part(), "Forged.");

        Assert.Equal("SHARE-01", CafEpisode.Replay(w.Seeds.Policy, [.. sam.Events, forged]).Failure!.RuleId);
        var ownSource = new FamilyAssessmentReused(Sam, at, Teacher, Group, Sam, HealthVisitor, at.AddHours(-1), Part(), "Forged.");
        Assert.Equal("LIFE-11", CafEpisode.Replay(w.Seeds.Policy, [.. sam.Events, ownSource]).Failure!.RuleId);
        var otherGroup = new FamilyAssessmentRecorded(Sam, at, Teacher, "family-jones", Part(), "Forged.");
        Assert.Equal("REG-03", CafEpisode.Replay(w.Seeds.Policy, [.. sam.Events, otherGroup]).Failure!.RuleId);
    }

    [Trait("Rule", "REG-03")]
    [Fact]
    public void REG03_the_shared_part_holds_only_family_and_environmental_indicators_of_the_framework()
    {
        var child = FamilyAssessment.From(Framework, ["BFD-12", "LEI-01"], "Damp flat.");
        Assert.Equal(("REG-03", "indicatorIds[1]"), (child.Refusal.RuleId, child.Refusal.Field));
        Assert.Equal("indicatorIds[0]", FamilyAssessment.From(Framework, ["NOPE-1"], "Damp flat.").Refusal.Field);
        Assert.Equal("summary", FamilyAssessment.From(Framework, ["BFD-12"], " ").Refusal.Field);
        var part = FamilyAssessment.From(Framework, ["BFD-12", "BFD-09", "BFD-12"], " Damp flat. ").Value;
        Assert.Equal((Framework.Id, Framework.Version, "Damp flat."), (part.FrameworkId, part.FrameworkVersion, part.Summary));
        Assert.Equal(["BFD-09", "BFD-12"], part.IndicatorIds.ToArray());
        Assert.All(part.IndicatorIds, id => Assert.Equal(FamilyAssessment.DomainId, Framework.Indicators.Single(i => i.Id == id).Domain));
    }

    public enum SamsConsent { Unchanged, ParentExcludes, Withdrawn, Refused }

    public static class Situations
    {
        public static Arbitrary<(int Recorder, SamsConsent Consent, int Excluded)> All() =>
            Arb.From(from recorder in Gen.Choose(0, 2)
                     from consent in Gen.Elements(Enum.GetValues<SamsConsent>().AsEnumerable())
                     from excluded in Gen.Choose(0, 2)
                     select (recorder, consent, excluded));
    }

    /// <summary>
    /// Whoever recorded the part, and whatever happened to Sam's consent since: a sibling whose consent in force excludes
    /// the recording agency, or was withdrawn or refused, never receives the shared part (no event, no part on the episode,
    /// a refusal); one whose consent covers it, still linked, does.
    /// </summary>
    [Trait("Rule", "REG-03")]
    [Trait("Rule", "SHARE-01")]
    [Property(Arbitrary = [typeof(Situations)], MaxTest = 60)]
    public bool REG03_a_sibling_whose_consent_excludes_the_recording_agency_or_is_withdrawn_never_receives_the_part((int Recorder, SamsConsent Consent, int Excluded) s)
    {
        Actor[] recorders = [HealthVisitor, FamilyWorker, CamhsWorker];
        AgencyId[] agencies = [TestIds.HealthVisiting, FamilySupport, TestIds.Camhs];
        var recorder = recorders[s.Recorder];
        var w = new World().LinkedAsync().GetAwaiter().GetResult();
        w.RecordOnAmyAsync(recorder).GetAwaiter().GetResult();
        _ = s.Consent switch
        {
            SamsConsent.ParentExcludes => w.Register.ExecuteAsync(Sam, e => e.RecordConsent(Teacher, MotherWritten(agencies[s.Excluded]), Consent)).AsTask().Result,
            SamsConsent.Withdrawn => w.Register.ExecuteAsync(Sam, e => e.WithdrawConsent(Teacher,
                new ConsentWithdrawal(ConsentGiverRole.ParentWithParentalResponsibility, "No more.") { Name = "Ms Smith" })).AsTask().Result,
            SamsConsent.Refused => w.Register.ExecuteAsync(Sam, e => e.RecordConsent(Teacher, MotherWritten() with { Decision = ConsentDecision.Refused }, "Mum refuses.")).AsTask().Result,
            _ => Result.Ok,
        };
        w.Seeds.Time.Advance(TimeSpan.FromHours(1));

        var reused = w.ReuseForSamAsync().GetAwaiter().GetResult();
        var sam = w.Get(Sam);
        var received = sam.FamilyAssessment is not null || sam.Events.Any(e => e is FamilyAssessmentReused);
        var barred = s.Consent is SamsConsent.Withdrawn or SamsConsent.Refused
            || (s.Consent == SamsConsent.ParentExcludes && agencies[s.Excluded] == recorder.Agency);
        if (barred)
        {
            return reused.IsRefused && !received;
        }

        // Otherwise it is received exactly when the link still stands (an exclusion of Amy's lead agency ends the link).
        var linked = sam.FamilyGroup == Group;
        return linked ? reused.IsSuccess && received && sam.FamilyAssessment == Part() : reused.IsRefused && !received;
    }
}
