using System;
using System.Collections.Immutable;
using System.Text.Json.Serialization;
using Ardalis.GuardClauses;
using Caf.Core.Annotations;
using Caf.Core.LeadProfessional;
using Caf.Core.Planning;
using Caf.Core.Primitives;

namespace Caf.Core.StepDown;

/// <summary>
/// STEP-03: the decision of a step-down TAC: close the potential CAF, or continue with a confirmed lead
/// professional and action plan. Either way the minimum outcome is recorded: "learning from the specialist
/// intervention is shared and the child and their family know who to go to without having to tell their
/// story again" (002 §3).
/// </summary>
/// <remarks>
/// Make one with <see cref="Close"/> or <see cref="Continue"/>; the constructor (used by JSON) throws for a
/// shape that does not fit the outcome. <see cref="Problems"/> lists what the guidance needs.
/// </remarks>
/// <threadsafety>This type is immutable and thread-safe.</threadsafety>
[Immutable]
public sealed record StepDownTacDecision
{
    /// <summary>Creates a decision; prefer <see cref="Close"/> and <see cref="Continue"/>.</summary>
    /// <param name="outcome">Close or continue.</param>
    /// <param name="learningShared">The learning from the specialist intervention was shared.</param>
    /// <param name="familyKnowWhoToGoTo">The child and family know who to go to without telling their story again.</param>
    /// <param name="leadProfessional">The confirmed lead professional; only and always when continuing.</param>
    /// <param name="plan">The confirmed CAF action plan; only and always when continuing.</param>
    /// <param name="note">What else was decided, optional.</param>
    /// <exception cref="ArgumentException">The outcome is undefined, or the LP and plan do not fit it.</exception>
    [JsonConstructor]
    public StepDownTacDecision(StepDownTacOutcome outcome, bool learningShared, bool familyKnowWhoToGoTo, Actor? leadProfessional, ActionPlan? plan, string? note)
    {
        Guard.Against.EnumOutOfRange(outcome);
        if (outcome == StepDownTacOutcome.Continue && (leadProfessional is not { IsDefault: false } || plan is null))
        {
            throw new ArgumentException("Continuing after a step-down TAC confirms a lead professional and an action plan.", nameof(leadProfessional));
        }

        if (outcome == StepDownTacOutcome.Close && (leadProfessional is not null || plan is not null))
        {
            throw new ArgumentException("Closing the potential CAF confirms no lead professional or plan.", nameof(leadProfessional));
        }

        Outcome = outcome;
        LearningShared = learningShared;
        FamilyKnowWhoToGoTo = familyKnowWhoToGoTo;
        LeadProfessional = leadProfessional;
        Plan = plan;
        Note = note;
    }

    /// <summary>Close or continue.</summary>
    public StepDownTacOutcome Outcome { get; }

    /// <summary>Minimum outcome: the learning from the specialist intervention was shared.</summary>
    public bool LearningShared { get; }

    /// <summary>Minimum outcome: the child and family know who to go to without telling their story again.</summary>
    public bool FamilyKnowWhoToGoTo { get; }

    /// <summary>The confirmed lead professional, when continuing.</summary>
    public Actor? LeadProfessional { get; }

    /// <summary>The confirmed CAF action plan, when continuing (the LP records it and informs the register).</summary>
    public ActionPlan? Plan { get; }

    /// <summary>What else was decided.</summary>
    public string? Note { get; }

    /// <summary>
    /// LP-06: the supervisor of the confirmed lead professional who confirmed they can take the role (never the
    /// nominee themselves), when continuing. Null in a decision stored before the confirmation was recorded (JSON:
    /// omitted when null); an episode refuses a new "continue" without it.
    /// </summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public PractitionerId? ConfirmedBySupervisor { get; init; }

    /// <summary>LP-05: how the child and family agreed to the confirmed lead professional, in the recorder's words, when continuing.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? FamilyAgreement { get; init; }

    /// <summary>LP-03: the confirmed lead professional already works with the family (as the directory describes them).</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public bool? NomineeWorksWithFamily { get; init; }

    /// <summary>LP-04: the confirmed lead professional is trained for the role.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public bool? NomineeIsLeadProfessionalTrained { get; init; }

    /// <summary>LP-06: how many episodes the confirmed lead professional leads now (checked against the caseload cap).</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public int? NomineeCurrentLeadCaseload { get; init; }

