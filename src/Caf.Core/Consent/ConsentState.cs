using System;
using System.Collections.Immutable;
using System.Runtime.InteropServices;
using System.Threading;
using Ardalis.GuardClauses;
using Caf.Core.Annotations;
using Caf.Core.Primitives;

namespace Caf.Core.Consent;

/// <summary>
/// Everything recorded about consent on one episode, in order: consent records, the exclusions they made
/// (CONS-05), an override (CONS-06) and a withdrawal (CONS-07). Immutable: each change returns a new state.
/// The episode keeps one and rebuilds it from its events.
/// </summary>
/// <remarks>
/// Exclusions are kept apart from the records: a person's later record (a new consent, a refusal) replaces
/// their decision, but not their exclusions. An exclusion stands until the same person lifts it explicitly
/// (<see cref="WithExclusionLifted"/>); a withdrawal or an override never re-admits an excluded agency.
/// </remarks>
/// <threadsafety>This type is immutable and thread-safe.</threadsafety>
[Immutable]
public sealed class ConsentState
{
    private ConsentState(
        RecordLog log,
        int count,
        bool anyGiven,
        ImmutableArray<ConsentExclusion> exclusions,
        ConsentOverride? @override,
        ConsentWithdrawal? withdrawal,
        LatestByRole latest)
    {
        _latest = latest;
        _log = log;
        _count = count;
        _anyGiven = anyGiven;
        Exclusions = exclusions;
        Override = @override;
        Withdrawal = withdrawal;
    }

    // The records are the first _count slots of a log that states derived from one another share (issue 26): adding a
    // record to the newest state writes the next slot instead of copying every record, so n records cost linear time
    // and memory, not quadratic. A slot once written never changes, so every state sees exactly its own records.
    private readonly RecordLog _log;
    private readonly int _count;
    private readonly bool _anyGiven;
    private ImmutableArray<ConsentRecord> _records; // the immutable view of the first _count slots, built when first read

    // The latest record of each defined role, kept as records are added (issue 26): Latest(role) answers without walking
    // the records, which every consent resolution asks for each role (a role with no record walked all of them).
    private readonly LatestByRole _latest;

    /// <summary>Nothing recorded yet.</summary>
    public static ConsentState Empty { get; } = new(RecordLog.None, 0, false, [], null, null, default);

    /// <summary>Every consent record, oldest first; a later record of the same person supersedes their earlier decision.</summary>
    public ImmutableArray<ConsentRecord> Records
    {
        get
        {
            var records = _records;
            if (records.IsDefault)
            {
                // One reference in a struct: a racing reader at worst builds an equal array twice.
                _records = records = ImmutableArray.Create(_log.Items, 0, _count);
            }

            return records;
        }
    }

    /// <summary>True when any record gives consent (whatever came after it), without building <see cref="Records"/>.</summary>
    internal bool AnyGiven => _anyGiven;

    /// <summary>The exclusions in force (CONS-05), oldest first; each stands until its maker lifts it.</summary>
    public ImmutableArray<ConsentExclusion> Exclusions { get; }

    /// <summary>The override of consent in the child's best interest, if any (CONS-06).</summary>
    public ConsentOverride? Override { get; }

    /// <summary>The withdrawal of consent, if any (CONS-07).</summary>
    public ConsentWithdrawal? Withdrawal { get; }

    /// <summary>True once consent has been withdrawn (CONS-07).</summary>
    public bool IsWithdrawn => Withdrawal is not null;

    /// <summary>True once consent has been overridden (CONS-06).</summary>
    public bool IsOverridden => Override is not null;

    /// <summary>Adds a consent record; the agencies it excludes join the exclusions in force (CONS-05).</summary>
    /// <param name="record">The record.</param>
    /// <returns>The new state.</returns>
    public ConsentState With(ConsentRecord record)
    {
        Guard.Against.Null(record);
        var exclusions = Exclusions;
        foreach (var agency in record.ExcludedAgencies)
        {
            if (!IsExcludedByIn(exclusions, agency, record.GiverRole))
            {
                exclusions = exclusions.Add(new ConsentExclusion(agency, record.GiverRole, record));
            }
        }

        return new(_log.Append(_count, record, out var log) ? _log : log, _count + 1, _anyGiven || record.Decision == ConsentDecision.Given, exclusions, Override, Withdrawal, _latest.With(record));
    }

    /// <summary>Lifts one person's exclusion of an agency (CONS-05); other people's exclusions of it stand.</summary>
    /// <param name="lift">The lift.</param>
    /// <returns>The new state.</returns>
    /// <exception cref="System.ArgumentException">That person has not excluded the agency (check <see cref="IsExcludedBy"/> first).</exception>
    public ConsentState WithExclusionLifted(ConsentExclusionLift lift)
    {
        Guard.Against.Null(lift);
        for (var i = 0; i < Exclusions.Length; i++)
        {
            if (Exclusions[i].Agency == lift.Agency && Exclusions[i].By == lift.LiftedBy)
            {
                return new(_log, _count, _anyGiven, Exclusions.RemoveAt(i), Override, Withdrawal, _latest);
            }
        }

        throw new System.ArgumentException($"{lift.LiftedBy} has not excluded {lift.Agency}.", nameof(lift));
    }

    /// <summary>Records an override (CONS-06). It does not lift any exclusion.</summary>
    /// <param name="override">The override.</param>
    /// <returns>The new state.</returns>
    public ConsentState WithOverride(ConsentOverride @override) => new(_log, _count, _anyGiven, Exclusions, Guard.Against.Null(@override), Withdrawal, _latest);

