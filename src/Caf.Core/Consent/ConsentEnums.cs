namespace Caf.Core.Consent;

/// <summary>Who gave (or refused) consent (CONS-01, CONS-02, CONS-03, CONS-08).</summary>
public enum ConsentGiverRole
{
    /// <summary>A parent or other person with parental responsibility (CONS-01).</summary>
    ParentWithParentalResponsibility = 0,

    /// <summary>The child or young person themselves (CONS-02 with a competence judgement, CONS-03 at 16+).</summary>
    YoungPerson = 1,

    /// <summary>The expectant parent, for an unborn baby (CONS-08).</summary>
    ExpectantParent = 2,
}

/// <summary>How consent was given (CONS-04).</summary>
public enum ConsentForm
{
    /// <summary>Verbal: enough to start an assessment (LIFE-05), not to share at a panel.</summary>
    Verbal = 0,

    /// <summary>Written (signed): required to share at a panel (CONS-04).</summary>
    Written = 1,
}

/// <summary>Whether the person consented or refused.</summary>
public enum ConsentDecision
{
    /// <summary>Consent given (possibly partial: see <see cref="ConsentRecord.ExcludedAgencies"/>).</summary>
    Given = 0,

    /// <summary>Consent refused (a child with capacity may refuse too).</summary>
    Refused = 1,
}

/// <summary>Why information would be shared with an agency (SHARE-02: the minimum for the purpose).</summary>
public enum SharingPurpose
{
    /// <summary>Contributing to the assessment.</summary>
    Assessment = 0,

    /// <summary>Delivering actions of the plan.</summary>
    PlanDelivery = 1,

    /// <summary>Holding the lead-professional role (LP-11).</summary>
    LeadProfessional = 2,

    /// <summary>A panel (MAF/MAAG) referral or allocation (CONS-04, PANEL-02).</summary>
    Panel = 3,

    /// <summary>A review of the plan.</summary>
    Review = 4,

    /// <summary>A report that names the child.</summary>
    Reporting = 5,
}
