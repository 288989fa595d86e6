using System;

namespace Caf.Core.LeadProfessional;

/// <summary>
/// Display texts for the values of lead-professional selection (the UI port): plain English a practitioner
/// reads in a ranking's explanation (<see cref="RankedCandidate.Explain"/>), instead of enum names. Hosts that
/// localise map the enum values themselves.
/// </summary>
public static class LeadProfessionalDisplayText
{
    /// <summary>The text for the kind of agency or setting a practitioner works in (LP-07).</summary>
    /// <param name="kind">The kind.</param>
    /// <returns>The display text.</returns>
    /// <exception cref="ArgumentOutOfRangeException">The value is not defined.</exception>
    public static string For(AgencyKind kind) => kind switch
    {
        AgencyKind.Other => "Other partner agency",
        AgencyKind.School => "School",
        AgencyKind.EarlyYears => "Early-years setting or children's centre",
        AgencyKind.Health => "Health",
        AgencyKind.YouthService => "Youth service",
        AgencyKind.SocialCare => "Social care",
        AgencyKind.YouthJustice => "Youth justice",
        AgencyKind.Housing => "Housing",
        AgencyKind.VoluntarySector => "Voluntary or community sector",
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "Unknown agency kind."),
    };

    /// <summary>The text for how often a practitioner sees the child or family (LP-04).</summary>
    /// <param name="frequency">The frequency.</param>
    /// <returns>The display text.</returns>
    /// <exception cref="ArgumentOutOfRangeException">The value is not defined.</exception>
    public static string For(ContactFrequency frequency) => frequency switch
    {
        ContactFrequency.Occasional => "Less than monthly",
        ContactFrequency.Monthly => "About once a month",
        ContactFrequency.Fortnightly => "About every two weeks",
        ContactFrequency.Weekly => "About once a week",
        ContactFrequency.Daily => "Most days",
        _ => throw new ArgumentOutOfRangeException(nameof(frequency), frequency, "Unknown contact frequency."),
    };

    /// <summary>The text for a soft criterion of the ranking (LP-04, LP-05, LP-07, LP-08).</summary>
    /// <param name="criterion">The criterion.</param>
    /// <returns>The display text.</returns>
    /// <exception cref="ArgumentOutOfRangeException">The value is not defined.</exception>
    public static string For(LeadProfessionalCriterion criterion) => criterion switch
    {
        LeadProfessionalCriterion.Relevance => "Relevance to the plan",
        LeadProfessionalCriterion.ContactFrequency => "Contact with the family",
        LeadProfessionalCriterion.FamilyPreference => "The family's preference",
        LeadProfessionalCriterion.AgencyBalance => "Balance of lead roles across agencies",
        LeadProfessionalCriterion.PanelRecommendation => "The panel's recommendation",
        _ => throw new ArgumentOutOfRangeException(nameof(criterion), criterion, "Unknown lead-professional criterion."),
    };

    /// <summary>What a failed hard constraint says of a candidate (LP-03, LP-04, LP-06, LP-11), for the LP-09 escalation.</summary>
    /// <param name="constraint">The constraint the candidate failed.</param>
    /// <returns>The display text.</returns>
    /// <exception cref="ArgumentOutOfRangeException">The value is not defined.</exception>
    public static string Failed(LeadProfessionalConstraint constraint) => constraint switch
    {
        LeadProfessionalConstraint.InNetwork => "not working with the family (LP-03)",
        LeadProfessionalConstraint.SharingAllowed => "their agency may not receive the family's information (LP-11)",
        LeadProfessionalConstraint.Trained => "not trained for the role (LP-04)",
        LeadProfessionalConstraint.UnderCaseloadCap => "at the caseload cap (LP-06)",
        _ => throw new ArgumentOutOfRangeException(nameof(constraint), constraint, "Unknown lead-professional constraint."),
    };
}
