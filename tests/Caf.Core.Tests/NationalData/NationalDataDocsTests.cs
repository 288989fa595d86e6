using System;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;
using Caf.Core.NationalData;
using Caf.Core.Tests.Lifecycle;

namespace Caf.Core.Tests.NationalData;

/// <summary>docs/national-data.md stays true: its column dictionary, its profile example and its factor list match the code (NAT-01, NAT-03, NAT-04).</summary>
public partial class NationalDataDocsTests
{
    private static readonly string Doc = File.ReadAllText(Path.Combine(LifecycleDiagramTests.RepoRoot(), "docs", "national-data.md"));

    [Trait("Rule", "NAT-04")]
    [Fact]
    public void NAT04_the_column_dictionary_lists_every_column_in_csv_order()
    {
        var section = Doc[Doc.IndexOf("## Column dictionary", StringComparison.Ordinal)..Doc.IndexOf("## End reasons", StringComparison.Ordinal)];
        var columns = ColumnRow().Matches(section).Select(m => m.Groups[1].Value).ToArray();
        Assert.Equal(EarlyHelpColumns.All.ToArray(), columns);
    }

    [Trait("Rule", "NAT-01")]
    [Fact]
    public void NAT01_the_documented_authority_profile_loads()
    {
        var start = Doc.IndexOf("```json", StringComparison.Ordinal) + "```json".Length;
        var json = Doc[start..Doc.IndexOf("```", start, StringComparison.Ordinal)];
        var result = new NationalDataProfileLoader().Load(json);
        Assert.True(result.IsSuccess, result.ToString());
        Assert.Equal("NFA", result.Profile.EndReasonFor(Caf.Core.Closure.ClosureOutcome.ResolvedOther, "LDS-MOVED-SCHOOL"));
    }

    [Trait("Rule", "NAT-03")]
    [Fact]
    public void NAT03_the_documented_factor_list_is_the_shipped_one()
    {
        var codes = FactorRow().Matches(Doc).Select(m => m.Groups[1].Value).ToArray();
        Assert.Equal(NationalDataProfile.Default.FactorCodes.Select(f => f.Code).ToArray(), codes);
    }

    [GeneratedRegex(@"^\| `(earl_[a-z_]+)` \|", RegexOptions.Multiline)]
    private static partial Regex ColumnRow();

    [GeneratedRegex(@"^\| `(\d{1,2}[A-Z]?)` \|", RegexOptions.Multiline)]
    private static partial Regex FactorRow();
}
