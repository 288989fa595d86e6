using System;
using Caf.Core.Annotations;
using Caf.Core.Consent;
using Caf.Core.Primitives;

namespace Caf.Core.Analysis;

/// <summary>
/// The sharing rules of one configuration, for analysis: decides as <see cref="SharingService"/> does and records
/// nothing (a what-if never writes to an audit log).
/// </summary>
[Immutable]
internal sealed class EvaluatingSharingService : ISharingService
{
    private readonly SharingService _rules;

    public EvaluatingSharingService(ConsentPolicy policy)
    {
        _rules = new SharingService(NoAudit.Instance, TimeProvider.System, policy);
    }

    public SharingDecision Decide(EpisodeId episode, ConsentState consent, AgencyId agency, SharingPurpose purpose, Actor requestedBy) =>
        _rules.Compute(consent, agency, purpose);

    public SharingDecision Evaluate(ConsentState consent, AgencyId agency, SharingPurpose purpose, int? childAgeInYears) =>
        _rules.Evaluate(consent, agency, purpose, childAgeInYears);

    public void Record(SharingAuditEntry entry)
    {
        // Analysis only: nothing is recorded.
    }

    [Immutable]
    private sealed class NoAudit : ISharingAuditLog
    {
        public static readonly NoAudit Instance = new();

        public void Record(SharingAuditEntry entry)
        {
        }
    }
}
