using System;
using System.Collections.Generic;

namespace Caf.Core.EntityFrameworkCore.Tests.Golden;

/// <summary>
/// The facts of the 1.0.0 golden database, written by hand from <see cref="GoldenDatabase.Situations"/> (each episode's
/// clock starts on Monday 2 March 2026 09:00 UTC and moves a day before each command; the store's clock is 1 April
/// 2026 09:00 UTC, an hour later for York's reads). The writer writes the sidecar from these only when the live store
/// shows exactly them; the reading test compares the stored sidecar, never these.
/// </summary>
internal static class GoldenDatabaseExpectations
{
    private const string Teacher = "pr-teacher-jones (school-oakfield-primary), interim";
    private const string HealthVisitor = "pr-hv-patel (health-visiting)";
    private const string Opened = "2026-03-02T09:00:00Z";

    private static SortedDictionary<string, string> Episode(
        string authority, string child, string state, int version, string events, string lastEventAt, string lead, string closure,
        string consent = "records 1, withdrawn False, overridden False", string panelReferrals = "", string familyGroup = "none", string transferredTo = "none",
        string nhsNumber = "none") =>
        new(StringComparer.Ordinal)
        {
            ["authority"] = authority,
            ["child"] = child,
            ["nhsNumber"] = nhsNumber,
            ["state"] = state,
            ["version"] = version.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["events"] = events,
            ["openedAt"] = Opened,
            ["lastEventAt"] = lastEventAt,
            ["leadProfessional"] = lead,
            ["closure"] = closure,
            ["consent"] = consent,
            ["panelReferrals"] = panelReferrals,
            ["familyGroup"] = familyGroup,
            ["transferredTo"] = transferredTo,
        };

    /// <summary>Each episode, keyed "authority/episode".</summary>
    public static IReadOnlyDictionary<string, SortedDictionary<string, string>> Episodes { get; } = new SortedDictionary<string, SortedDictionary<string, string>>(StringComparer.Ordinal)
    {
        ["leeds/ep-1"] = Episode("leeds", "child-001", "Closed", 14,
            "ConcernIdentified, ConsentRecorded, AssessmentStarted, AssessmentCompleted, NextStepChosen, LeadProfessionalNominated, "
            + "NominationConfirmedBySupervisor, NominationAgreedByFamily, PlanAgreed, ReviewHeld, ReviewHeld, PlanRevised, ReviewHeld, EpisodeClosed",
            "2026-03-13T09:00:00Z", HealthVisitor, "ResolvedMultiAgency at 2026-03-13T09:00:00Z (CLOSE-03)", nhsNumber: "9434765919"),
        ["leeds/ep-2"] = Episode("leeds", "child-002", "PanelReferred", 9,
            "ConcernIdentified, ConsentRecorded, AssessmentStarted, AssessmentCompleted, OutcomesQuestionnaireRecorded, ReferredToPanel, "
            + "PanelDecisionRecorded, PanelServiceStartConfirmed, OutcomesQuestionnaireRecorded",
            "2026-03-10T09:00:00Z", Teacher, "none", panelReferrals: "ref-1: allocated [health-visiting, youth-service], started [youth-service]"),
        ["leeds/ep-3"] = Episode("leeds", "child-003", "Closed", 6,
            "ConcernIdentified, ConsentRecorded, ConsentExclusionLifted, AssessmentStarted, ConsentWithdrawalRecorded, ConsentOverrideRecorded",
            "2026-03-07T09:00:00Z", Teacher, "ConsentOverridden at 2026-03-07T09:00:00Z (CLOSE-06)", consent: "records 1, withdrawn True, overridden True"),
        ["york/ep-1"] = Episode("york", "child-001", "Closed", 12,
            "ConcernIdentified, ConsentRecorded, AssessmentStarted, AssessmentCompleted, NextStepChosen, LeadProfessionalNominated, "
            + "NominationConfirmedBySupervisor, NominationAgreedByFamily, PlanAgreed, ReviewHeld, ReassessmentRequired, SteppedUp",
            "2026-03-11T09:00:00Z", HealthVisitor, "SteppedUp at 2026-03-11T09:00:00Z (CLOSE-07)"),
        ["york/ep-2"] = Episode("york", "child-002", "PlanActive", 4,
            "PotentialCafRegistered, ConsentRecorded, StepDownTacDecided, ReviewHeld",
            "2026-03-05T09:00:00Z", HealthVisitor, "none"),
        ["york/ep-3"] = Episode("york", "child-003", "TransferredOut", 4,
            "ConcernIdentified, ConsentRecorded, AssessmentStarted, EpisodeTransferredOut",
            "2026-03-05T09:00:00Z", Teacher, "none", transferredTo: "Leeds"),
        ["york/ep-4"] = Episode("york", "child-004", "PanelReferred", 13,
            "ConcernIdentified, ConsentRecorded, AssessmentStarted, AssessmentCompleted, ReferredToPanel, PanelDecisionRecorded, "
            + "PanelDecisionSharedWithFamily, PanelReHearingRequested, PanelReHearingAnswered, PanelAllocationAudited, ServiceDisagreementRecorded, "
            + "PanelProgressReported, PanelWaitingListReturned",
            "2026-03-14T09:00:00Z", Teacher, "none", panelReferrals: "ref-1: allocated [health-visiting, youth-service], started []"),
    };

