using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using Ardalis.GuardClauses;
using Caf.Core.Annotations;
using Caf.Core.Lifecycle;
using Caf.Core.Primitives;

namespace Caf.Core.Closure;

/// <summary>
/// The closure rules as a pure check (002 §9): who may close (CLOSE-08), at least one criterion named and
/// every named criterion holding (CLOSE-C1..C4), an outcome code from the taxonomy (CLOSE-10) whose
/// canonical outcome's consistency rule holds (CLOSE-01..05; CONS-07), and the decision recorded under
/// "How will you know when things have improved" (CLOSE-08). Consent overridden and stepped up are
/// recorded by their own commands (CLOSE-06, CLOSE-07), so a closure request naming them is refused.
/// </summary>
/// <remarks>
/// A closure is accepted exactly when the closer may close, the decision text is given, at least one
/// criterion is named, every named criterion holds and the outcome's consistency rule holds.
/// </remarks>
/// <threadsafety>This type is immutable and thread-safe.</threadsafety>
[Immutable]
public sealed class ClosureCheck
{
    /// <summary>Creates the check over a taxonomy.</summary>
    /// <param name="taxonomy">The authority's taxonomy (or <see cref="ClosureTaxonomy.Default"/>).</param>
    /// <param name="options">The closure options (copied; later changes have no effect).</param>
    /// <exception cref="System.ArgumentException">An argument is null or the options are invalid.</exception>
    public ClosureCheck(ClosureTaxonomy taxonomy, ClosureOptions options)
        : this(taxonomy, options, CafNames.Ids)
    {
    }

    /// <summary>Creates the check over a taxonomy, naming people in its texts through the host's naming port.</summary>
    /// <param name="taxonomy">The authority's taxonomy (or <see cref="ClosureTaxonomy.Default"/>).</param>
    /// <param name="options">The closure options (copied; later changes have no effect).</param>
    /// <param name="names">The naming port for the person-facing texts (CLOSE-08, CLOSE-C3, SHARE-01); ids where it knows no name.</param>
    /// <exception cref="System.ArgumentException">An argument is null or the options are invalid.</exception>
    public ClosureCheck(ClosureTaxonomy taxonomy, ClosureOptions options, ICafNames names)
    {
        Names = Guard.Against.Null(names);
        Taxonomy = Guard.Against.Null(taxonomy);
        Guard.Against.Null(options);
        var problems = new List<string>();
        options.Validate(problems);
        if (problems.Count > 0)
        {
            throw new System.ArgumentException(string.Join(" ", problems), nameof(options));
        }

        AdultServicesTransferAge = options.AdultServicesTransferAge;
        SupervisorMayClose = options.SupervisorMayCloseOnBehalfOfLeadProfessional;
    }

    /// <summary>The check with the default taxonomy and default options.</summary>
    /// <returns>The check.</returns>
    public static ClosureCheck Default() => new(ClosureTaxonomy.Default, new ClosureOptions());

    /// <summary>The naming port of the person-facing texts (<see cref="CafNames.Ids"/> unless one was given).</summary>
    public ICafNames Names { get; }

    /// <summary>The same check naming people through another naming port (an episode passes the host's).</summary>
    /// <param name="names">The naming port.</param>
    /// <returns>This check when the port is the same; otherwise a copy with the port.</returns>
    /// <exception cref="System.ArgumentException"><paramref name="names"/> is null.</exception>
    public ClosureCheck WithNames(ICafNames names) =>
        ReferenceEquals(Guard.Against.Null(names), Names) ? this : new ClosureCheck(this, names);

    private ClosureCheck(ClosureCheck other, ICafNames names)
    {
        Names = names;
        Taxonomy = other.Taxonomy;
        AdultServicesTransferAge = other.AdultServicesTransferAge;
        SupervisorMayClose = other.SupervisorMayClose;
    }

    /// <summary>The taxonomy outcome codes are looked up in.</summary>
    public ClosureTaxonomy Taxonomy { get; }

    /// <summary>CLOSE-C4: the transfer age.</summary>
    public int AdultServicesTransferAge { get; }

    /// <summary>CLOSE-08: whether the LP's supervisor may close on their behalf.</summary>
    public bool SupervisorMayClose { get; }

    /// <summary>Checks a closure request against the episode's facts and returns the decision or the first problem.</summary>
    /// <param name="request">What the lead professional records.</param>
    /// <param name="facts">What the episode knows.</param>
    /// <returns>The accepted decision, or the first refusal naming its rule and field.</returns>
    /// <exception cref="System.ArgumentNullException">An argument is null.</exception>
    public Result<ClosureDecision> Check(ClosureRequest request, ClosureFacts facts)
    {
        var problems = Problems(request, facts);
        return problems.IsEmpty
            ? new ClosureDecision(Taxonomy.TryFind(request.OutcomeCode, out var outcome) ? outcome : throw new System.InvalidOperationException(),
                [.. request.Criteria.Distinct()], request.HowWillYouKnow, request.Explanation)
            : problems[0];
    }

