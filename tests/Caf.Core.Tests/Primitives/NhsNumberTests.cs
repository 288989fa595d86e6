using System;
using System.Linq;
using System.Text.Json.Nodes;
using Caf.Core.Lifecycle;
using Caf.Core.Primitives;
using Caf.Core.Tests.Support;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;

namespace Caf.Core.Tests.Primitives;

/// <summary>LAW-03: the NHS number, its Modulus 11 check digit, and its place on <see cref="ChildDetails"/>.</summary>
public class NhsNumberTests
{
    // The NHS's published example number (NHS Data Dictionary, "NHS number").
    private const string Published = "9434765919";

    [Trait("Rule", "LAW-03")]
    [Theory]
    [InlineData("9434765919")]
    [InlineData("943 476 5919")]
    [InlineData(" 943-476-5919 ")]
    public void LAW03_a_published_valid_number_is_accepted_with_or_without_spaces(string typed)
    {
        var number = new NhsNumber(typed);

        Assert.Equal(Published, number.Value);
        Assert.Equal("943 476 5919", number.ToSpacedString());
        Assert.Equal(new NhsNumber(Published), number);
    }

    [Trait("Rule", "LAW-03")]
    [Theory]
    [InlineData("9434765918", "check digit")]  // the published number with its last digit mistyped
    [InlineData("9434765991", "check digit")]  // two digits swapped
    [InlineData("1234567890", "would be 10")] // 1..9 weighted 10..2 sum to 210; 210 mod 11 = 1; 11 - 1 = 10: no valid number
    [InlineData("123456789", "has 9")]
    [InlineData("94347659190", "more")]
    [InlineData("943476591X", "other characters")]
    [InlineData("", "empty")]
    public void LAW03_a_wrong_number_is_refused_naming_the_field(string typed, string says)
    {
        var parsed = NhsNumber.Parse(typed);

        Assert.True(parsed.IsRefused);
        Assert.Equal("LAW-03", parsed.Refusal.RuleId);
        Assert.Equal("nhsNumber", parsed.Refusal.Field);
        Assert.Contains(says, parsed.Refusal.Message, StringComparison.Ordinal);
        var thrown = Assert.Throws<ArgumentException>(() => new NhsNumber(typed));
        Assert.Equal("nhsNumber", thrown.ParamName);
        Assert.False(NhsNumber.IsValid(typed));
    }

    [Trait("Rule", "LAW-03")]
    [Fact]
    public void LAW03_the_boundary_refuses_a_wrong_number_on_the_child_and_a_null_one()
    {
        Assert.Equal("nhsNumber", Assert.Throws<ArgumentException>(() => new ChildDetails(TestIds.Child, null) { NhsNumber = new NhsNumber("9434765918") }).ParamName);
        Assert.Equal("nhsNumber", Assert.Throws<ArgumentException>(() => new NhsNumber(null!)).ParamName);
        Assert.True(default(NhsNumber).IsDefault);
    }

    public static class Digits
    {
        public static Arbitrary<int[]> NineDigits() => Arb.From(Gen.ArrayOf(Gen.Choose(0, 9), 9));
    }

    /// <summary>
    /// Over generated first nine digits (about one in eleven has a check digit of 10): exactly the number ending in the
    /// expected check digit is accepted, and when the check digit would be 10 every ending is refused.
    /// </summary>
    [Trait("Rule", "LAW-03")]
    [Property(Arbitrary = [typeof(Digits)], MaxTest = 400)]
    public bool LAW03_exactly_the_modulus_11_check_digit_is_accepted(int[] nine)
    {
        var prefix = string.Concat(nine);
        var expected = ExpectedCheckDigit(nine);
        return Enumerable.Range(0, 10).All(last =>
        {
            var parsed = NhsNumber.Parse(prefix + last);
            return expected == last
                ? parsed.IsSuccess && parsed.Value.Value == prefix + last
                : parsed.IsRefused && parsed.Refusal.RuleId == "LAW-03" && parsed.Refusal.Field == "nhsNumber"
                    && (expected is not null || parsed.Refusal.Message.Contains("would be 10", StringComparison.Ordinal));
        });
    }

    [Trait("Rule", "LAW-03")]
    [Fact]
    public void LAW03_the_generator_reaches_the_check_digit_10_case()
    {
        // The property is only meaningful if the invalid case occurs: count it over a fixed sample of the generator.
        var sample = Digits.NineDigits().Generator.Sample(1000, new Rnd(7UL), 10);
        Assert.Contains(sample, nine => ExpectedCheckDigit(nine) is null);
        Assert.Contains(sample, nine => ExpectedCheckDigit(nine) == 0); // and the 11 -> 0 case
    }

    // The test's own Modulus 11: the weights written out, the remainder by repeated subtraction.
    private static int? ExpectedCheckDigit(int[] nine)
    {
        int[] weights = [10, 9, 8, 7, 6, 5, 4, 3, 2];
        var total = nine.Zip(weights, (d, w) => d * w).Sum();
        var remainder = total;
        while (remainder >= 11)
        {
            remainder -= 11;
        }

        var check = 11 - remainder;
        return check == 11 ? 0 : check == 10 ? null : check;
    }

    [Trait("Rule", "LAW-03")]
    [Fact]
    public void LAW03_the_child_carries_it_in_json_and_a_child_without_one_is_written_as_before()
    {
        var seeds = new Seeds();
        var with = CafEpisode.IdentifyConcern(seeds.Policy, new EpisodeId("ep-1"), new ChildDetails(TestIds.Child, new DateOnly(2016, 9, 1))
        {
            NhsNumber = new NhsNumber("943 476 5919"),
        }, Seeds.Teacher, "Attendance");
        var without = CafEpisode.IdentifyConcern(seeds.Policy, new EpisodeId("ep-2"), Seeds.NineYearOld, Seeds.Teacher, "Attendance");

        var child = JsonNode.Parse(EpisodeJson.SerializeEvent(with.Events[0]))!["child"]!;
        Assert.Equal(Published, (string?)child["nhsNumber"]);
        Assert.Null(JsonNode.Parse(EpisodeJson.SerializeEvent(without.Events[0]))!["child"]!["nhsNumber"]);

        var reread = EpisodeJson.Deserialize(seeds.Policy, EpisodeJson.Serialize(with));
        Assert.Equal(new NhsNumber(Published), reread.Child.NhsNumber);
        Assert.Null(EpisodeJson.Deserialize(seeds.Policy, EpisodeJson.Serialize(without)).Child.NhsNumber);
    }
}
