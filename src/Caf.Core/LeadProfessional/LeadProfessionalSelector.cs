using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Globalization;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using Ardalis.GuardClauses;
using Caf.Core.Annotations;
using Caf.Core.Consent;
using Caf.Core.Primitives;

namespace Caf.Core.LeadProfessional;

/// <summary>
/// Chooses the lead professional for an episode (docs/rules.md, LP-01..LP-11) and explains the choice.
/// </summary>
/// <remarks>
/// <para>
/// <b>Hard constraints</b> (a candidate failing one is ineligible, with the reason): already working with the
/// family (LP-03); the sharing service allows their agency to hold the role, so an agency excluded by partial
/// consent never does (LP-11, SHARE-01); trained for the role when <see cref="LeadProfessionalOptions.RequireTraining"/>
/// (LP-04); leading fewer episodes than <see cref="LeadProfessionalOptions.CaseloadCap"/> (anticipating the
/// supervisor's check that the nominee can take the role, LP-06).
/// </para>
/// <para>
/// <b>Soft criteria</b>, each a value from 0 to 1 times its weight: relevance (share of the plan's needs and
/// actions addressed, LP-04), contact frequency (LP-04), family preference (LP-05), agency balance
/// (1 − the agency's current LP roles / the most any agency holds, LP-07), panel recommendation (LP-08).
/// </para>
/// <para>
/// <b>Ranking</b>: eligible before ineligible, then by total score (higher first), then by the agency's current
/// LP roles (fewer first, LP-07), then by practitioner id (ordinal). The ranking and the explanations never
/// depend on the order the candidates were supplied in, and the sharing service is asked once per agency in
/// agency-id order, so its audit trail does not either. Nobody eligible gives the LP-09 escalation, not an exception.
/// </para>
/// <para>
/// <b>Consent</b>: each agency is judged against <see cref="LeadProfessionalSelectionRequest.ConsentInForce"/> at the
/// moment of selection: for a request made by <see cref="Caf.Core.Lifecycle.CafEpisode.SelectionRequest"/>, the
/// episode's consent then, not a copy taken when the request was made (docs/consent.md, "Revocation: roles and
/// the selector").
/// </para>
/// <para>Cost: O(n log n) in the number of candidates plus the total size of their <see cref="LeadProfessionalCandidate.Addresses"/>.</para>
/// </remarks>
/// <threadsafety>This type is immutable and thread-safe if the sharing service is.</threadsafety>
[Immutable]
public sealed class LeadProfessionalSelector
{
    private const int ConstraintCount = 4;
    private const int CriterionCount = 5;
    private const double MaxContact = (double)ContactFrequency.Daily;

    private static readonly ImmutableArray<EscalationLevel> EscalationPath =
        [EscalationLevel.LocalCafLead, EscalationLevel.CafPanelManager];

    private readonly ISharingService _sharing;
    private readonly ICafNames _names;
    private readonly bool _requireTraining;
    private readonly int? _caseloadCap;
    private readonly double _relevanceWeight;
    private readonly double _contactWeight;
    private readonly double _preferenceWeight;
    private readonly double _balanceWeight;
    private readonly double _panelWeight;

    /// <summary>Creates the selector (the options are copied: later changes to them have no effect).</summary>
    /// <param name="options">The selection policy.</param>
    /// <param name="sharing">The sharing service asked whether each agency may hold the LP role (LP-11).</param>
    /// <exception cref="ArgumentException">The options are invalid; the message lists every problem.</exception>
    public LeadProfessionalSelector(LeadProfessionalOptions options, ISharingService sharing)
        : this(options, sharing, CafNames.Ids)
    {
    }