    /// <summary>Lists every problem of a closure request against the episode's facts.</summary>
    /// <param name="request">What the lead professional records.</param>
    /// <param name="facts">What the episode knows.</param>
    /// <returns>The refusals, each with its rule id and field; empty when the closure is accepted.</returns>
    /// <exception cref="System.ArgumentNullException">An argument is null.</exception>
    public ImmutableArray<Refusal> Problems(ClosureRequest request, ClosureFacts facts)
    {
        Guard.Against.Null(request);
        Guard.Against.Null(facts);
        var problems = ImmutableArray.CreateBuilder<Refusal>();
        if (MayClose(facts) is { IsRefused: true } who)
        {
            problems.Add(who.Refusal);
        }

        if (string.IsNullOrWhiteSpace(request.HowWillYouKnow))
        {
            problems.Add(new Refusal("CLOSE-08", "Record the decision in the section \"How will you know when things have improved\".", "howWillYouKnow"));
        }

        if (request.Criteria.IsEmpty)
        {
            problems.Add(new Refusal("CLOSE-08", "Name at least one closure criterion (CLOSE-C1..C4) that is met.", "criteria"));
        }

        var named = new HashSet<ClosureCriterion>();
        for (var i = 0; i < request.Criteria.Length; i++)
        {
            var criterion = request.Criteria[i];
            if (!named.Add(criterion))
            {
                problems.Add(new Refusal("CLOSE-08", $"Criterion {ClosureVocabulary.RuleIdOf(criterion)} is named twice.", $"criteria[{i}]"));
                continue;
            }

            CheckCriterion(criterion, $"criteria[{i}]", request, facts, problems);
        }

        if (!Taxonomy.TryFind(request.OutcomeCode, out var outcome))
        {
            problems.Add(new Refusal("CLOSE-10", $"'{request.OutcomeCode}' is not an outcome of the closure taxonomy {Taxonomy.Id} {Taxonomy.Version}.", "outcomeCode"));
        }
        else if (outcome.Canonical == ClosureOutcome.ConsentOverridden)
        {
            problems.Add(new Refusal("CLOSE-06", "Consent overridden is recorded by overriding consent with a safeguarding justification (CONS-06), not by closing.", "outcomeCode"));
        }
        else if (outcome.Canonical == ClosureOutcome.SteppedUp)
        {
            problems.Add(new Refusal("CLOSE-07", "Stepped up is recorded by stepping up to a named specialist service, not by closing.", "outcomeCode"));
        }
        else if (CheckConsistency(outcome.Canonical, request.Explanation, facts) is { IsRefused: true } inconsistent)
        {
            problems.Add(inconsistent.Refusal);
        }

        return problems.ToImmutable();
    }

    /// <summary>CLOSE-08: whether the closer may record the closure: the lead professional, or (when the options allow) the supervisor who confirmed them.</summary>
    /// <param name="facts">What the episode knows.</param>
    /// <returns>Success, or a CLOSE-08 refusal on <c>closingBy</c>.</returns>
    /// <exception cref="System.ArgumentNullException"><paramref name="facts"/> is null.</exception>
    public Result MayClose(ClosureFacts facts)
    {
        Guard.Against.Null(facts);
        var by = facts.ClosingBy.Practitioner;
        if (by == facts.LeadProfessional.Practitioner || (SupervisorMayClose && facts.LeadProfessionalSupervisor == by))
        {
            return Result.Ok;
        }

        var who = SupervisorMayClose ? "the lead professional, or their supervisor on their behalf," : "the lead professional";
        return Result.Refused("CLOSE-08", $"Only {who} records the closure; {Names.Name(by)} is not the lead professional ({Names.Name(facts.LeadProfessional.Practitioner)}).", "closingBy");
    }

    /// <summary>Checks one criterion against the request's evidence and the facts (CLOSE-C1..C4).</summary>
    /// <param name="criterion">The criterion.</param>
    /// <param name="request">The request (its evidence).</param>
    /// <param name="facts">What the episode knows.</param>
    /// <returns>Success, or the first refusal naming the criterion's rule id.</returns>
    /// <exception cref="System.ArgumentException">An argument is null or the criterion undefined.</exception>
    public Result CheckCriterion(ClosureCriterion criterion, ClosureRequest request, ClosureFacts facts)
    {
        Guard.Against.EnumOutOfRange(criterion);
        Guard.Against.Null(request);
        Guard.Against.Null(facts);
        var problems = ImmutableArray.CreateBuilder<Refusal>();
        CheckCriterion(criterion, "criteria", request, facts, problems);
        return problems.Count == 0 ? Result.Ok : Result.Refused(problems[0]);
    }

