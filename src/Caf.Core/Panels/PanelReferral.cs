using System;
using System.Collections.Immutable;
using System.Linq;
using Ardalis.GuardClauses;
using Caf.Core.Annotations;
using Caf.Core.Primitives;

namespace Caf.Core.Panels;

/// <summary>
/// A referral of an episode to the panel of an area (PANEL-01, PANEL-02, PLAN-04, CONS-04), as the
/// referrer fills in the multi-agency/CAF form: why a panel, the parent's signed consent to share at the
/// panel, the identified needs, the desired outcome and the SMART goals. Build it with what is known, then
/// <see cref="Validate"/> names every missing item; <see cref="PanelSharingGate.Refer(PanelReferral, Caf.Core.Consent.ConsentState, System.Collections.Generic.IEnumerable{AgencyId})"/>
/// refuses an incomplete referral and puts a complete one through the sharing gate.
/// </summary>
/// <remarks>
/// Re-referral is always allowed (PANEL-07, 003 §4f "Any family can be re-referred"): nothing here looks
/// at earlier referrals of the episode. Value equality covers the needs and goals.
/// </remarks>
/// <threadsafety>This type is immutable and thread-safe.</threadsafety>
[Immutable]
public sealed record PanelReferral
{
    private readonly PanelReferralReason? _reason;
    private readonly ImmutableArray<string> _needs = [];
    private readonly ImmutableArray<string> _goals = [];

    /// <summary>Creates a referral with its identity; the form's contents are set with the init properties.</summary>
    /// <param name="id">The referral's id.</param>
    /// <param name="episode">The episode referred.</param>
    /// <param name="area">The area whose panel hears it (PANEL-03).</param>
    /// <param name="referredBy">The referrer (any agency can refer, 003 §4f).</param>
    /// <param name="referredAt">When it was referred: the scheduler's order (PANEL-03).</param>
    /// <exception cref="ArgumentException">An id or the actor is default, or the area is empty.</exception>
    public PanelReferral(PanelReferralId id, EpisodeId episode, string area, Actor referredBy, DateTimeOffset referredAt)
    {
        Id = id.IsDefault ? throw new ArgumentException("The referral id must not be default.", nameof(id)) : id;
        Episode = episode.IsDefault ? throw new ArgumentException("The episode id must not be default.", nameof(episode)) : episode;
        Area = Guard.Against.NullOrWhiteSpace(area);
        ReferredBy = referredBy.IsDefault ? throw new ArgumentException("The referrer must not be default.", nameof(referredBy)) : referredBy;
        ReferredAt = referredAt;
    }

    /// <summary>The referral's id.</summary>
    public PanelReferralId Id { get; }

    /// <summary>The episode referred.</summary>
    public EpisodeId Episode { get; }

    /// <summary>The area whose panel hears it.</summary>
    public string Area { get; }

    /// <summary>The referrer.</summary>
    public Actor ReferredBy { get; }

    /// <summary>When it was referred.</summary>
    public DateTimeOffset ReferredAt { get; }

    /// <summary>PANEL-01: why a panel; null when not given.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is not defined.</exception>
    public PanelReferralReason? Reason
    {
        get => _reason;
        init => _reason = value is null || Enum.IsDefined(value.Value)
            ? value
            : throw new ArgumentOutOfRangeException(nameof(value), value, "Unknown panel referral reason.");
    }

    /// <summary>CONS-04, PANEL-02: the parent signed the form, consenting to the information being shared at the panel (003 §4f).</summary>
    public bool WrittenConsentToShare { get; init; }

    /// <summary>PANEL-02: the needs identified by the assessment (blank entries are not counted); never default.</summary>
    public ImmutableArray<string> IdentifiedNeeds
    {
        get => _needs;
        init => _needs = value.IsDefault ? [] : value;
    }

    /// <summary>PANEL-02: what the family and referrer want to achieve; null when not given.</summary>
    public string? DesiredOutcome { get; init; }

    /// <summary>PANEL-02, PLAN-04: SMART goals (blank entries are not counted); never default.</summary>
    public ImmutableArray<string> SmartGoals
    {
        get => _goals;
        init => _goals = value.IsDefault ? [] : value;
    }

    /// <summary>
    /// Names every missing item, each by its field, in the form's order: <c>reason</c> (PANEL-01),
    /// <c>writtenConsentToShare</c> (CONS-04), <c>identifiedNeeds</c>, <c>desiredOutcome</c> and
    /// <c>smartGoals</c> (PANEL-02; PLAN-04 for the goals). Pure.
    /// </summary>
    /// <returns>The refusals; empty when the referral is complete.</returns>
    public ImmutableArray<Refusal> Validate()
    {
        var problems = ImmutableArray.CreateBuilder<Refusal>();
        if (Reason is null)
        {
            problems.Add(new Refusal("PANEL-01",
                "Say why a panel: needs varied or complex enough for more than one service, unclear which service fits, or a multi-agency response needed.", "reason"));
        }

        if (!WrittenConsentToShare)
        {
            problems.Add(new Refusal("CONS-04",
                "The referral form must be signed by the parent: written consent to share the information at the panel.", "writtenConsentToShare"));
        }

        if (!IdentifiedNeeds.Any(n => !string.IsNullOrWhiteSpace(n)))
        {
            problems.Add(new Refusal("PANEL-02", "A referral lists the identified needs.", "identifiedNeeds"));
        }

        if (string.IsNullOrWhiteSpace(DesiredOutcome))
        {
            problems.Add(new Refusal("PANEL-02", "A referral states the desired outcome.", "desiredOutcome"));
        }

        if (!SmartGoals.Any(g => !string.IsNullOrWhiteSpace(g)))
        {
            problems.Add(new Refusal("PANEL-02", "A referral sets SMART goals (specific, measurable, achievable, realistic, timed; PLAN-04).", "smartGoals"));
        }

        return problems.ToImmutable();
    }

    /// <inheritdoc />
    public bool Equals(PanelReferral? other) =>
        other is not null && Id == other.Id && Episode == other.Episode && Area == other.Area && ReferredBy == other.ReferredBy
        && ReferredAt == other.ReferredAt && Reason == other.Reason && WrittenConsentToShare == other.WrittenConsentToShare
        && DesiredOutcome == other.DesiredOutcome && IdentifiedNeeds.SequenceEqual(other.IdentifiedNeeds) && SmartGoals.SequenceEqual(other.SmartGoals);

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(Id, Episode, Area, ReferredAt, Reason, WrittenConsentToShare, DesiredOutcome);
}
