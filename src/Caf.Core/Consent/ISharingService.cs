using Caf.Core.Primitives;

namespace Caf.Core.Consent;

/// <summary>
/// The one place that answers "may agency X receive information about this episode for purpose P?"
/// (SHARE-01..04). Every part of the library that hands information to an agency asks it, and every
/// decision, granted or refused, is recorded for audit.
/// </summary>
public interface ISharingService
{
    /// <summary>Decides, records the decision, and returns it.</summary>
    /// <param name="episode">The episode the information is about.</param>
    /// <param name="consent">The episode's recorded consent.</param>
    /// <param name="agency">The agency that would receive the information.</param>
    /// <param name="purpose">Why it would be shared.</param>
    /// <param name="requestedBy">Who asks.</param>
    /// <returns>The decision with its reason and basis.</returns>
    SharingDecision Decide(EpisodeId episode, ConsentState consent, AgencyId agency, SharingPurpose purpose, Actor requestedBy);
}

/// <summary>A sharing decision: granted or refused, the rule and the reason.</summary>
/// <param name="Granted">True when the agency may receive the information.</param>
/// <param name="RuleId">The rule the decision rests on (e.g. <c>SHARE-01</c>, <c>CONS-05</c>, <c>CONS-06</c>).</param>
/// <param name="Reason">Why, for a person and for the audit.</param>
/// <threadsafety>This type is immutable and thread-safe.</threadsafety>
[Caf.Core.Annotations.Immutable]
public readonly record struct SharingDecision(bool Granted, string RuleId, string Reason);
