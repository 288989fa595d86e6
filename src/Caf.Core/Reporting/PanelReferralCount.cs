using Caf.Core.Annotations;
using Caf.Core.Primitives;

namespace Caf.Core.Reporting;

/// <summary>Panel referrals made by one agency in the window and the allocations they led to (REP-04).</summary>
/// <param name="Agency">The referring agency.</param>
/// <param name="Referrals">Referrals made in the window.</param>
/// <param name="Allocations">Services allocated for those referrals.</param>
/// <threadsafety>This type is immutable and thread-safe.</threadsafety>
[Immutable]
public readonly record struct PanelReferralCount(AgencyId Agency, int Referrals, int Allocations);
