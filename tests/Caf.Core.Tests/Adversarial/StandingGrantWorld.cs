using System;
using System.Threading.Tasks;
using Caf.Core.Consent;
using Caf.Core.Lifecycle;
using Caf.Core.Primitives;
using Caf.Core.Register;
using Caf.Core.Testing;
using Caf.Core.Tests.Support;
using static Caf.Core.Tests.Support.Seeds;

namespace Caf.Core.Tests.Adversarial;

/// <summary>
/// The world of the standing-grant matrix's own rows: Amy (14) in a register, CAMHS (the excluded agency) her lead
/// professional and on her plan, except when excluded before; for the linked sibling's way, her brother Sam (9, led by his
/// school) linked to her, then Sam's mother excludes CAMHS on Sam's episode. Every change is saved through the register
/// (<see cref="CafRegister.ExecuteAsync"/>), so the store's summaries, the family group and the audit log are as a host's.
/// The <see cref="Subject"/> is the episode whose consent excludes CAMHS (Amy's, or Sam's in the sibling's way).
/// </summary>
internal sealed class StandingGrantWorld
{
    public const string Group = "family-smith";
    private const string Why = "Consent to assess and share with partner agencies.";

    public static readonly Actor CamhsWorker = CafCatalogue.CamhsWorker;
    public static readonly AgencyId Camhs = TestIds.Camhs;
    public static readonly EpisodeId Amy = new("ep-amy");
    public static readonly EpisodeId Sam = new("ep-sam");
    public static readonly ChildDetails AmyChild = new(TestIds.Child, new DateOnly(2011, 9, 1));
    public static readonly ChildDetails SamChild = new(new ChildId("child-002"), new DateOnly(2016, 4, 1));

    private StandingGrantWorld()
    {
        Store = new InMemoryEpisodeRepository(Seeds.Policy);
        Register = new CafRegister(Store, Seeds.Policy);
    }

    public Seeds Seeds { get; } = new();

    public InMemoryEpisodeRepository Store { get; }

    public CafRegister Register { get; }

    /// <summary>The episode whose consent in force excludes CAMHS.</summary>
    public EpisodeId Subject { get; private set; }

    /// <summary>The subject's child.</summary>
    public ChildDetails SubjectChild => Subject == Sam ? SamChild : AmyChild;

    /// <summary>Who records on the subject (its lead professional's side: never CAMHS).</summary>
    public Actor By => Subject == Sam ? Teacher : HealthVisitor;

    /// <summary>The audit entries before the exclusion arose.</summary>
    public int AuditBeforeExclusion { get; private set; }

    public async Task<CafEpisode> SubjectAsync() => (await Store.GetAsync(Subject))!;

    public async Task<CafEpisode> EpisodeAsync(EpisodeId id) => (await Store.GetAsync(id))!;

