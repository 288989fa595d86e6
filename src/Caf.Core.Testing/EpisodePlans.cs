using System;
using System.Linq;
using Caf.Core.Annotations;
using Caf.Core.Closure;
using Caf.Core.Lifecycle;
using Caf.Core.Planning;
using Caf.Core.Primitives;
using Caf.Core.StepDown;

namespace Caf.Core.Testing;

/// <summary>
/// Plans, reviews, closure requests and step-down information in Bradford's words (seed 002 §6, §8, §9) for Amy, the
/// nine-year-old of the seed situations: two intended outcomes (attendance, weight) and actions owned by the school's
/// teacher, the health visitor, a CAMHS worker and the family (<see cref="CafCatalogue"/>). The episode commands
/// (<see cref="EpisodeCommands"/>) agree, review and close with these; an example or property can use them directly.
/// The values are complete as the library checks them (PLAN-01, PLAN-02, REV-01, STEP-01), except where a member
/// says it is refused; whether a command takes them depends on the episode (its state, plan and consent).
/// </summary>
/// <example><code>
/// var plan = EpisodePlans.MultiAgency(world.Today);
/// episode.AgreePlan(CafCatalogue.Teacher, plan, "Agreed at the TAC meeting.");
/// episode.HoldReview(CafCatalogue.Teacher, EpisodePlans.Review(plan, world.Today, ReviewProgress.Sufficient));
/// </code></example>
/// <threadsafety>This type is immutable and thread-safe.</threadsafety>
[Immutable]
public static class EpisodePlans
{
    /// <summary>The intended outcome "attendance": Amy goes to school every day.</summary>
    public static IntendedOutcome Attendance => new(
        "attendance", "Amy goes to school every day", "Mornings are calmer and Amy gets to school on time", "Amy's attendance is above 95% for a half term");

    /// <summary>The intended outcome "weight": Amy eats breakfast and grows well.</summary>
    public static IntendedOutcome Weight => new(
        "weight", "Amy eats breakfast and grows well", "Amy has breakfast every morning", "Amy's weight is back on her curve at the next check");

    /// <summary>Action "a-school": the teacher (the learning mentor) checks in with Amy every Monday; serves attendance; within her competence (LP-12).</summary>
    /// <param name="due">When the action is due.</param>
    /// <returns>The action.</returns>
    public static PlanAction School(DateOnly due) => new(
        "a-school", "The learning mentor checks in with Amy every Monday", ActionOwner.ForPractitioner(CafCatalogue.Teacher), due, serves: ["attendance"]) { WithinOwnersCompetence = true };

    /// <summary>Action "a-health": the health visitor weighs Amy monthly; serves weight; within her competence (LP-12).</summary>
    /// <param name="due">When the action is due.</param>
    /// <returns>The action.</returns>
    public static PlanAction Health(DateOnly due) => new(
        "a-health", "The health visitor weighs Amy monthly and advises on meals", ActionOwner.ForPractitioner(CafCatalogue.HealthVisitor), due, serves: ["weight"]) { WithinOwnersCompetence = true };

    /// <summary>Action "a-family": Mum walks Amy to school; serves attendance.</summary>
    /// <param name="due">When the action is due.</param>
    /// <returns>The action.</returns>
    public static PlanAction Family(DateOnly due) => new(
        "a-family", "Mum sets an alarm and walks Amy to school", ActionOwner.Family, due, serves: ["attendance"]);

    /// <summary>Action "a-camhs": the CAMHS worker sees Amy for six sessions; serves attendance (an agency a family may exclude: SHARE-01); within the worker's competence (LP-12).</summary>
    /// <param name="due">When the action is due.</param>
    /// <returns>The action.</returns>
    public static PlanAction Camhs(DateOnly due) => new(
        "a-camhs", "CAMHS sees Amy for six sessions about worries", ActionOwner.ForPractitioner(CafCatalogue.CamhsWorker), due, serves: ["attendance"]) { WithinOwnersCompetence = true };

