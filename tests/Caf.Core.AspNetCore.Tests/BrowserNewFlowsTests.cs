using System;
using System.Linq;
using System.Text.RegularExpressions;
using Caf.Core.AspNetCore.Tests.Support;
using OpenQA.Selenium;
using OpenQA.Selenium.Chrome;
using Xunit;
using Xunit.Abstractions;

namespace Caf.Core.AspNetCore.Tests;

/// <summary>
/// The web sample's new flows in Debian's Chromium: the index with stage, lead professional and next date; a new
/// concern for a new child through the register (LIFE-01, LIFE-03); the caseload; the reports page with its SVG charts
/// beside their tables (REP-01..05, needs by statement); an unknown episode; and, on every page, no enum member name
/// and no id where the directory knows the name. Screenshots under screenshots/.
/// </summary>
public sealed partial class BrowserNewFlowsTests : BrowserTestBase
{
    // Ids the demo's directory names: a page shows the names instead.
    private static readonly string[] KnownIds = ["ms-jones", "mr-patel", "dr-khan", "oakfield-primary", "health-visiting", "camhs", "child-amy", "child-ben"];

    public BrowserNewFlowsTests(ITestOutputHelper output)
        : base(output)
    {
    }

    [BrowserFact]
    [Trait("Rule", "LIFE-01")]
    [Trait("Rule", "LIFE-03")]
    [Trait("Rule", "REP-01")]
    [Trait("Rule", "REP-02")]
    [Trait("Rule", "SHARE-01")]
    public void A_new_concern_the_caseload_and_the_reports_in_words_and_charts()
    {
        using var driver = StartChromium();
        SignIn(driver, "ms-jones", "/");

        // The index: stage, lead professional and next date, by name.
        var children = driver.FindElement(By.Id("children")).Text;
        Assert.Contains("Amy Smith Concern identified, assessment not started Ms Jones (interim)", children, StringComparison.Ordinal);
        Assert.Contains("Ben Okafor Concern identified, assessment not started Mr Patel (interim)", children, StringComparison.Ordinal);
        AssertWords(driver);
        Save(driver, "flows-1-index");

        // A new concern for a new child: the register opens a CAF and she is its interim lead professional.
        Type(driver, "new-child-name", "Cara Brown");
        ((IJavaScriptExecutor)driver).ExecuteScript("document.getElementById('new-child-dob').value = '2018-06-12';");
        Type(driver, "new-concern", "Cara is often hungry and tired at school.");
        Assert.StartsWith("Done: A new CAF was opened for the child", Submit(driver, "submit-new-concern"), StringComparison.Ordinal);
        Assert.Equal("Cara Brown", driver.FindElement(By.Id("child")).Text);
        Assert.Equal("Ms Jones, Oakfield Primary School", driver.FindElement(By.Id("lead")).Text);
        Assert.Equal("No consent recorded yet.", driver.FindElement(By.Id("consent")).Text);
        Assert.Contains("Concern identified: Cara is often hungry and tired at school.", driver.FindElement(By.Id("history")).Text, StringComparison.Ordinal);
        AssertWords(driver);
        Save(driver, "flows-2-new-concern");

        // Her assessment, so the reports have needs to show: consent, start, two needs ticked.
        Type(driver, "giver-name", "Mr Brown");
        Type(driver, "consent-reason", "To assess Cara's needs and share with partner agencies.");
        Assert.Equal("Done: Record consent.", Submit(driver, "submit-record-consent"));
        Assert.Equal("Given by Mr Brown (parent or carer with parental responsibility), verbal.", driver.FindElement(By.Id("consent")).Text);
        Type(driver, "start-reason", "Mr Brown agreed to an assessment.");
        Assert.Equal("Done: Start assessment.", Submit(driver, "submit-start-assessment"));
        Assert.StartsWith("Assessment due:", driver.FindElement(By.Id("next-due")).Text, StringComparison.Ordinal);

        // Nothing ticked is turned back: an assessment is not completed by one click.
        Type(driver, "assessment-reason", "Met Cara and Mr Brown.");
        Assert.StartsWith("Check the form: Complete assessment. Needs and circumstances observed: tick what the assessment found.",
            Submit(driver, "submit-complete-assessment"), StringComparison.Ordinal);
        Assert.Equal("Assessment in progress", driver.FindElement(By.Id("state")).Text);
        var statement = driver.FindElement(By.XPath("//input[@id='observed-LEI-01']/..")).Text.Trim();
        Tick(driver, "observed-LEI-01");
        Tick(driver, "observed-LEI-07");
        Type(driver, "assessment-reason", "Cara's needs at school and at home.");
        Assert.Equal("Done: Complete assessment.", Submit(driver, "submit-complete-assessment"));
        AssertWords(driver);

        // The caseload: the school's open CAFs, by name, with their stage.
        driver.Navigate().GoToUrl($"{Address}/caseload");
        var caseload = WaitFor(driver).Until(d => d.FindElement(By.Id("caseload"))).Text;
        Assert.Contains("Amy Smith Concern identified, assessment not started Ms Jones (interim)", caseload, StringComparison.Ordinal);
        Assert.Contains("Cara Brown Assessment completed, next step being chosen Ms Jones (interim)", caseload, StringComparison.Ordinal);
        Assert.DoesNotContain("Ben Okafor", caseload, StringComparison.Ordinal); // Mr Patel's agency leads Ben's
        AssertWords(driver);
        Save(driver, "flows-3-caseload");

        // The reports: each chart is an SVG drawn on the server, beside its table; needs by their statements.
        driver.Navigate().GoToUrl($"{Address}/reports");
        WaitFor(driver).Until(d => d.FindElements(By.Id("chart-rep01")).Count > 0);
        foreach (var chart in new[] { "rep01", "rep02", "rep03-agency", "rep03-age", "rep03-outcome", "rep03-lead", "rep04", "rep05" })
        {
            var section = driver.FindElement(By.Id($"chart-{chart}"));
            Assert.Single(section.FindElements(By.CssSelector("svg.chart")));
            Assert.Single(section.FindElements(By.CssSelector("table.report-table")));
        }

        Assert.Equal(12, driver.FindElements(By.CssSelector("#chart-rep01 tbody tr")).Count); // twelve months in the table
        var needs = driver.FindElement(By.CssSelector("#chart-rep02 table")).Text;
        Assert.Contains(statement, needs, StringComparison.Ordinal);
        Assert.DoesNotMatch(NeedId(), needs);
        Assert.NotEmpty(driver.FindElements(By.CssSelector("#svg-rep02 rect.bar")));
        Assert.Contains("Oakfield Primary School", driver.FindElement(By.Id("chart-rep03-agency")).Text, StringComparison.Ordinal);
        AssertWords(driver);
        Save(driver, "flows-4-reports");

        // An unknown episode: a page that says so.
        driver.Navigate().GoToUrl($"{Address}/episodes/ep-nobody");
        Assert.Equal("No such CAF", WaitFor(driver).Until(d => d.FindElement(By.TagName("h1"))).Text);
        Save(driver, "flows-5-not-found");
    }

    // The page in words: no enum member name, and no id of a person, agency or child the directory knows by name.
    private static void AssertWords(ChromeDriver driver)
    {
        var text = driver.FindElement(By.TagName("body")).Text;
        AssertNoEnumNames(text);
        foreach (var id in KnownIds)
        {
            Assert.DoesNotContain(id, text, StringComparison.Ordinal);
        }
    }

    [GeneratedRegex(@"\b[A-Z]{3}-\d{2}\b")]
    private static partial Regex NeedId();
}
