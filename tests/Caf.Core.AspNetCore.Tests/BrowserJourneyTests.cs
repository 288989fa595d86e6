using System;
using System.Linq;
using Caf.Core.AspNetCore.Tests.Support;
using OpenQA.Selenium;
using Xunit;
using Xunit.Abstractions;

namespace Caf.Core.AspNetCore.Tests;

/// <summary>
/// A whole CAF through the web sample's forms, as the practitioners would do it, in Debian's Chromium: Amy's class
/// teacher records consent, starts and completes the assessment, chooses multi-agency support, appoints the health
/// visitor as lead professional (refused first without the family's agreement, LP-05), agrees the plan and holds the
/// review that decides to close; the page does not offer her the closure (CLOSE-08), so the lead professional closes it. Every
/// step is asserted on what the page says in words, and a screenshot of each is saved under screenshots/.
/// </summary>
public sealed class BrowserJourneyTests : BrowserTestBase
{
    public BrowserJourneyTests(ITestOutputHelper output)
        : base(output)
    {
    }

    [BrowserFact]
    [Trait("Rule", "LIFE-07")]
    [Trait("Rule", "LP-05")]
    [Trait("Rule", "PLAN-02")]
    [Trait("Rule", "REV-02")]
    [Trait("Rule", "CLOSE-08")]
    public void LIFE_09_a_whole_CAF_through_the_page_from_consent_to_closure()
    {
        using var driver = StartChromium();
        const string amy = "/episodes/ep-amy-1";
        SignIn(driver, "ms-jones", amy);

        // Consent, then the assessment (LIFE-05, CONS-01).
        Type(driver, "giver-name", "Ms Smith");
        Choose(driver, "consent-form", "Written (signed)");
        Type(driver, "consent-reason", "To assess Amy's needs and share with the partner agencies.");
        Assert.Equal("Done: Record consent.", Submit(driver, "submit-record-consent"));
        Assert.Equal("Given by Ms Smith (parent or carer with parental responsibility), written (signed).", driver.FindElement(By.Id("consent")).Text);
        Type(driver, "start-reason", "Ms Smith agreed to an assessment at the meeting.");
        Assert.Equal("Done: Start assessment.", Submit(driver, "submit-start-assessment"));
        Assert.Equal("Assessment in progress", State(driver));
        // A form the stage does not allow is not offered: one row says what this stage rules out.
        Assert.Empty(driver.FindElements(By.Id("form-agree-plan")));
        Assert.Contains("Agree the action plan", driver.FindElement(By.Id("action-not-at-this-stage")).Text, StringComparison.Ordinal);
        Assert.Single(driver.FindElements(By.CssSelector("#actions tr.grouped")));

        // Complete the assessment with the thresholds framework (THR-03): the seeds' attendance and wellbeing needs.
        foreach (var indicator in new[] { "LEI-01", "LEI-07", "BFD-09", "LEI-10" })
        {
            Tick(driver, $"observed-{indicator}");
        }

        Type(driver, "assessment-reason", "Lateness and low mood, with mornings hard at home.");
        Assert.Equal("Done: Complete assessment.", Submit(driver, "submit-complete-assessment"));
        Assert.Equal("Assessment completed, next step being chosen", State(driver));
        var assessment = driver.FindElement(By.Id("assessment")).Text;
        Assert.StartsWith("Assessment: Level 3", assessment, StringComparison.Ordinal);
        Save(driver, "journey-1-assessed");

        // The next step (LIFE-07): multi-agency support, which needs a lead professional before the plan (LIFE-08).
        Choose(driver, "next-step", "Multi-agency support with a lead professional");
        Type(driver, "next-step-reason", "Needs span school and health: agreed with Ms Smith.");
        Assert.Equal("Done: Choose the next step.", Submit(driver, "submit-choose-next-step"));
        var agree = driver.FindElement(By.Id("action-agree-plan")).Text;
        Assert.Contains("Not possible now", agree, StringComparison.Ordinal);
        Assert.Contains("(LIFE-08)", agree, StringComparison.Ordinal);

        // The lead professional: without the family's agreement nothing is recorded (LP-05); with it, appointed.
        Choose(driver, "nominee", "Mr Patel, Health visitor, Health visiting");
        Tick(driver, "supervisor-confirmed");
        Type(driver, "appoint-reason", "Sees the family every week.");
        var refused = Submit(driver, "submit-appoint-lead");
        Assert.StartsWith("Refused: Appoint the lead professional.", refused, StringComparison.Ordinal);
        Assert.EndsWith("(LP-05)", refused, StringComparison.Ordinal);
        Assert.StartsWith("Ms Jones, Oakfield Primary School", driver.FindElement(By.Id("lead")).Text, StringComparison.Ordinal);
        Save(driver, "journey-2-appointment-refused");

        Choose(driver, "nominee", "Mr Patel, Health visitor, Health visiting");
        Tick(driver, "supervisor-confirmed");
        Type(driver, "family-agreement", "Ms Smith and Amy agreed at the feedback meeting.");
        Type(driver, "appoint-reason", "Sees the family every week.");
        Assert.Equal("Done: Appoint the lead professional.", Submit(driver, "submit-appoint-lead"));
        Assert.Equal("Mr Patel, Health visiting", driver.FindElement(By.Id("lead")).Text);

        // The plan (PLAN-01..03): an outcome in the family's words and three owned actions.
        Type(driver, "outcome-1-words", "Amy is in school on time every day");
        Type(driver, "outcome-1-change", "Mornings are calmer and Amy leaves home by 8.30");
        Type(driver, "outcome-1-know", "Amy's attendance is above 95% for a half term");
        Type(driver, "action-1-description", "Learning mentor meets Amy every Monday");
        Choose(driver, "action-1-owner", "Ms Jones, Oakfield Primary School");
        Type(driver, "action-2-description", "Health visitor advises Ms Smith on breakfast and sleep");
        Choose(driver, "action-2-owner", "Mr Patel, Health visiting");
        Type(driver, "action-3-description", "Ms Smith walks Amy to school");
        Choose(driver, "action-3-owner", "The family");
        Type(driver, "plan-strengths", "Ms Smith is determined to get mornings right");
        Type(driver, "plan-childs-views", "Amy likes the breakfast club when her friend Jess is there.");
        Type(driver, "plan-child-involvement", "Amy came to the meeting and chose the breakfast club action.");
        // Any number of rows: a fourth action, added on the page.
        driver.FindElement(By.Id("add-action")).Click();
        Type(driver, "action-4-description", "Breakfast club place for Amy");
        Choose(driver, "action-4-owner", "Ms Jones, Oakfield Primary School");
        Type(driver, "plan-reason", "Agreed with Ms Smith and Amy at the team around the child meeting.");
        Assert.Equal("Done: Agree the action plan.", Submit(driver, "submit-agree-plan"));
        Assert.Equal("Action plan in place", State(driver));
        var plan = driver.FindElement(By.Id("plan")).Text;
        Assert.Contains("Learning mentor meets Amy every Monday Ms Jones, Oakfield Primary School", plan, StringComparison.Ordinal);
        Assert.Contains("Ms Smith walks Amy to school The family", plan, StringComparison.Ordinal);
        Save(driver, "journey-3-plan-agreed");

        // The review (REV-02): every action done, the outcome achieved, and the review decides to close.
        Assert.Contains("Breakfast club place for Amy", plan, StringComparison.Ordinal);
        foreach (var action in new[] { "action-1", "action-2", "action-3", "action-4" })
        {
            Choose(driver, $"progress-{action}", "Done");
        }

        Tick(driver, "achieved-outcome-1");
        Tick(driver, "decided-to-close");
        Assert.Equal("", driver.FindElement(By.Id("next-review-due")).GetAttribute("value")); // no date pre-filled for REV-02 to refuse
        Type(driver, "review-child-involvement", "Amy told the review what had helped.");
        Assert.Equal("Done: Hold a review.", Submit(driver, "submit-hold-review"));
        Assert.Equal("Action plan in place", State(driver));

        // The class teacher may not close (CLOSE-08): the page no longer offers her the form, and says why, by name.
        Assert.Empty(driver.FindElements(By.Id("form-close")));
        var close = driver.FindElement(By.Id("action-close")).Text;
        Assert.Contains("Only the lead professional (Mr Patel) or their supervisor records the closure.", close, StringComparison.Ordinal);
        Assert.Contains("(CLOSE-08)", close, StringComparison.Ordinal);
        Assert.DoesNotContain("mr-patel", driver.FindElement(By.TagName("body")).Text, StringComparison.Ordinal);
        Assert.Equal("Action plan in place", State(driver));
        Save(driver, "journey-4-close-not-offered");

        // The lead professional closes it.
        SignIn(driver, "mr-patel", amy);
        Tick(driver, "criterion-1");
        Choose(driver, "closure-outcome", "Resolved via multi-agency provision and lead professional");
        Type(driver, "how-will-you-know", "Amy's attendance is 97% this half term.");
        Assert.Equal("Done: Close the CAF.", Submit(driver, "submit-close"));
        Assert.Equal("CAF closed", State(driver));
        Assert.EndsWith(": Resolved via multi-agency provision and lead professional.", driver.FindElement(By.Id("closure")).Text, StringComparison.Ordinal);

        // Closed is terminal (LIFE-10): no form is offered, and the history tells the story in words.
        Assert.Empty(driver.FindElements(By.CssSelector("form.command")));
        var history = driver.FindElement(By.Id("history")).Text;
        Assert.Contains("Mr Patel, Health visiting", history, StringComparison.Ordinal);
        Assert.Equal(11, driver.FindElements(By.CssSelector("#history tbody tr")).Count);
        // Closed: every action is ruled out by the stage, in one row (not 25 identical ones).
        Assert.Single(driver.FindElements(By.CssSelector("#actions tbody tr")));
        AssertNoEnumNames(driver.FindElement(By.TagName("body")).Text);
        Save(driver, "journey-5-closed");
    }

    private static string State(IWebDriver driver) => WaitFor(driver).Until(d => d.FindElement(By.Id("state")).Text);
}