    /// <summary>
    /// The consistency rule of a canonical outcome against the facts: CLOSE-01 every action owned by the
    /// family or child; CLOSE-02 exactly one agency owning actions; CLOSE-03 two or more and an appointed
    /// LP; CLOSE-04 a written explanation; CLOSE-05 a recorded withdrawal; CLOSE-06 a recorded override;
    /// CLOSE-07 a recorded step-up. While consent is withdrawn only consent withdrawn is consistent (CONS-07).
    /// </summary>
    /// <param name="canonical">The canonical outcome.</param>
    /// <param name="explanation">The written explanation (CLOSE-04).</param>
    /// <param name="facts">What the episode knows.</param>
    /// <returns>Success, or a refusal naming the rule, on <c>outcomeCode</c> (or <c>explanation</c>).</returns>
    /// <exception cref="System.ArgumentException">The facts are null or the outcome undefined.</exception>
    public static Result CheckConsistency(ClosureOutcome canonical, string? explanation, ClosureFacts facts)
    {
        Guard.Against.EnumOutOfRange(canonical);
        Guard.Against.Null(facts);
        var plan = facts.CurrentPlan;
        return canonical switch
        {
            ClosureOutcome.ConsentWithdrawn => facts.ConsentWithdrawn
                ? Result.Ok
                : Result.Refused("CLOSE-05", "Closing as consent withdrawn needs a recorded withdrawal (CONS-07).", "outcomeCode"),
            _ when facts.ConsentWithdrawn =>
                Result.Refused("CONS-07", "Consent was withdrawn: the episode can only close as consent withdrawn, or consent be overridden.", "outcomeCode"),
            ClosureOutcome.ConsentOverridden => facts.ConsentOverridden
                ? Result.Ok
                : Result.Refused("CLOSE-06", "Consent overridden needs a recorded override with a safeguarding justification (CONS-06).", "outcomeCode"),
            ClosureOutcome.SteppedUp => facts.SteppedUp
                ? Result.Ok
                : Result.Refused("CLOSE-07", "Stepped up needs a recorded step-up to a named specialist service.", "outcomeCode"),
            ClosureOutcome.ResolvedFamilyActions => plan is { OwnedByFamilyOrChildOnly: true }
                ? Result.Ok
                : Result.Refused("CLOSE-01", "Resolved via family / child / young person planned actions needs a plan whose actions are all owned by the family or the child.", "outcomeCode"),
            ClosureOutcome.ResolvedSingleService => plan is not null && plan.DeliveringAgencies.Length == 1
                ? Result.Ok
                : Result.Refused("CLOSE-02", $"Resolved via single service planned actions needs exactly one agency owning actions of the plan; found {plan?.DeliveringAgencies.Length ?? 0}.", "outcomeCode"),
            ClosureOutcome.ResolvedMultiAgency => plan is not null && plan.DeliveringAgencies.Length >= 2 && facts.LeadProfessionalAppointed
                ? Result.Ok
                : Result.Refused("CLOSE-03", $"Resolved via multi-agency provision and lead professional needs two or more agencies owning actions (found {plan?.DeliveringAgencies.Length ?? 0}) and an appointed lead professional{(facts.LeadProfessionalAppointed ? "" : " (none is appointed)")}.", "outcomeCode"),
            _ => string.IsNullOrWhiteSpace(explanation)
                ? Result.Refused("CLOSE-04", "Resolved other needs a written explanation.", "explanation")
                : Result.Ok,
        };
    }

    /// <summary>CLOSE-C1: "most" is more than half of the plan's intended outcomes.</summary>
    internal static bool MostAchieved(int achieved, int intended) => intended > 0 && achieved * 2 > intended;

