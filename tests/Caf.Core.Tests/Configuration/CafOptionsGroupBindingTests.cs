using System;
using System.Collections.Generic;
using System.Linq;
using Caf.Core.Configuration;
using Microsoft.Extensions.Configuration;

namespace Caf.Core.Tests.Configuration;

/// <summary>The option groups added after the binder was written (Closure, Panels, Reporting, Storage) bind from configuration too.</summary>
public class CafOptionsGroupBindingTests
{
    private static CafOptions Bind(params (string Key, string Value)[] values)
    {
        var config = new ConfigurationBuilder().AddInMemoryCollection(values.Select(v => new KeyValuePair<string, string?>(v.Key, v.Value))).Build();
        var options = new CafOptions();
        CafOptionsBinder.Bind(config.GetSection(CafOptions.SectionName), options);
        return options;
    }

    [Trait("Rule", "CLOSE-C4")]
    [Trait("Rule", "PANEL-04")]
    [Trait("Rule", "REP-01")]
    [Fact]
    public void Closure_panels_reporting_and_storage_options_are_bound()
    {
        var options = Bind(
            ("Caf:Closure:AdultServicesTransferAge", "18"),
            ("Caf:Closure:SupervisorMayCloseOnBehalfOfLeadProfessional", "false"),
            ("Caf:Panels:AgendaDaysBefore", "7"),
            ("Caf:Panels:AgendaWeekday", "tuesday"),
            ("Caf:Panels:DecisionSheetDaysAfter", ""),
            ("Caf:Panels:DecisionSheetWeekday", "Thursday"),
            ("Caf:Panels:SchedulingHorizonDays", "90"),
            ("Caf:Panels:StartConfirmationGraceDays", "14"),
            ("Caf:Reporting:YearStartMonth", "1"),
            ("Caf:Reporting:ReReferralWindowMonths", "6"),
            ("Caf:Reporting:SmallCountThreshold", "0"),
            ("Caf:Reporting:TopNeeds", "5"),
            ("Caf:Storage:ConcurrencyRetries", "0"));

        Assert.Empty(options.Validate());
        Assert.Equal((18, false), (options.Closure.AdultServicesTransferAge, options.Closure.SupervisorMayCloseOnBehalfOfLeadProfessional));
        Assert.Equal((7, DayOfWeek.Tuesday, (int?)null, DayOfWeek.Thursday, 90, 14),
            (options.Panels.AgendaDaysBefore, options.Panels.AgendaWeekday, options.Panels.DecisionSheetDaysAfter,
             options.Panels.DecisionSheetWeekday, options.Panels.SchedulingHorizonDays, options.Panels.StartConfirmationGraceDays));
        Assert.Equal((1, 6, 0, 5), (options.Reporting.YearStartMonth, options.Reporting.ReReferralWindowMonths,
            options.Reporting.SmallCountThreshold, options.Reporting.TopNeeds));
        Assert.Equal(0, options.Storage.ConcurrencyRetries);
    }

    [Trait("Rule", "PANEL-04")]
    [Theory]
    [InlineData("2")]
    [InlineData("Funday")]
    [InlineData("Monday, Friday")]
    [InlineData("")]
    public void A_weekday_is_a_name_numbers_and_unknown_names_are_problems_with_the_path(string value)
    {
        var problems = Bind(("Caf:Panels:AgendaWeekday", value)).Validate();

        var problem = Assert.Single(problems);
        Assert.Contains("Caf:Panels:AgendaWeekday", problem, StringComparison.Ordinal);
        Assert.Contains("one of Sunday, Monday", problem, StringComparison.Ordinal);
    }

    [Fact]
    public void A_storage_retry_count_of_the_wrong_type_or_out_of_range_is_a_problem()
    {
        Assert.Contains("Caf:Storage:ConcurrencyRetries", Assert.Single(Bind(("Caf:Storage:ConcurrencyRetries", "many")).Validate()), StringComparison.Ordinal);
        Assert.Contains("Storage.ConcurrencyRetries must be 0 to 100", Assert.Single(Bind(("Caf:Storage:ConcurrencyRetries", "500")).Validate()), StringComparison.Ordinal);
    }
}
