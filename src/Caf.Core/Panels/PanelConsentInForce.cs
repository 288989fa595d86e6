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
/// The consent in force for one episode at one moment, as a panel's papers, its agenda and its aftercare are judged
/// against it when they flow (SHARE-01, CONS-04 written consent, CONS-05 exclusions, CONS-07 withdrawal; an override
/// never grants a panel). An episode gives its own (<c>CafEpisode.PanelConsent()</c>: judged now, with the child's age
/// and the episode's sharing service); a host holding only the consent builds one with the constructor.
/// </summary>
/// <remarks>
/// Decide at the moment of flow: a recipient list kept from earlier (a referral's, a stored booking's) is never sent
/// as it is. <see cref="PanelAgenda.IssuePapers"/>, <see cref="PanelAftercare.QuarterlyAudit"/> and the slot requests
/// that bring a case back take one of these, so nothing goes out without being judged again.
/// </remarks>
/// <threadsafety>This type is immutable; it is thread-safe when its sharing service is.</threadsafety>
[Immutable]
public sealed class PanelConsentInForce
{
    private readonly ISharingService _sharing;

    /// <summary>Creates the judgement for a host that holds the consent outside an episode.</summary>
    /// <param name="episode">The episode.</param>
    /// <param name="consent">The episode's consent in force.</param>
    /// <param name="childAgeInYears">The child's age in whole years on the day, or null for an unborn baby.</param>
    /// <param name="judgedAt">When the papers flow (the host's clock).</param>
    /// <param name="sharing">The sharing service that decides and records (SHARE-03).</param>
    /// <exception cref="ArgumentException">The episode id is default, an argument is null or the age is negative.</exception>
    public PanelConsentInForce(EpisodeId episode, ConsentState consent, int? childAgeInYears, DateTimeOffset judgedAt, ISharingService sharing)
        : this(episode, consent, childAgeInYears, judgedAt, sharing, null)
    {
    }

    internal PanelConsentInForce(EpisodeId episode, ConsentState consent, int? childAgeInYears, DateTimeOffset judgedAt, ISharingService sharing, Refusal? stopped)
    {
        Episode = episode.IsDefault ? throw new ArgumentException("The episode id must not be default.", nameof(episode)) : episode;
        Consent = Guard.Against.Null(consent);
        ChildAgeInYears = childAgeInYears is < 0 ? throw new ArgumentException("The age must not be negative.", nameof(childAgeInYears)) : childAgeInYears;
        JudgedAt = judgedAt;
        _sharing = Guard.Against.Null(sharing);
        Stopped = stopped;
    }

    /// <summary>The episode.</summary>
    public EpisodeId Episode { get; }

    /// <summary>The consent in force.</summary>
    public ConsentState Consent { get; }

    /// <summary>The child's age in whole years when judged (CONS-02, CONS-03), or null.</summary>
    public int? ChildAgeInYears { get; }

    /// <summary>When the judgement is made.</summary>
    public DateTimeOffset JudgedAt { get; }

    /// <summary>
    /// Why nothing about the episode goes to a panel now whatever the agency (the episode is closed, LIFE-10; the family
    /// excluded the lead professional's agency, who would present the case, LP-11), or null.
    /// </summary>
    public Refusal? Stopped { get; }

    /// <summary>The decision for an agency and purpose under the consent in force, without recording it.</summary>
    /// <param name="agency">The agency.</param>
    /// <param name="purpose">The purpose.</param>
    /// <returns>The decision.</returns>
    /// <exception cref="ArgumentException">The agency is default.</exception>
    public SharingDecision Judge(AgencyId agency, SharingPurpose purpose) => _sharing.Evaluate(Consent, agency, purpose, ChildAgeInYears);

    /// <summary>
    /// SHARE-01, CONS-04, CONS-07: the agencies that may see a referral's papers now, of the candidates (the panel's
    /// member agencies), each judged for <see cref="SharingPurpose.Panel"/>. Nothing is recorded: the agenda records its
    /// decisions when it issues the papers (<see cref="PanelAgenda.IssuePapers"/>).
    /// </summary>
    /// <param name="referral">The referral whose papers they are.</param>
    /// <param name="candidates">The agencies that would see them (duplicates ignored); at least one.</param>
    /// <returns>The papers' recipients, or a refusal: <see cref="Stopped"/>, or no agency may see them any more (the
    /// rule of the first refusal: SHARE-01 all excluded, CONS-07 withdrawn, CONS-04 not written or overridden; field
    /// <c>consent</c>).</returns>
    /// <exception cref="ArgumentException">The referral id is default, the candidates are null or empty or hold a default id.</exception>
    public Result<PanelPapers> PapersFor(PanelReferralId referral, IEnumerable<AgencyId> candidates)
    {
        var (papers, refusal) = Decide(referral, candidates);
        return refusal is { } r ? Result<PanelPapers>.Refused(r) : papers;
    }

    internal (PanelPapers Papers, Refusal? Refusal) Decide(PanelReferralId referral, IEnumerable<AgencyId> candidates)
    {
        if (referral.IsDefault)
        {
            throw new ArgumentException("The referral id must not be default.", nameof(referral));
        }

        Guard.Against.Null(candidates);
        var targets = candidates.Distinct().Order().ToImmutableArray();
        if (targets.IsEmpty || targets.Any(a => a.IsDefault))
        {
            throw new ArgumentException("At least one agency would see the papers, and none is default.", nameof(candidates));
        }

        var granted = ImmutableArray.CreateBuilder<AgencyId>();
        var withheld = ImmutableArray.CreateBuilder<WithheldAgency>();
        foreach (var agency in targets)
        {
            var decision = Judge(agency, SharingPurpose.Panel);
            if (decision.Granted)
            {
                granted.Add(agency);
            }
            else
            {
                withheld.Add(new WithheldAgency(agency, decision));
            }
        }

        var papers = new PanelPapers(Episode, referral, JudgedAt, granted.ToImmutable(), withheld.ToImmutable());
        if (papers.PapersFor.IsEmpty)
        {
            // The reason that holds for everyone (CONS-07, CONS-04) before a single agency's exclusion (SHARE-01).
            var cause = papers.Withheld.FirstOrDefault(x => !Consent.Excludes(x.Agency)) is { Agency.IsDefault: false } general ? general : papers.Withheld[0];
            return (papers, new Refusal(cause.Decision.RuleId,
                $"No agency at the panel may see the papers of referral {referral} any more: {cause.Decision.Reason}", "consent"));
        }

        return (papers, Stopped);
    }

    internal void Record(Actor by, AgencyId agency, SharingDecision decision, SharedItems items) =>
        _sharing.Record(new SharingAuditEntry(Episode, agency, SharingPurpose.Panel, decision, by, JudgedAt) { Items = items });
}