    /// <summary>
    /// STEP-04: the specialist service's closing meeting that stood as the TAC (the final looked-after child, child
    /// protection or child in need review), or null for a step-down TAC meeting of its own. When it continues, the plan
    /// that meeting agreed becomes the CAF action plan (version 1). JSON: <c>heldAs</c>, omitted when null.
    /// </summary>
    [JsonPropertyName("heldAs")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public SpecialistClosingMeeting? HeldAs { get; init; }

    /// <summary>No further TAC intervention is required: the potential CAF is closed.</summary>
    /// <param name="learningShared">The learning was shared.</param>
    /// <param name="familyKnowWhoToGoTo">The family know who to go to.</param>
    /// <param name="note">What else was decided.</param>
    /// <returns>The decision.</returns>
    public static StepDownTacDecision Close(bool learningShared, bool familyKnowWhoToGoTo, string? note = null) =>
        new(StepDownTacOutcome.Close, learningShared, familyKnowWhoToGoTo, null, null, note);

    /// <summary>
    /// Ongoing support: confirm the lead professional and the CAF action plan, with the nominee as the practitioner
    /// directory describes them, their supervisor's confirmation (LP-06) and how the family agreed (LP-05). The
    /// episode applies the selector's hard checks to the nominee (LP-03, LP-04, caseload cap) as on every path.
    /// </summary>
    /// <param name="nominee">The confirmed lead professional, as the directory describes them.</param>
    /// <param name="confirmedBySupervisor">Their supervisor, who confirmed they can take the role (not the nominee).</param>
    /// <param name="familyAgreement">How the family agreed.</param>
    /// <param name="plan">The confirmed plan.</param>
    /// <param name="learningShared">The learning was shared.</param>
    /// <param name="familyKnowWhoToGoTo">The family know who to go to.</param>
    /// <param name="note">What else was decided.</param>
    /// <returns>The decision.</returns>
    /// <exception cref="ArgumentException">A null argument, or a default id.</exception>
    public static StepDownTacDecision ContinueWith(
        LeadProfessionalCandidate nominee, PractitionerId confirmedBySupervisor, FamilyAgreement familyAgreement, ActionPlan plan,
        bool learningShared, bool familyKnowWhoToGoTo, string? note = null)
    {
        Guard.Against.Null(nominee);
        Guard.Against.Null(familyAgreement);
        if (confirmedBySupervisor.IsDefault)
        {
            throw new ArgumentException("The supervisor must not be default(PractitionerId).", nameof(confirmedBySupervisor));
        }

        return Continue(new Actor(nominee.Practitioner, nominee.Agency), plan, learningShared, familyKnowWhoToGoTo, note) with
        {
            ConfirmedBySupervisor = confirmedBySupervisor,
            FamilyAgreement = familyAgreement.HowAgreed,
            NomineeWorksWithFamily = nominee.IsWorkingWithFamily,
            NomineeIsLeadProfessionalTrained = nominee.IsLeadProfessionalTrained,
            NomineeCurrentLeadCaseload = nominee.CurrentLeadCaseload,
        };
    }

    /// <summary>
    /// Ongoing support: confirm the lead professional and the CAF action plan, without the supervisor's confirmation
    /// or the family's agreement: an episode refuses it (LP-06). Kept for reading and for validating a plan; record a
    /// decision made with <see cref="ContinueWith"/>.
    /// </summary>
    /// <param name="leadProfessional">The confirmed lead professional.</param>
    /// <param name="plan">The confirmed plan.</param>
    /// <param name="learningShared">The learning was shared.</param>
    /// <param name="familyKnowWhoToGoTo">The family know who to go to.</param>
    /// <param name="note">What else was decided.</param>
    /// <returns>The decision.</returns>
    /// <exception cref="ArgumentException">The LP is default or the plan null.</exception>
    public static StepDownTacDecision Continue(Actor leadProfessional, ActionPlan plan, bool learningShared, bool familyKnowWhoToGoTo, string? note = null) =>
        new(StepDownTacOutcome.Continue, learningShared, familyKnowWhoToGoTo, leadProfessional, Guard.Against.Null(plan), note);

    /// <summary>Checks the decision (STEP-03) and returns the first problem.</summary>
    /// <returns>Success, or the first refusal.</returns>
    public Result Validate()
    {
        var problems = Problems();
        return problems.IsEmpty ? Result.Ok : Result.Refused(problems[0]);
    }

    /// <summary>
    /// Lists every problem: STEP-03 for a minimum outcome not met (<c>learningShared</c>,
    /// <c>familyKnowWhoToGoTo</c>), and, when continuing, the plan's own problems (PLAN-01..03) with their
    /// fields under <c>plan.</c>.
    /// </summary>
    /// <returns>The refusals; empty when the decision can be recorded.</returns>
    public ImmutableArray<Refusal> Problems()
    {
        var problems = ImmutableArray.CreateBuilder<Refusal>();
        if (!LearningShared)
        {
            problems.Add(new Refusal("STEP-03", "Minimum outcome of a step-down TAC: the learning from the specialist intervention is shared.", "learningShared"));
        }

        if (!FamilyKnowWhoToGoTo)
        {
            problems.Add(new Refusal("STEP-03", "Minimum outcome of a step-down TAC: the child and their family know who to go to without having to tell their story again.", "familyKnowWhoToGoTo"));
        }

        if (Plan is not null)
        {
            foreach (var p in Plan.Problems())
            {
                problems.Add(new Refusal(p.RuleId, p.Message, "plan." + p.Field));
            }
        }

        return problems.ToImmutable();
    }
}
