using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using Ardalis.GuardClauses;
using Caf.Core.Annotations;
using Caf.Core.Primitives;

namespace Caf.Core.Panels;

/// <summary>
/// A panel (MAF or MAAG, PANEL-03): it serves an area, is chaired, meets on a cadence and takes so many
/// cases a meeting. Bedfordshire has three MAAG panels, south, mid and north, meeting fortnightly
/// (003 §1); Leicestershire has a MAF in each of five areas, about four times a year, with independent
/// chairs (000 §1).
/// </summary>
/// <remarks>Value equality covers the member agencies.</remarks>
/// <threadsafety>This type is immutable and thread-safe.</threadsafety>
[Immutable]
public sealed record Panel
{
    /// <summary>Creates a panel.</summary>
    /// <param name="id">The panel's id.</param>
    /// <param name="area">The area it serves (compared ordinally, e.g. "north").</param>
    /// <param name="name">Its name (e.g. "MAAG North").</param>
    /// <param name="chair">Who chairs it (003 §4e; 000 §1: independent chairs).</param>
    /// <param name="cadence">When it meets.</param>
    /// <param name="capacity">How much a meeting can take.</param>
    /// <param name="memberAgencies">
    /// The agencies represented at the panel, who would receive the agenda papers (003 §4d); each is put
    /// through the sharing gate for every case (SHARE-01). Duplicates are ignored.
    /// </param>
    /// <exception cref="ArgumentException">An argument is null, empty or default.</exception>
    public Panel(PanelId id, string area, string name, string chair, PanelCadence cadence, PanelCapacity capacity, IEnumerable<AgencyId> memberAgencies)
    {
        Id = id.IsDefault ? throw new ArgumentException("The panel id must not be default.", nameof(id)) : id;
        Area = Guard.Against.NullOrWhiteSpace(area);
        Name = Guard.Against.NullOrWhiteSpace(name);
        Chair = Guard.Against.NullOrWhiteSpace(chair);
        Cadence = Guard.Against.Null(cadence);
        Capacity = Guard.Against.Null(capacity);
        Guard.Against.Null(memberAgencies);
        var members = memberAgencies.Distinct().Order().ToImmutableArray();
        if (members.Any(a => a.IsDefault))
        {
            throw new ArgumentException("Member agencies must not contain a default id.", nameof(memberAgencies));
        }

        MemberAgencies = members;
    }

    /// <summary>The panel's id.</summary>
    public PanelId Id { get; }

    /// <summary>The area it serves.</summary>
    public string Area { get; }

    /// <summary>Its name.</summary>
    public string Name { get; }

    /// <summary>Who chairs it.</summary>
    public string Chair { get; }

    /// <summary>When it meets.</summary>
    public PanelCadence Cadence { get; }

    /// <summary>How much one meeting can take.</summary>
    public PanelCapacity Capacity { get; }

    /// <summary>The agencies represented (sorted, distinct): who would see the papers, subject to the sharing gate.</summary>
    public ImmutableArray<AgencyId> MemberAgencies { get; }

    /// <summary>The panel's meetings over <paramref name="horizonDays"/> days from <paramref name="from"/>.</summary>
    /// <param name="from">The first day considered.</param>
    /// <param name="horizonDays">How many days (1 to 3,660).</param>
    /// <returns>The meetings, ascending.</returns>
    public ImmutableArray<PanelMeeting> Meetings(DateOnly from, int horizonDays) =>
        [.. Cadence.MeetingDates(from, horizonDays).Select(d => new PanelMeeting(Id, Area, d))];

    /// <summary>The panel's meetings over the horizon starting today by <paramref name="time"/>'s local date.</summary>
    /// <param name="time">The clock.</param>
    /// <param name="horizonDays">How many days (1 to 3,660).</param>
    /// <returns>The meetings, ascending.</returns>
    public ImmutableArray<PanelMeeting> Meetings(TimeProvider time, int horizonDays) =>
        Meetings(DateOnly.FromDateTime(Guard.Against.Null(time).GetLocalNow().DateTime), horizonDays);

    /// <inheritdoc />
    public bool Equals(Panel? other) =>
        other is not null && Id == other.Id && Area == other.Area && Name == other.Name && Chair == other.Chair
        && Cadence.Equals(other.Cadence) && Capacity.Equals(other.Capacity) && MemberAgencies.SequenceEqual(other.MemberAgencies);

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(Id, Area, Name, Cadence, Capacity, MemberAgencies.Length);
}