    /// <summary>Records a withdrawal (CONS-07). Exclusions stand.</summary>
    /// <param name="withdrawal">The withdrawal.</param>
    /// <returns>The new state.</returns>
    public ConsentState WithWithdrawal(ConsentWithdrawal withdrawal) => new(_log, _count, _anyGiven, Exclusions, Override, Guard.Against.Null(withdrawal), _latest);

    /// <summary>The latest record of a person in the given role, or null.</summary>
    /// <param name="role">The role.</param>
    /// <returns>The latest record, or null.</returns>
    public ConsentRecord? Latest(ConsentGiverRole role)
    {
        if (_latest.TryGet(role, out var latest))
        {
            return latest;
        }

        // A role outside the enum (never recorded through a guarded record): the walk, as before.
        var items = _log.Items;
        for (var i = _count - 1; i >= 0; i--)
        {
            if (items[i].GiverRole == role)
            {
                return items[i];
            }
        }

        return null;
    }

    /// <summary>True when an exclusion in force excludes the agency (partial consent, CONS-05).</summary>
    /// <param name="agency">The agency.</param>
    /// <returns>True when anyone's exclusion of the agency stands.</returns>
    public bool Excludes(AgencyId agency) => ExcludingRecord(agency) is not null;

    /// <summary>True when this person's exclusion of the agency stands (the one they may lift).</summary>
    /// <param name="agency">The agency.</param>
    /// <param name="role">The person.</param>
    /// <returns>True when excluded by that person.</returns>
    public bool IsExcludedBy(AgencyId agency, ConsentGiverRole role) => IsExcludedByIn(Exclusions, agency, role);

    /// <summary>
    /// The record that made the oldest exclusion of the agency still in force (CONS-05), or null.
    /// Allocation free.
    /// </summary>
    /// <param name="agency">The agency.</param>
    /// <returns>The excluding record, or null when no exclusion of the agency stands.</returns>
    public ConsentRecord? ExcludingRecord(AgencyId agency)
    {
        // CONS-05: every person's exclusion is honoured (the union), even when that person's consent does
        // not decide (docs/consent.md). A loop over the array, not LINQ or an enumerator: this is on the hot path of
        // every sharing decision. The keys are compared by reference first (usually the same string), then ordinally.
        var exclusions = ImmutableCollectionsMarshal.AsArray(Exclusions);
        if (exclusions is null || agency.Value is not { } key)
        {
            return null;
        }

        foreach (var exclusion in exclusions)
        {
            var excluded = exclusion.Agency.Value;
            if (ReferenceEquals(excluded, key) || string.Equals(excluded, key, StringComparison.Ordinal))
            {
                return exclusion.Record;
            }
        }

        return null;
    }

    private static bool IsExcludedByIn(ImmutableArray<ConsentExclusion> exclusions, AgencyId agency, ConsentGiverRole role)
    {
        foreach (var exclusion in exclusions)
        {
            if (exclusion.Agency == agency && exclusion.By == role)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>The latest record of each defined <see cref="ConsentGiverRole"/> (null: none yet); a value, copied with the state.</summary>
    private readonly record struct LatestByRole(ConsentRecord? Parent, ConsentRecord? Young, ConsentRecord? Expectant)
    {
        public LatestByRole With(ConsentRecord record) => record.GiverRole switch
        {
            ConsentGiverRole.ParentWithParentalResponsibility => this with { Parent = record },
            ConsentGiverRole.YoungPerson => this with { Young = record },
            ConsentGiverRole.ExpectantParent => this with { Expectant = record },
            _ => this,
        };

        public bool TryGet(ConsentGiverRole role, out ConsentRecord? latest)
        {
            switch (role)
            {
                case ConsentGiverRole.ParentWithParentalResponsibility:
                    latest = Parent;
                    return true;
                case ConsentGiverRole.YoungPerson:
                    latest = Young;
                    return true;
                case ConsentGiverRole.ExpectantParent:
                    latest = Expectant;
                    return true;
                default:
                    latest = null;
                    return false;
            }
        }
    }

    /// <summary>
    /// The slots behind one or more states' records. Only a state whose records fill every claimed slot can write the
    /// next one (claimed atomically, then written once); any other state copies its own records into a new log.
    /// </summary>
    private sealed class RecordLog(ConsentRecord[] items, int claimed)
    {
        public static readonly RecordLog None = new([], 0); // no slot: never written

        private int _claimed = claimed;

        public ConsentRecord[] Items { get; } = items;

        /// <summary>
        /// Puts the record in slot <paramref name="at"/> of this log (true), or into a new log holding this log's first
        /// <paramref name="at"/> records and the record (false, <paramref name="copy"/>).
        /// </summary>
        public bool Append(int at, ConsentRecord record, out RecordLog copy)
        {
            copy = this;
            if (at < Volatile.Read(ref _claimed))
            {
                // The slot is taken: by the same record (a state added it, then another state equal to that one added it
                // again, as the episode does when it judges a change before applying it) it can be shared.
                if (ReferenceEquals(Volatile.Read(ref Items[at]), record))
                {
                    return true;
                }
            }
            else if (at < Items.Length && Interlocked.CompareExchange(ref _claimed, at + 1, at) == at)
            {
                Volatile.Write(ref Items[at], record);
                return true;
            }

            var items = new ConsentRecord[Math.Max(4, 2 * (at + 1))];
            Array.Copy(Items, items, at);
            items[at] = record;
            copy = new RecordLog(items, at + 1);
            return false;
        }
    }
}
