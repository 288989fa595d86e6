using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using Ardalis.GuardClauses;
using Caf.Core.Annotations;
using Caf.Core.Consent;
using Caf.Core.Lifecycle;
using Caf.Core.Primitives;
using FsCheck;
using FsCheck.Fluent;

namespace Caf.Core.Testing;

/// <summary>One step of a consent history: a record (given, partial or refused), an exclusion lifted, a withdrawal or an override.</summary>
/// <param name="Record">A consent record (CONS-01..05, CONS-08), or null.</param>
/// <param name="Lift">An exclusion lifted by the person who made it (CONS-05), or null.</param>
/// <param name="Withdrawal">A withdrawal (CONS-07), or null.</param>
/// <param name="Override">An override in the child's best interest (CONS-06), or null.</param>
/// <threadsafety>This type is immutable and thread-safe.</threadsafety>
[Immutable]
public sealed record ConsentHistoryStep(ConsentRecord? Record = null, ConsentExclusionLift? Lift = null, ConsentWithdrawal? Withdrawal = null, ConsentOverride? Override = null)
{
    /// <inheritdoc />
    public override string ToString() =>
        Record is { } r ? $"{r.GiverRole} {r.Decision} {r.Form}{(r.ExcludedAgencies.IsEmpty ? "" : " excluding " + string.Join(", ", r.ExcludedAgencies))}"
        : Lift is { } l ? $"{l.LiftedBy} lifts {l.Agency}"
        : Withdrawal is { } w ? $"{w.WithdrawnBy} withdraws"
        : "override";
}

/// <summary>A consent history for one child, every record acceptable for the child's age (the consent policy's <c>ValidateRecord</c>).</summary>
/// <param name="Child">The child.</param>
/// <param name="Steps">The steps, oldest first.</param>
/// <threadsafety>This type is immutable and thread-safe.</threadsafety>
[Immutable]
public sealed record ConsentHistory(ChildDetails Child, ImmutableArray<ConsentHistoryStep> Steps)
{
    /// <summary>The consent state after every step (CONS-05 exclusions, CONS-06 override, CONS-07 withdrawal).</summary>
    /// <returns>The state.</returns>
    public ConsentState ToState()
    {
        var state = ConsentState.Empty;
        foreach (var s in Steps)
        {
            state = s.Record is { } r ? state.With(r)
                : s.Lift is { } l ? state.WithExclusionLifted(l)
                : s.Withdrawal is { } w ? state.WithWithdrawal(w)
                : s.Override is { } o ? state.WithOverride(o)
                : state;
        }

        return state;
    }

    /// <inheritdoc />
    public bool Equals(ConsentHistory? other) => other is not null && Child == other.Child && Sequence.Equal(Steps, other.Steps);

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(Child, Sequence.Hash(Steps));

    /// <inheritdoc />
    public override string ToString() => $"[{string.Join("; ", Steps)}]";
}

public static partial class CafGen
{
    private static readonly AgencyId[] Excludable = [CafCatalogue.Camhs, CafCatalogue.Police, CafCatalogue.YouthService, CafCatalogue.Housing, CafCatalogue.HealthVisiting];

    /// <summary>
    /// Consent histories of a generated child (<see cref="Child"/>): parent and young person records suited to the
    /// child's age under <paramref name="consent"/> (expectant parent for an unborn baby, CONS-08; a young person
    /// between the bounds with the competence judgement, CONS-02; from the self-consent age on their own, CONS-03),
    /// verbal or written, given, partial (excluding agencies, CONS-05) or refused; exclusions lifted by the person who
    /// made them; a withdrawal (CONS-07); an override (CONS-06). Shrinks by removing steps (a lift whose exclusion
    /// is gone is dropped too).
    /// </summary>
    /// <param name="today">The day ages are taken on.</param>
    /// <param name="consent">The consent options (age bounds).</param>
    /// <returns>The arbitrary.</returns>
    public static Arbitrary<ConsentHistory> ConsentHistories(DateOnly today, ConsentOptions? consent = null)
    {
        var bounds = consent ?? new ConsentOptions();
        var gen = from child in Child(today, bounds)
                  from length in Gen.Choose(0, 7)
                  from kinds in Gen.Choose(0, 99).ArrayOf(length)
                  from picks in Gen.Choose(0, 1 << 20).ArrayOf(length)
                  select new ConsentHistory(child, Interpret(child.AgeOn(today), bounds, kinds, picks));
        return Arb.From(gen, h => Enumerable.Range(0, h.Steps.Length).Select(i => h with { Steps = Normalise(h.Steps.RemoveAt(i)) }));
    }