    public static async Task<StandingGrantWorld> ArrangeAsync(StandingGrantMatrixTests.Way way)
    {
        var w = new StandingGrantWorld { Subject = way == StandingGrantMatrixTests.Way.OnLinkedSibling ? Sam : Amy };
        var before = way == StandingGrantMatrixTests.Way.Before;
        var amy = CafEpisode.IdentifyConcern(w.Seeds.Policy, Amy, AmyChild, HealthVisitor, "Low mood and missing school.");
        Ok(amy.RecordConsent(HealthVisitor, before ? MotherWritten(Camhs) : MotherWritten(), Why));
        Ok(amy.RecordConsent(HealthVisitor, YoungPerson(), Why));
        Ok(amy.StartAssessment(HealthVisitor, "Concerns about attendance and wellbeing: assessment agreed with the family."));
        w.Step();
        Ok(amy.CompleteAssessment(HealthVisitor, Level3, AbsentParentInvolvement.WasInvolved, "Needs identified across school and health."));
        Ok(amy.ChooseNextStep(HealthVisitor, NextStep.MultiAgencySupport, "Needs span school and health."));
        Ok(amy.AppointLeadProfessional(HealthVisitor, before ? CafCatalogue.Nominee(HealthVisitor) : CafCatalogue.Nominee(CamhsWorker),
            new PractitionerId("pr-supervisor"), new Caf.Core.LeadProfessional.FamilyAgreement("Amy and her mother agreed."), "Sees Amy weekly."));
        var today = w.Seeds.Today;
        Ok(amy.AgreePlan(HealthVisitor, EpisodePlans.Plan(today, EpisodePlans.School(today.AddDays(28)),
            before ? EpisodePlans.Health(today.AddDays(28)) : EpisodePlans.Camhs(today.AddDays(28))), "Agreed with Amy and her mother."));
        Ok(await w.Store.AddAsync(amy));
        w.Step();

        if (way == StandingGrantMatrixTests.Way.OnLinkedSibling)
        {
            var sam = CafEpisode.IdentifyConcern(w.Seeds.Policy, Sam, SamChild, Teacher, "Falling attendance.");
            Ok(sam.RecordConsent(Teacher, MotherWritten(), Why));
            Ok(sam.StartAssessment(Teacher, "Concerns about attendance: assessment agreed with the family."));
            Ok(sam.CompleteAssessment(Teacher, Level3, AbsentParentInvolvement.WasInvolved, "Needs identified across school and health."));
            Ok(sam.ChooseNextStep(Teacher, NextStep.MultiAgencySupport, "Needs span school and health."));
            Ok(sam.AppointLeadProfessional(Teacher, CafCatalogue.Nominee(Teacher), new PractitionerId("pr-supervisor"),
                new Caf.Core.LeadProfessional.FamilyAgreement("Sam and his mother agreed."), "Sees Sam daily."));
            Ok(await w.Store.AddAsync(sam));
            w.Step();
            Ok(await w.Register.LinkFamilyAsync(Group, HealthVisitor, [Amy, Sam]));
            w.Step();
            w.AuditBeforeExclusion = w.Seeds.Audit.Entries.Count;
            Ok(await w.Register.ExecuteAsync(Sam, e => e.RecordConsent(Teacher, MotherWritten(Camhs), "Mum does not want CAMHS told about Sam.")));
            w.Step();
            return w;
        }

        w.AuditBeforeExclusion = w.Seeds.Audit.Entries.Count;
        Func<CafEpisode, Result>[] changes = way switch
        {
            StandingGrantMatrixTests.Way.AfterByParent => [e => e.RecordConsent(HealthVisitor, MotherWritten(Camhs), "Mum no longer wants CAMHS involved.")],
            StandingGrantMatrixTests.Way.AfterByYoungPerson => [e => e.RecordConsent(HealthVisitor, YoungPerson(Camhs), "Amy does not want CAMHS told any more.")],
            StandingGrantMatrixTests.Way.ThenRefusalThenConsent =>
            [
                e => e.RecordConsent(HealthVisitor, MotherWritten(Camhs), "Mum no longer wants CAMHS involved."),
                e => e.RecordConsent(HealthVisitor, MotherWritten() with { Decision = ConsentDecision.Refused }, "Mum refused for a while."),
                e => e.RecordConsent(HealthVisitor, MotherWritten(), "Mum consents again."),
            ],
            StandingGrantMatrixTests.Way.ThenOverride =>
            [
                e => e.RecordConsent(HealthVisitor, MotherWritten(Camhs), "Mum no longer wants CAMHS involved."),
                e => e.RecordConsent(HealthVisitor, MotherWritten() with { Decision = ConsentDecision.Refused }, "Mum refused."),
                e => e.RecordConsent(HealthVisitor, YoungPerson() with { Decision = ConsentDecision.Refused }, "Amy refused."),
                e => e.OverrideConsent(HealthVisitor, new ConsentOverride("Disclosure of risk; the safeguarding lead decided to share.", new PractitionerId("pr-dsl"))),
            ],
            StandingGrantMatrixTests.Way.ThenWithdrawal =>
            [
                e => e.RecordConsent(HealthVisitor, MotherWritten(Camhs), "Mum no longer wants CAMHS involved."),
                e => e.WithdrawConsent(HealthVisitor, new ConsentWithdrawal(ConsentGiverRole.ParentWithParentalResponsibility, "We do not want the CAF any more.") { Name = "Ms Smith" }),
            ],
            _ => [],
        };
        foreach (var change in changes)
        {
            Ok(await w.Register.ExecuteAsync(Amy, change));
            w.Step();
        }

        return w;
    }

    public static ConsentRecord YoungPerson(params AgencyId[] excluded) =>
        new ConsentRecord(ConsentGiverRole.YoungPerson, "Amy", ConsentDecision.Given, ConsentForm.Written, [.. excluded], true) with { SharingExplained = true };

    private void Step() => Seeds.Time.Advance(TimeSpan.FromDays(1));
}
