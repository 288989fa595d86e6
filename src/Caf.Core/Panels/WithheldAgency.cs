using Caf.Core.Annotations;
using Caf.Core.Consent;
using Caf.Core.Primitives;

namespace Caf.Core.Panels;

/// <summary>An agency the sharing gate refused for a panel purpose (SHARE-01), with the audited decision.</summary>
/// <param name="Agency">The agency that may not see the papers.</param>
/// <param name="Decision">The decision, as recorded in the sharing audit (SHARE-03, SHARE-04).</param>
/// <threadsafety>This type is immutable and thread-safe.</threadsafety>
[Immutable]
public readonly record struct WithheldAgency(AgencyId Agency, SharingDecision Decision);
