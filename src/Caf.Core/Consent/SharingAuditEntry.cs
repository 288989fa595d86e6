using System;
using Caf.Core.Annotations;
using Caf.Core.Primitives;

namespace Caf.Core.Consent;

/// <summary>
/// One audited sharing decision (SHARE-03, SHARE-04): which episode, which agency, for which purpose,
/// granted or refused with rule and reason, under which consent record or override, who asked and when.
/// </summary>
/// <param name="Episode">The episode the information is about.</param>
/// <param name="Agency">The agency that would receive it.</param>
/// <param name="Purpose">Why it would be shared.</param>
/// <param name="Decision">The decision, with its rule, reason and basis.</param>
/// <param name="RequestedBy">Who asked.</param>
/// <param name="DecidedAt">When, from the injected <see cref="TimeProvider"/>.</param>
/// <threadsafety>This type is immutable and thread-safe.</threadsafety>
[Immutable]
public readonly record struct SharingAuditEntry(
    EpisodeId Episode,
    AgencyId Agency,
    SharingPurpose Purpose,
    SharingDecision Decision,
    Actor RequestedBy,
    DateTimeOffset DecidedAt)
{
    /// <summary>
    /// What was shared (SHARE-04); <see cref="SharedItems.None"/> for a refusal. For a <see cref="SharingAuditKind.Revoked"/> or
    /// <see cref="SharingAuditKind.Restored"/> entry: what the agency held that the consent change took away or gave back.
    /// </summary>
    public SharedItems Items { get; init; }

    /// <summary>
    /// SHARE-02, SHARE-04: the categories of information handed over — the minimum for the purpose under the authority's
    /// policy. Unless set, the decision's <see cref="SharingDecision.Categories"/> when something was handed over
    /// (<see cref="Items"/> not <see cref="SharedItems.None"/>), otherwise <see cref="InformationCategories.None"/>.
    /// </summary>
    public InformationCategories Categories
    {
        get => _categories ?? (Items != SharedItems.None ? Decision.Categories : InformationCategories.None);
        init => _categories = value;
    }

    private readonly InformationCategories? _categories;

    /// <summary>The legal basis the entry names (LAW-01): the decision's.</summary>
    public LegalBasis LegalBasis => Decision.LegalBasis;

    /// <summary>
    /// What the entry records: a decision when information was about to flow (the default), or what a consent change
    /// revoked or restored of an agency's standing grant; then <see cref="Decision"/> is the decision under the consent in
    /// force after the change (refused for a revocation, with the rule and the record that excludes the agency).
    /// </summary>
    public SharingAuditKind Kind { get; init; }

    /// <summary>
    /// Formats the entry for an audit trail, for a person: time, requester, agency, purpose, decision, basis and what was
    /// shared, in display texts (<see cref="ConsentDisplayText"/>) rather than enum names.
    /// </summary>
    /// <returns>One line.</returns>
    public override string ToString()
    {
        var basis = Decision.Basis switch
        {
            SharingBasis.Consent when Decision.BasisRecord is { } r => $"consent of {r.GiverName} ({Text(r.GiverRole, ConsentDisplayText.For)}, {Text(r.Form, ConsentDisplayText.For)})",
            SharingBasis.Override when Decision.BasisOverride is { } o => $"override decided by {o.DecidedBy}",
            SharingBasis.StatutoryDuty when Decision.BasisDuty is { } d => $"statutory duty to share (LAW-02), {Lowered(Text(d.Ground, ConsentDisplayText.For))}",
            _ => "no consent in force",
        };
        if (Kind is SharingAuditKind.Revoked or SharingAuditKind.Restored)
        {
            // "revoked: the panel referral papers for CAMHS, excluded by Jo Smith (parent ...) on 2026-02-01"
            var why = Decision.BasisRecord is { } excluding && !Decision.Granted && excluding.ExcludesAgency(Agency)
                ? $"excluded by {excluding.GiverName} ({Text(excluding.GiverRole, ConsentDisplayText.For)}){(excluding.RecordedAt is { } on ? $" on {on:yyyy-MM-dd}" : "")}"
                : $"basis: {basis}";
            return $"{DecidedAt:u} {Lowered(Text(Kind, ConsentDisplayText.For))}: {Lowered(Text(Items, ConsentDisplayText.For))} for {Agency} ({Lowered(Text(Purpose, ConsentDisplayText.For))}) on episode {Episode}, {why}; recorded by {RequestedBy}: {Decision}";
        }

        return $"{DecidedAt:u} {RequestedBy} asked to share episode {Episode} with {Agency} for {Lowered(Text(Purpose, ConsentDisplayText.For))}: {Decision} (basis: {basis}; shared: {Lowered(Text(Items, ConsentDisplayText.For))}{(Categories != InformationCategories.None ? $"; information: {Lowered(Text(Categories, ConsentDisplayText.For))}" : "")})";
    }

    private static string Lowered(string text) => char.ToLowerInvariant(text[0]) + text[1..];

    // ToString never throws: a value outside the enum (a host's mistake) is shown as its number, not refused here.
    private static string Text<TEnum>(TEnum value, Func<TEnum, string> text)
        where TEnum : struct, Enum
    {
        try
        {
            return text(value);
        }
        catch (ArgumentOutOfRangeException)
        {
            return value.ToString();
        }
    }
}