    /// <summary>Creates the selector, naming agencies in its explanations through the host's naming port.</summary>
    /// <param name="options">The selection policy (copied).</param>
    /// <param name="sharing">The sharing service asked whether each agency may hold the LP role (LP-11).</param>
    /// <param name="names">The naming port (ids where it knows no name).</param>
    /// <exception cref="ArgumentException">An argument is null or the options are invalid; the message lists every problem.</exception>
    public LeadProfessionalSelector(LeadProfessionalOptions options, ISharingService sharing, ICafNames names)
    {
        _names = Guard.Against.Null(names);
        Guard.Against.Null(options);
        _sharing = Guard.Against.Null(sharing);
        var problems = new List<string>();
        options.Validate(problems);
        if (problems.Count > 0)
        {
            throw new ArgumentException("Invalid lead-professional options: " + string.Join(" ", problems), nameof(options));
        }

        _requireTraining = options.RequireTraining;
        _caseloadCap = options.CaseloadCap;
        _relevanceWeight = options.RelevanceWeight;
        _contactWeight = options.ContactFrequencyWeight;
        _preferenceWeight = options.FamilyPreferenceWeight;
        _balanceWeight = options.AgencyBalanceWeight;
        _panelWeight = options.PanelRecommendationWeight;
    }

    /// <summary>
    /// Fetches the candidates and the agencies' current LP roles from the host's directory, then selects.
    /// The request's <see cref="LeadProfessionalSelectionRequest.Candidates"/> and
    /// <see cref="LeadProfessionalSelectionRequest.LeadRolesByAgency"/> are replaced by the directory's.
    /// </summary>
    /// <param name="directory">The host's practitioner directory.</param>
    /// <param name="request">The episode, consent, plan needs, preference and recommendation.</param>
    /// <param name="cancellationToken">Cancels the look-ups.</param>
    /// <returns>The selection.</returns>
    public async ValueTask<LeadProfessionalSelection> SelectAsync(
        IPractitionerDirectory directory,
        LeadProfessionalSelectionRequest request,
        CancellationToken cancellationToken = default)
    {
        Guard.Against.Null(directory);
        Guard.Against.Null(request);
        var candidates = await directory.GetCandidatesAsync(request.Episode, cancellationToken).ConfigureAwait(false);
        var roles = await directory.GetLeadRolesByAgencyAsync(cancellationToken).ConfigureAwait(false);
        return Select(request with { Candidates = candidates, LeadRolesByAgency = roles });
    }

    /// <summary>Ranks and explains every candidate and chooses the best eligible one, or escalates (LP-09).</summary>
    /// <param name="request">The selection request.</param>
    /// <returns>The ranked, explained candidates with the chosen one or the escalation.</returns>
    /// <exception cref="ArgumentException">
    /// The request is malformed: default ids, null or default collections, a negative count, an undefined enum
    /// value, or the same practitioner twice.
    /// </exception>
    public LeadProfessionalSelection Select(LeadProfessionalSelectionRequest request)
    {
        ValidateRequest(request);
        var candidates = request.Candidates;

        var plan = new HashSet<string>(request.PlanNeeds, StringComparer.Ordinal);
        var sharing = DecideSharing(request);
        var mostRoles = 0;
        foreach (var count in request.LeadRolesByAgency.Values)
        {
            mostRoles = Math.Max(mostRoles, count);
        }

        var matched = new List<string>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var scored = new RankedCandidate[candidates.Length];
        for (var i = 0; i < candidates.Length; i++)
        {
            scored[i] = Evaluate(candidates[i], request, plan, sharing, mostRoles, matched, seen);
        }

        Array.Sort(scored, CompareForRanking);
        var ranked = ImmutableArray.CreateBuilder<RankedCandidate>(scored.Length);
        for (var i = 0; i < scored.Length; i++)
        {
            ranked.Add(scored[i] with { Rank = i + 1 });
        }

        var result = ranked.MoveToImmutable();
        var escalation = result.Length > 0 && result[0].IsEligible ? null : Escalate(result);
        return new LeadProfessionalSelection(request.Episode, result, escalation);
    }

