using System;
using System.Collections.Immutable;
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
/// sufficient knowledge, understanding and intelligence (CONS-02). Null when not applicable.
/// </param>
/// <threadsafety>This type is immutable and thread-safe.</threadsafety>
[Immutable]
public sealed record ConsentRecord(
    ConsentGiverRole GiverRole,
    string GiverName,
    ConsentDecision Decision,
    ConsentForm Form,
    ImmutableArray<AgencyId> ExcludedAgencies,
    bool? SufficientUnderstanding = null);

/// <summary>
/// An override of absent or refused consent in the child's best interest (CONS-06): a recorded
/// safeguarding justification and who decided. It takes the episode out of the voluntary CAF route.
/// </summary>
/// <param name="SafeguardingJustification">Why overriding is in the child's best interest.</param>
/// <param name="DecidedBy">The person who decided (typically a manager or safeguarding lead).</param>
/// <threadsafety>This type is immutable and thread-safe.</threadsafety>
[Immutable]
public sealed record ConsentOverride(string SafeguardingJustification, PractitionerId DecidedBy);

/// <summary>A withdrawal of consent (CONS-07): possible at any time.</summary>
/// <param name="WithdrawnBy">Who withdrew.</param>
/// <param name="Reason">The reason given, if any (may be empty).</param>
/// <threadsafety>This type is immutable and thread-safe.</threadsafety>
[Immutable]
public sealed record ConsentWithdrawal(ConsentGiverRole WithdrawnBy, string Reason);
