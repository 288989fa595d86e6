using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Globalization;
using System.Linq;
using Caf.Core.Annotations;
using Microsoft.Extensions.Configuration;

namespace Caf.Core.Configuration;

/// <summary>
/// Binds <see cref="CafOptions"/> from a configuration section without reflection (NativeAOT and trimming safe),
/// strictly: a key that names no option, or a value that is not of the option's type, is a problem reported
/// with its configuration path; the problems join <see cref="CafOptions.Validate"/>'s, so start-up lists them all.
/// </summary>
/// <remarks>
/// Written by hand rather than with the configuration binder's source generator: the generator of the 8.0 binder
/// emits interceptors that the .NET 10 compiler no longer accepts (CS9270), and it ignores unknown keys.
/// A test checks that every public option is bound here.
/// </remarks>
[Immutable]
internal static class CafOptionsBinder
{
    private delegate string? Apply(CafOptions options, string value); // returns the expected type when the value does not parse

    private static readonly ImmutableDictionary<string, ImmutableDictionary<string, Apply>> Groups =
        new Dictionary<string, ImmutableDictionary<string, Apply>>(StringComparer.OrdinalIgnoreCase)
        {
            [nameof(CafOptions.Consent)] = Group(
                (nameof(Consent.ConsentOptions.CompetenceAgeExclusiveLowerBound), Int((o, v) => o.Consent.CompetenceAgeExclusiveLowerBound = v)),
                (nameof(Consent.ConsentOptions.SelfConsentAge), Int((o, v) => o.Consent.SelfConsentAge = v)),
                (nameof(Consent.ConsentOptions.ParentConsentRequiredAtSelfConsentAge), Bool((o, v) => o.Consent.ParentConsentRequiredAtSelfConsentAge = v)),
                (nameof(Consent.ConsentOptions.ParentConsentRequiredForCompetentYoungPerson), Bool((o, v) => o.Consent.ParentConsentRequiredForCompetentYoungPerson = v)),
                (nameof(Consent.ConsentOptions.CompetentYoungPersonRefusalPrevails), Bool((o, v) => o.Consent.CompetentYoungPersonRefusalPrevails = v))),
            [nameof(CafOptions.Sharing)] = Group(
                (nameof(Consent.SharingOptions.StatutoryDutyFrom), NullableDate((o, v) => o.Sharing.StatutoryDutyFrom = v)),
                (nameof(Consent.SharingOptions.AssessmentMinimum), Categories((o, v) => o.Sharing.AssessmentMinimum = v)),
                (nameof(Consent.SharingOptions.PlanDeliveryMinimum), Categories((o, v) => o.Sharing.PlanDeliveryMinimum = v)),
                (nameof(Consent.SharingOptions.PanelMinimum), Categories((o, v) => o.Sharing.PanelMinimum = v)),
                (nameof(Consent.SharingOptions.ReviewMinimum), Categories((o, v) => o.Sharing.ReviewMinimum = v)),
                (nameof(Consent.SharingOptions.ReportingMinimum), Categories((o, v) => o.Sharing.ReportingMinimum = v))),
            [nameof(CafOptions.Lifecycle)] = Group(
                (nameof(Lifecycle.LifecycleOptions.AssessmentTimescaleMonths), Int((o, v) => o.Lifecycle.AssessmentTimescaleMonths = v)),
                (nameof(Lifecycle.LifecycleOptions.ClockSkewAllowanceMinutes), Int((o, v) => o.Lifecycle.ClockSkewAllowanceMinutes = v)),
                (nameof(Lifecycle.LifecycleOptions.NextStepsReviewRequired), Bool((o, v) => o.Lifecycle.NextStepsReviewRequired = v)),
                (nameof(Lifecycle.LifecycleOptions.CafAlongsideSpecialistService), Bool((o, v) => o.Lifecycle.CafAlongsideSpecialistService = v))),
            [nameof(CafOptions.Reviews)] = Group(
                (nameof(Planning.ReviewOptions.InsufficientProgressReviewLimit), Int((o, v) => o.Reviews.InsufficientProgressReviewLimit = v)),
                (nameof(Planning.ReviewOptions.CountConsecutiveOnly), Bool((o, v) => o.Reviews.CountConsecutiveOnly = v))),
            [nameof(CafOptions.Retention)] = Group(
                (nameof(Register.RetentionOptions.RetentionYears), Int((o, v) => o.Retention.RetentionYears = v))),
            [nameof(CafOptions.Storage)] = Group(
                (nameof(Register.StorageOptions.ConcurrencyRetries), Int((o, v) => o.Storage.ConcurrencyRetries = v))),
            [nameof(CafOptions.Closure)] = Group(
                (nameof(Closure.ClosureOptions.AdultServicesTransferAge), Int((o, v) => o.Closure.AdultServicesTransferAge = v)),
                (nameof(Closure.ClosureOptions.SupervisorMayCloseOnBehalfOfLeadProfessional), Bool((o, v) => o.Closure.SupervisorMayCloseOnBehalfOfLeadProfessional = v))),
            [nameof(CafOptions.Panels)] = Group(
                (nameof(Panels.PanelOptions.AgendaDaysBefore), NullableInt((o, v) => o.Panels.AgendaDaysBefore = v)),
                (nameof(Panels.PanelOptions.AgendaWeekday), Enum<DayOfWeek>((o, v) => o.Panels.AgendaWeekday = v)),
                (nameof(Panels.PanelOptions.DecisionSheetDaysAfter), NullableInt((o, v) => o.Panels.DecisionSheetDaysAfter = v)),
                (nameof(Panels.PanelOptions.DecisionSheetWeekday), Enum<DayOfWeek>((o, v) => o.Panels.DecisionSheetWeekday = v)),
                (nameof(Panels.PanelOptions.SchedulingHorizonDays), Int((o, v) => o.Panels.SchedulingHorizonDays = v)),
                (nameof(Panels.PanelOptions.StartConfirmationGraceDays), Int((o, v) => o.Panels.StartConfirmationGraceDays = v))),
            [nameof(CafOptions.Reporting)] = Group(
                (nameof(Reporting.ReportingOptions.YearStartMonth), Int((o, v) => o.Reporting.YearStartMonth = v)),
                (nameof(Reporting.ReportingOptions.ReReferralWindowMonths), Int((o, v) => o.Reporting.ReReferralWindowMonths = v)),
                (nameof(Reporting.ReportingOptions.SmallCountThreshold), Int((o, v) => o.Reporting.SmallCountThreshold = v)),
                (nameof(Reporting.ReportingOptions.TopNeeds), Int((o, v) => o.Reporting.TopNeeds = v))),
            [nameof(CafOptions.LeadProfessional)] = Group(
                (nameof(LeadProfessional.LeadProfessionalOptions.RequireTraining), Bool((o, v) => o.LeadProfessional.RequireTraining = v)),
                (nameof(LeadProfessional.LeadProfessionalOptions.CaseloadCap), NullableInt((o, v) => o.LeadProfessional.CaseloadCap = v)),
                (nameof(LeadProfessional.LeadProfessionalOptions.RelevanceWeight), Double((o, v) => o.LeadProfessional.RelevanceWeight = v)),
                (nameof(LeadProfessional.LeadProfessionalOptions.ContactFrequencyWeight), Double((o, v) => o.LeadProfessional.ContactFrequencyWeight = v)),
                (nameof(LeadProfessional.LeadProfessionalOptions.FamilyPreferenceWeight), Double((o, v) => o.LeadProfessional.FamilyPreferenceWeight = v)),
                (nameof(LeadProfessional.LeadProfessionalOptions.AgencyBalanceWeight), Double((o, v) => o.LeadProfessional.AgencyBalanceWeight = v)),
                (nameof(LeadProfessional.LeadProfessionalOptions.PanelRecommendationWeight), Double((o, v) => o.LeadProfessional.PanelRecommendationWeight = v))),
        }.ToImmutableDictionary(StringComparer.OrdinalIgnoreCase);

