using System;
using Caf.Core.Annotations;
using Caf.Core.Events;
using Caf.Core.Primitives;

namespace Caf.Core.Lifecycle.Events;

/// <summary>
/// LIFE-13: the completed CAF was sent to a single agency as its referral, in place of the agency's own referral form
/// (003 §3 Option 1: "the CAF form is also a multi-agency referral form"; 000: "services accept CAF as a service request").
/// The referrer stays lead professional until someone else takes the role over (003 §3b).
/// </summary>
/// <param name="EpisodeId">The episode.</param>
/// <param name="OccurredAt">When, from the host's TimeProvider.</param>
/// <param name="Actor">Who referred: the episode's lead professional.</param>
/// <param name="Agency">The agency referred to; it receives the assessment through the sharing gate (SHARE-01).</param>
/// <param name="Service">The service or specific piece of work asked for.</param>
/// <param name="CafCompletedAt">The request itself: the completed assessment sent, named by when it was completed.</param>
/// <param name="Reason">Why this agency and service (LIFE-11).</param>
/// <threadsafety>This type is immutable and thread-safe.</threadsafety>
[Immutable]
public sealed record ReferredToAgencyWithCaf(
    EpisodeId EpisodeId,
    DateTimeOffset OccurredAt,
    Actor Actor,
    AgencyId Agency,
    string Service,
    DateTimeOffset CafCompletedAt,
    string Reason)
    : CafEvent(EpisodeId, OccurredAt, Actor);
