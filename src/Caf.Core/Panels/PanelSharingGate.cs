using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using Ardalis.GuardClauses;
using Caf.Core.Annotations;
using Caf.Core.Consent;
using Caf.Core.Primitives;

namespace Caf.Core.Panels;

/// <summary>
/// The panel's door to the sharing service (SHARE-01, SHARE-03, CONS-04): a referral goes to the panel only
/// when it is complete (PANEL-01, PANEL-02) and only to the agencies the consent covers; a decision sheet
/// allocates only agencies the consent covers. Every decision, granted or refused, is recorded by the
/// <see cref="ISharingService"/>.
/// </summary>
/// <threadsafety>This type is immutable; it is thread-safe when its sharing service is.</threadsafety>
[Immutable]
public sealed class PanelSharingGate
{
    private readonly ISharingService _sharing;

    /// <summary>Creates the gate.</summary>
    /// <param name="sharing">The sharing service that decides and audits.</param>
    /// <exception cref="ArgumentNullException"><paramref name="sharing"/> is null.</exception>
    public PanelSharingGate(ISharingService sharing)
    {
        _sharing = Guard.Against.Null(sharing);
    }

    /// <summary>Refers a case to the panel, deciding sharing for each of the panel's member agencies.</summary>
    /// <param name="referral">The referral.</param>
    /// <param name="consent">The episode's recorded consent.</param>
    /// <param name="panel">The panel whose members would see the papers.</param>
    /// <returns>See <see cref="Refer(PanelReferral, ConsentState, IEnumerable{AgencyId})"/>.</returns>
    public Result<PanelCase> Refer(PanelReferral referral, ConsentState consent, Panel panel)
    {
        Guard.Against.Null(panel);
        return Refer(referral, consent, panel.MemberAgencies);
    }

    /// <summary>
    /// PANEL-01, PANEL-02, CONS-04, SHARE-01: refers a case. First the referral is validated and every missing
    /// item is named (nothing is shared then). Then each agency that would see the papers is put to the
    /// sharing service for <see cref="SharingPurpose.Panel"/>, audited as asked by the referrer: a granted
    /// agency is on the papers, a refused one (an agency the family excluded, CONS-05) is withheld. When no
    /// agency may see the papers (consent not written, withdrawn, overridden, or every agency excluded) the
    /// referral is refused with the sharing decision's rule (CONS-04, CONS-07, SHARE-01).
    /// </summary>
    /// <param name="referral">The referral.</param>
    /// <param name="consent">The episode's recorded consent.</param>
    /// <param name="agencies">The agencies that would see the papers (duplicates are ignored); at least one.</param>
    /// <returns>The case with the agencies that may see it, or the refusal naming every missing field.</returns>
    /// <exception cref="ArgumentException">An argument is null, no agency is given, or an agency id is default.</exception>
    public Result<PanelCase> Refer(PanelReferral referral, ConsentState consent, IEnumerable<AgencyId> agencies)
    {
        Guard.Against.Null(referral);
        Guard.Against.Null(consent);
        var targets = Distinct(agencies, nameof(agencies));
        if (targets.IsEmpty)
        {
            throw new ArgumentException("At least one agency would see the papers.", nameof(agencies));
        }

        var problems = referral.Validate();
        if (!problems.IsEmpty)
        {
            return PanelRefusals.Combine("The referral is incomplete:", problems);
        }

        var papers = ImmutableArray.CreateBuilder<AgencyId>();
        var withheld = ImmutableArray.CreateBuilder<WithheldAgency>();
        foreach (var agency in targets)
        {
            var decision = _sharing.Decide(referral.Episode, consent, agency, SharingPurpose.Panel, referral.ReferredBy);
            if (decision.Granted)
            {
                papers.Add(agency);
            }
            else
            {
                withheld.Add(new WithheldAgency(agency, decision));
            }
        }

        if (papers.Count == 0)
        {
            var first = withheld[0].Decision;
            return Result<PanelCase>.Refused(first.RuleId, "No agency at the panel may see the papers: " + first.Reason, "consent");
        }

        return new PanelCase(referral, papers.ToImmutable(), withheld.ToImmutable());
    }

    /// <summary>
    /// PANEL-05, SHARE-01, LP-11: checks a decision sheet before it is sent or recorded. Every allocated agency
    /// is put to the sharing service for <see cref="SharingPurpose.Panel"/> and the recommended lead
    /// professional's agency for <see cref="SharingPurpose.LeadProfessional"/>; all are decided and audited
    /// (no short cut), then any refusal refuses the sheet, naming each agency (field
    /// <c>allocations[agency]</c> or <c>recommendedLeadProfessional</c>; rule SHARE-01 for an excluded agency).
    /// A re-presentation allocates nothing and passes.
    /// </summary>
    /// <param name="decision">The decision.</param>
    /// <param name="consent">The episode's recorded consent now.</param>
    /// <param name="recordedBy">Who records the decision sheet (the chair or the panel administrator).</param>
    /// <returns>The same decision, or the refusal.</returns>
    /// <exception cref="ArgumentException">An argument is null or the actor default.</exception>
    public Result<PanelDecision> CheckDecision(PanelDecision decision, ConsentState consent, Actor recordedBy)
    {
        Guard.Against.Null(decision);
        Guard.Against.Null(consent);
        if (recordedBy.IsDefault)
        {
            throw new ArgumentException("The actor must not be default.", nameof(recordedBy));
        }

        var problems = new List<Refusal>();
        foreach (var allocation in decision.Allocations)
        {
            var d = _sharing.Decide(decision.Episode, consent, allocation.Agency, SharingPurpose.Panel, recordedBy);
            if (!d.Granted)
            {
                problems.Add(new Refusal(d.RuleId, $"{allocation.Agency} cannot be allocated: {d.Reason}", $"allocations[{allocation.Agency}]"));
            }
        }

        if (decision.RecommendedLeadProfessional is { } lead)
        {
            var d = _sharing.Decide(decision.Episode, consent, lead.Agency, SharingPurpose.LeadProfessional, recordedBy);
            if (!d.Granted)
            {
                problems.Add(new Refusal(d.RuleId, $"{lead.Practitioner} at {lead.Agency} cannot be recommended as lead professional: {d.Reason}", "recommendedLeadProfessional"));
            }
        }

        return problems.Count == 0 ? decision : PanelRefusals.Combine("The decision sheet cannot be issued:", problems);
    }

    private static ImmutableArray<AgencyId> Distinct(IEnumerable<AgencyId> agencies, string name)
    {
        Guard.Against.Null(agencies, name);
        var list = agencies.Distinct().Order().ToImmutableArray();
        if (list.Any(a => a.IsDefault))
        {
            throw new ArgumentException("Agency ids must not be default.", name);
        }

        return list;
    }
}
