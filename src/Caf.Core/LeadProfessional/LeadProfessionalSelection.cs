using Ardalis.GuardClauses;
using System.Collections.Immutable;
using Caf.Core.Annotations;
using Caf.Core.Primitives;

namespace Caf.Core.LeadProfessional;

/// <summary>
/// The outcome of one lead-professional selection: every candidate ranked and explained, the chosen one
/// (the best eligible), or the LP-09 escalation when nobody is eligible. Exactly one of
/// <see cref="Chosen"/> and <see cref="Escalation"/> is set.
/// </summary>
/// <threadsafety>This type is immutable and thread-safe.</threadsafety>
[Immutable]
public sealed class LeadProfessionalSelection
{
    internal LeadProfessionalSelection(EpisodeId episode, ImmutableArray<RankedCandidate> ranked, LeadProfessionalEscalation? escalation)
    {
        Episode = episode;
        Ranked = ranked;
        Chosen = ranked.Length > 0 && ranked[0].IsEligible ? ranked[0] : null;
        Escalation = Chosen is null ? escalation : null;
    }

    /// <summary>The episode selected for.</summary>
    public EpisodeId Episode { get; }

    /// <summary>Every candidate, best first: eligible candidates before ineligible ones, each with its explanation.</summary>
    public ImmutableArray<RankedCandidate> Ranked { get; }

    /// <summary>The best eligible candidate (the nominee to appoint, subject to LP-05 agreement and LP-06 confirmation), or null.</summary>
    public RankedCandidate? Chosen { get; }

    /// <summary>LP-09: set when nobody is eligible; null when <see cref="Chosen"/> is set.</summary>
    public LeadProfessionalEscalation? Escalation { get; }

    /// <summary>The eligible candidates, best first (the chosen one and the alternatives).</summary>
    public ImmutableArray<RankedCandidate> Eligible
    {
        get
        {
            var count = 0;
            while (count < Ranked.Length && Ranked[count].IsEligible)
            {
                count++;
            }

            return ImmutableArray.Create(Ranked, 0, count);
        }
    }

    /// <summary>The chosen candidate, or an <c>LP-09</c> refusal carrying the escalation reason.</summary>
    /// <returns>The result.</returns>
    public Result<RankedCandidate> ToResult() => ToResult(CafNames.Ids);

    /// <summary>The chosen candidate, or an <c>LP-09</c> refusal naming the candidates considered through the host's naming port.</summary>
    /// <param name="names">The naming port (<see cref="Lifecycle.EpisodePolicy.Names"/>).</param>
    /// <returns>The result.</returns>
    /// <exception cref="System.ArgumentException"><paramref name="names"/> is null.</exception>
    public Result<RankedCandidate> ToResult(ICafNames names)
    {
        Guard.Against.Null(names);
        return Chosen is { } chosen ? Result<RankedCandidate>.Success(chosen) : Result<RankedCandidate>.Refused(Escalation!.ToRefusal(names));
    }
}