    /// <summary>The ranking order: eligible first, higher score, fewer agency LP roles (LP-07), practitioner id.</summary>
    private static int CompareForRanking(RankedCandidate x, RankedCandidate y)
    {
        if (x.IsEligible != y.IsEligible)
        {
            return x.IsEligible ? -1 : 1;
        }

        var byScore = y.TotalScore.CompareTo(x.TotalScore);
        if (byScore != 0)
        {
            return byScore;
        }

        var byBurden = x.AgencyLeadRoles.CompareTo(y.AgencyLeadRoles);
        return byBurden != 0 ? byBurden : x.Candidate.Practitioner.CompareTo(y.Candidate.Practitioner);
    }

    /// <summary>LP-11: one sharing decision per agency, asked in agency-id order so the audit trail is order independent.</summary>
    private Dictionary<AgencyId, SharingDecision> DecideSharing(LeadProfessionalSelectionRequest request)
    {
        var agencies = new List<AgencyId>(request.Candidates.Length);
        var decisions = new Dictionary<AgencyId, SharingDecision>();
        foreach (var candidate in request.Candidates)
        {
            if (decisions.TryAdd(candidate.Agency, default))
            {
                agencies.Add(candidate.Agency);
            }
        }

        agencies.Sort();

        // LP-11, SHARE-01: judged against the consent in force now, read once, so every agency sees the same consent
        // and an agency excluded after the request was made is refused (the audit log records the refusal).
        var consent = request.ConsentInForce;
        foreach (var agency in agencies)
        {
            decisions[agency] = _sharing.Decide(request.Episode, consent, agency, SharingPurpose.LeadProfessional, request.RequestedBy);
        }

        return decisions;
    }

    private RankedCandidate Evaluate(
        LeadProfessionalCandidate candidate,
        LeadProfessionalSelectionRequest request,
        HashSet<string> plan,
        Dictionary<AgencyId, SharingDecision> sharing,
        int mostRoles,
        List<string> matched,
        HashSet<string> seen)
    {
        var constraints = ImmutableArray.CreateBuilder<CandidateConstraintCheck>(ConstraintCount);

        constraints.Add(candidate.IsWorkingWithFamily
            ? new(LeadProfessionalConstraint.InNetwork, "LP-03", true, "Already works with the family.")
            : new(LeadProfessionalConstraint.InNetwork, "LP-03", false,
                "Does not work with the family yet: the lead professional comes from the existing network, not an extra professional."));

        var decision = sharing[candidate.Agency];
        constraints.Add(new(LeadProfessionalConstraint.SharingAllowed, "LP-11", decision.Granted, decision.Granted
            ? $"{_names.Name(candidate.Agency)} may receive the family's information ({decision.RuleId}: {decision.Reason})."
            : $"{_names.Name(candidate.Agency)} may not receive the family's information, so cannot hold the role ({decision.RuleId}: {decision.Reason})."));

        constraints.Add(!_requireTraining
            ? new(LeadProfessionalConstraint.Trained, "LP-04", true,
                $"Training is not required by local policy (trained: {(candidate.IsLeadProfessionalTrained ? "yes" : "no")}).")
            : candidate.IsLeadProfessionalTrained
                ? new(LeadProfessionalConstraint.Trained, "LP-04", true, "Trained for the lead-professional role.")
                : new(LeadProfessionalConstraint.Trained, "LP-04", false, "Not trained for the lead-professional role."));

        var caseload = candidate.CurrentLeadCaseload;
        constraints.Add(_caseloadCap is not { } cap
            ? new(LeadProfessionalConstraint.UnderCaseloadCap, "LP-06", true, Invariant($"Leads {caseload} episode(s); no caseload cap."))
            : new(LeadProfessionalConstraint.UnderCaseloadCap, "LP-06", caseload < cap, caseload < cap
                ? Invariant($"Leads {caseload} episode(s), below the cap of {cap}.")
                : Invariant($"Leads {caseload} episode(s), at or above the cap of {cap}.")));

        var eligible = true;
        foreach (var check in constraints)
        {
            eligible &= check.Held;
        }

        var criteria = ImmutableArray.CreateBuilder<CandidateCriterionScore>(CriterionCount);
        criteria.Add(Relevance(candidate, plan, matched, seen));

        var contact = (double)candidate.ContactFrequency;
        criteria.Add(Criterion(LeadProfessionalCriterion.ContactFrequency, "LP-04", contact, contact / MaxContact, _contactWeight,
            $"Sees the family {LeadProfessionalDisplayText.For(candidate.ContactFrequency).ToLowerInvariant()}."));

        criteria.Add(Named(LeadProfessionalCriterion.FamilyPreference, "LP-05", candidate.Practitioner, request.FamilyPreference, _preferenceWeight,
            "The family prefers this practitioner.", "The family prefers someone else.", "The family stated no preference."));

        var roles = request.LeadRolesByAgency.TryGetValue(candidate.Agency, out var held) ? held : 0;
        criteria.Add(Criterion(LeadProfessionalCriterion.AgencyBalance, "LP-07", roles,
            mostRoles == 0 ? 1 : 1 - ((double)roles / mostRoles), _balanceWeight,
            Invariant($"{_names.Name(candidate.Agency)} holds {roles} lead-professional role(s) now; the most any agency holds is {mostRoles}.")));

        criteria.Add(Named(LeadProfessionalCriterion.PanelRecommendation, "LP-08", candidate.Practitioner, request.PanelRecommendation, _panelWeight,
            "A panel recommended this practitioner.", "A panel recommended someone else.", "No panel recommendation."));

        var total = 0.0;
        foreach (var score in criteria)
        {
            total += score.Score;
        }

        return new RankedCandidate(0, candidate, eligible, total, roles, constraints.MoveToImmutable(), criteria.MoveToImmutable());
    }

