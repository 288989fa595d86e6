using System;
using System.Collections.Generic;
using Caf.Core.Reporting;
using Caf.Core.Thresholds;
using Caf.Core.Consent;
using Caf.Core.Lifecycle;
using Caf.Core.Primitives;

namespace Caf.Core.EntityFrameworkCore.Tests.Support;

/// <summary>The seed situation: a primary-school teacher identifies needs for a nine-year-old; the mother consents.</summary>
public static class Episodes
{
    public static readonly DateTimeOffset Start = new(2026, 3, 2, 9, 0, 0, TimeSpan.Zero);
    public static readonly AgencyId School = new("school-oakfield-primary");
    public static readonly AgencyId HealthVisiting = new("health-visiting");
    public static readonly Actor Teacher = new(new PractitionerId("pr-teacher-jones"), School);

    /// <summary>The report projector of the tests: the default framework; the school is a primary school, every other agency "other".</summary>
    public static readonly IEpisodeReportProjector Projector = EpisodeReportProjector.FromTable(
        new ThresholdFrameworkLoader().LoadDefault().Framework,
        new Dictionary<AgencyId, InitiatingSetting> { [School] = InitiatingSetting.PrimarySchool });

    public static ChildDetails Child(string id) => new(new ChildId(id), new DateOnly(2016, 9, 1));

    public static CafEpisode Identified(EpisodePolicy policy, string id, string child = "child-001") =>
        CafEpisode.IdentifyConcern(policy, new EpisodeId(id), Child(child), Teacher, "Falling attendance and withdrawn in class.");

    public static ConsentRecord MotherWritten(params AgencyId[] excluded) =>
        new(ConsentGiverRole.ParentWithParentalResponsibility, "Ms Smith", ConsentDecision.Given, ConsentForm.Written, [.. excluded]);

    public static void Ok(Result result) => Assert.True(result.IsSuccess, result.ToString());
}
