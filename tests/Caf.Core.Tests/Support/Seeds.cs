using System;
using System.Collections.Immutable;
using Caf.Core.Consent;
using Caf.Core.LeadProfessional;
using Caf.Core.Lifecycle;
using Caf.Core.Primitives;
using Caf.Core.Testing;
using Caf.Core.Thresholds;
using Microsoft.Extensions.Time.Testing;

namespace Caf.Core.Tests.Support;

/// <summary>
/// The seed situations used across lifecycle tests: a primary-school teacher (Bradford 002 §2) identifies
/// needs for a nine-year-old; the mother has parental responsibility.
/// </summary>
internal sealed class Seeds
{
    public static readonly DateTimeOffset Start = new(2026, 3, 2, 9, 0, 0, TimeSpan.Zero);

    public Seeds()
    {
        Time = new FakeTimeProvider(Start);
        Audit = new InMemorySharingAuditLog();
        Policy = EpisodePolicy.Default(Time, Audit);
    }

    /// <summary>Seeds under other options (and, optionally, an authority's closure taxonomy).</summary>
    public Seeds(Caf.Core.Configuration.CafOptions options, Caf.Core.Closure.ClosureTaxonomy? taxonomy = null)
    {
        Time = new FakeTimeProvider(Start);
        Audit = new InMemorySharingAuditLog();
        Policy = new EpisodePolicy(options, Time, new SharingService(Audit, Time, new ConsentPolicy(options.Consent)),
            taxonomy ?? Caf.Core.Closure.ClosureTaxonomy.Default);
    }

    public FakeTimeProvider Time { get; }

    public InMemorySharingAuditLog Audit { get; }

    public EpisodePolicy Policy { get; }

    /// <summary>Today on the seeds' clock.</summary>
    public DateOnly Today => DateOnly.FromDateTime(Time.GetUtcNow().UtcDateTime);

    public static Actor Teacher => TestIds.TeacherAtSchool;

    public static Actor HealthVisitor => new(TestIds.HealthVisitor, TestIds.HealthVisiting);

    public static ChildDetails NineYearOld => new(TestIds.Child, new DateOnly(2016, 9, 1));

    public static ConsentRecord MotherVerbal(params AgencyId[] excluded) =>
        new ConsentRecord(ConsentGiverRole.ParentWithParentalResponsibility, "Ms Smith", ConsentDecision.Given, ConsentForm.Verbal, [.. excluded]) with { SharingExplained = true };

    public static ConsentRecord MotherWritten(params AgencyId[] excluded) =>
        new ConsentRecord(ConsentGiverRole.ParentWithParentalResponsibility, "Ms Smith", ConsentDecision.Given, ConsentForm.Written, [.. excluded]) with { SharingExplained = true };

    /// <summary>A practitioner working with the family, trained, with room on their caseload (LP-03, LP-04).</summary>
    public static Caf.Core.LeadProfessional.LeadProfessionalCandidate Nominee(PractitionerId practitioner, AgencyId agency) =>
        CafCatalogue.Nominee(new Actor(practitioner, agency));

    public static AssessmentSummary Level3 => new("default", "1.0.0", ThresholdLevel.Complex, ThresholdRoute.CafMultiAgency, ImmutableArray.Create("attendance", "behaviour"));

    public CafEpisode Identified(EpisodeId? id = null) =>
        CafEpisode.IdentifyConcern(Policy, id ?? new EpisodeId("ep-1"), NineYearOld, Teacher, "Falling attendance and withdrawn in class.");

    public CafEpisode Assessing()
    {
        var e = Identified();
        Ok(e.RecordConsent(Teacher, MotherWritten(), "Consent to assess and share with partner agencies."));
        Ok(e.StartAssessment(Teacher, "Concerns about attendance and wellbeing: assessment agreed with the family."));
        return e;
    }

    public CafEpisode Assessed()
    {
        var e = Assessing();
        Time.Advance(TimeSpan.FromDays(10));
        Ok(e.CompleteAssessment(Teacher, Level3, AbsentParentInvolvement.WasInvolved, "Needs identified across school and health."));
        return e;
    }

    /// <summary>Multi-agency plan with an appointed LP (the health visitor): school, health visiting and the family own actions.</summary>
    public CafEpisode PlanActive()
    {
        var e = Assessed();
        Ok(e.ChooseNextStep(Teacher, NextStep.MultiAgencySupport, "Needs span school and health."));
        Ok(e.AppointLeadProfessional(Teacher, Nominee(TestIds.HealthVisitor, TestIds.HealthVisiting), new PractitionerId("pr-supervisor"), new FamilyAgreement("Mother agreed at the TAC meeting."), "Sees the family weekly."));
        Ok(e.AgreePlan(Teacher, EpisodePlans.MultiAgency(Today), "Agreed with Mum and Amy at the TAC meeting."));
        return e;
    }

    public static void Ok(Result result) => Assert.True(result.IsSuccess, result.ToString());
}
