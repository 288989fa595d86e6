using System.IO;
using System.Linq;
using System.Text.RegularExpressions;
using Caf.Core.Thresholds;

namespace Caf.Core.Tests.Thresholds;

/// <summary>Every JSON example in the docs and the shipped default must load (THR-01, THR-02).</summary>
public class ThresholdDocsTests
{
    [Trait("Rule", "THR-01")]
    [Fact]
    public void THR01_every_json_example_in_docs_thresholds_md_loads()
    {
        var markdown = File.ReadAllText(Path.Combine(ThresholdTestData.RepoRoot(), "docs", "thresholds.md"));
        var examples = Regex.Matches(markdown, "```json\\s*\\n(.*?)```", RegexOptions.Singleline).Select(m => m.Groups[1].Value).ToList();

        Assert.NotEmpty(examples);
        Assert.All(examples, json =>
        {
            var result = ThresholdTestData.Loader.Load(json);
            Assert.True(result.IsSuccess, result.ToString());
        });
    }

    [Trait("Rule", "THR-01")]
    [Fact]
    public void THR01_the_annotated_example_behaves_as_documented()
    {
        var markdown = File.ReadAllText(Path.Combine(ThresholdTestData.RepoRoot(), "docs", "thresholds.md"));
        var json = Regex.Match(markdown, "```json\\s*\\n(.*?)```", RegexOptions.Singleline).Groups[1].Value;
        var matcher = ThresholdTestData.Loader.Load(json).Matcher;

        Assert.Equal(ThresholdRoute.Panel, matcher.Classify(["attendance", "housing", "carer"]).Value.Route);
        Assert.Equal(ThresholdLevel.Complex, matcher.Classify(["carer", "attendance"]).Value.Level);
        Assert.Equal(ThresholdLevel.Additional, matcher.Classify(["housing"]).Value.Level);
    }

    [Trait("Rule", "THR-02")]
    [Fact]
    public void THR02_the_shipped_default_file_in_the_source_tree_is_the_embedded_one_and_loads()
    {
        var path = Path.Combine(ThresholdTestData.RepoRoot(), "src", "Caf.Core", "Thresholds", "Default", "default-framework.json");
        var fromDisk = File.ReadAllText(path);

        Assert.Equal(fromDisk, ThresholdTestData.Loader.DefaultJson());
        Assert.True(ThresholdTestData.Loader.Load(fromDisk).IsSuccess);
    }
}
