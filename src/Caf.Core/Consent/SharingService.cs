using System;
using System.Diagnostics.Metrics;
using Ardalis.GuardClauses;
using Caf.Core.Annotations;
using Caf.Core.Diagnostics;
using Caf.Core.Primitives;

namespace Caf.Core.Consent;

/// <summary>
/// The sharing decision service (SHARE-01..04): decides whether an agency may receive information about
/// an episode for a purpose, records every decision, granted or refused, in the host's
/// <see cref="ISharingAuditLog"/>, and returns it.
/// </summary>
/// <remarks>
/// <para>The rules, in order (docs/consent.md):</para>
/// <list type="number">
/// <item>An agency excluded by any person's current partial consent is refused for every purpose
/// (CONS-05, SHARE-01, LP-11). An override does <em>not</em> lift a family's exclusion.</item>
/// <item>Consent in force (not withdrawn, resolved as <see cref="ConsentPolicy"/> does) grants sharing;
/// for <see cref="SharingPurpose.Panel"/> it must be written by everyone it rests on (CONS-04).</item>
/// <item>Otherwise an override (CONS-06) grants sharing for every purpose except a panel (the case has left
/// the voluntary CAF route; a panel needs the family's written consent).</item>
/// <item>Otherwise refused: withdrawn (CONS-07), refused (CONS-01/02/03/08) or none recorded (SHARE-01).</item>
/// </list>
/// <para>Computing the decision allocates nothing (the reasons are constants). Every recorded decision is counted
/// (<see cref="CafTelemetry.SharingDecisions"/>) when the service was given a meter factory.</para>
/// </remarks>
/// <threadsafety>This type is immutable; it is thread-safe when its audit log is.</threadsafety>
[Immutable]
public sealed class SharingService : ISharingService
{
    private const string ExcludedReason =
        "The family excluded this agency (partial consent, CONS-05): it never receives information about the child by any route — not for the assessment, a plan, a review, a panel, as lead professional (LP-11) or in a report (SHARE-01). An override does not lift the exclusion.";

    private const string GrantedReason =
        "The consent in force covers this agency (SHARE-01); share only the minimum needed for the purpose (SHARE-02).";

    private const string GrantedPanelReason =
        "Written consent in force covers sharing at the panel (CONS-04, SHARE-01); the referral holds only the minimum to identify need and services (SHARE-02).";

    private const string PanelNeedsWrittenReason =
        "Sharing at a panel needs written consent (CONS-04); the consent in force is verbal. Record the signed consent first.";

    private const string PanelOverriddenReason =
        "Consent was overridden (CONS-06): the case has left the voluntary CAF route, and sharing at a panel needs the family's written consent (CONS-04).";

    private const string OverrideReason =
        "Consent was overridden in the child's best interest with a recorded safeguarding justification (CONS-06); share only what safeguarding needs (SHARE-02).";

    private const string NoConsentReason =
        "No consent covering this agency is recorded (SHARE-01): information is shared only with agencies the recorded consent covers.";

    private readonly ISharingAuditLog _auditLog;
    private readonly TimeProvider _timeProvider;
    private readonly ConsentPolicy _policy;
    private readonly CafMetrics _metrics;
    private readonly SharingMinimum _minimum;

    /// <summary>Creates the service.</summary>
    /// <param name="auditLog">Where every decision is recorded (SHARE-03, SHARE-04); implemented by the host.</param>
    /// <param name="timeProvider">The clock for the decision time.</param>
    /// <param name="policy">The consent policy that resolves who must consent; the defaults when null.</param>
    /// <exception cref="ArgumentNullException"><paramref name="auditLog"/> or <paramref name="timeProvider"/> is null.</exception>
    [System.Diagnostics.CodeAnalysis.SuppressMessage("ApiDesign", "RS0027:API with optional parameter(s) should have the most parameters amongst its public overloads",
        Justification = "The overload with a meter factory takes every parameter explicitly; this one keeps its optional policy for existing callers.")]
    public SharingService(ISharingAuditLog auditLog, TimeProvider timeProvider, ConsentPolicy? policy = null)
        : this(auditLog, timeProvider, policy, CafMetrics.None)
    {
    }