    /// <summary>
    /// A plan agreed on a date with both intended outcomes, the family's strengths, the child's views and these
    /// actions, its first review a meeting six weeks later (PLAN-01, PLAN-02). With no actions it is refused (PLAN-02).
    /// </summary>
    /// <param name="agreedOn">The day the plan is agreed.</param>
    /// <param name="actions">The actions.</param>
    /// <returns>The plan.</returns>
    public static ActionPlan Plan(DateOnly agreedOn, params PlanAction[] actions) => new()
    {
        AgreedOn = agreedOn,
        Outcomes = [Attendance, Weight],
        FamilyStrengths = ["Mum is determined to get mornings right", "Grandma helps on Tuesdays"],
        ChildsViews = "Amy says school is OK when her friend is there",
        ChildInvolvement = "Amy drew her ideas at the TAC meeting and chose the breakfast club action.",
        Actions = [.. actions],
        ReviewArrangements = new ReviewArrangements(agreedOn.AddDays(42), ReviewForm.Meeting, "At school, after drop-off"),
    };

    /// <summary>School, health visiting and the family own actions (a multi-agency plan, CLOSE-03).</summary>
    /// <param name="agreedOn">The day the plan is agreed (actions due two and four weeks later).</param>
    /// <returns>The plan.</returns>
    public static ActionPlan MultiAgency(DateOnly agreedOn) => Plan(agreedOn, School(agreedOn.AddDays(28)), Health(agreedOn.AddDays(28)), Family(agreedOn.AddDays(14)));

    /// <summary>Only the school owns practitioner actions, with the family (CLOSE-02).</summary>
    /// <param name="agreedOn">The day the plan is agreed.</param>
    /// <returns>The plan.</returns>
    public static ActionPlan SingleService(DateOnly agreedOn) => Plan(agreedOn, School(agreedOn.AddDays(28)), Family(agreedOn.AddDays(14)));

    /// <summary>Only the family owns actions (CLOSE-01).</summary>
    /// <param name="agreedOn">The day the plan is agreed.</param>
    /// <returns>The plan.</returns>
    public static ActionPlan FamilyOnly(DateOnly agreedOn) => Plan(agreedOn, Family(agreedOn.AddDays(14)));

    /// <summary>CAMHS owns an action, with the family (refused where the family excluded CAMHS: SHARE-01).</summary>
    /// <param name="agreedOn">The day the plan is agreed.</param>
    /// <returns>The plan.</returns>
    public static ActionPlan WithCamhs(DateOnly agreedOn) => Plan(agreedOn, Camhs(agreedOn.AddDays(28)), Family(agreedOn.AddDays(14)));

    /// <summary>The next version of a plan, agreed on a date, with its first review six weeks later (PLAN-02).</summary>
    /// <param name="plan">The plan in force.</param>
    /// <param name="agreedOn">The day the revision is agreed.</param>
    /// <returns>The revised plan (the same actions and outcomes).</returns>
    public static ActionPlan Revised(ActionPlan plan, DateOnly agreedOn)
    {
        ArgumentNullException.ThrowIfNull(plan);
        return plan.Revise(agreedOn) with { ReviewArrangements = plan.ReviewArrangements with { FirstReviewDue = agreedOn.AddDays(42) } };
    }

    /// <summary>
    /// A review meeting that fits the plan (REV-01): chaired by the health visitor, notes by the teacher, parent and
    /// child invited, every action reported with one progress, the next review six weeks later.
    /// </summary>
    /// <param name="plan">The plan reviewed.</param>
    /// <param name="heldOn">The day of the meeting.</param>
    /// <param name="overall">The overall progress.</param>
    /// <param name="each">The progress of every action.</param>
    /// <param name="achieved">Ids of the intended outcomes achieved.</param>
    /// <returns>The review.</returns>
    public static ReviewRecord Review(ActionPlan plan, DateOnly heldOn, ReviewProgress overall, ActionProgress each = ActionProgress.InProgress, params string[] achieved)
    {
        ArgumentNullException.ThrowIfNull(plan);
        return new()
        {
            Form = ReviewForm.Meeting,
            HeldOn = heldOn,
            Chair = CafCatalogue.HealthVisitor.Practitioner,
            NoteTaker = CafCatalogue.Teacher.Practitioner,
            ParentInvited = true,
            ChildInvited = true,
            Progress = [.. plan.Actions.Select(a => new ActionProgressEntry(a.Id, each))],
            OverallProgress = overall,
            ChildInvolvement = "Amy said at the review what has helped and what has not.",
            OutcomesAchieved = [.. achieved],
            NextReviewDue = heldOn.AddDays(42),
        };
    }

