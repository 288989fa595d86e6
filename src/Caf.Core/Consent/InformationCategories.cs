namespace Caf.Core.Consent;

/// <summary>
/// The categories of information about a child that a hand-over can carry (SHARE-02: the minimum needed for the
/// purpose). Each purpose hands over a defined set of them (<see cref="SharingMinimum"/>), recorded on the audit entry
/// (<see cref="SharingAuditEntry.Categories"/>, SHARE-04).
/// </summary>
[System.Flags]
public enum InformationCategories
{
    /// <summary>Nothing (a refusal; or an entry stored before categories were recorded).</summary>
    None = 0,

    /// <summary>Who the child is: name, date of birth, the register's identifiers.</summary>
    Identity = 1,

    /// <summary>Whom to contact: the lead professional and their agency (REG-02).</summary>
    Contact = 2,

    /// <summary>The needs identified and the threshold level: what the child needs, not the evidence behind it.</summary>
    Needs = 4,

    /// <summary>The services asked for or allocated, and the actions that fall to the receiving agency.</summary>
    Services = 8,

    /// <summary>The assessment in full: the development of the child and the parents' or carers' capacity.</summary>
    Assessment = 16,

    /// <summary>The family and environmental part of the assessment (the third domain; shared between siblings, REG-03).</summary>
    FamilyAndEnvironment = 32,

    /// <summary>The whole action plan: every agency's actions and the outcomes sought.</summary>
    Plan = 64,

    /// <summary>Reviews and progress against the plan.</summary>
    Progress = 128,

    /// <summary>The episode's record: its history, consent records, notes and closure.</summary>
    CaseRecord = 256,
}
