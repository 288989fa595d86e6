using System;
using System.Linq;
using Caf.Core.Closure;
using Caf.Core.Lifecycle;
using Caf.Core.Planning;
using Caf.Core.Primitives;
using Caf.Core.StepDown;

namespace Caf.Core.Tests.Support;

/// <summary>
/// Episode-level plans, reviews and closures in Bradford's words (002 §6, §8, §9) for Amy, the nine-year-old
/// of the seed situations: the school, health visiting and the family own actions.
/// </summary>
internal static class EpisodePlans
{
    public static readonly PractitionerId CamhsWorker = new("pr-camhs");

    public static IntendedOutcome Attendance => new(
        "attendance", "Amy goes to school every day", "Mornings are calmer and Amy gets to school on time",
        "Amy's attendance is above 95% for a half term");

    public static IntendedOutcome Weight => new(
        "weight", "Amy eats breakfast and grows well", "Amy has breakfast every morning",
        "Amy's weight is back on her curve at the next check");

    public static PlanAction School(DateOnly due) => new(
        "a-school", "The learning mentor checks in with Amy every Monday", ActionOwner.ForPractitioner(TestIds.Teacher, TestIds.School), due, serves: ["attendance"]);

    public static PlanAction Health(DateOnly due) => new(
        "a-health", "The health visitor weighs Amy monthly and advises on meals", ActionOwner.ForPractitioner(TestIds.HealthVisitor, TestIds.HealthVisiting), due, serves: ["weight"]);

    public static PlanAction Family(DateOnly due) => new(
        "a-family", "Mum sets an alarm and walks Amy to school", ActionOwner.Family, due, serves: ["attendance"]);

    public static PlanAction Camhs(DateOnly due) => new(
        "a-camhs", "CAMHS sees Amy for six sessions about worries", ActionOwner.ForPractitioner(CamhsWorker, TestIds.Camhs), due, serves: ["attendance"]);

    public static ActionPlan Plan(DateOnly agreedOn, params PlanAction[] actions) => new()
    {
        AgreedOn = agreedOn,
        Outcomes = [Attendance, Weight],
        FamilyStrengths = ["Mum is determined to get mornings right", "Grandma helps on Tuesdays"],
        ChildsViews = "Amy says school is OK when her friend is there",
        Actions = [.. actions],
        ReviewArrangements = new ReviewArrangements(agreedOn.AddDays(42), ReviewForm.Meeting, "At school, after drop-off"),
    };

    /// <summary>School, health visiting and the family own actions.</summary>
    public static ActionPlan MultiAgency(DateOnly agreedOn) => Plan(agreedOn, School(agreedOn.AddDays(28)), Health(agreedOn.AddDays(28)), Family(agreedOn.AddDays(14)));

    /// <summary>Only the school owns practitioner actions (CLOSE-02).</summary>
    public static ActionPlan SingleService(DateOnly agreedOn) => Plan(agreedOn, School(agreedOn.AddDays(28)), Family(agreedOn.AddDays(14)));

    /// <summary>Only the family owns actions (CLOSE-01).</summary>
    public static ActionPlan FamilyOnly(DateOnly agreedOn) => Plan(agreedOn, Family(agreedOn.AddDays(14)));

    /// <summary>CAMHS owns an action (for SHARE-01 tests).</summary>
    public static ActionPlan WithCamhs(DateOnly agreedOn) => Plan(agreedOn, Camhs(agreedOn.AddDays(28)), Family(agreedOn.AddDays(14)));

    /// <summary>The next version of a plan agreed on a date, with its first review six weeks later (PLAN-02).</summary>
    public static ActionPlan Revised(ActionPlan plan, DateOnly agreedOn) =>
        plan.Revise(agreedOn) with { ReviewArrangements = plan.ReviewArrangements with { FirstReviewDue = agreedOn.AddDays(42) } };

    /// <summary>A review meeting that fits the plan: every action reported with one progress.</summary>
    public static ReviewRecord Review(ActionPlan plan, DateOnly heldOn, ReviewProgress overall, ActionProgress each = ActionProgress.InProgress, params string[] achieved) => new()
    {
        Form = ReviewForm.Meeting,
        HeldOn = heldOn,
        Chair = TestIds.HealthVisitor,
        NoteTaker = TestIds.Teacher,
        ParentInvited = true,
        ChildInvited = true,
        Progress = [.. plan.Actions.Select(a => new ActionProgressEntry(a.Id, each))],
        OverallProgress = overall,
        OutcomesAchieved = [.. achieved],
        NextReviewDue = heldOn.AddDays(42),
    };

    /// <summary>A review that found most intended outcomes achieved and decided to close (CLOSE-C1).</summary>
    public static ReviewRecord Closing(ActionPlan plan, DateOnly heldOn) =>
        Review(plan, heldOn, ReviewProgress.Sufficient, ActionProgress.Done, "attendance", "weight") with { NextReviewDue = null, DecidedToClose = true };

    /// <summary>CLOSE-C1 with an outcome code.</summary>
    public static ClosureRequest MostOutcomesAchieved(string outcomeCode) => new()
    {
        Criteria = [ClosureCriterion.MostOutcomesAchieved],
        OutcomeCode = outcomeCode,
        HowWillYouKnow = "Amy's attendance is 97% this half term and her weight is back on her curve.",
        Explanation = outcomeCode == "resolvedOther" ? "The family moved to a school with its own pastoral support." : null,
    };

    /// <summary>CLOSE-C3: the LP and the practitioners named agree; resolved other with an explanation unless another code is given.</summary>
    public static ClosureRequest PractitionersAgree(string outcomeCode, params PractitionerId[] agreed) => new()
    {
        Criteria = [ClosureCriterion.PractitionersAgreeNoFurtherInvolvement],
        OutcomeCode = outcomeCode,
        HowWillYouKnow = "The lead professional and practitioners conclude that progress is satisfactory and further involvement is not needed.",
        Explanation = outcomeCode == "resolvedOther" ? "Family moved to a private school and declined support." : null,
        PractitionersAgreement = new([.. agreed], "The child's progress is satisfactory and further involvement is not needed."),
    };

    /// <summary>A complete step-down from CAMHS (STEP-01, STEP-02).</summary>
    public static StepDownInformation StepDown(string service = "CAMHS Bradford North") => new()
    {
        DocumentType = StepDownDocumentType.CamhsWorkCompletedLetter,
        SpecialistService = service,
        FamilyConsentsToShare = true,
        HolisticViewOfNeeds = "Amy's anxiety has eased; attendance and eating still need support.",
        ReasonForInvolvementAndDisengaging = "Referred for anxiety; six sessions completed and goals met.",
        StrengthsAndWhatWorked = "Mum follows through on routines; worry-time worked well.",
        UnmetNeedsAgreedWithFamily = "Morning routine and breakfast.",
        NeedsFamilyWantToWorkOn = "Getting to school on time.",
        FamilyLeadProfessionalPreference = "The health visitor",
    };
}
