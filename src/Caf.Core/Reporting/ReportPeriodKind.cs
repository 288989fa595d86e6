namespace Caf.Core.Reporting;

/// <summary>The length of the periods a report counts in (REP-01).</summary>
[System.Text.Json.Serialization.JsonConverter(typeof(Caf.Core.Primitives.StrictEnumConverter<ReportPeriodKind>))]
public enum ReportPeriodKind
{
    /// <summary>Calendar months.</summary>
    Month = 1,

    /// <summary>Quarters of the reporting year (aligned to <see cref="ReportingOptions.YearStartMonth"/>).</summary>
    Quarter = 2,

    /// <summary>Reporting years (starting in <see cref="ReportingOptions.YearStartMonth"/>).</summary>
    Year = 3,
}
