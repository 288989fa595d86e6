using System;
using System.Linq;
using System.Threading.Tasks;
using Caf.Core.Consent;
using Caf.Core.Lifecycle;
using Caf.Core.Panels;
using Caf.Core.Primitives;
using Microsoft.AspNetCore.Mvc;

namespace Caf.Core.WebSample.Pages;

/// <summary>
/// The episode page's forms for issue 28: the family's request for a step-down TAC meeting (STEP-04), and after the
/// panel's decision sheet, sharing it with the family (PANEL-08), a disagreement about a service (PANEL-09) and a progress
/// report to a following meeting (PANEL-10); the completed CAF sent to an agency as its referral (LIFE-13). The library judges each; the page only turns fields into arguments.
/// </summary>
public sealed partial class EpisodeModel
{
    /// <summary>The current panel referral once the panel allocated services, if any (the PANEL-08..10 forms need it).</summary>
    public EpisodePanelReferral? DecidedReferral =>
        Episode?.CurrentPanelReferral is { LatestDecision.Outcome: PanelDecisionOutcome.ServicesAllocated } current ? current : null;

    /// <summary>The agency's name from the directory, or its id.</summary>
    public string AgencyText(AgencyId agency) => Names.AgencyName(agency) ?? agency.Value;

    /// <summary>Record the family's request for a step-down TAC meeting (STEP-04).</summary>
    public Task<IActionResult> OnPostStepDownTacAsync(string id, string? requestedBy, int requestedByRole, string? reason) =>
        RunAsync(id, EpisodeAction.RequestStepDownTac,
            (e, by) => e.RequestStepDownTac(by, requestedBy ?? string.Empty, (ConsentGiverRole)requestedByRole, reason ?? string.Empty));

    /// <summary>Record the decision sheet shared with the family (PANEL-08).</summary>
    public Task<IActionResult> OnPostSharedWithFamilyAsync(string id, string? referral, string? how) =>
        RunAsync(id, EpisodeAction.RecordDecisionSharedWithFamily,
            (e, by) => e.RecordDecisionSharedWithFamily(by, ReferralOf(referral), how ?? string.Empty));

    /// <summary>Record a step of a disagreement about an allocated service (PANEL-09).</summary>
    public Task<IActionResult> OnPostServiceDisagreementAsync(string id, string? referral, string? agency, int step, int raisedBy, string? details) =>
        RunAsync(id, EpisodeAction.RecordServiceDisagreement, (e, by) => e.RecordServiceDisagreement(
            by, ReferralOf(referral), string.IsNullOrWhiteSpace(agency) ? throw new ArgumentException("Choose the service.", nameof(agency)) : new AgencyId(agency),
            (ServiceDisagreementStep)step, (PanelDisagreementParty)raisedBy, details ?? string.Empty));

    /// <summary>Report progress to a following meeting of the panel (PANEL-10).</summary>
    public Task<IActionResult> OnPostProgressReportAsync(string id, string? referral, DateOnly? meeting, string? progress) =>
        RunAsync(id, EpisodeAction.ReportProgressToPanel, (e, by) =>
        {
            var held = DemoAftercare.North.Meetings(meeting ?? throw new ArgumentException("Choose the meeting.", nameof(meeting)), 1)
                .FirstOrDefault(m => m.Date == meeting);
            return held == default
                ? throw new ArgumentException($"The panel did not meet on {meeting:d MMM yyyy}: choose one of its meetings.", nameof(meeting))
                : e.ReportProgressToPanel(by, ReferralOf(referral), held, progress ?? string.Empty);
        });

    /// <summary>Send the completed CAF to an agency as its referral (LIFE-13; SHARE-01 refuses an agency the family excluded).</summary>
    public Task<IActionResult> OnPostReferToAgencyAsync(string id, string? service, string? agency, string? reason) =>
        RunAsync(id, EpisodeAction.ReferToAgencyWithCaf, (e, by) => e.ReferToAgencyWithCaf(
            by, service ?? string.Empty, string.IsNullOrWhiteSpace(agency) ? throw new ArgumentException("Choose the agency.", nameof(agency)) : new AgencyId(agency),
            reason ?? string.Empty));

    /// <summary>The agencies of the demo's directory, by name (the LIFE-13 form's choices).</summary>
    public static (AgencyId Agency, string Name)[] DirectoryAgencies =>
        DemoData.Practitioners.Select(p => (p.Agency, p.AgencyName)).Distinct().ToArray();

    private static PanelReferralId ReferralOf(string? referral) =>
        string.IsNullOrWhiteSpace(referral) ? throw new ArgumentException("The form names no panel referral.", nameof(referral)) : new PanelReferralId(referral);

    /// <summary>The words of a disagreement's step on the form.</summary>
    public static string StepText(ServiceDisagreementStep step) => step switch
    {
        ServiceDisagreementStep.TakenUpWithAgency => "Taken up with the agency providing it (the lead professional is informed)",
        ServiceDisagreementStep.Resolved => "Resolved",
        ServiceDisagreementStep.EscalatedToManager => "Not resolved: raised with the CAF / panel manager",
        _ => step.ToString(),
    };
}
