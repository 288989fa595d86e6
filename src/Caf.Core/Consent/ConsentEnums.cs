namespace Caf.Core.Consent;

/// <summary>Who gave (or refused) consent (CONS-01, CONS-02, CONS-03, CONS-08).</summary>
[System.Text.Json.Serialization.JsonConverter(typeof(Caf.Core.Primitives.StrictEnumConverter<ConsentGiverRole>))]
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
[System.Text.Json.Serialization.JsonConverter(typeof(Caf.Core.Primitives.StrictEnumConverter<ConsentForm>))]
public enum ConsentForm
{
    /// <summary>Verbal: enough to start an assessment (LIFE-05), not to share at a panel.</summary>
    Verbal = 0,

    /// <summary>Written (signed): required to share at a panel (CONS-04).</summary>
    Written = 1,
}

/// <summary>Whether the person consented or refused.</summary>
[System.Text.Json.Serialization.JsonConverter(typeof(Caf.Core.Primitives.StrictEnumConverter<ConsentDecision>))]
public enum ConsentDecision
{
    /// <summary>Consent given (possibly partial: see <see cref="ConsentRecord.ExcludedAgencies"/>).</summary>
    Given = 0,

    /// <summary>Consent refused (a child with capacity may refuse too).</summary>
    Refused = 1,
}

/// <summary>Why information would be shared with an agency (SHARE-02: the minimum for the purpose).</summary>
[System.Text.Json.Serialization.JsonConverter(typeof(Caf.Core.Primitives.StrictEnumConverter<SharingPurpose>))]
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

    /// <summary>Recording work on the episode: the practitioner acting sees its record (SHARE-01).</summary>
    EpisodeWork = 6,

    /// <summary>The register's answer to a new concern: whether a CAF is open and whom to contact (LIFE-03, REG-02).</summary>
    RegisterCheck = 7,

    /// <summary>Transferring the record to another authority (RET-02).</summary>
    Transfer = 8,

    /// <summary>Linking siblings' episodes so family information is shared between them (REG-03).</summary>
    FamilyLink = 9,
}

/// <summary>What was shared (SHARE-04: "record what you have shared, with whom and for what purpose").</summary>
[System.Flags]
public enum SharedItems
{
    /// <summary>Nothing (a refusal, or a decision that hands over nothing yet).</summary>
    None = 0,

    /// <summary>The register entry: that a CAF exists and whom to contact (REG-02).</summary>
    RegisterEntry = 1,

    /// <summary>The assessment and its thresholds result.</summary>
    Assessment = 2,

    /// <summary>The action plan.</summary>
    Plan = 4,

    /// <summary>A review of the plan.</summary>
    Review = 8,

    /// <summary>The panel referral papers (the minimum to identify need and services, SHARE-02).</summary>
    PanelPapers = 16,

    /// <summary>The lead-professional role and the episode's record that comes with it.</summary>
    LeadProfessionalRole = 32,

    /// <summary>The closure record.</summary>
    ClosureRecord = 64,

    /// <summary>The whole episode record (a transfer out of area).</summary>
    EpisodeRecord = 128,

    /// <summary>Family and environment information shared between siblings' episodes (REG-03).</summary>
    FamilyInformation = 256,

    /// <summary>The episode's record seen while recording work on it.</summary>
    CaseNotes = 512,
}

/// <summary>
/// What an audit entry records (SHARE-03, SHARE-04): a decision made when information was about to flow, or the
/// effect of a consent change on something an agency already held (a standing grant: the lead-professional role,
/// plan delivery, a panel's papers or allocation).
/// </summary>
[System.Text.Json.Serialization.JsonConverter(typeof(Caf.Core.Primitives.StrictEnumConverter<SharingAuditKind>))]
public enum SharingAuditKind
{
    /// <summary>A sharing decision, granted or refused (<see cref="SharingDecision.Granted"/> says which).</summary>
    Decision = 0,

    /// <summary>A consent change took away what the agency held: nothing more of it goes to the agency.</summary>
    Revoked = 1,

    /// <summary>A consent change gave back what the agency held before (an exclusion lifted, consent given again).</summary>
    Restored = 2,
}
