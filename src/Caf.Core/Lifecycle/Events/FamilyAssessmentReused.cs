using System;
using Caf.Core.Annotations;
using Caf.Core.Events;
using Caf.Core.Primitives;
using Caf.Core.Register;

namespace Caf.Core.Lifecycle.Events;

/// <summary>
/// REG-03, SHARE-01: this episode's assessment received the family and environmental part a sibling's episode recorded
/// for the family group, through the sharing gate (this episode's consent in force covered the recording agency, and
/// the source's consent covered this episode's team). Recorded by the register (<see cref="CafRegister.ReuseFamilyAssessmentAsync"/>).
/// </summary>
/// <param name="EpisodeId">The episode that received it.</param>
/// <param name="OccurredAt">When, from the host's TimeProvider.</param>
/// <param name="Actor">Who asked for it for this child's assessment.</param>
/// <param name="FamilyGroup">The family group both episodes were in.</param>
/// <param name="Source">The sibling's episode it was recorded on.</param>
/// <param name="RecordedBy">Who recorded it there (the recording agency).</param>
/// <param name="RecordedAt">When it was recorded there.</param>
/// <param name="Part">The family and environmental part, as recorded.</param>
/// <param name="Reason">Why it is reused (LIFE-11).</param>
/// <threadsafety>This type is immutable and thread-safe.</threadsafety>
[Immutable]
public sealed record FamilyAssessmentReused(
    EpisodeId EpisodeId,
    DateTimeOffset OccurredAt,
    Actor Actor,
    string FamilyGroup,
    EpisodeId Source,
    Actor RecordedBy,
    DateTimeOffset RecordedAt,
    FamilyAssessment Part,
    string Reason)
    : CafEvent(EpisodeId, OccurredAt, Actor);
