using System;
using System.Collections.Immutable;
using System.Linq;
using Caf.Core.Lifecycle;
using Caf.Core.Planning;
using Caf.Core.Primitives;
using Caf.Core.Testing;
using Caf.Core.Tests.Support;

namespace Caf.Core.Tests.Planning;

/// <summary>A Bradford-style plan (002 §6): the family, the school and health visiting own actions.</summary>
internal static class PlanFixtures
{
    public static readonly DateOnly AgreedOn = new(2026, 3, 2);
    public static readonly PractitionerId Supervisor = new("pr-supervisor-khan");
    public static readonly Actor LeadProfessional = TestIds.TeacherAtSchool;

    public static IntendedOutcome Attendance => new(
        "attendance",
        "Jamie goes to school every day and is on time",
        "Mornings are calmer and Jamie gets to school",
        "Jamie's attendance is above 95% for a half term");

    public static IntendedOutcome Sleep => new(
        "sleep",
        "We all get a proper night's sleep",
        "A bedtime routine that we stick to",
        "Mum says Jamie is asleep by nine most nights");

    public static IntendedOutcome Friends => new(
        "friends",
        "Jamie has a friend to play with at break",
        "Jamie joins a lunchtime club",
        "Jamie tells us about a friend");

    public static PlanAction FamilyRoutine => new("a-routine", "Mum keeps the bedtime routine chart", ActionOwner.Family, AgreedOn.AddDays(28), serves: ["sleep"]);

    public static PlanAction ChildClub => new("a-club", "Jamie goes to the lunchtime club twice a week", ActionOwner.ChildOrYoungPerson, AgreedOn.AddDays(21), serves: ["friends"]);

    public static PlanAction SchoolMentor => new("a-mentor", "Weekly check-in with the learning mentor", ActionOwner.ForPractitioner(TestIds.Teacher, TestIds.School), AgreedOn.AddDays(14), serves: ["attendance"]) { WithinOwnersCompetence = true };

    public static PlanAction HealthVisit => new("a-hv", "Health visitor home visit about sleep", ActionOwner.ForPractitioner(TestIds.HealthVisitor, TestIds.HealthVisiting), AgreedOn.AddDays(10), serves: ["sleep"]) { WithinOwnersCompetence = true };

    public static ActionPlan Plan(params PlanAction[] actions) => new()
    {
        AgreedOn = AgreedOn,
        Outcomes = [Attendance, Sleep, Friends],
        FamilyStrengths = ["Mum is determined to get mornings right", "Grandma helps on Tuesdays"],
        ChildsViews = "Jamie says school is OK when his friend is there",
        ChildInvolvement = "Jamie came to the TAC meeting and chose his own actions.",
        Actions = [.. actions],
        ReviewArrangements = new ReviewArrangements(AgreedOn.AddDays(42), ReviewForm.Meeting, "At school, after drop-off"),
    };

    public static ActionPlan MultiAgencyPlan() => Plan(FamilyRoutine, ChildClub, SchoolMentor, HealthVisit);

    /// <summary>A review meeting of a plan that passes the check: the package's review (every action reported with one progress), chaired by the teacher, notes by the health visitor.</summary>
    public static ReviewRecord Review(ActionPlan plan, DateOnly heldOn, ReviewProgress overall, ActionProgress each = ActionProgress.InProgress, params string[] achieved) =>
        EpisodePlans.Review(plan, heldOn, overall, each, achieved) with { Chair = TestIds.Teacher, NoteTaker = TestIds.HealthVisitor };
}
