using System;
using System.Linq;
using System.Threading.Tasks;
using Caf.Core.AspNetCore.Tests.Support;
using Caf.Core.DependencyInjection;
using Caf.Core.Primitives;
using Caf.Core.WebSample;
using Microsoft.Extensions.DependencyInjection;
using OpenQA.Selenium;
using OpenQA.Selenium.Chrome;
using Xunit;
using Xunit.Abstractions;

namespace Caf.Core.AspNetCore.Tests;

/// <summary>
/// Issue 29 in Debian's Chromium: the web sample serves two local authorities, Northshire (the default authority, on
/// SQLite) and Southvale (declared with AddCafAuthority, its own thresholds framework). Each practitioner signs in to
/// one. A Northshire practitioner never reaches Southvale's child, Dylan: not on her list of children, not in her
/// caseload, not by typing his episode's address, not by posting a command to it; and the reverse for Southvale's
/// practitioner and Northshire's children. Each assessment form shows its own authority's framework.
/// </summary>
public sealed class BrowserAuthoritiesTests : BrowserTestBase
{
    private static readonly string[] NorthshireChildren = ["Amy Smith", "Ben Okafor", "Sam Taylor", "Chloe Lewis"];

    public BrowserAuthoritiesTests(ITestOutputHelper output)
        : base(output)
    {
    }

    [BrowserFact]
    [Trait("Rule", "SHARE-01")]
    [Trait("Rule", "THR-02")]
    public async Task A_practitioner_of_one_authority_never_reaches_the_other_authoritys_child()
    {
        using var driver = StartChromium();
        var dylanBefore = await DylanVersionAsync();

        // Ms Jones works in Northshire: her list and her caseload hold Northshire's children only.
        SignIn(driver, "ms-jones", "/");
        Assert.Equal("Northshire County Council", driver.FindElement(By.Id("authority-name")).Text);
        var children = driver.FindElement(By.Id("children")).Text;
        Assert.All(NorthshireChildren, name => Assert.Contains(name, children, StringComparison.Ordinal));
        Assert.DoesNotContain("Dylan", children, StringComparison.Ordinal);
        Assert.Empty(driver.FindElements(By.Id("open-ep-dylan-1")));
        Save(driver, "authorities-1-northshire-index");
        driver.Navigate().GoToUrl($"{Address}/caseload");
        Assert.DoesNotContain("Dylan", driver.FindElement(By.TagName("main")).Text, StringComparison.Ordinal);

        // Typing Dylan's episode address: the same page as for an episode that does not exist.
        var dylanPage = PageText(driver, "/episodes/ep-dylan-1");
        var nowherePage = PageText(driver, "/episodes/ep-nowhere-1");
        Assert.Contains("There is no CAF with the reference", dylanPage, StringComparison.Ordinal);
        Assert.Equal(nowherePage.Replace("ep-nowhere-1", "{id}", StringComparison.Ordinal), dylanPage.Replace("ep-dylan-1", "{id}", StringComparison.Ordinal));
        Assert.DoesNotContain("Dylan", dylanPage, StringComparison.Ordinal);
        Save(driver, "authorities-2-typed-address");

        // Posting a command to Dylan's episode (her own form on Amy's page, aimed at his): refused as unknown, nothing recorded.
        var postedToDylan = PostConsentTo(driver, "ep-dylan-1");
        var postedToNowhere = PostConsentTo(driver, "ep-nowhere-1");
        Assert.Equal(postedToNowhere.Replace("ep-nowhere-1", "{id}", StringComparison.Ordinal), postedToDylan.Replace("ep-dylan-1", "{id}", StringComparison.Ordinal));
        Assert.DoesNotContain("Dylan", postedToDylan, StringComparison.Ordinal);
        Assert.Equal(dylanBefore, await DylanVersionAsync());
        Save(driver, "authorities-3-posted-command");

        // Her assessment form shows Northshire's framework (the shipped one), not Southvale's.
        Assert.DoesNotContain("Southvale", FrameworkOnAmysPage(driver), StringComparison.Ordinal);

        // Ms Evans works in Southvale: Dylan only; Northshire's children are out of her reach the same way.
        SignIn(driver, "ms-evans", "/");
        Assert.Equal("Southvale Borough Council", driver.FindElement(By.Id("authority-name")).Text);
        children = driver.FindElement(By.Id("children")).Text;
        Assert.Contains("Dylan Price", children, StringComparison.Ordinal);
        Assert.All(NorthshireChildren, name => Assert.DoesNotContain(name, children, StringComparison.Ordinal));
        Save(driver, "authorities-4-southvale-index");
        driver.Navigate().GoToUrl($"{Address}/caseload");
        var caseload = driver.FindElement(By.TagName("main")).Text;
        Assert.Contains("Dylan Price", caseload, StringComparison.Ordinal);
        Assert.All(NorthshireChildren, name => Assert.DoesNotContain(name, caseload, StringComparison.Ordinal));
        var amyPage = PageText(driver, "/episodes/ep-amy-1");
        Assert.Equal(PageText(driver, "/episodes/ep-nowhere-1").Replace("ep-nowhere-1", "{id}", StringComparison.Ordinal), amyPage.Replace("ep-amy-1", "{id}", StringComparison.Ordinal));

        // Dylan's assessment is judged under Southvale's own framework.
        driver.Navigate().GoToUrl($"{Address}/episodes/ep-dylan-1");
        Type(driver, "giver-name", "Ms Price");
        Type(driver, "consent-reason", "To assess Dylan's needs and share with partner agencies.");
        Assert.Equal("Done: Record consent.", Submit(driver, "submit-record-consent"));
        Type(driver, "start-reason", "Ms Price agreed to an assessment.");
        Assert.Equal("Done: Start assessment.", Submit(driver, "submit-start-assessment"));
        Assert.Equal("Southvale continuum of need, version 2026.1", driver.FindElement(By.Id("framework")).Text);
        Save(driver, "authorities-5-southvale-framework");
        Assert.Equal(dylanBefore + 2, await DylanVersionAsync()); // her own commands, on Southvale's register
    }