    /// <summary>
    /// Creates the service, counting every recorded decision on the <see cref="CafTelemetry.MeterName"/> meter of
    /// <paramref name="meterFactory"/> (<see cref="CafTelemetry.SharingDecisions"/>, docs/operations.md). Without a factory
    /// nothing is counted and no meter is created.
    /// </summary>
    /// <param name="auditLog">Where every decision is recorded (SHARE-03, SHARE-04); implemented by the host.</param>
    /// <param name="timeProvider">The clock for the decision time.</param>
    /// <param name="policy">The consent policy that resolves who must consent; the defaults when null.</param>
    /// <param name="meterFactory">The host's meter factory, or null to count nothing.</param>
    /// <exception cref="ArgumentNullException"><paramref name="auditLog"/> or <paramref name="timeProvider"/> is null.</exception>
    public SharingService(ISharingAuditLog auditLog, TimeProvider timeProvider, ConsentPolicy? policy, IMeterFactory? meterFactory)
        : this(auditLog, timeProvider, policy, CafMetrics.Create(meterFactory))
    {
    }

    /// <summary>
    /// Creates the service with an authority's minimum per purpose (SHARE-02, <see cref="SharingMinimum.From"/>): every
    /// grant names what it hands over (<see cref="SharingDecision.Categories"/>), and the audit entry records it.
    /// </summary>
    /// <param name="auditLog">Where every decision is recorded (SHARE-03, SHARE-04); implemented by the host.</param>
    /// <param name="timeProvider">The clock for the decision time.</param>
    /// <param name="policy">The consent policy that resolves who must consent; the defaults when null.</param>
    /// <param name="meterFactory">The host's meter factory, or null to count nothing.</param>
    /// <param name="minimum">What each purpose hands over; <see cref="SharingMinimum.Default"/> when null.</param>
    /// <exception cref="ArgumentNullException"><paramref name="auditLog"/> or <paramref name="timeProvider"/> is null.</exception>
    public SharingService(ISharingAuditLog auditLog, TimeProvider timeProvider, ConsentPolicy? policy, IMeterFactory? meterFactory, SharingMinimum? minimum)
        : this(auditLog, timeProvider, policy, CafMetrics.Create(meterFactory), minimum)
    {
    }

    internal SharingService(ISharingAuditLog auditLog, TimeProvider timeProvider, ConsentPolicy? policy, CafMetrics metrics, SharingMinimum? minimum = null)
    {
        _auditLog = Guard.Against.Null(auditLog);
        _timeProvider = Guard.Against.Null(timeProvider);
        _policy = policy ?? new ConsentPolicy(new ConsentOptions());
        _metrics = Guard.Against.Null(metrics);
        _minimum = minimum ?? SharingMinimum.Default;
    }

    /// <summary>What each purpose hands over under this service (SHARE-02).</summary>
    public SharingMinimum Minimum => _minimum;

    /// <inheritdoc />
    /// <exception cref="ArgumentNullException"><paramref name="consent"/> is null.</exception>
    /// <exception cref="ArgumentException">An id or the actor is <c>default</c>.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="purpose"/> is not defined.</exception>
    public SharingDecision Decide(EpisodeId episode, ConsentState consent, AgencyId agency, SharingPurpose purpose, Actor requestedBy)
    {
        GuardRequest(episode, requestedBy);
        var decision = Minimised(Compute(consent, agency, purpose), purpose);

        // SHARE-03/SHARE-04: recorded before it is returned, refusals too, with what a grant hands over.
        _auditLog.Record(new SharingAuditEntry(episode, agency, purpose, decision, requestedBy, _timeProvider.GetUtcNow()) { Categories = decision.Categories });
        _metrics.Sharing(purpose, decision);
        return decision;
    }

