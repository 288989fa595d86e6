using System;
using System.Linq;
using Caf.Core.Configuration;
using Caf.Core.Panels;

namespace Caf.Core.Tests.Panels;

public class PanelDisplayTextTests
{
    [Fact]
    public void Every_panel_value_has_a_distinct_display_text()
    {
        Check<PanelCadenceKind>(PanelDisplayText.For);
        Check<PanelReferralReason>(PanelDisplayText.For);
        Check<PanelSlotKind>(PanelDisplayText.For);
        Check<PanelSlotOrigin>(PanelDisplayText.For);
        Check<PanelUnplacedReason>(PanelDisplayText.For);
        Check<PanelDecisionOutcome>(PanelDisplayText.For);
        Check<PanelDisagreementParty>(PanelDisplayText.For);
        Check<PanelReHearingOutcome>(PanelDisplayText.For);
    }

    [Fact]
    [Trait("Rule", "PANEL-01")]
    public void PANEL01_reasons_read_as_the_Bedfordshire_criteria()
    {
        Assert.Equal("The referrer is not clear which service is the most appropriate", PanelDisplayText.For(PanelReferralReason.UnclearWhichService));
        Assert.Equal("Re-present with more information", PanelDisplayText.For(PanelDecisionOutcome.RePresentWithMoreInformation));
    }

    [Fact]
    [Trait("Rule", "PANEL-04")]
    public void PANEL04_panel_options_default_to_Bedfordshire_and_are_validated_with_the_others()
    {
        var options = new CafOptions();
        Assert.Empty(options.Validate());
        Assert.Null(options.Panels.AgendaDaysBefore);
        Assert.Equal(DayOfWeek.Monday, options.Panels.AgendaWeekday);
        Assert.Equal(DayOfWeek.Friday, options.Panels.DecisionSheetWeekday);
        Assert.Equal(365, options.Panels.SchedulingHorizonDays);

        options.Panels.AgendaDaysBefore = -1;
        options.Panels.SchedulingHorizonDays = 0;
        options.Panels.DecisionSheetWeekday = (DayOfWeek)8;
        var problems = options.Validate();
        Assert.Equal(3, problems.Count);
        Assert.All(problems, p => Assert.StartsWith("Panels.", p, StringComparison.Ordinal));
        Assert.Throws<ArgumentException>(() => new PanelScheduler(options.Panels));

        options.Panels = null!;
        Assert.Contains("CafOptions.Panels must not be null.", options.Validate());
    }

    private static void Check<T>(Func<T, string> text)
        where T : struct, Enum
    {
        var texts = Enum.GetValues<T>().Select(text).ToList();
        Assert.All(texts, t => Assert.False(string.IsNullOrWhiteSpace(t)));
        Assert.Equal(texts.Count, texts.Distinct().Count());
        Assert.Throws<ArgumentOutOfRangeException>(() => text((T)(object)99));
    }
}
