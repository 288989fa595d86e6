using System;
using Caf.Core.Primitives;

namespace Caf.Core.EntityFrameworkCore.Mapping;

/// <summary>
/// One episode's report row (<c>caf_episode_report_rows</c>): the whole <see cref="Caf.Core.Reporting.EpisodeReportRow"/>
/// as a JSON payload, and copies of the few fields reports filter on as indexed columns. Fields added to the row later
/// go into the payload only, so they need no migration.
/// </summary>
internal sealed class ReportRowEntity : IAuthorityRow
{
    /// <inheritdoc />
    public AuthorityId Authority { get; set; }

    public EpisodeId EpisodeId { get; set; }

    public ChildId ChildId { get; set; }

    public DateOnly OpenedOn { get; set; }

    public DateOnly? ClosedOn { get; set; }

    public AgencyId? LeadProfessionalAgency { get; set; }

    public string Payload { get; set; } = "";

    public static ReportRowEntity Of(Caf.Core.Reporting.EpisodeReportRow row) => new()
    {
        EpisodeId = row.EpisodeId,
        ChildId = row.ChildId,
        OpenedOn = row.OpenedOn,
        ClosedOn = row.ClosedOn,
        LeadProfessionalAgency = row.LeadProfessionalAgency,
        Payload = Caf.Core.Reporting.EpisodeReportRowJson.Serialize(row),
    };
}