    /// <summary>
    /// Decides with the child's age known, records the decision and returns it. Prefer this overload when
    /// the age is at hand: without it the young person's standing is read from their record
    /// (<see cref="ConsentRecord.SufficientUnderstanding"/>), so for a young person at or over the
    /// self-consent age with no record of their own a parent's consent would be taken as in force
    /// (docs/consent.md, "Sharing without the age").
    /// </summary>
    /// <param name="episode">The episode the information is about.</param>
    /// <param name="consent">The episode's recorded consent.</param>
    /// <param name="agency">The agency that would receive the information.</param>
    /// <param name="purpose">Why it would be shared.</param>
    /// <param name="requestedBy">Who asks.</param>
    /// <param name="childAgeInYears">The child's age in whole years, or null for an unborn baby.</param>
    /// <returns>The decision with its reason and basis.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="consent"/> is null.</exception>
    /// <exception cref="ArgumentException">An id or the actor is <c>default</c>, or the age is negative.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="purpose"/> is not defined.</exception>
    public SharingDecision Decide(EpisodeId episode, ConsentState consent, AgencyId agency, SharingPurpose purpose, Actor requestedBy, int? childAgeInYears)
    {
        GuardRequest(episode, requestedBy);
        Guard.Against.Null(consent);
        var decision = Minimised(Compute(consent, agency, purpose, childAgeInYears), purpose);
        _auditLog.Record(new SharingAuditEntry(episode, agency, purpose, decision, requestedBy, _timeProvider.GetUtcNow()) { Categories = decision.Categories });
        _metrics.Sharing(purpose, decision);
        return decision;
    }

    /// <inheritdoc />
    /// <exception cref="ArgumentNullException"><paramref name="consent"/> is null.</exception>
    /// <exception cref="ArgumentException">The agency is <c>default</c> or the age is negative.</exception>
    public SharingDecision Evaluate(ConsentState consent, AgencyId agency, SharingPurpose purpose, int? childAgeInYears)
    {
        Guard.Against.Null(consent);
        return Minimised(Compute(consent, agency, purpose, childAgeInYears), purpose);
    }

    /// <inheritdoc />
    /// <exception cref="ArgumentException">The entry's episode, agency or requester is <c>default</c>.</exception>
    public void Record(SharingAuditEntry entry)
    {
        GuardRequest(entry.Episode, entry.RequestedBy);
        if (entry.Agency.IsDefault)
        {
            throw new ArgumentException("The agency id must not be default.", nameof(entry));
        }

        _auditLog.Record(entry);
        _metrics.Sharing(entry.Purpose, entry.Decision);
    }

    /// <summary>The same service (audit log, clock) deciding under another version's consent policy and minimum.</summary>
    internal SharingService WithPolicy(ConsentPolicy policy, SharingMinimum minimum) => new(_auditLog, _timeProvider, policy, _metrics, minimum);

    /// <summary>SHARE-02: a grant names the minimum for its purpose; a refusal hands over nothing. Outside <see cref="Compute(ConsentState, AgencyId, SharingPurpose)"/>.</summary>
    internal SharingDecision Minimised(SharingDecision decision, SharingPurpose purpose) =>
        decision.Granted ? decision with { Categories = _minimum.For(purpose) } : decision;