    /// <summary>Every bindable key as "Group:Option" (for the test that no public option is forgotten).</summary>
    internal static IEnumerable<string> Keys => Groups.SelectMany(g => g.Value.Keys.Select(k => g.Key + ":" + k));

    /// <summary>Applies the section's values to <paramref name="options"/>; problems are kept on the options for validation.</summary>
    /// <param name="section">The section (e.g. <c>"Caf"</c>); an absent section changes nothing.</param>
    /// <param name="options">The options to change.</param>
    internal static void Bind(IConfiguration section, CafOptions options) => Bind(section, options, static _ => false);

    /// <summary>As <see cref="Bind(IConfiguration, CafOptions)"/>, leaving alone the keys <paramref name="isOtherKey"/> claims (an authority's file paths).</summary>
    internal static void Bind(IConfiguration section, CafOptions options, Func<string, bool> isOtherKey)
    {
        var prefix = section is IConfigurationSection s ? s.Path + ":" : string.Empty;
        foreach (var group in section.GetChildren())
        {
            if (isOtherKey(group.Key))
            {
                continue;
            }

            if (!Groups.TryGetValue(group.Key, out var properties))
            {
                options.AddBindingProblem($"Configuration key '{group.Path}' names no Caf.Core option group (expected one of: {string.Join(", ", Groups.Keys.Order(StringComparer.Ordinal))}).");
                continue;
            }

            if (group.Value is not null)
            {
                options.AddBindingProblem($"Configuration key '{group.Path}' must be a section of options, not a value.");
            }

            foreach (var item in group.GetChildren())
            {
                if (!properties.TryGetValue(item.Key, out var apply))
                {
                    options.AddBindingProblem($"Configuration key '{item.Path}' names no option of {prefix}{group.Key} (expected one of: {string.Join(", ", properties.Keys.Order(StringComparer.Ordinal))}).");
                }
                else if (item.Value is null)
                {
                    options.AddBindingProblem($"Configuration key '{item.Path}' must be a value, not a section.");
                }
                else if (apply(options, item.Value.Trim()) is { } expected)
                {
                    options.AddBindingProblem($"Configuration key '{item.Path}' must be {expected}; got '{item.Value}'.");
                }
            }
        }
    }

