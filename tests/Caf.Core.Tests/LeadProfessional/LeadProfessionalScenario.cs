using System.Collections.Immutable;
using Caf.Core.Consent;
using Caf.Core.LeadProfessional;
using Caf.Core.Primitives;
using Caf.Core.Tests.Support;

namespace Caf.Core.Tests.LeadProfessional;

/// <summary>Builders for the seed situations: a school, health visiting and the youth service working with one family.</summary>
internal static class LeadProfessionalScenario
{
    public static readonly EpisodeId Episode = new("episode-lp-001");
    public static readonly PractitionerId YouthWorker = new("pr-youth-khan");

    public static LeadProfessionalCandidate Candidate(
        PractitionerId practitioner,
        AgencyId agency,
        AgencyKind kind = AgencyKind.Other,
        bool trained = true,
        ContactFrequency contact = ContactFrequency.Weekly,
        ImmutableArray<string> addresses = default,
        int caseload = 0,
        bool inNetwork = true) =>
        new(practitioner, agency, kind, "Practitioner", trained, contact, addresses.IsDefault ? [] : addresses, caseload, inNetwork);

    public static LeadProfessionalCandidate Teacher(ImmutableArray<string> addresses = default, int caseload = 0) =>
        Candidate(TestIds.Teacher, TestIds.School, AgencyKind.School, contact: ContactFrequency.Daily, addresses: addresses, caseload: caseload);

    public static LeadProfessionalCandidate HealthVisitor(ImmutableArray<string> addresses = default) =>
        Candidate(TestIds.HealthVisitor, TestIds.HealthVisiting, AgencyKind.Health, contact: ContactFrequency.Fortnightly, addresses: addresses);

    public static LeadProfessionalCandidate Youth(ImmutableArray<string> addresses = default) =>
        Candidate(YouthWorker, TestIds.YouthService, AgencyKind.YouthService, contact: ContactFrequency.Weekly, addresses: addresses);

    public static ConsentState ConsentExcluding(params AgencyId[] excluded) =>
        ConsentState.Empty.With(new ConsentRecord(
            ConsentGiverRole.ParentWithParentalResponsibility, "Ms Smith", ConsentDecision.Given, ConsentForm.Written, [.. excluded]) with { SharingExplained = true });

    public static LeadProfessionalSelectionRequest Request(params LeadProfessionalCandidate[] candidates) =>
        new(Episode, ConsentExcluding(), TestIds.TeacherAtSchool) { Candidates = [.. candidates] };

    /// <summary>Every weight 0 except the one named, so a test isolates one criterion.</summary>
    public static LeadProfessionalOptions Only(LeadProfessionalCriterion criterion)
    {
        var options = new LeadProfessionalOptions
        {
            RelevanceWeight = 0, ContactFrequencyWeight = 0, FamilyPreferenceWeight = 0, AgencyBalanceWeight = 0, PanelRecommendationWeight = 0,
        };
        switch (criterion)
        {
            case LeadProfessionalCriterion.Relevance: options.RelevanceWeight = 1; break;
            case LeadProfessionalCriterion.ContactFrequency: options.ContactFrequencyWeight = 1; break;
            case LeadProfessionalCriterion.FamilyPreference: options.FamilyPreferenceWeight = 1; break;
            case LeadProfessionalCriterion.AgencyBalance: options.AgencyBalanceWeight = 1; break;
            case LeadProfessionalCriterion.PanelRecommendation: options.PanelRecommendationWeight = 1; break;
        }

        return options;
    }
}
