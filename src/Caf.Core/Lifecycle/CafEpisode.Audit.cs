using System.Collections.Generic;
using System.Linq;
using Ardalis.GuardClauses;
using Caf.Core.Consent;

namespace Caf.Core.Lifecycle;

/// <summary>
/// SHARE-03/04 with the save: for an episode a store loaded (<see cref="HoldSharingAuditUntilSaved"/>), the sharing decisions of a command that goes ahead are held with its event and written
/// by the store with that event (the EF store in the same transaction; the in-memory store once the save succeeded), so
/// a save that is refused or loses a race leaves no entry claiming a grant. A refused command's refusals are recorded
/// at once: no save follows, and a refusal hands nothing over.
/// </summary>
public sealed partial class CafEpisode
{
    private List<SharingAuditEntry> _auditScratch = []; // decided for the command being run, not yet tied to an event
    private List<(int Event, SharingAuditEntry Entry)> _unsavedAudit = []; // tied to the event at that index
    private bool _holdsAudit; // set by the store that loaded the episode; otherwise every decision is recorded at once

    /// <summary>
    /// Called by a store on an episode it loads, before handing it out: from then on the sharing decisions of the commands
    /// that go ahead are held with their events (<see cref="UnsavedSharingAudit"/>) until the store saves those events,
    /// instead of being recorded in the <see cref="ISharingAuditLog"/> when the command runs. Both stores that ship call it;
    /// an episode built in memory (<see cref="IdentifyConcern"/>,
    /// <see cref="Rebuild"/>) records at once, as a host's own store that does not call it sees.
    /// </summary>
    public void HoldSharingAuditUntilSaved() => _holdsAudit = true;

    /// <summary>Whether the decisions are held until saved (<see cref="HoldSharingAuditUntilSaved"/>).</summary>
    internal bool HoldsSharingAudit => _holdsAudit;

    /// <summary>
    /// The sharing decisions (SHARE-03, SHARE-04) recorded by the commands whose events come at or after
    /// <paramref name="fromVersion"/>, oldest first: what a store writes with those events. Held by this instance only
    /// until a store writes them (see <see cref="RecordUnsavedSharingAudit"/>); a reloaded episode has none.
    /// </summary>
    /// <param name="fromVersion">The version the store saves from (the expected version of an update; 0 for an add).</param>
    /// <returns>The entries, oldest first.</returns>
    /// <exception cref="System.ArgumentException"><paramref name="fromVersion"/> is negative.</exception>
    public IReadOnlyList<SharingAuditEntry> UnsavedSharingAudit(int fromVersion)
    {
        Guard.Against.Negative(fromVersion);
        return [.. _unsavedAudit.Where(a => a.Event >= fromVersion).Select(a => a.Entry)];
    }

    /// <summary>
    /// For a store that keeps no audit table of its own (the in-memory store, a host's repository): once the events from
    /// <paramref name="fromVersion"/> are saved, records their sharing decisions in the episode's
    /// <see cref="ISharingAuditLog"/>, then forgets them. A store that writes <see cref="UnsavedSharingAudit"/> in its own
    /// transaction calls <see cref="ForgetSavedSharingAudit"/> instead.
    /// </summary>
    /// <param name="fromVersion">The version the store saved from.</param>
    /// <exception cref="System.ArgumentException"><paramref name="fromVersion"/> is negative.</exception>
    public void RecordUnsavedSharingAudit(int fromVersion)
    {
        foreach (var entry in UnsavedSharingAudit(fromVersion))
        {
            _policy.Sharing.Record(entry);
        }

        ForgetSavedSharingAudit();
    }

    /// <summary>Forgets the held sharing decisions of every event this instance has: they are stored.</summary>
    public void ForgetSavedSharingAudit() => _unsavedAudit.RemoveAll(a => a.Event < _events.Count);

    /// <summary>Holds an entry for the command being run (live only); tied to its event when it goes ahead.</summary>
    private void Hold(SharingAuditEntry entry)
    {
        if (_holdsAudit)
        {
            _auditScratch.Add(entry);
        }
        else
        {
            _policy.Sharing.Record(entry);
        }
    }

    /// <summary>Holds an entry with the episode's latest event (a revocation the register records with the save).</summary>
    internal void HoldWithLatestEvent(SharingAuditEntry entry) => _unsavedAudit.Add((_events.Count - 1, entry));

    /// <summary>
    /// After a live command: applied, every held entry goes with the event just applied; refused (or a dry run), the
    /// entries it added from <paramref name="heldBefore"/> on (refusals only: grants are held only once a command goes
    /// ahead) are recorded at once.
    /// </summary>
    private void Settle(int heldBefore, bool applied)
    {
        if (applied)
        {
            foreach (var entry in _auditScratch)
            {
                _unsavedAudit.Add((_events.Count - 1, entry));
            }

            _auditScratch.Clear();
            return;
        }

        RecordHeldFrom(heldBefore);
    }

    private void RecordHeldFrom(int index)
    {
        var refused = _auditScratch.GetRange(index, _auditScratch.Count - index);
        _auditScratch.RemoveRange(index, refused.Count);
        foreach (var entry in refused)
        {
            _policy.Sharing.Record(entry);
        }
    }
}
