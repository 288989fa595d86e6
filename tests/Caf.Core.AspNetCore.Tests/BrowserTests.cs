using System;
using System.Linq;
using Caf.Core.AspNetCore.Tests.Support;
using OpenQA.Selenium;
using Xunit.Abstractions;

namespace Caf.Core.AspNetCore.Tests;

/// <summary>
/// The web sample as a practitioner uses it, in Debian's Chromium (headless) on a real Kestrel port: sign in, open
/// Amy's episode, try to start the assessment and read why not (LIFE-05), record consent, see "Start assessment"
/// become permitted, start it. A screenshot of each step is saved under the test output (screenshots/).
/// </summary>
public sealed class BrowserTests : BrowserTestBase
{
    public BrowserTests(ITestOutputHelper output)
        : base(output)
    {
    }

    [BrowserFact]
    public void LIFE_05_a_practitioner_records_consent_and_start_assessment_becomes_permitted()
    {
        using var driver = StartChromium();
        var wait = WaitFor(driver);

        driver.Navigate().GoToUrl($"{Address}/episodes/ep-amy-1");
        wait.Until(d => d.FindElements(By.Id("sign-in-ms-jones")).Count > 0);
        driver.FindElement(By.Id("sign-in-ms-jones")).Click();
        wait.Until(d => d.FindElements(By.Id("state")).Count > 0);

        Assert.Equal("Amy Smith", driver.FindElement(By.Id("child")).Text);
        Assert.Equal("Concern identified, assessment not started", driver.FindElement(By.Id("state")).Text);
        var start = driver.FindElement(By.Id("action-start-assessment")).Text;
        Assert.Contains("Not possible now", start, StringComparison.Ordinal);
        Assert.Contains("No consent from a parent with parental responsibility is recorded", start, StringComparison.Ordinal);
        Assert.Contains("Concern identified: Often late, withdrawn in class.", driver.FindElement(By.Id("history")).Text, StringComparison.Ordinal);
        Save(driver, "1-episode-before-consent");

        // A refused action: the page says why, and nothing is recorded.
        driver.FindElement(By.Id("start-reason")).SendKeys("The family agreed.");
        driver.FindElement(By.Id("submit-start-assessment")).Click();
        var refused = wait.Until(d => d.FindElements(By.Id("outcome")).FirstOrDefault());
        Assert.StartsWith("Refused: Start assessment.", refused!.Text, StringComparison.Ordinal);
        Assert.Contains("No consent from a parent with parental responsibility is recorded", refused.Text, StringComparison.Ordinal);
        Assert.Equal("Concern identified, assessment not started", driver.FindElement(By.Id("state")).Text);
        Save(driver, "2-start-refused");

        driver.FindElement(By.Id("giver-name")).SendKeys("Ms Smith");
        driver.FindElement(By.Id("consent-reason")).SendKeys("To assess and share with partner agencies.");
        driver.FindElement(By.XPath("//select[@id='consent-form']/option[normalize-space()='Written (signed)']")).Click();
        driver.FindElement(By.Id("submit-record-consent")).Click();
        wait.Until(d => d.FindElement(By.Id("outcome")).Text.StartsWith("Done", StringComparison.Ordinal));

        Assert.Equal("Done: Record consent.", driver.FindElement(By.Id("outcome")).Text);
        Assert.Contains("Permitted", driver.FindElement(By.Id("action-start-assessment")).Text, StringComparison.Ordinal);
        Assert.Contains("Consent given by Ms Smith (Parent or carer with parental responsibility, written (signed))",
            driver.FindElement(By.Id("history")).Text, StringComparison.Ordinal);
        Save(driver, "3-consent-recorded-start-permitted");

        driver.FindElement(By.Id("start-reason")).SendKeys("Ms Smith agreed to an assessment.");
        driver.FindElement(By.Id("submit-start-assessment")).Click();
        wait.Until(d => d.FindElement(By.Id("state")).Text == "Assessment in progress");
        Assert.Equal("Done: Start assessment.", driver.FindElement(By.Id("outcome")).Text);
        AssertNoEnumNames(driver.FindElement(By.TagName("body")).Text);
        Save(driver, "4-assessment-started");
    }

    [BrowserFact]
    public void SHARE_01_an_excluded_agency_sees_why_and_nothing_of_the_episode()
    {
        using var driver = StartChromium();
        var wait = WaitFor(driver);

        driver.Navigate().GoToUrl($"{Address}/episodes/ep-ben-1");
        wait.Until(d => d.FindElements(By.Id("sign-in-dr-khan")).Count > 0);
        driver.FindElement(By.Id("sign-in-dr-khan")).Click();
        var forbidden = wait.Until(d => d.FindElements(By.Id("forbidden")).FirstOrDefault());

        Assert.Equal("The family excluded CAMHS (partial consent, CONS-05): a practitioner of that agency neither sees nor records work on this episode. (SHARE-01)", forbidden!.Text);
        var page = driver.FindElement(By.TagName("main")).Text;
        Assert.DoesNotContain("Ben Okafor", page, StringComparison.Ordinal);
        Assert.DoesNotContain("Missed health appointments", page, StringComparison.Ordinal);
        Save(driver, "5-excluded-agency");
    }
}
