using System.Linq;
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
        Sharing = new SharingOptions
        {
            StatutoryDutyFrom = o.Sharing.StatutoryDutyFrom,
            AssessmentMinimum = o.Sharing.AssessmentMinimum,
            PlanDeliveryMinimum = o.Sharing.PlanDeliveryMinimum,
            PanelMinimum = o.Sharing.PanelMinimum,
            ReviewMinimum = o.Sharing.ReviewMinimum,
            ReportingMinimum = o.Sharing.ReportingMinimum,
        },
        Lifecycle = new LifecycleOptions
        {
            AssessmentTimescaleMonths = o.Lifecycle.AssessmentTimescaleMonths,
            ClockSkewAllowanceMinutes = o.Lifecycle.ClockSkewAllowanceMinutes,
            NextStepsReviewRequired = o.Lifecycle.NextStepsReviewRequired,
            CafAlongsideSpecialistService = o.Lifecycle.CafAlongsideSpecialistService,
        },
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

    /// <summary>
    /// The options no episode judges (lead-professional ranking weights, panels, reporting, storage, the reading clock-skew allowance) that differ between
    /// two option sets: read by their services from <see cref="CafOptions"/>, so a policy version cannot change them.
    /// </summary>
    internal static System.Collections.Generic.IEnumerable<string> OutsideEpisodeChanges(CafOptions a, CafOptions b)
    {
        var (x, y, p, q, r, t) = (a.LeadProfessional, b.LeadProfessional, a.Panels, b.Panels, a.Reporting, b.Reporting);
        (string Option, bool Changed)[] options =
        [
            ("LeadProfessional.RelevanceWeight", x.RelevanceWeight != y.RelevanceWeight),
            ("LeadProfessional.ContactFrequencyWeight", x.ContactFrequencyWeight != y.ContactFrequencyWeight),
            ("LeadProfessional.FamilyPreferenceWeight", x.FamilyPreferenceWeight != y.FamilyPreferenceWeight),
            ("LeadProfessional.AgencyBalanceWeight", x.AgencyBalanceWeight != y.AgencyBalanceWeight),
            ("LeadProfessional.PanelRecommendationWeight", x.PanelRecommendationWeight != y.PanelRecommendationWeight),
            ("Panels.AgendaDaysBefore", p.AgendaDaysBefore != q.AgendaDaysBefore),
            ("Panels.AgendaWeekday", p.AgendaWeekday != q.AgendaWeekday),
            ("Panels.DecisionSheetDaysAfter", p.DecisionSheetDaysAfter != q.DecisionSheetDaysAfter),
            ("Panels.DecisionSheetWeekday", p.DecisionSheetWeekday != q.DecisionSheetWeekday),
            ("Panels.SchedulingHorizonDays", p.SchedulingHorizonDays != q.SchedulingHorizonDays),
            ("Panels.StartConfirmationGraceDays", p.StartConfirmationGraceDays != q.StartConfirmationGraceDays),
            ("Reporting.YearStartMonth", r.YearStartMonth != t.YearStartMonth),
            ("Reporting.ReReferralWindowMonths", r.ReReferralWindowMonths != t.ReReferralWindowMonths),
            ("Reporting.SmallCountThreshold", r.SmallCountThreshold != t.SmallCountThreshold),
            ("Reporting.TopNeeds", r.TopNeeds != t.TopNeeds),
            ("Storage.ConcurrencyRetries", a.Storage.ConcurrencyRetries != b.Storage.ConcurrencyRetries),
            ("Lifecycle.ClockSkewAllowanceMinutes", a.Lifecycle.ClockSkewAllowanceMinutes != b.Lifecycle.ClockSkewAllowanceMinutes),
        ];
        return options.Where(o => o.Changed).Select(o => o.Option);
    }
}
