using System.Collections.Immutable;
using Ardalis.GuardClauses;
using Caf.Core.Annotations;
using Caf.Core.Primitives;

namespace Caf.Core.Consent;

/// <summary>
/// Everything recorded about consent on one episode, in order: consent records, an override (CONS-06)
/// and a withdrawal (CONS-07). Immutable: each change returns a new state. The episode keeps one and
/// rebuilds it from its events.
/// </summary>
/// <threadsafety>This type is immutable and thread-safe.</threadsafety>
[Immutable]
public sealed class ConsentState
{
    private ConsentState(ImmutableArray<ConsentRecord> records, ConsentOverride? @override, ConsentWithdrawal? withdrawal)
    {
        Records = records;
        Override = @override;
        Withdrawal = withdrawal;
    }

    /// <summary>Nothing recorded yet.</summary>
    public static ConsentState Empty { get; } = new([], null, null);

    /// <summary>Every consent record, oldest first; later records of the same person supersede earlier ones.</summary>
    public ImmutableArray<ConsentRecord> Records { get; }

    /// <summary>The override of consent in the child's best interest, if any (CONS-06).</summary>
    public ConsentOverride? Override { get; }

    /// <summary>The withdrawal of consent, if any (CONS-07).</summary>
    public ConsentWithdrawal? Withdrawal { get; }

    /// <summary>True once consent has been withdrawn (CONS-07).</summary>
    public bool IsWithdrawn => Withdrawal is not null;

    /// <summary>True once consent has been overridden (CONS-06).</summary>
    public bool IsOverridden => Override is not null;

    /// <summary>Adds a consent record.</summary>
    /// <param name="record">The record.</param>
    /// <returns>The new state.</returns>
    public ConsentState With(ConsentRecord record) => new(Records.Add(Guard.Against.Null(record)), Override, Withdrawal);

    /// <summary>Records an override (CONS-06).</summary>
    /// <param name="override">The override.</param>
    /// <returns>The new state.</returns>
    public ConsentState WithOverride(ConsentOverride @override) => new(Records, Guard.Against.Null(@override), Withdrawal);

    /// <summary>Records a withdrawal (CONS-07).</summary>
    /// <param name="withdrawal">The withdrawal.</param>
    /// <returns>The new state.</returns>
    public ConsentState WithWithdrawal(ConsentWithdrawal withdrawal) => new(Records, Override, Guard.Against.Null(withdrawal));

    /// <summary>The latest record of a person in the given role, or null.</summary>
    /// <param name="role">The role.</param>
    /// <returns>The latest record, or null.</returns>
    public ConsentRecord? Latest(ConsentGiverRole role)
    {
        for (var i = Records.Length - 1; i >= 0; i--)
        {
            if (Records[i].GiverRole == role)
            {
                return Records[i];
            }
        }

        return null;
    }

    /// <summary>True when a current record excludes the agency (partial consent, CONS-05).</summary>
    /// <param name="agency">The agency.</param>
    /// <returns>True when excluded by any person's latest consent.</returns>
    public bool Excludes(AgencyId agency) => ExcludingRecord(agency) is not null;

    /// <summary>
    /// The latest record, of any person, that excludes the agency (CONS-05), or null. Checked in the
    /// order parent, young person, expectant parent. Allocation free.
    /// </summary>
    /// <param name="agency">The agency.</param>
    /// <returns>The excluding record, or null when no current record excludes the agency.</returns>
    public ConsentRecord? ExcludingRecord(AgencyId agency)
    {
        // CONS-05: every person's latest wish is honoured (the union of exclusions), even when that
        // person's consent does not decide (docs/consent.md). Loops, not LINQ: this is on the hot path.
        foreach (var role in Roles)
        {
            if (Latest(role) is { } record && record.ExcludesAgency(agency))
            {
                return record;
            }
        }

        return null;
    }

    private static readonly ConsentGiverRole[] Roles =
        [ConsentGiverRole.ParentWithParentalResponsibility, ConsentGiverRole.YoungPerson, ConsentGiverRole.ExpectantParent];
}