    [BrowserFact]
    [Trait("Rule", "SHARE-01")]
    public async Task After_a_restart_on_the_same_file_each_authority_still_sees_only_its_own_episodes()
    {
        using var driver = StartChromium();
        // Before the restart, each authority changes its own child's CAF: Ms Evans records Dylan's consent, Ms Jones Amy's.
        SignIn(driver, "ms-evans", "/episodes/ep-dylan-1");
        Type(driver, "giver-name", "Ms Price");
        Type(driver, "consent-reason", "To assess Dylan's needs and share with partner agencies.");
        Assert.Equal("Done: Record consent.", Submit(driver, "submit-record-consent"));
        SignIn(driver, "ms-jones", "/episodes/ep-amy-1");
        Type(driver, "giver-name", "Ms Smith");
        Type(driver, "consent-reason", "Consent to assess and share with partner agencies.");
        Assert.Equal("Done: Record consent.", Submit(driver, "submit-record-consent"));
        var dylanBefore = await DylanVersionAsync();
        var amyBefore = await VersionAsync(AuthorityId.Default, DemoData.Amy.Episode);
        Assert.Equal(2, dylanBefore);
        Assert.Equal(2, amyBefore);

        await RestartAsync(); // the same SQLite file, a new process's services

        // Both authorities' changes were kept in the file (an in-memory Southvale would have seeded Dylan afresh, version 1),
        // and each authority's store holds its own episodes only.
        Assert.Equal(dylanBefore, await DylanVersionAsync());
        Assert.Equal(amyBefore, await VersionAsync(AuthorityId.Default, DemoData.Amy.Episode));
        Assert.Equal(["ep-dylan-1"], await StoredAsync(DemoData.Southvale));
        Assert.Equal(["ep-amy-1", "ep-ben-1", "ep-chloe-1", "ep-sam-1"], await StoredAsync(AuthorityId.Default));

        // In the browser: Ms Jones still reaches Northshire's children only, Ms Evans Southvale's.
        driver.Navigate().GoToUrl($"{Address}/"); // the restarted sample (a new port)
        SignIn(driver, "ms-jones", "/");
        var children = driver.FindElement(By.Id("children")).Text;
        Assert.All(NorthshireChildren, name => Assert.Contains(name, children, StringComparison.Ordinal));
        Assert.DoesNotContain("Dylan", children, StringComparison.Ordinal);
        driver.Navigate().GoToUrl($"{Address}/caseload");
        Assert.DoesNotContain("Dylan", driver.FindElement(By.TagName("main")).Text, StringComparison.Ordinal);
        var missing = PageText(driver, "/episodes/ep-nowhere-1").Replace("ep-nowhere-1", "{id}", StringComparison.Ordinal);
        Assert.Equal(missing, PageText(driver, "/episodes/ep-dylan-1").Replace("ep-dylan-1", "{id}", StringComparison.Ordinal));
        Save(driver, "authorities-6-northshire-after-restart");

        SignIn(driver, "ms-evans", "/");
        children = driver.FindElement(By.Id("children")).Text;
        Assert.Contains("Dylan Price", children, StringComparison.Ordinal);
        Assert.All(NorthshireChildren, name => Assert.DoesNotContain(name, children, StringComparison.Ordinal));
        driver.Navigate().GoToUrl($"{Address}/caseload");
        var caseload = driver.FindElement(By.TagName("main")).Text;
        Assert.Contains("Dylan Price", caseload, StringComparison.Ordinal);
        Assert.All(NorthshireChildren, name => Assert.DoesNotContain(name, caseload, StringComparison.Ordinal));
        Assert.Equal(missing, PageText(driver, "/episodes/ep-amy-1").Replace("ep-amy-1", "{id}", StringComparison.Ordinal));
        Save(driver, "authorities-7-southvale-after-restart");
        Assert.Equal(dylanBefore, await DylanVersionAsync()); // looking changed nothing
    }

