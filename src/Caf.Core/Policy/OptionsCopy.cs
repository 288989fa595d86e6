using Caf.Core.Closure;
using Caf.Core.Configuration;
using Caf.Core.Consent;
using Caf.Core.LeadProfessional;
using Caf.Core.Lifecycle;
using Caf.Core.Panels;
using Caf.Core.Planning;
using Caf.Core.Register;
using Caf.Core.Reporting;

namespace Caf.Core.Policy;

/// <summary>
/// A deep copy of validated <see cref="CafOptions"/>, so a policy version keeps the options it was created with
/// (the policy-change matrix test checks every option is copied).
/// </summary>
internal static class OptionsCopy
{
    internal static CafOptions Of(CafOptions o) => new()
    {
        Consent = new ConsentOptions
        {
            CompetenceAgeExclusiveLowerBound = o.Consent.CompetenceAgeExclusiveLowerBound,
            SelfConsentAge = o.Consent.SelfConsentAge,
            ParentConsentRequiredAtSelfConsentAge = o.Consent.ParentConsentRequiredAtSelfConsentAge,
            ParentConsentRequiredForCompetentYoungPerson = o.Consent.ParentConsentRequiredForCompetentYoungPerson,
            CompetentYoungPersonRefusalPrevails = o.Consent.CompetentYoungPersonRefusalPrevails,
        },
        Lifecycle = new LifecycleOptions { AssessmentTimescaleMonths = o.Lifecycle.AssessmentTimescaleMonths },
        Reviews = new ReviewOptions
        {
            InsufficientProgressReviewLimit = o.Reviews.InsufficientProgressReviewLimit,
            CountConsecutiveOnly = o.Reviews.CountConsecutiveOnly,
        },
        Closure = new ClosureOptions
        {
            AdultServicesTransferAge = o.Closure.AdultServicesTransferAge,
            SupervisorMayCloseOnBehalfOfLeadProfessional = o.Closure.SupervisorMayCloseOnBehalfOfLeadProfessional,
        },
        Retention = new RetentionOptions { RetentionYears = o.Retention.RetentionYears },
        Storage = new StorageOptions { ConcurrencyRetries = o.Storage.ConcurrencyRetries },
        LeadProfessional = new LeadProfessionalOptions
        {
            RequireTraining = o.LeadProfessional.RequireTraining,
            CaseloadCap = o.LeadProfessional.CaseloadCap,
            RelevanceWeight = o.LeadProfessional.RelevanceWeight,
            ContactFrequencyWeight = o.LeadProfessional.ContactFrequencyWeight,
            FamilyPreferenceWeight = o.LeadProfessional.FamilyPreferenceWeight,
            AgencyBalanceWeight = o.LeadProfessional.AgencyBalanceWeight,
            PanelRecommendationWeight = o.LeadProfessional.PanelRecommendationWeight,
        },
        Panels = new PanelOptions
        {
            AgendaDaysBefore = o.Panels.AgendaDaysBefore,
            AgendaWeekday = o.Panels.AgendaWeekday,
            DecisionSheetDaysAfter = o.Panels.DecisionSheetDaysAfter,
            DecisionSheetWeekday = o.Panels.DecisionSheetWeekday,
            SchedulingHorizonDays = o.Panels.SchedulingHorizonDays,
            StartConfirmationGraceDays = o.Panels.StartConfirmationGraceDays,
        },
        Reporting = new ReportingOptions
        {
            YearStartMonth = o.Reporting.YearStartMonth,
            ReReferralWindowMonths = o.Reporting.ReReferralWindowMonths,
            SmallCountThreshold = o.Reporting.SmallCountThreshold,
            TopNeeds = o.Reporting.TopNeeds,
        },
    };
}
