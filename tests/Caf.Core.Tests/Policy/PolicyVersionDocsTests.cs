using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;
using System.Threading.Tasks;
using Caf.Core.Analysis;
using Caf.Core.Closure;
using Caf.Core.Configuration;
using Caf.Core.Consent;
using Caf.Core.Lifecycle;
using Caf.Core.Policy;
using Caf.Core.Register;
using Caf.Core.Tests.Thresholds;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace Caf.Core.Tests.Policy;

/// <summary>docs/policy-versions.md: each C# block is one of the compiled (and run) snippets below, verbatim.</summary>
public class PolicyVersionDocsTests
{
    [Fact]
    public void Every_csharp_block_of_the_doc_is_a_compiled_snippet()
    {
        var root = ThresholdTestData.RepoRoot();
        var doc = File.ReadAllText(Path.Combine(root, "docs", "policy-versions.md")).Replace("\r\n", "\n", StringComparison.Ordinal);
        var source = File.ReadAllText(Path.Combine(root, "tests", "Caf.Core.Tests", "Policy", "PolicyVersionDocsTests.cs")).Replace("\r\n", "\n", StringComparison.Ordinal);
        var blocks = Regex.Matches(doc, "```csharp\n(.*?)```", RegexOptions.Singleline).Select(m => m.Groups[1].Value).ToList();
        Assert.Equal(3, blocks.Count);
        var snippets = Regex.Matches(source, @"// snippet\n(.*?)\s*// end snippet", RegexOptions.Singleline)
            .Select(m => string.Join("\n", m.Groups[1].Value.Split('\n').Select(l => l.Length >= 8 ? l[8..] : l.TrimStart())) + "\n")
            .ToList();
        foreach (var block in blocks)
        {
            Assert.Contains(block, snippets);
        }
    }

    [Fact]
    public void Registration_snippet()
    {
        var services = new ServiceCollection().AddSingleton<ISharingAuditLog>(new InMemorySharingAuditLog()).AddSingleton<Caf.Core.Reads.IReadAuditLog>(new Caf.Core.Reads.InMemoryReadAuditLog()).AddCafInMemoryEpisodeStore();
        // snippet
        services.AddCafCore(options => options.Reviews.InsufficientProgressReviewLimit = 4);
        services.AddCafPolicyVersion("2027-04", new DateOnly(2027, 4, 1), options => options.Reviews.InsufficientProgressReviewLimit = 3);
        // end snippet
        using var provider = services.BuildServiceProvider();
        Assert.Equal(["default", "2027-04"], provider.GetRequiredService<EpisodePolicy>().History.Versions.Select(v => v.Id));
    }

    [Fact]
    public void History_in_code_snippet()
    {
        var currentOptions = new CafOptions();
        var proposedOptions = new CafOptions { Reviews = { InsufficientProgressReviewLimit = 3 } };
        var closureTaxonomy = ClosureTaxonomy.Default;
        var sharing = new SharingService(new InMemorySharingAuditLog(), TimeProvider.System);
        // snippet
        var history = new PolicyHistory(
        [
            new PolicyVersion(PolicyHistory.DefaultVersionId, DateOnly.MinValue, currentOptions),
            new PolicyVersion("2027-04", new DateOnly(2027, 4, 1), proposedOptions, closureTaxonomy),
        ]);
        var policy = new EpisodePolicy(history, TimeProvider.System, sharing);
        // end snippet
        Assert.Equal(2, policy.History.Versions.Length);
    }

    [Fact]
    public async Task What_if_snippet()
    {
        var policy = EpisodePolicy.Default(TimeProvider.System, new InMemorySharingAuditLog());
        var proposedOptions = new CafOptions { Consent = { SelfConsentAge = 17 } };
        IEpisodeRepository repository = new InMemoryEpisodeRepository(policy);
        var lines = new List<string>();
        // snippet
        var candidate = new PolicyVersion("2027-04", new DateOnly(2027, 4, 1), proposedOptions);
        PolicyVersionReport report = await PolicyVersionWhatIf.CompareAsync(policy, candidate, repository);
        foreach (var impact in report.Changed)
        {
            foreach (var change in impact.Changes)
            {
                lines.Add($"{impact.Episode}: {change}");
            }
        }
        // end snippet
        Assert.Empty(lines);
        Assert.Equal(0, report.OpenEpisodes);
    }
}
