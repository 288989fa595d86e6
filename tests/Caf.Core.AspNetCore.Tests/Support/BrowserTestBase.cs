using System;
using System.IO;
using System.Linq;
using System.Threading.Tasks;
using Caf.Core.Testing;
using Caf.Core.WebSample;
using Microsoft.AspNetCore.Builder;
using OpenQA.Selenium;
using OpenQA.Selenium.Chrome;
using OpenQA.Selenium.Support.UI;
using Xunit;
using Xunit.Abstractions;

namespace Caf.Core.AspNetCore.Tests.Support;

/// <summary>
/// The web sample on a real Kestrel port with its own SQLite file, and Debian's Chromium (headless) driven through
/// Debian's chromedriver; what each browser test shares: signing in, submitting a form and waiting for the new page,
/// and saving a screenshot of a step under the test output (screenshots/).
/// </summary>
public abstract class BrowserTestBase : IAsyncLifetime
{
    private readonly ITestOutputHelper _output;
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "caf-web-browser", Guid.NewGuid().ToString("N"));
    private WebApplication? _app;

    protected BrowserTestBase(ITestOutputHelper output)
    {
        _output = output;
    }

    /// <summary>Where the screenshots go.</summary>
    public static string Screenshots => Path.Combine(AppContext.BaseDirectory, "screenshots");

    /// <summary>The sample's address, e.g. http://127.0.0.1:40123.</summary>
    protected string Address { get; private set; } = "";

    public async Task InitializeAsync()
    {
        if (Browser.Missing is not null)
        {
            return; // the test itself is reported skipped
        }

        Directory.CreateDirectory(_folder);
        await StartAppAsync();
    }

    /// <summary>The running sample's services (a host's own commands, through its register).</summary>
    protected IServiceProvider Services => _app?.Services ?? throw new InvalidOperationException("The sample is not running.");

    /// <summary>Stops the sample and starts it again on the same database file (a new port: sign in again).</summary>
    protected async Task RestartAsync()
    {
        if (_app is not null)
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        }

        await StartAppAsync();
    }

    private async Task StartAppAsync()
    {
        _app = WebSampleHost.Build(["--urls", "http://127.0.0.1:0", $"--ConnectionStrings:Caf=Data Source={Path.Combine(_folder, "caf.db")}"]);
        await WebSampleHost.PrepareAsync(_app.Services);
        await _app.StartAsync();
        Address = _app.Urls.Single();
    }

    public async Task DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
        }

        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        if (Directory.Exists(_folder))
        {
            Directory.Delete(_folder, recursive: true);
        }
    }

    protected static ChromeDriver StartChromium()
    {
        var service = ChromeDriverService.CreateDefaultService(Path.GetDirectoryName(Browser.ChromeDriver)!, Path.GetFileName(Browser.ChromeDriver));
        service.HideCommandPromptWindow = true;
        service.SuppressInitialDiagnosticInformation = true;
        var options = new ChromeOptions { BinaryLocation = Browser.Chromium };
        options.AddArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--window-size=1100,1500");
        return new ChromeDriver(service, options, TimeSpan.FromSeconds(30));
    }

    /// <summary>A wait that keeps going through a stale or missing element while a page reloads after a post.</summary>
    protected static WebDriverWait WaitFor(IWebDriver driver)
    {
        var wait = new WebDriverWait(driver, TimeSpan.FromSeconds(15));
        wait.IgnoreExceptionTypes(typeof(StaleElementReferenceException), typeof(NoSuchElementException));
        return wait;
    }

    /// <summary>Clicks a submit button and waits for the page the post redirects to; returns the outcome it shows.</summary>
    protected static string Submit(IWebDriver driver, string buttonId)
    {
        var old = driver.FindElement(By.TagName("html"));
        var button = driver.FindElement(By.Id(buttonId));
        ((IJavaScriptExecutor)driver).ExecuteScript("arguments[0].scrollIntoView({block: 'center'});", button);
        button.Click();
        var wait = WaitFor(driver);
        wait.Until(_ => IsStale(old));
        return wait.Until(d => d.FindElements(By.Id("outcome")).FirstOrDefault()?.Text);
    }

    /// <summary>Signs out if someone is signed in, opens a page and signs in on the demo's sign-in page.</summary>
    protected void SignIn(IWebDriver driver, string practitioner, string path)
    {
        var wait = WaitFor(driver);
        if (driver.FindElements(By.Id("sign-out")).FirstOrDefault() is { } signOut)
        {
            var old = driver.FindElement(By.TagName("html"));
            signOut.Click();
            wait.Until(_ => IsStale(old));
        }

        driver.Navigate().GoToUrl($"{Address}{path}");
        wait.Until(d => d.FindElements(By.Id($"sign-in-{practitioner}")).Count > 0);
        driver.FindElement(By.Id($"sign-in-{practitioner}")).Click();
        wait.Until(d => d.FindElements(By.Id("signed-in")).Count > 0 && d.Url.EndsWith(path, StringComparison.Ordinal));
    }

    /// <summary>Chooses the option of a select by its visible text.</summary>
    protected static void Choose(IWebDriver driver, string selectId, string text) =>
        driver.FindElement(By.XPath($"//select[@id='{selectId}']/option[normalize-space()='{text}']")).Click();

    /// <summary>Types into a field, replacing what it held.</summary>
    protected static void Type(IWebDriver driver, string id, string text)
    {
        var field = driver.FindElement(By.Id(id));
        field.Clear();
        field.SendKeys(text);
    }

    /// <summary>Ticks a checkbox (scrolled into view first).</summary>
    protected static void Tick(IWebDriver driver, string id)
    {
        var box = driver.FindElement(By.Id(id));
        ((IJavaScriptExecutor)driver).ExecuteScript("arguments[0].scrollIntoView({block: 'center'});", box);
        if (!box.Selected)
        {
            box.Click();
        }
    }

    protected void Save(ChromeDriver driver, string name)
    {
        Directory.CreateDirectory(Screenshots);
        var path = Path.Combine(Screenshots, $"{name}.png");
        driver.GetScreenshot().SaveAsFile(path);
        _output.WriteLine($"screenshot: {path}");
    }

    /// <summary>Fails when the page shows a code instead of words: a member name of one of Caf.Core's enums.</summary>
    protected static void AssertNoEnumNames(string text)
    {
        var name = DisplayTextCheck.FindEnumName(text);
        Assert.False(name is not null, $"The page names the enum member '{name}'.");
    }

    protected static bool IsStale(IWebElement element)
    {
        try
        {
            _ = element.TagName;
            return false;
        }
        catch (StaleElementReferenceException)
        {
            return true;
        }
        catch (UnknownErrorException ex) when (ex.Message.Contains("does not belong to the document", StringComparison.Ordinal))
        {
            return true; // Chromium's answer for a node of the page being replaced
        }
    }
}
