using Caf.Core.Annotations;
using Caf.Core.Closure;
using Caf.Core.Consent;

namespace Caf.Core.Policy;

/// <summary>
/// What an episode judges under one policy version: built once per version by <see cref="Lifecycle.EpisodePolicy"/>
/// and chosen per event (the version it names) or per command (the version in effect).
/// </summary>
[Immutable]
internal sealed class EpisodeRules
{
    internal EpisodeRules(PolicyVersion version, ISharingService sharing)
    {
        var options = version.Options;
        Version = version;
        Consent = new ConsentPolicy(options.Consent);
        Sharing = sharing;
        Minimum = SharingMinimum.From(options.Sharing);
        StatutoryDutyFrom = options.Sharing.StatutoryDutyFrom;
        AssessmentTimescaleMonths = options.Lifecycle.AssessmentTimescaleMonths;
        InsufficientProgressReviewLimit = options.Reviews.InsufficientProgressReviewLimit;
        CountConsecutiveInsufficientReviewsOnly = options.Reviews.CountConsecutiveOnly;
        Closure = new ClosureCheck(version.ClosureTaxonomy, options.Closure);
        RetentionYears = options.Retention.RetentionYears;
        RequireLeadProfessionalTraining = options.LeadProfessional.RequireTraining;
        LeadProfessionalCaseloadCap = options.LeadProfessional.CaseloadCap;
        NextStepsReviewRequired = options.Lifecycle.NextStepsReviewRequired;
        CafAlongsideSpecialistService = options.Lifecycle.CafAlongsideSpecialistService;
    }

    internal PolicyVersion Version { get; }

    internal ConsentPolicy Consent { get; }

    /// <summary>The sharing decisions under this version's consent rules (records to the host's audit log).</summary>
    internal ISharingService Sharing { get; }

    /// <summary>SHARE-02: what each purpose hands over under this version.</summary>
    internal SharingMinimum Minimum { get; }

    /// <summary>LAW-02: the first day the statutory duty to share applies under this version, or null (off).</summary>
    internal System.DateOnly? StatutoryDutyFrom { get; }

    internal int AssessmentTimescaleMonths { get; }

    internal int InsufficientProgressReviewLimit { get; }

    internal bool CountConsecutiveInsufficientReviewsOnly { get; }

    internal ClosureCheck Closure { get; }

    internal int RetentionYears { get; }

    internal bool RequireLeadProfessionalTraining { get; }

    internal int? LeadProfessionalCaseloadCap { get; }

    /// <summary>LIFE-14: the next-steps review (and the ground for starting) is required, not advisory.</summary>
    internal bool NextStepsReviewRequired { get; }

    /// <summary>THR-08: a CAF may continue alongside a specialist service, with the coordination need recorded.</summary>
    internal bool CafAlongsideSpecialistService { get; }
}
