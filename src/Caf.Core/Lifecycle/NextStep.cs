namespace Caf.Core.Lifecycle;

/// <summary>The next steps after an assessment (LIFE-07; Bradford 002 §6, Bedfordshire 003 §1/§3).</summary>
[System.Text.Json.Serialization.JsonConverter(typeof(Caf.Core.Primitives.StrictEnumConverter<NextStep>))]
public enum NextStep
{
    /// <summary>No further action: the episode closes (CLOSE-09).</summary>
    NoFurtherAction = 0,

    /// <summary>The family (or child) carry out the planned actions themselves.</summary>
    FamilyAction = 1,

    /// <summary>One service meets the needs.</summary>
    SingleAgencySupport = 2,

    /// <summary>More than one service: a lead professional is appointed (LP-02, LIFE-08).</summary>
    MultiAgencySupport = 3,

    /// <summary>Referral to a panel (MAF/MAAG).</summary>
    PanelReferral = 4,

    /// <summary>Step up to a specialist or statutory service (LIFE-04).</summary>
    StepUp = 5,
}
