using System;
using Caf.Core.Annotations;
using Caf.Core.Primitives;

namespace Caf.Core.Consent;

/// <summary>
/// One agency a person excluded by partial consent (CONS-05). An exclusion stands until the person who made
/// it lifts it explicitly (<see cref="ConsentExclusionLift"/>, recorded as its own event); a later consent,
/// a refusal, a withdrawal or an override never lifts it (SHARE-01, docs/consent.md).
/// </summary>
/// <param name="Agency">The excluded agency.</param>
/// <param name="By">Whose exclusion it is.</param>
/// <param name="Record">The consent record that made it.</param>
/// <threadsafety>This type is immutable and thread-safe.</threadsafety>
[Immutable]
public sealed record ConsentExclusion(AgencyId Agency, ConsentGiverRole By, ConsentRecord Record);

/// <summary>
/// The explicit lifting of an exclusion (CONS-05) by the person who made it: from then on their exclusion of
/// the agency no longer applies (another person's exclusion of the same agency still does).
/// </summary>
/// <param name="Agency">The agency no longer excluded by this person.</param>
/// <param name="LiftedBy">Who lifts it: the same role that made the exclusion.</param>
/// <param name="GiverName">The person's name as recorded.</param>
/// <param name="Reason">Why, in the person's words.</param>
/// <threadsafety>This type is immutable and thread-safe.</threadsafety>
[Immutable]
public sealed record ConsentExclusionLift(AgencyId Agency, ConsentGiverRole LiftedBy, string GiverName, string Reason)
{
    /// <summary>The agency and who lifted it (the role) only: the giver's name and the reason are left out.</summary>
    /// <returns>For example <c>ConsentExclusionLift { Agency = camhs, LiftedBy = YoungPerson }</c>.</returns>
    public override string ToString() => $"ConsentExclusionLift {{ Agency = {Agency}, LiftedBy = {LiftedBy} }}";
}
