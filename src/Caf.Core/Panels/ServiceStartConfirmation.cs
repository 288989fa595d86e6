using System;
using Caf.Core.Annotations;
using Caf.Core.Primitives;

namespace Caf.Core.Panels;

/// <summary>
/// PANEL-06: an allocated service's confirmed start date (003 §4g: "to give an expected start date"; §5:
/// the quarterly feedback sheet asks "for confirmation that the allocations have in fact been made and to
/// give a start date"). Created by <see cref="PanelAftercare.ConfirmStart"/>.
/// </summary>
/// <param name="Referral">The referral decided.</param>
/// <param name="Episode">The episode.</param>
/// <param name="Agency">The allocated service.</param>
/// <param name="StartDate">When the service starts (or started).</param>
/// <param name="ConfirmedBy">Who confirmed it.</param>
/// <param name="ConfirmedAt">When it was confirmed.</param>
/// <threadsafety>This type is immutable and thread-safe.</threadsafety>
[Immutable]
public sealed record ServiceStartConfirmation(
    PanelReferralId Referral,
    EpisodeId Episode,
    AgencyId Agency,
    DateOnly StartDate,
    Actor ConfirmedBy,
    DateTimeOffset ConfirmedAt);
