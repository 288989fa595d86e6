using System;
using System.Collections.Immutable;
using System.Linq;
using Caf.Core.Closure;
using Caf.Core.Lifecycle;
using Caf.Core.Planning;
using Caf.Core.Primitives;
using Caf.Core.Tests.Planning;
using Caf.Core.Tests.Support;
using static Caf.Core.Tests.Planning.PlanFixtures;

namespace Caf.Core.Tests.Closure;

internal static class ClosureFixtures
{
    public static readonly ClosureCheck Check = ClosureCheck.Default();
    public static readonly Actor Lp = TestIds.TeacherAtSchool;
    public static readonly Actor OtherPractitioner = new(TestIds.HealthVisitor, TestIds.HealthVisiting);
    public static readonly Actor SupervisorActor = new(Supervisor, TestIds.School);
    public static readonly DateOnly ReviewDay = AgreedOn.AddDays(42);

    public static ClosureFacts Facts(ActionPlan? plan, params ReviewRecord[] reviews) => new()
    {
        CurrentPlan = plan,
        ReviewsOfCurrentPlan = [.. reviews],
        LeadProfessionalAppointed = true,
        ChildAgeOnClosure = 9,
        ClosingBy = Lp,
        LeadProfessional = Lp,
        LeadProfessionalSupervisor = Supervisor,
    };

    public static ClosureRequest Request(string code, params ClosureCriterion[] criteria) => new()
    {
        Criteria = [.. criteria],
        OutcomeCode = code,
        HowWillYouKnow = "Jamie's attendance is 97% this half term and mornings are calm; the family agree things have improved.",
    };

    /// <summary>A review that found 2 of the 3 intended outcomes achieved (most).</summary>
    public static ReviewRecord MostAchieved(ActionPlan plan) =>
        Review(plan, ReviewDay, ReviewProgress.Sufficient, ActionProgress.Done, "attendance", "sleep") with { NextReviewDue = null, DecidedToClose = true };

    public static ActionPlan FamilyOnlyPlan() => Plan(FamilyRoutine, ChildClub);

    public static ActionPlan SingleServicePlan() => Plan(FamilyRoutine, SchoolMentor);
}
