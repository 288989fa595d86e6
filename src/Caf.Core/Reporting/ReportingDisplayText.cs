using System;

namespace Caf.Core.Reporting;

/// <summary>
/// Display texts for the reports' values (the tables of <see cref="CafReport.ToTables()"/>): plain English instead of enum
/// names. The report's own keys (<see cref="CafReport.BySetting"/>, <see cref="CafReport.ByClosureCategory"/>) stay the
/// stable names a host stores and compares. Hosts that localise map the values themselves.
/// </summary>
public static class ReportingDisplayText
{
    /// <summary>The text for the kind of setting a CAF came from (REP-03).</summary>
    /// <param name="setting">The setting.</param>
    /// <returns>The display text.</returns>
    /// <exception cref="ArgumentOutOfRangeException">The value is not defined.</exception>
    public static string For(InitiatingSetting setting) => setting switch
    {
        InitiatingSetting.Other => "Other setting or agency",
        InitiatingSetting.HighSchool => "High (secondary) school",
        InitiatingSetting.PrimarySchool => "Primary school",
        InitiatingSetting.PreSchool => "Pre-school or early-years setting",
        InitiatingSetting.SpecialSchool => "Special school",
        InitiatingSetting.YouthService => "Youth service or Connexions",
        InitiatingSetting.Health => "Health",
        InitiatingSetting.SocialCare => "Social care or early help",
        InitiatingSetting.YouthJustice => "Youth justice",
        InitiatingSetting.Housing => "Housing",
        InitiatingSetting.VoluntarySector => "Voluntary or community sector",
        InitiatingSetting.Police => "Police",
        _ => throw new ArgumentOutOfRangeException(nameof(setting), setting, "Unknown initiating setting."),
    };

    /// <summary>The text for who gave feedback to the annual audit (REP-07).</summary>
    /// <param name="respondent">The respondent group.</param>
    /// <returns>The display text.</returns>
    /// <exception cref="ArgumentOutOfRangeException">The value is not defined.</exception>
    public static string For(AnnualAuditRespondent respondent) => respondent switch
    {
        AnnualAuditRespondent.Referrer => "Referrers",
        AnnualAuditRespondent.ChildYoungPersonOrFamily => "Children, young people and families",
        AnnualAuditRespondent.PanelRepresentative => "Panel representatives",
        _ => throw new ArgumentOutOfRangeException(nameof(respondent), respondent, "Unknown respondent."),
    };
}