    /// <summary>LP-04: the share of the plan's distinct needs and actions this candidate's service addresses.</summary>
    private CandidateCriterionScore Relevance(LeadProfessionalCandidate candidate, HashSet<string> plan, List<string> matched, HashSet<string> seen)
    {
        if (plan.Count == 0)
        {
            return Criterion(LeadProfessionalCriterion.Relevance, "LP-04", 0, 0, _relevanceWeight, "The plan lists no needs or actions yet.");
        }

        matched.Clear();
        seen.Clear();
        foreach (var need in candidate.Addresses)
        {
            if (plan.Contains(need) && seen.Add(need))
            {
                matched.Add(need);
            }
        }

        matched.Sort(StringComparer.Ordinal);
        var reason = new StringBuilder()
            .Append(CultureInfo.InvariantCulture, $"Addresses {matched.Count} of {plan.Count} plan needs/actions");
        if (matched.Count > 0)
        {
            reason.Append(": ").AppendJoin(", ", matched);
        }

        return Criterion(LeadProfessionalCriterion.Relevance, "LP-04", matched.Count, (double)matched.Count / plan.Count, _relevanceWeight,
            reason.Append('.').ToString());
    }

    private static CandidateCriterionScore Named(
        LeadProfessionalCriterion criterion, string ruleId, PractitionerId practitioner, PractitionerId? named, double weight,
        string isNamed, string otherNamed, string noneNamed)
    {
        var hit = named == practitioner;
        return Criterion(criterion, ruleId, hit ? 1 : 0, hit ? 1 : 0, weight, hit ? isNamed : named is null ? noneNamed : otherNamed);
    }

    private static CandidateCriterionScore Criterion(
        LeadProfessionalCriterion criterion, string ruleId, double raw, double value, double weight, string reason) =>
        new(criterion, ruleId, raw, value, weight, value * weight, reason);