    private static ImmutableDictionary<string, Apply> Group(params (string Name, Apply Apply)[] properties) =>
        properties.ToImmutableDictionary(p => p.Name, p => p.Apply, StringComparer.OrdinalIgnoreCase);

    private static Apply Int(Action<CafOptions, int> set) => (o, v) =>
    {
        if (!int.TryParse(v, NumberStyles.Integer, CultureInfo.InvariantCulture, out var parsed))
        {
            return "a whole number";
        }

        set(o, parsed);
        return null;
    };

    private static Apply NullableInt(Action<CafOptions, int?> set) => (o, v) =>
    {
        if (v.Length == 0 || v.Equals("null", StringComparison.OrdinalIgnoreCase))
        {
            set(o, null);
            return null;
        }

        if (!int.TryParse(v, NumberStyles.Integer, CultureInfo.InvariantCulture, out var parsed))
        {
            return "a whole number, or empty for none";
        }

        set(o, parsed);
        return null;
    };

    private static Apply Double(Action<CafOptions, double> set) => (o, v) =>
    {
        if (!double.TryParse(v, NumberStyles.Float, CultureInfo.InvariantCulture, out var parsed))
        {
            return "a number (with '.' for decimals)";
        }

        set(o, parsed);
        return null;
    };

    // An enum value by its exact name (case-insensitive, as configuration keys are); numbers are refused, as in JSON.
    private static Apply Enum<TEnum>(Action<CafOptions, TEnum> set)
        where TEnum : struct, Enum => (o, v) =>
    {
        var names = string.Join(", ", System.Enum.GetNames<TEnum>());
        if (v.Length == 0 || !v.All(char.IsLetter) || !System.Enum.TryParse<TEnum>(v, ignoreCase: true, out var parsed) || !System.Enum.IsDefined(parsed))
        {
            return "one of " + names;
        }

        set(o, parsed);
        return null;
    };

    private static Apply NullableDate(Action<CafOptions, DateOnly?> set) => (o, v) =>
    {
        if (v.Length == 0 || v.Equals("null", StringComparison.OrdinalIgnoreCase))
        {
            set(o, null);
            return null;
        }

        if (!DateOnly.TryParseExact(v, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var parsed))
        {
            return "a date as yyyy-MM-dd, or empty for none";
        }

        set(o, parsed);
        return null;
    };

    // SHARE-02: information categories by name, separated by commas ("Identity, Needs, Services"); empty for the default.
    private static Apply Categories(Action<CafOptions, Consent.InformationCategories?> set) => (o, v) =>
    {
        if (v.Length == 0 || v.Equals("null", StringComparison.OrdinalIgnoreCase))
        {
            set(o, null);
            return null;
        }

        var categories = Consent.InformationCategories.None;
        foreach (var name in v.Split(',', StringSplitOptions.TrimEntries))
        {
            if (name.Length == 0 || !name.All(char.IsLetter) || !System.Enum.TryParse<Consent.InformationCategories>(name, ignoreCase: true, out var one)
                || one == Consent.InformationCategories.None || !System.Enum.IsDefined(one))
            {
                return "information categories separated by commas, from " + string.Join(", ", System.Enum.GetNames<Consent.InformationCategories>().Skip(1));
            }

            categories |= one;
        }

        set(o, categories);
        return null;
    };

    private static Apply Bool(Action<CafOptions, bool> set) => (o, v) =>
    {
        if (!bool.TryParse(v, out var parsed))
        {
            return "true or false";
        }

        set(o, parsed);
        return null;
    };
}
