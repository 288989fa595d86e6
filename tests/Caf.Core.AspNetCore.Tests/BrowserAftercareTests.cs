using System;
using System.Linq;
using Caf.Core.AspNetCore.Tests.Support;
using OpenQA.Selenium;
using OpenQA.Selenium.Chrome;
using Xunit;
using Xunit.Abstractions;

namespace Caf.Core.AspNetCore.Tests;

/// <summary>
/// Issue 28 in the web sample, in Debian's Chromium: on Sam's potential CAF (stepped down from children's social care) the
/// family's request for a step-down TAC meeting is recorded and the page says the assessment, the plan and the closure
/// wait for the meeting's decision (STEP-04); on Chloe's case, which the panel decided two meetings ago, the referrer
/// records the decision sheet shared with the family (PANEL-08), a disagreement about a service taken up (PANEL-09) and
/// progress reported to a following meeting (PANEL-10), and sends the completed CAF to an agency as its referral
/// (LIFE-13). Screenshots under screenshots/.
/// </summary>
public sealed class BrowserAftercareTests : BrowserTestBase
{
    private static readonly string[] KnownIds = ["ms-jones", "mr-patel", "dr-khan", "oakfield-primary", "health-visiting", "camhs", "child-sam", "child-chloe", "ref-chloe-1"];

    public BrowserAftercareTests(ITestOutputHelper output)
        : base(output)
    {
    }

    [BrowserFact]
    [Trait("Rule", "STEP-04")]
    public void STEP_04_the_familys_request_for_a_step_down_TAC_is_recorded_and_the_assessment_waits_for_it()
    {
        using var driver = StartChromium();
        SignIn(driver, "ms-jones", "/episodes/ep-sam-1");
        Assert.Equal("Sam Taylor", driver.FindElement(By.Id("child")).Text);
        Assert.Empty(driver.FindElements(By.Id("step-down-tac-request")));
        Assert.Equal("", driver.FindElement(By.Id("step-down-requested-by")).GetAttribute("value")); // nothing pre-filled

        // Who asked is left empty: the rule says what is missing, and nothing is recorded.
        Type(driver, "step-down-reason", "Mum wants everyone round the table.");
        var refused = Submit(driver, "submit-request-step-down-tac");
        Assert.StartsWith("Refused: Record the family's request for a step-down meeting.", refused, StringComparison.Ordinal);
        Assert.Contains("Say who in the family asked for the step-down TAC meeting. (STEP-04)", refused, StringComparison.Ordinal);
        Assert.Empty(driver.FindElements(By.Id("step-down-tac-request")));

        Type(driver, "step-down-requested-by", "Mrs Taylor, Sam's mother");
        Type(driver, "step-down-reason", "Mum wants everyone round the table.");
        Assert.Equal("Done: Record the family's request for a step-down meeting.", Submit(driver, "submit-request-step-down-tac"));
        Assert.StartsWith("Mrs Taylor, Sam's mother asked for a step-down TAC meeting on", driver.FindElement(By.Id("step-down-tac-request")).Text, StringComparison.Ordinal);
        Assert.Contains("the assessment, the plan and the closure wait for the meeting's decision", driver.FindElement(By.Id("step-down-tac-request")).Text, StringComparison.Ordinal);
        Assert.Empty(driver.FindElements(By.Id("form-request-step-down-tac"))); // recorded once: the form is gone
        var start = driver.FindElement(By.Id("action-start-assessment")).Text;
        Assert.Contains("Not possible now", start, StringComparison.Ordinal);
        Assert.Contains("(STEP-04)", start, StringComparison.Ordinal);
        AssertWords(driver);
        Save(driver, "aftercare-1-step-down-tac-requested");
    }

    [BrowserFact]
    [Trait("Rule", "PANEL-08")]
    [Trait("Rule", "PANEL-09")]
    [Trait("Rule", "PANEL-10")]
    public void PANEL_08_to_10_the_decision_sheet_shared_a_disagreement_taken_up_and_progress_reported()
    {
        using var driver = StartChromium();
        SignIn(driver, "ms-jones", "/episodes/ep-chloe-1");
        Assert.Equal("Chloe Lewis", driver.FindElement(By.Id("child")).Text);
        var decision = driver.FindElement(By.Id("panel-decision")).Text;
        Assert.Contains("CAMHS: Support for anxiety; Health visiting: Home visits.", decision, StringComparison.Ordinal);
        Assert.EndsWith("Not yet shared with the family.", decision, StringComparison.Ordinal);
        AssertWords(driver);

        // PANEL-08: the referrer shares the decision sheet with the family.
        Type(driver, "shared-how", "Went through it with Mr Lewis at the school gate.");
        Assert.Equal("Done: Record the decision sheet shared with the family.", Submit(driver, "submit-record-decision-shared-with-family"));
        Assert.Contains("Shared with the family on", driver.FindElement(By.Id("panel-decision")).Text, StringComparison.Ordinal);

        // PANEL-09: a disagreement about CAMHS's support, taken up with CAMHS; the case stays with its decision.
        Choose(driver, "disagreement-agency", "CAMHS: Support for anxiety");
        Choose(driver, "disagreement-step", "Taken up with the agency providing it (the lead professional is informed)");
        Type(driver, "disagreement-details", "The sessions keep being moved.");
        Assert.Equal("Done: Record a disagreement about an allocated service.", Submit(driver, "submit-record-service-disagreement"));
        Assert.Contains("A disagreement about CAMHS's service taken up with the agency", driver.FindElement(By.Id("history")).Text, StringComparison.Ordinal);

        // PANEL-10: without words the report is refused; with them it is recorded.
        var refused = Submit(driver, "submit-report-progress-to-panel");
        Assert.StartsWith("Refused: Report progress to the panel.", refused, StringComparison.Ordinal);
        Assert.Contains("(PANEL-10)", refused, StringComparison.Ordinal);
        Type(driver, "progress-text", "Chloe is on time four days in five.");
        Assert.Equal("Done: Report progress to the panel.", Submit(driver, "submit-report-progress-to-panel"));
        AssertWords(driver);
        Save(driver, "aftercare-2-panel-aftercare");
    }

    [BrowserFact]
    [Trait("Rule", "LIFE-13")]
    public void LIFE_13_the_completed_CAF_is_sent_to_an_agency_as_its_referral()
    {
        using var driver = StartChromium();
        SignIn(driver, "ms-jones", "/episodes/ep-chloe-1");
        Assert.Equal("", driver.FindElement(By.Id("agency-referral-service")).GetAttribute("value")); // nothing pre-filled
        Assert.Equal("", driver.FindElement(By.Id("agency-referral-agency")).GetAttribute("value"));
        Choose(driver, "agency-referral-agency", "Health visiting");
        Type(driver, "agency-referral-service", "Sleep routine support");
        Type(driver, "agency-referral-reason", "Chloe is tired most mornings.");
        Assert.Equal("Done: Refer to an agency with the CAF.", Submit(driver, "submit-refer-to-agency-with-caf"));
        Assert.Contains("Referred to Health visiting with the completed CAF as the request: Sleep routine support", driver.FindElement(By.Id("history")).Text, StringComparison.Ordinal);
        AssertWords(driver);
        Save(driver, "aftercare-3-referred-to-agency-with-caf");
    }

    private static void AssertWords(ChromeDriver driver)
    {
        var text = driver.FindElement(By.TagName("body")).Text;
        AssertNoEnumNames(text);
        foreach (var id in KnownIds)
        {
            Assert.DoesNotContain(id, text, StringComparison.Ordinal);
        }
    }
}