    /// <summary>LP-09: nobody eligible; say why, counting each failed constraint.</summary>
    private static LeadProfessionalEscalation Escalate(ImmutableArray<RankedCandidate> ranked)
    {
        if (ranked.Length == 0)
        {
            return new("No practitioner working with the family was put forward (LP-03).", EscalationPath) { Considered = ranked };
        }

        Span<int> failed = stackalloc int[ConstraintCount];
        foreach (var candidate in ranked)
        {
            foreach (var check in candidate.Constraints)
            {
                if (!check.Held)
                {
                    failed[(int)check.Constraint]++;
                }
            }
        }

        var reason = new StringBuilder()
            .Append(CultureInfo.InvariantCulture, $"No eligible lead professional among {ranked.Length} candidate(s):");
        var first = true;
        AppendCount(reason, ref first, failed[(int)LeadProfessionalConstraint.InNetwork], "not working with the family (LP-03)");
        AppendCount(reason, ref first, failed[(int)LeadProfessionalConstraint.SharingAllowed], "agency excluded from sharing (LP-11)");
        AppendCount(reason, ref first, failed[(int)LeadProfessionalConstraint.Trained], "not trained (LP-04)");
        AppendCount(reason, ref first, failed[(int)LeadProfessionalConstraint.UnderCaseloadCap], "at the caseload cap (LP-06)");
        return new(reason.Append('.').ToString(), EscalationPath) { Considered = ranked };
    }

    private static void AppendCount(StringBuilder text, ref bool first, int count, string what)
    {
        if (count > 0)
        {
            text.Append(first ? " " : "; ").Append(count.ToString(CultureInfo.InvariantCulture)).Append(' ').Append(what);
            first = false;
        }
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);

    private static void ValidateRequest(LeadProfessionalSelectionRequest request)
    {
        Guard.Against.Null(request);
        Guard.Against.Expression(static e => e.IsDefault, request.Episode, "The episode id must not be default.", nameof(request));
        Guard.Against.Null(request.Consent, nameof(request), "The request needs the episode's consent state.");
        Guard.Against.Expression(static a => a.IsDefault, request.RequestedBy, "The requesting actor must not be default.", nameof(request));
        Guard.Against.Null(request.LeadRolesByAgency, nameof(request), "LeadRolesByAgency must not be null.");
        CheckArray(request.Candidates, nameof(request.Candidates));
        CheckArray(request.PlanNeeds, nameof(request.PlanNeeds));
        CheckNamed(request.FamilyPreference, nameof(request.FamilyPreference));
        CheckNamed(request.PanelRecommendation, nameof(request.PanelRecommendation));
        foreach (var pair in request.LeadRolesByAgency)
        {
            if (pair.Key.IsDefault || pair.Value < 0)
            {
                throw new ArgumentException($"LeadRolesByAgency has a default agency id or a negative count ({pair.Key}: {pair.Value}).", nameof(request));
            }
        }

        var practitioners = new HashSet<PractitionerId>();
        foreach (var candidate in request.Candidates)
        {
            if (candidate is null)
            {
                throw new ArgumentException("Candidates must not contain null.", nameof(request));
            }

            if (candidate.Practitioner.IsDefault || candidate.Agency.IsDefault || candidate.Role is null
                || candidate.CurrentLeadCaseload < 0 || !Enum.IsDefined(candidate.AgencyKind) || !Enum.IsDefined(candidate.ContactFrequency))
            {
                throw new ArgumentException(
                    $"Candidate '{candidate.Practitioner}' needs a practitioner and agency id, a role, a caseload of 0 or more and defined enum values.",
                    nameof(request));
            }

            CheckArray(candidate.Addresses, $"Candidate '{candidate.Practitioner}'.Addresses");
            if (!practitioners.Add(candidate.Practitioner))
            {
                throw new ArgumentException($"Practitioner '{candidate.Practitioner}' is a candidate more than once.", nameof(request));
            }
        }
    }

    private static void CheckArray<T>(ImmutableArray<T> items, string name)
        where T : class
    {
        if (items.IsDefault)
        {
            throw new ArgumentException($"{name} must not be a default ImmutableArray.", "request");
        }

        foreach (var item in items)
        {
            if (item is null)
            {
                throw new ArgumentException($"{name} must not contain null.", "request");
            }
        }
    }

    private static void CheckNamed(PractitionerId? practitioner, string name)
    {
        if (practitioner is { IsDefault: true })
        {
            throw new ArgumentException($"{name} must be null or a valid practitioner id.", "request");
        }
    }
}
