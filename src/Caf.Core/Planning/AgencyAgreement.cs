using System;
using Ardalis.GuardClauses;
using Caf.Core.Annotations;

namespace Caf.Core.Planning;

/// <summary>
/// LP-12: an agency's recorded agreement that the lead professional does one of its actions on its behalf (003 §3: the
/// role carries no "authority to take action on behalf of another agency, unless that is specifically agreed").
/// </summary>
/// <threadsafety>This type is immutable and thread-safe.</threadsafety>
[Immutable]
public sealed record AgencyAgreement
{
    /// <summary>Creates the agreement.</summary>
    /// <param name="agreedBy">Who agreed for the owning agency (name and role), as recorded.</param>
    /// <param name="agreedOn">When they agreed.</param>
    /// <exception cref="ArgumentException"><paramref name="agreedBy"/> is null or blank.</exception>
    public AgencyAgreement(string agreedBy, DateOnly agreedOn)
    {
        AgreedBy = Guard.Against.NullOrWhiteSpace(agreedBy);
        AgreedOn = agreedOn;
    }

    /// <summary>Who agreed for the owning agency (name and role).</summary>
    public string AgreedBy { get; }

    /// <summary>When they agreed.</summary>
    public DateOnly AgreedOn { get; }
}