    /// <summary>A review that found both intended outcomes achieved, every action done, and decided to close (CLOSE-C1).</summary>
    /// <param name="plan">The plan reviewed.</param>
    /// <param name="heldOn">The day of the meeting.</param>
    /// <returns>The review (no next review).</returns>
    public static ReviewRecord Closing(ActionPlan plan, DateOnly heldOn) =>
        Review(plan, heldOn, ReviewProgress.Sufficient, ActionProgress.Done, "attendance", "weight") with { NextReviewDue = null, DecidedToClose = true };

    /// <summary>A closure on CLOSE-C1 (most intended outcomes achieved) with an outcome code; "resolvedOther" carries an explanation.</summary>
    /// <param name="outcomeCode">The closure taxonomy's outcome code (CLOSE-10).</param>
    /// <returns>The request.</returns>
    public static ClosureRequest MostOutcomesAchieved(string outcomeCode) => new()
    {
        Criteria = [ClosureCriterion.MostOutcomesAchieved],
        OutcomeCode = outcomeCode,
        HowWillYouKnow = "Amy's attendance is 97% this half term and her weight is back on her curve.",
        Explanation = outcomeCode == "resolvedOther" ? "The family moved to a school with its own pastoral support." : null,
    };

    /// <summary>
    /// A closure on CLOSE-C3: the lead professional and the practitioners named agree no further involvement is needed;
    /// "resolvedOther" carries an explanation.
    /// </summary>
    /// <param name="outcomeCode">The closure taxonomy's outcome code (CLOSE-10).</param>
    /// <param name="agreed">The practitioners who agree (the lead professional and the plan's owners, for CLOSE-03).</param>
    /// <returns>The request.</returns>
    public static ClosureRequest PractitionersAgree(string outcomeCode, params PractitionerId[] agreed) => new()
    {
        Criteria = [ClosureCriterion.PractitionersAgreeNoFurtherInvolvement],
        OutcomeCode = outcomeCode,
        HowWillYouKnow = "The lead professional and practitioners conclude that progress is satisfactory and further involvement is not needed.",
        Explanation = outcomeCode == "resolvedOther" ? "Family moved to a private school and declined support." : null,
        PractitionersAgreement = new([.. agreed], "The child's progress is satisfactory and further involvement is not needed."),
    };

    /// <summary>
    /// Complete step-down information (STEP-01, STEP-02): a CAMHS work-completed letter with every core item and the
    /// family's consent to share; the specialist service named as given.
    /// </summary>
    /// <param name="specialistService">The specialist service stepping down (default: CAMHS Bradford North).</param>
    /// <returns>The information.</returns>
    public static StepDownInformation StepDown(string specialistService = "CAMHS Bradford North") => new()
    {
        DocumentType = StepDownDocumentType.CamhsWorkCompletedLetter,
        SpecialistService = specialistService,
        FamilyConsentsToShare = true,
        HolisticViewOfNeeds = "Amy's anxiety has eased; attendance and eating still need support.",
        ReasonForInvolvementAndDisengaging = "Referred for anxiety; six sessions completed and goals met.",
        StrengthsAndWhatWorked = "Mum follows through on routines; worry-time worked well.",
        UnmetNeedsAgreedWithFamily = "Morning routine and breakfast.",
        NeedsFamilyWantToWorkOn = "Getting to school on time.",
        FamilyLeadProfessionalPreference = "The health visitor",
    };
}