    private void CheckCriterion(ClosureCriterion criterion, string path, ClosureRequest request, ClosureFacts facts, ImmutableArray<Refusal>.Builder problems)
    {
        var plan = facts.CurrentPlan;
        var reviews = facts.ReviewsOfCurrentPlan;
        switch (criterion)
        {
            case ClosureCriterion.MostOutcomesAchieved:
                if (plan is null || !reviews.Any(r => MostAchieved(r.OutcomesAchieved.Distinct().Count(), plan.Outcomes.Length)))
                {
                    problems.Add(new Refusal("CLOSE-C1", $"No review of the current plan reached the decision that most (more than half) of its {plan?.Outcomes.Length ?? 0} intended outcomes have been achieved.", path));
                }

                break;

            case ClosureCriterion.FamilyNoLongerWantInvolvement:
                if (string.IsNullOrWhiteSpace(request.FamilyWish))
                {
                    problems.Add(new Refusal("CLOSE-C2", "Record the family's decision that they no longer want to be involved with the CAF.", "familyWish"));
                }

                if (reviews.IsEmpty || reviews[^1].OverallProgress != ReviewProgress.Sufficient)
                {
                    problems.Add(new Refusal("CLOSE-C2", "The child's progress must be satisfactory at the latest review of the current plan.", path));
                }

                break;

            case ClosureCriterion.PractitionersAgreeNoFurtherInvolvement:
                CheckAgreement(request.PractitionersAgreement, facts, problems);
                break;

            default:
                if (facts.ChildAgeOnClosure is not { } age || age < AdultServicesTransferAge)
                {
                    problems.Add(new Refusal("CLOSE-C4", $"Transfer to adult services closes a CAF for a young person aged {AdultServicesTransferAge} or over; the child is {(facts.ChildAgeOnClosure is { } a ? a.ToString(System.Globalization.CultureInfo.InvariantCulture) : "unborn")}.", path));
                }

                if (request.AdultServicesTransfer is not { } transfer)
                {
                    problems.Add(new Refusal("CLOSE-C4", "Record the transfer to adult services.", "adultServicesTransfer"));
                }
                else
                {
                    if (string.IsNullOrWhiteSpace(transfer.AdultService))
                    {
                        problems.Add(new Refusal("CLOSE-C4", "Name the adult service.", "adultServicesTransfer.adultService"));
                    }

                    if (!transfer.YoungPersonAgreed)
                    {
                        problems.Add(new Refusal("CLOSE-C4", "The transfer needs the young person's agreement and involvement in the decision.", "adultServicesTransfer.youngPersonAgreed"));
                    }
                }

                break;
        }
    }

    private void CheckAgreement(PractitionersAgreement? agreement, ClosureFacts facts, ImmutableArray<Refusal>.Builder problems)
    {
        if (agreement is null)
        {
            problems.Add(new Refusal("CLOSE-C3", "Record the conclusion of the lead professional and the other relevant practitioners.", "practitionersAgreement"));
            return;
        }

        if (string.IsNullOrWhiteSpace(agreement.Conclusion))
        {
            problems.Add(new Refusal("CLOSE-C3", "Record what the practitioners concluded: progress is satisfactory and further involvement is not needed.", "practitionersAgreement.conclusion"));
        }

        // SHARE-01: an open action owned by a practitioner of an agency the family excluded is suspended; the
        // lead professional cannot conclude with them, so the plan is revised first (its actions reassigned).
        // Once consent is withdrawn nothing is revised (CONS-07): the suspended actions end with the episode.
        var excluded = facts.ExcludedPractitioners;
        if (facts.CurrentPlan is { } current && !excluded.IsEmpty && !facts.ConsentWithdrawn)
        {
            var suspended = current.Actions
                .Where(a => a.IsOpen && a.Owner.Practitioner is { } owner && excluded.Contains(owner))
                .Select(a => a.Id).ToList();
            if (suspended.Count > 0)
            {
                problems.Add(new Refusal("SHARE-01",
                    $"The family excluded the agency of the practitioner owning {string.Join(", ", suspended)}: those actions are suspended. Revise the plan to reassign them before closing with the practitioners' agreement (CLOSE-C3).",
                    "actions"));
            }
        }

        var agreedExcluded = agreement.Practitioners.Where(excluded.Contains).Distinct().ToList();
        if (agreedExcluded.Count > 0)
        {
            problems.Add(new Refusal("SHARE-01",
                $"{string.Join(", ", agreedExcluded.Select(p => Names.Name(p)))} work(s) for an agency the family excluded: they cannot agree the closure (CLOSE-C3). Conclude with practitioners of agencies the family has not excluded.",
                "practitionersAgreement.practitioners"));
        }

        var agreed = agreement.Practitioners.ToHashSet();
        var needed = new List<PractitionerId> { facts.LeadProfessional.Practitioner };
        if (facts.CurrentPlan is { } plan)
        {
            needed.AddRange(plan.OwningPractitioners);
        }

        // A practitioner of an excluded agency is not consulted (SHARE-01): their open actions are refused above.
        var missing = needed.Distinct().Where(p => !agreed.Contains(p) && !excluded.Contains(p)).ToList();
        if (missing.Count > 0)
        {
            problems.Add(new Refusal("CLOSE-C3", $"The lead professional concludes with the other relevant practitioners (those owning actions); missing: {string.Join(", ", missing.Select(p => Names.Name(p)))}.", "practitionersAgreement.practitioners"));
        }
    }
}