    private static ImmutableArray<ConsentHistoryStep> Interpret(int? age, ConsentOptions bounds, int[] kinds, int[] picks)
    {
        var steps = ImmutableArray.CreateBuilder<ConsentHistoryStep>();
        for (var i = 0; i < kinds.Length; i++)
        {
            var pick = picks[i];
            var state = new ConsentHistory(new ChildDetails(new ChildId("c"), null), steps.ToImmutable()).ToState();
            var excluded = state.Exclusions;
            if (kinds[i] < 12 && !excluded.IsEmpty)
            {
                var x = excluded[pick % excluded.Length];
                steps.Add(new ConsentHistoryStep(Lift: new ConsentExclusionLift(x.Agency, x.By, x.Record.GiverName, "They now agree this agency may be involved.")));
            }
            else if (kinds[i] < 18 && state.Records.Any(r => r.Decision == ConsentDecision.Given) && !state.IsWithdrawn)
            {
                var giver = state.Records.Last(r => r.Decision == ConsentDecision.Given).GiverRole;
                steps.Add(new ConsentHistoryStep(Withdrawal: new ConsentWithdrawal(giver, "The family no longer want support.")));
            }
            else if (kinds[i] < 21 && !state.IsOverridden)
            {
                steps.Add(new ConsentHistoryStep(Override: new ConsentOverride("Risk of significant harm: the child's best interest.", new PractitionerId("pr-dsl"))));
            }
            else
            {
                steps.Add(new ConsentHistoryStep(Record: RecordFor(age, bounds, kinds[i], pick)));
            }
        }

        return steps.ToImmutable();
    }

    private static ConsentRecord RecordFor(int? age, ConsentOptions bounds, int kind, int pick)
    {
        var form = (pick & 1) == 0 ? ConsentForm.Written : ConsentForm.Verbal;
        var decision = kind % 5 == 0 ? ConsentDecision.Refused : ConsentDecision.Given;
        ImmutableArray<AgencyId> excluded = decision == ConsentDecision.Given && kind % 3 == 0
            ? [.. Excludable.Where((_, j) => ((pick >> (j + 1)) & 1) == 1).DefaultIfEmpty(Excludable[pick % Excludable.Length])]
            : [];
        var youngPerson = (pick & 64) != 0;
        return age switch
        {
            null => new ConsentRecord(ConsentGiverRole.ExpectantParent, "Ms Smith", decision, form, excluded) with { SharingExplained = true },
            { } a when youngPerson && a > bounds.CompetenceAgeExclusiveLowerBound && a < bounds.SelfConsentAge =>
                new ConsentRecord(ConsentGiverRole.YoungPerson, "Amy", decision, form, excluded, SufficientUnderstanding: (pick & 128) == 0) with { SharingExplained = true },
            { } a when youngPerson && a >= bounds.SelfConsentAge => new ConsentRecord(ConsentGiverRole.YoungPerson, "Amy", decision, form, excluded) with { SharingExplained = true },
            _ => new ConsentRecord(ConsentGiverRole.ParentWithParentalResponsibility, "Ms Smith", decision, form, excluded) with { SharingExplained = true },
        };
    }

    // Drops lifts of exclusions no longer made and repeated withdrawals or overrides, after a step was removed.
    private static ImmutableArray<ConsentHistoryStep> Normalise(ImmutableArray<ConsentHistoryStep> steps)
    {
        var kept = ImmutableArray.CreateBuilder<ConsentHistoryStep>();
        foreach (var s in steps)
        {
            var state = new ConsentHistory(new ChildDetails(new ChildId("c"), null), kept.ToImmutable()).ToState();
            var ok = s.Lift is not { } l || state.IsExcludedBy(l.Agency, l.LiftedBy);
            ok &= s.Withdrawal is null || (!state.IsWithdrawn && state.Records.Any(r => r.Decision == ConsentDecision.Given));
            ok &= s.Override is null || !state.IsOverridden;
            if (ok)
            {
                kept.Add(s);
            }
        }

        return kept.ToImmutable();
    }
}