    private string PageText(IWebDriver driver, string path)
    {
        driver.Navigate().GoToUrl($"{Address}{path}");
        return driver.FindElement(By.TagName("main")).Text;
    }

    // Amy's consent form, filled in, its action pointed at another episode's address, and submitted: what the page then shows.
    private string PostConsentTo(IWebDriver driver, string episode)
    {
        driver.Navigate().GoToUrl($"{Address}/episodes/ep-amy-1");
        Type(driver, "giver-name", "Ms Smith");
        Type(driver, "consent-reason", "Consent to assess.");
        var old = driver.FindElement(By.TagName("html"));
        ((IJavaScriptExecutor)driver).ExecuteScript(
            "const f = document.getElementById('form-record-consent'); f.action = f.action.replace('ep-amy-1', arguments[0]); f.submit();", episode);
        WaitFor(driver).Until(_ => IsStale(old));
        Assert.EndsWith($"/episodes/{episode}", driver.Url, StringComparison.Ordinal);
        return driver.FindElement(By.TagName("main")).Text;
    }

    private string FrameworkOnAmysPage(IWebDriver driver)
    {
        driver.Navigate().GoToUrl($"{Address}/episodes/ep-amy-1");
        Type(driver, "giver-name", "Ms Smith");
        Type(driver, "consent-reason", "Consent to assess and share with partner agencies.");
        Assert.Equal("Done: Record consent.", Submit(driver, "submit-record-consent"));
        Type(driver, "start-reason", "Ms Smith agreed to an assessment.");
        Assert.Equal("Done: Start assessment.", Submit(driver, "submit-start-assessment"));
        return driver.FindElement(By.Id("framework")).Text;
    }

    private Task<int> DylanVersionAsync() => VersionAsync(DemoData.Southvale, DemoData.Dylan.Episode);

    private async Task<int> VersionAsync(AuthorityId authority, EpisodeId episode)
    {
        var services = Services.GetRequiredService<CafAuthorities>().Get(authority);
        return (await services.Repository.GetAsync(episode))!.Version;
    }

    // The ids of every episode an authority's own store lists (read directly, not through the pages).
    private async Task<string[]> StoredAsync(AuthorityId authority)
    {
        var services = Services.GetRequiredService<CafAuthorities>().Get(authority);
        var all = await services.Repository.ListAsync(new AllEpisodes());
        return [.. all.Select(e => e.Id.Value).Order(StringComparer.Ordinal)];
    }

    private sealed class AllEpisodes : Ardalis.Specification.Specification<Caf.Core.Register.EpisodeSummary>
    {
    }
}
