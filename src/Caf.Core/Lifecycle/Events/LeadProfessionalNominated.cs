using System;
using Caf.Core.Annotations;
using Caf.Core.Events;
using Caf.Core.Primitives;

namespace Caf.Core.Lifecycle.Events;

/// <summary>
/// LP-03, LP-04, LP-10: a lead professional was nominated (or a successor, for a planned handover). The
/// facts the hard checks rest on are recorded with it, so a stored history is checked the same way again.
/// </summary>
/// <param name="EpisodeId">The episode.</param>
/// <param name="OccurredAt">When, from the host's TimeProvider.</param>
/// <param name="Actor">Who nominated.</param>
/// <param name="Practitioner">The nominee.</param>
/// <param name="Agency">The nominee's agency.</param>
/// <param name="Reason">Why this person (e.g. the selection's explanation) or why a handover (LP-10).</param>
/// <param name="WorksWithFamily">True when the nominee already works with the family (LP-03).</param>
/// <param name="IsLeadProfessionalTrained">True when the nominee is trained for the role (LP-04).</param>
/// <param name="CurrentLeadCaseload">How many episodes the nominee leads (the caseload cap, LP-06).</param>
/// <threadsafety>This type is immutable and thread-safe.</threadsafety>
[Immutable]
public sealed record LeadProfessionalNominated(
    EpisodeId EpisodeId,
    DateTimeOffset OccurredAt,
    Actor Actor,
    PractitionerId Practitioner,
    AgencyId Agency,
    string Reason,
    bool WorksWithFamily,
    bool IsLeadProfessionalTrained,
    int CurrentLeadCaseload)
    : CafEvent(EpisodeId, OccurredAt, Actor);
