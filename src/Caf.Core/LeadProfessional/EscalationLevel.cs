namespace Caf.Core.LeadProfessional;

/// <summary>LP-09: who a failed lead-professional appointment is referred to, in order (Bedfordshire 003 §3).</summary>
[System.Text.Json.Serialization.JsonConverter(typeof(Caf.Core.Primitives.StrictEnumConverter<EscalationLevel>))]
public enum EscalationLevel
{
    /// <summary>First, the local lead for CAF in the area, who liaises with the managers concerned.</summary>
    LocalCafLead = 0,

    /// <summary>If that does not succeed, the CAF / panel (MAAG) manager.</summary>
    CafPanelManager = 1,
}
