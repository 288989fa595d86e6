using System;
using Caf.Core.Annotations;
using Caf.Core.Primitives;

namespace Caf.Core.Planning;

/// <summary>
/// REV-04: an agency's action that was not carried out, taken up by the lead professional: "If actions by
/// agencies are not carried out, this should be taken up by the Lead Practitioner with his/her own
/// supervisor and/or manager. The supervisor needs to support the approach to the relevant agency"
/// (002 §8). The action keeps its owner: "The Lead Practitioner is not responsible or accountable for
/// services delivered by other agencies."
/// </summary>
/// <param name="ActionId">The action not carried out.</param>
/// <param name="Owner">The practitioner who owns it (and keeps it).</param>
/// <param name="Agency">The agency that did not carry it out, to be approached through the supervisor.</param>
/// <param name="RaisedBy">The lead professional who takes it up with their supervisor.</param>
/// <param name="RaisedOn">The date of the review that found it.</param>
/// <threadsafety>This type is immutable and thread-safe.</threadsafety>
[Immutable]
public sealed record ActionEscalation(string ActionId, PractitionerId Owner, AgencyId Agency, Actor RaisedBy, DateOnly RaisedOn);
