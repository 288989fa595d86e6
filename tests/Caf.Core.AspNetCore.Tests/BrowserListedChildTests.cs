using System;
using System.Linq;
using System.Threading.Tasks;
using Caf.Core.AspNetCore.Tests.Support;
using Caf.Core.Lifecycle;
using Caf.Core.Register;
using Caf.Core.WebSample;
using Microsoft.Extensions.DependencyInjection;
using OpenQA.Selenium;
using OpenQA.Selenium.Chrome;
using Xunit;
using Xunit.Abstractions;

namespace Caf.Core.AspNetCore.Tests;

/// <summary>
/// The web sample's index (issue 27): a new concern for a child already listed, refused while the child's CAF is open
/// (REG-01, whom to contact by name) and opening a new CAF once it has ended (LIFE-01, LIFE-03); and a new child kept in
/// the sample's database, listed again after the sample restarts. Screenshots under screenshots/.
/// </summary>
public sealed class BrowserListedChildTests : BrowserTestBase
{
    private static readonly string[] KnownIds = ["ms-jones", "mr-patel", "dr-khan", "oakfield-primary", "health-visiting", "camhs", "child-amy", "child-ben"];

    public BrowserListedChildTests(ITestOutputHelper output)
        : base(output)
    {
    }

    [BrowserFact]
    [Trait("Rule", "LIFE-01")]
    [Trait("Rule", "LIFE-03")]
    [Trait("Rule", "REG-01")]
    [Trait("Rule", "REG-02")]
    public async Task A_new_concern_for_a_listed_child_and_a_new_child_kept_across_a_restart()
    {
        using var driver = StartChromium();
        SignIn(driver, "ms-jones", "/");

        // Amy's CAF is open: the register says so, names whom to contact, and opens nothing.
        Choose(driver, "concern-for-child", "Amy Smith");
        Type(driver, "concern-for-text", "Amy was upset at drop-off again.");
        var refused = Submit(driver, "submit-concern-for");
        Assert.StartsWith("Not opened for Amy Smith:", refused, StringComparison.Ordinal);
        Assert.Contains("Ms Jones", refused, StringComparison.Ordinal);
        AssertWords(driver);
        Save(driver, "listed-1-already-open");

        // Her CAF ends (stepped up by the host, through its register): a new concern for her opens a new CAF.
        await using (var scope = Services.CreateAsyncScope())
        {
            var register = scope.ServiceProvider.GetRequiredService<CafRegister>();
            var stepped = await register.ExecuteAsync(DemoData.Amy.Episode, e => e.StepUp(DemoData.Teacher.Actor, new SpecialistService("Children's social care"), "Disclosure at school."));
            Assert.True(stepped.IsSuccess, stepped.ToString());
        }

        driver.Navigate().GoToUrl($"{Address}/");
        Assert.Contains("Amy Smith No open CAF.", WaitFor(driver).Until(d => d.FindElement(By.Id("children"))).Text, StringComparison.Ordinal);
        Choose(driver, "concern-for-child", "Amy Smith");
        Type(driver, "concern-for-text", "Amy is back at school and struggling with friendships.");
        Assert.StartsWith("Done: A new CAF was opened for the child", Submit(driver, "submit-concern-for"), StringComparison.Ordinal);
        Assert.Equal("Amy Smith", driver.FindElement(By.Id("child")).Text);
        Assert.Contains("Concern identified: Amy is back at school and struggling with friendships.", driver.FindElement(By.Id("history")).Text, StringComparison.Ordinal);
        AssertWords(driver);
        Save(driver, "listed-2-new-caf");

        // A new child, then a restart: the child is still listed (the sample's database, not memory).
        driver.Navigate().GoToUrl($"{Address}/");
        WaitFor(driver).Until(d => d.FindElements(By.Id("new-child-name")).Count > 0);
        Type(driver, "new-child-name", "Dan Green");
        Type(driver, "new-concern", "Dan often arrives without breakfast.");
        Assert.StartsWith("Done: A new CAF was opened for the child", Submit(driver, "submit-new-concern"), StringComparison.Ordinal);

        await RestartAsync();
        driver.Navigate().GoToUrl($"{Address}/"); // the restarted sample (a new port)
        SignIn(driver, "ms-jones", "/");
        var children = driver.FindElement(By.Id("children")).Text;
        Assert.Contains("Dan Green Concern identified, assessment not started Ms Jones (interim)", children, StringComparison.Ordinal);
        Assert.Contains("Amy Smith Concern identified, assessment not started Ms Jones (interim)", children, StringComparison.Ordinal);
        Assert.Single(driver.FindElements(By.XPath("//select[@id='concern-for-child']/option[normalize-space()='Dan Green']")));
        driver.FindElement(By.LinkText("Dan Green")).Click();
        Assert.Equal("Dan Green", WaitFor(driver).Until(d => d.FindElement(By.Id("child"))).Text);
        AssertWords(driver);
        Save(driver, "listed-3-after-restart");
    }

    private static void AssertWords(ChromeDriver driver)
    {
        var text = driver.FindElement(By.TagName("body")).Text;
        AssertNoEnumNames(text);
        foreach (var id in KnownIds)
        {
            Assert.DoesNotContain(id, text, StringComparison.Ordinal);
        }

        Assert.DoesNotMatch(@"\bchild-[0-9a-f]{10}\b", text); // a new child's id never shows where the name is known
    }
}
