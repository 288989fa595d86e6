namespace Caf.Core.Panels;

/// <summary>How often a panel meets (PANEL-03: "meet fortnightly" 003 §1; "typically meet 4 times a year" 000 §1).</summary>
[System.Text.Json.Serialization.JsonConverter(typeof(Caf.Core.Primitives.StrictEnumConverter<PanelCadenceKind>))]
public enum PanelCadenceKind
{
    /// <summary>Every week on the same weekday.</summary>
    Weekly = 0,

    /// <summary>Every other week from a first meeting (Bedfordshire MAAG, 003 §1).</summary>
    Fortnightly = 1,

    /// <summary>Once a month on the nth (or last) weekday of the month.</summary>
    Monthly = 2,

    /// <summary>Four times a year on the nth (or last) weekday of the first month of each quarter (Leicestershire MAF, 000 §1).</summary>
    Quarterly = 3,

    /// <summary>On dates the host lists.</summary>
    ExplicitDates = 4,
}

/// <summary>Why a case goes to a panel: the PANEL-01 criteria (Bedfordshire 003 §4b).</summary>
[System.Text.Json.Serialization.JsonConverter(typeof(Caf.Core.Primitives.StrictEnumConverter<PanelReferralReason>))]
public enum PanelReferralReason
{
    /// <summary>"A variety or complexity of needs that could potentially be met from more than one service."</summary>
    VariedOrComplexNeeds = 0,

    /// <summary>"The referrer is not clear which service is the most appropriate."</summary>
    UnclearWhichService = 1,

    /// <summary>"There needs to be a multi-agency response."</summary>
    MultiAgencyResponseNeeded = 2,
}

/// <summary>Which capacity of a meeting a slot uses (PANEL-03: "up to 10 new cases and 30 reviews", 000 §1).</summary>
[System.Text.Json.Serialization.JsonConverter(typeof(Caf.Core.Primitives.StrictEnumConverter<PanelSlotKind>))]
public enum PanelSlotKind
{
    /// <summary>A case discussed for allocation: a new referral, a re-presentation, a waiting-list return or a re-hearing.</summary>
    NewCase = 0,

    /// <summary>A review: the lead professional reports progress to the next meeting (000 §1).</summary>
    Review = 1,
}

/// <summary>Where an agenda slot request comes from (PANEL-03, PANEL-05, PANEL-06, PANEL-07).</summary>
[System.Text.Json.Serialization.JsonConverter(typeof(Caf.Core.Primitives.StrictEnumConverter<PanelSlotOrigin>))]
public enum PanelSlotOrigin
{
    /// <summary>A new referral (PANEL-01, PANEL-02).</summary>
    Referral = 0,

    /// <summary>A progress review by the lead professional (000 §1).</summary>
    Review = 1,

    /// <summary>Re-presented with more information (PANEL-05, 003 §4e).</summary>
    RePresentation = 2,

    /// <summary>Brought back because an allocated service has a waiting list (PANEL-06, 003 §4g).</summary>
    WaitingListReturn = 3,

    /// <summary>Re-heard after a disagreement the chair agreed to (PANEL-07, 003 §4h).</summary>
    ReHearing = 4,
}

/// <summary>Why the scheduler could not place a slot (PANEL-03: reported, never dropped).</summary>
[System.Text.Json.Serialization.JsonConverter(typeof(Caf.Core.Primitives.StrictEnumConverter<PanelUnplacedReason>))]
public enum PanelUnplacedReason
{
    /// <summary>No panel serves the slot's area.</summary>
    NoPanelForArea = 0,

    /// <summary>Every meeting of the area within the horizon is full for this kind of slot.</summary>
    NoMeetingWithRoom = 1,
}

/// <summary>What a decision sheet decides (PANEL-05, 003 §4e).</summary>
[System.Text.Json.Serialization.JsonConverter(typeof(Caf.Core.Primitives.StrictEnumConverter<PanelDecisionOutcome>))]
public enum PanelDecisionOutcome
{
    /// <summary>Services are allocated with their roles, and a lead professional is recommended.</summary>
    ServicesAllocated = 0,

    /// <summary>No service could be identified: the referral is re-presented with more information.</summary>
    RePresentWithMoreInformation = 1,
}

/// <summary>Who disagrees with a panel decision (PANEL-07, 003 §4h).</summary>
[System.Text.Json.Serialization.JsonConverter(typeof(Caf.Core.Primitives.StrictEnumConverter<PanelDisagreementParty>))]
public enum PanelDisagreementParty
{
    /// <summary>The family (through the referrer, who discusses it with the chair).</summary>
    Family = 0,

    /// <summary>The referrer.</summary>
    Referrer = 1,
}

/// <summary>The chair's answer to a request for a re-hearing (PANEL-07).</summary>
[System.Text.Json.Serialization.JsonConverter(typeof(Caf.Core.Primitives.StrictEnumConverter<PanelReHearingOutcome>))]
public enum PanelReHearingOutcome
{
    /// <summary>The chair agreed: the referral is re-heard, scheduled like a new referral.</summary>
    Agreed = 0,

    /// <summary>The chair declined: the decision stands (re-referral stays possible).</summary>
    Declined = 1,
}

/// <summary>PANEL-09: the steps of a disagreement about the way an allocated service is provided (003 §4h).</summary>
[System.Text.Json.Serialization.JsonConverter(typeof(Caf.Core.Primitives.StrictEnumConverter<ServiceDisagreementStep>))]
public enum ServiceDisagreementStep
{
    /// <summary>Taken up with the agency providing the service, the lead professional informed.</summary>
    TakenUpWithAgency = 0,

    /// <summary>Resolved with the agency (or by the manager).</summary>
    Resolved = 1,

    /// <summary>Unresolved through the agency: raised with the CAF / panel manager.</summary>
    EscalatedToManager = 2,
}
