using System;
using System.Text.Json.Serialization;
using Caf.Core.Annotations;

namespace Caf.Core.Closure;

/// <summary>
/// CLOSE-C4 evidence: the young person "is successfully transferred to Adult Services with his/her agreement
/// and involvement in the decision" (002 §9).
/// </summary>
/// <threadsafety>This type is immutable and thread-safe.</threadsafety>
[Immutable]
public sealed record AdultServicesTransfer
{
    /// <summary>Creates the record of the transfer.</summary>
    /// <param name="adultService">The adult service the young person transfers to.</param>
    /// <param name="youngPersonAgreed">The young person agreed and was involved in the decision.</param>
    /// <exception cref="ArgumentNullException">The service is null.</exception>
    [JsonConstructor]
    public AdultServicesTransfer(string adultService, bool youngPersonAgreed)
    {
        AdultService = adultService ?? throw new ArgumentNullException(nameof(adultService));
        YoungPersonAgreed = youngPersonAgreed;
    }

    /// <summary>The adult service.</summary>
    public string AdultService { get; }

    /// <summary>The young person agreed and was involved in the decision.</summary>
    public bool YoungPersonAgreed { get; }
}
