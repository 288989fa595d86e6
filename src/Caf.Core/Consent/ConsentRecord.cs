using System;
using System.Collections.Immutable;
using System.Text.Json.Serialization;
using Caf.Core.Annotations;
using Caf.Core.Primitives;

namespace Caf.Core.Consent;

/// <summary>
/// One recorded consent decision (CONS-01..05, CONS-08): who, given or refused, verbal or written, and
/// the scope — all partner agencies except those the family excluded (partial consent, CONS-05).
/// </summary>
/// <param name="GiverRole">Who decided.</param>
/// <param name="GiverName">The person's name as recorded.</param>
/// <param name="Decision">Given or refused.</param>
/// <param name="Form">Verbal or written (CONS-04).</param>
/// <param name="ExcludedAgencies">Agencies the family refused sharing with (CONS-05); empty for full consent.</param>
/// <param name="SufficientUnderstanding">
/// For a young person under the self-consent age: the practitioner's recorded judgement that they have
/// sufficient knowledge, understanding and intelligence (CONS-02). Null when not applicable: a parent or
/// expectant parent, or a young person at or over the self-consent age (capacity presumed, CONS-03).
/// The recorded value fixes the young person's standing: null = consents for themselves, true = competent
/// under the self-consent age, false = recorded but does not count (see docs/consent.md).
/// </param>
/// <param name="RecordedAt">When the consent was recorded (from the host's <see cref="TimeProvider"/>), if known.</param>
/// <param name="RecordedBy">The practitioner who recorded it, if known (CONS-04: consent must be recorded).</param>
/// <remarks>
/// A <c>default</c> <see cref="ExcludedAgencies"/> is read as empty (full consent). Validate a record with
/// <see cref="ConsentPolicy.ValidateRecord"/> before accepting it onto an episode.
/// </remarks>
/// <threadsafety>This type is immutable and thread-safe.</threadsafety>
[Immutable]
public sealed partial record ConsentRecord(
    ConsentGiverRole GiverRole,
    string GiverName,
    ConsentDecision Decision,
    ConsentForm Form,
    ImmutableArray<AgencyId> ExcludedAgencies,
    bool? SufficientUnderstanding = null,
    DateTimeOffset? RecordedAt = null,
    PractitionerId? RecordedBy = null)
{
    /// <summary>Agencies the family refused sharing with (CONS-05); empty for full consent, never <c>default</c>.</summary>
    public ImmutableArray<AgencyId> ExcludedAgencies
    {
        get => _excludedAgencies;
        init => _excludedAgencies = value.IsDefault ? [] : value; // also through `with { ExcludedAgencies = default }`
    }

    private readonly ImmutableArray<AgencyId> _excludedAgencies = ExcludedAgencies.IsDefault ? [] : ExcludedAgencies;

    /// <summary>
    /// CONS-09: the practitioner made it clear that, to secure support from other agencies, information will need to be
    /// shared with them (002 §6: "The practitioner must make it clear ..."). An episode refuses a given consent that
    /// records false or, live, does not say (null); a stored record without it (written before CONS-09 was required)
    /// reads back as it was accepted. A refused consent need not say.
    /// </summary>
    /// <remarks>JSON: <c>sharingExplained</c>, omitted when null.</remarks>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public bool? SharingExplained { get; init; }

    /// <summary>True when this record excludes the agency (CONS-05). Allocation free.</summary>
    /// <param name="agency">The agency.</param>
    /// <returns>True when the agency is named in <see cref="ExcludedAgencies"/>.</returns>
    public bool ExcludesAgency(AgencyId agency)
    {
        var excluded = ExcludedAgencies.IsDefault ? ImmutableArray<AgencyId>.Empty : ExcludedAgencies;
        for (var i = 0; i < excluded.Length; i++)
        {
            if (excluded[i] == agency)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// The role, decision, form and the number of excluded agencies only: the giver's name is personal data and is
    /// left out, so a record written to a log leaks nothing about the family.
    /// </summary>
    /// <returns>For example <c>ConsentRecord { GiverRole = YoungPerson, Decision = Given, Form = Written, ExcludedAgencies = 1 }</c>.</returns>
    public override string ToString() =>
        $"ConsentRecord {{ GiverRole = {GiverRole}, Decision = {Decision}, Form = {Form}, ExcludedAgencies = {ExcludedAgencies.Length} }}";

    /// <inheritdoc />
    public bool Equals(ConsentRecord? other) =>
        other is not null && GiverRole == other.GiverRole && GiverName == other.GiverName && Decision == other.Decision
        && Form == other.Form && SufficientUnderstanding == other.SufficientUnderstanding && RecordedAt == other.RecordedAt
        && RecordedBy == other.RecordedBy && SharingExplained == other.SharingExplained && ValueEquality.Equal(ExcludedAgencies, other.ExcludedAgencies);

    /// <inheritdoc />
    public override int GetHashCode() =>
        HashCode.Combine(HashCode.Combine(GiverRole, GiverName, Decision, Form, SufficientUnderstanding, RecordedAt, RecordedBy), SharingExplained, ValueEquality.Hash(ExcludedAgencies));
}

/// <summary>
/// An override of absent or refused consent in the child's best interest (CONS-06): a recorded
/// safeguarding justification and who decided. It takes the episode out of the voluntary CAF route.
/// </summary>
/// <param name="SafeguardingJustification">Why overriding is in the child's best interest.</param>
/// <param name="DecidedBy">The person who decided (typically a manager or safeguarding lead).</param>
/// <threadsafety>This type is immutable and thread-safe.</threadsafety>
[Immutable]
public sealed record ConsentOverride(string SafeguardingJustification, PractitionerId DecidedBy)
{
    /// <summary>Who decided only: the justification is free text about the family and is left out.</summary>
    /// <returns>For example <c>ConsentOverride { DecidedBy = pr-1 }</c>.</returns>
    public override string ToString() => $"ConsentOverride {{ DecidedBy = {DecidedBy} }}";
}

/// <summary>
/// A withdrawal of consent (CONS-07): possible at any time, by someone who may consent (CONS-01..03, CONS-08),
/// recorded with their name and the reason given (<see cref="ConsentPolicy.ValidateWithdrawal"/>).
/// </summary>
/// <param name="WithdrawnBy">Who withdrew.</param>
/// <param name="Reason">The reason given (an episode refuses a blank one, CONS-07).</param>
/// <remarks>
/// <see cref="Name"/> and <see cref="SufficientUnderstanding"/> were added after withdrawals were first stored: a
/// stored withdrawal without a name is one recorded before the CONS-07 checks, and reads back as it was (JSON: both
/// omitted when null).
/// </remarks>
/// <threadsafety>This type is immutable and thread-safe.</threadsafety>
[Immutable]
public sealed record ConsentWithdrawal(ConsentGiverRole WithdrawnBy, string Reason)
{
    /// <summary>Who withdrew (the role) only: the name and the reason are personal data and are left out.</summary>
    /// <returns>For example <c>ConsentWithdrawal { WithdrawnBy = ParentWithParentalResponsibility }</c>.</returns>
    public override string ToString() => $"ConsentWithdrawal {{ WithdrawnBy = {WithdrawnBy} }}";

    /// <summary>
    /// The name of the person who withdrew, as recorded (CONS-07). Null only in withdrawals stored before the
    /// name was recorded; an episode refuses a new withdrawal without one.
    /// </summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Name { get; init; }

    /// <summary>
    /// For a young person under the self-consent age: the practitioner's recorded judgement that they have
    /// sufficient knowledge, understanding and intelligence (CONS-02), without which their withdrawal does not
    /// end the consent a parent gave. Null for anyone else.
    /// </summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public bool? SufficientUnderstanding { get; init; }
}