    /// <summary>
    /// LAW-02: the decision on a recorded consideration under the statutory duty: disclosed (the purpose's minimum) unless
    /// disclosure would be more detrimental to the child; either way on the duty's basis, with the practitioner's reason.
    /// </summary>
    internal static SharingDecision UnderDuty(DutyToShareConsideration consideration, SharingMinimum minimum) => consideration.MoreDetrimentalToChild
        ? new SharingDecision(false, "LAW-02", $"Not disclosed under the statutory duty to share: disclosure would be more detrimental to the child ({consideration.Reason}).")
        {
            Basis = SharingBasis.StatutoryDuty,
            BasisDuty = consideration,
        }
        : new SharingDecision(true, "LAW-02", $"Disclosed under the statutory duty to share for {(consideration.Ground == DutyToShareGround.Welfare ? "the child's welfare" : "safeguarding")}, not more detrimental to the child ({consideration.Reason}); share only the minimum for the purpose (SHARE-02).")
        {
            Basis = SharingBasis.StatutoryDuty,
            BasisDuty = consideration,
            Categories = minimum.For(consideration.Purpose),
        };

    /// <summary>The decision without recording it (for the benchmark and tests). Allocation free.</summary>
    internal SharingDecision Compute(ConsentState consent, AgencyId agency, SharingPurpose purpose)
    {
        if (consent is null)
        {
            throw new ArgumentNullException(nameof(consent));
        }

        GuardTarget(agency, purpose);

        // An excluded agency is refused first, before anything is resolved or looked up: a scan of the exclusions (a
        // handful at most), comparing the agency's key by reference before its characters, and a decision of constants.
        return consent.ExcludingRecord(agency) is { } excluding
            ? Excluded(excluding)
            : Decide(consent, purpose, _policy.ResolveForSharing(consent));
    }

    /// <summary>The decision with the child's age known, exclusions checked before the consent is resolved.</summary>
    private SharingDecision Compute(ConsentState consent, AgencyId agency, SharingPurpose purpose, int? childAgeInYears)
    {
        ConsentPolicy.GuardAge(childAgeInYears);
        GuardTarget(agency, purpose);
        return consent.ExcludingRecord(agency) is { } excluding
            ? Excluded(excluding)
            : Decide(consent, purpose, _policy.ResolveForSharing(consent, childAgeInYears));
    }

    private static void GuardRequest(EpisodeId episode, Actor requestedBy)
    {
        if (episode.IsDefault)
        {
            throw new ArgumentException("The episode id must not be default.", nameof(episode));
        }

        if (requestedBy.IsDefault)
        {
            throw new ArgumentException("The requesting actor must not be default.", nameof(requestedBy));
        }
    }

    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
    private static void GuardTarget(AgencyId agency, SharingPurpose purpose)
    {
        if (agency.IsDefault || (uint)purpose > (uint)SharingPurpose.FamilyLink)
        {
            ThrowTarget(agency, purpose);
        }
    }

    // Apart from GuardTarget: the throwing code stays off the hot path.
    private static void ThrowTarget(AgencyId agency, SharingPurpose purpose)
    {
        if (agency.IsDefault)
        {
            throw new ArgumentException("The agency id must not be default.", nameof(agency));
        }

        if ((uint)purpose > (uint)SharingPurpose.FamilyLink)
        {
            throw new ArgumentOutOfRangeException(nameof(purpose), purpose, "Unknown sharing purpose.");
        }
    }

    // 1. CONS-05 / SHARE-01 / LP-11: an excluded agency is refused whatever the purpose or override.
    private static SharingDecision Excluded(ConsentRecord excluding) =>
        new(false, "SHARE-01", ExcludedReason) { Basis = SharingBasis.Consent, BasisRecord = excluding };

    private static SharingDecision Decide(ConsentState consent, SharingPurpose purpose, ConsentResolution resolution)
    {
        // 2. Consent in force.
        if (resolution.InForce)
        {
            if (purpose != SharingPurpose.Panel)
            {
                return new SharingDecision(true, "SHARE-01", GrantedReason) { Basis = SharingBasis.Consent, BasisRecord = resolution.First };
            }

            return resolution.Written
                ? new SharingDecision(true, "CONS-04", GrantedPanelReason) { Basis = SharingBasis.Consent, BasisRecord = resolution.First }
                : new SharingDecision(false, "CONS-04", PanelNeedsWrittenReason) { Basis = SharingBasis.Consent, BasisRecord = resolution.FirstVerbal };
        }

        // 3. CONS-06: the override, never for a panel.
        if (consent.Override is { } @override)
        {
            return purpose == SharingPurpose.Panel
                ? new SharingDecision(false, "CONS-04", PanelOverriddenReason) { Basis = SharingBasis.Override, BasisOverride = @override }
                : new SharingDecision(true, "CONS-06", OverrideReason) { Basis = SharingBasis.Override, BasisOverride = @override };
        }

        // 4. Refused: withdrawn, refused, or nothing recorded.
        return resolution.RuleId == "LIFE-05"
            ? new SharingDecision(false, "SHARE-01", NoConsentReason)
            : new SharingDecision(false, resolution.RuleId, resolution.Reason)
            {
                Basis = resolution.First is null ? SharingBasis.None : SharingBasis.Consent,
                BasisRecord = resolution.First,
            };
    }
}