    /// <summary>Each authority's rows beside its episodes.</summary>
    public static IReadOnlyDictionary<string, SortedDictionary<string, string>> Tables { get; } = new SortedDictionary<string, SortedDictionary<string, string>>(StringComparer.Ordinal)
    {
        ["leeds"] = new(StringComparer.Ordinal)
        {
            ["childrenWithNhsNumber 9434765919"] = "child-001",
            ["outboxPending"] = "29", // 14 + 9 + 6 events, one outbox row each, none delivered
            ["reportRows"] = "ep-1 child-001 opened 2026-03-02 closed 2026-03-13; ep-2 child-002 opened 2026-03-02 closed no; ep-3 child-003 opened 2026-03-02 closed 2026-03-07",
            ["sharingAudit"] = "ep-2 to youth-service for EpisodeWork: granted (SHARE-01, Consent) by pr-teacher-jones at 2026-04-01T09:00:00Z",
            ["readAudit"] = "child-001 ep-1 episode record by pr-hv-patel (health-visiting) at 2026-04-01T09:00:00Z for 'Preparing the closing review' on Consent",
            ["panelBookings"] = "slot-1 ref-1 ep-2 at maf north on 2026-04-14",
        },
        ["york"] = new(StringComparer.Ordinal)
        {
            ["childrenWithNhsNumber 9434765919"] = "", // York's child-001 records none: the lookup is per authority
            ["outboxPending"] = "33", // 12 + 4 + 4 + 13
            ["reportRows"] = "ep-1 child-001 opened 2026-03-02 closed 2026-03-11; ep-2 child-002 opened 2026-03-02 closed no; ep-3 child-003 opened 2026-03-02 closed no; "
                + "ep-4 child-004 opened 2026-03-02 closed no",
            ["sharingAudit"] = "ep-1 to camhs for Assessment: refused (CONS-05, Consent) by pr-teacher-jones at 2026-04-01T09:00:00Z",
            ["readAudit"] = "child-001 ep-1 report row by pr-sw-okafor (childrens-social-care) at 2026-04-01T10:00:00Z for 'Annual early help return' on StatutoryDuty; "
                + "child-002 ep-2 report row by pr-sw-okafor (childrens-social-care) at 2026-04-01T10:00:00Z for 'Annual early help return' on StatutoryDuty; "
                + "child-003 ep-3 report row by pr-sw-okafor (childrens-social-care) at 2026-04-01T10:00:00Z for 'Annual early help return' on StatutoryDuty; "
                + "child-004 ep-4 report row by pr-sw-okafor (childrens-social-care) at 2026-04-01T10:00:00Z for 'Annual early help return' on StatutoryDuty",
            ["panelBookings"] = "",
        },
    };
}
