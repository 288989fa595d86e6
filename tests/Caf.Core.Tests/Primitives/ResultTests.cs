using System;
using Caf.Core.Primitives;
using FsCheck.Xunit;

namespace Caf.Core.Tests.Primitives;

public class ResultTests
{
    [Fact]
    public void Refused_result_carries_rule_id_message_and_field()
    {
        Result<int> result = new Refusal("LIFE-05", "Consent must be recorded before the assessment starts.", "consent");

        Assert.True(result.IsRefused);
        Assert.Equal("LIFE-05", result.Refusal.RuleId);
        Assert.Equal("consent", result.Refusal.Field);
        Assert.False(result.TryGetValue(out _));
    }

    [Fact]
    public void GetValueOrThrow_on_refusal_throws_CafRuleException_with_the_refusal()
    {
        var refusal = new Refusal("CONS-05", "The family excluded this agency.", "agency");
        var result = Result<string>.Refused(refusal);

        var ex = Assert.Throws<CafRuleException>(() => result.GetValueOrThrow());
        Assert.Same(refusal, ex.Refusal);
        Assert.Equal("CONS-05", ex.RuleId);
        Assert.Contains("[CONS-05]", ex.Message);
    }

    [Fact]
    public void Default_result_is_not_a_success()
    {
        Assert.Throws<InvalidOperationException>(() => default(Result).IsSuccess);
        Assert.Throws<InvalidOperationException>(() => default(Result<int>).IsSuccess);
    }

    [Fact]
    public void Success_has_no_refusal()
    {
        Assert.Throws<InvalidOperationException>(() => Result.Ok.Refusal);
        Result.Ok.ThrowIfRefused();
        Assert.True(Result.Success(3).IsSuccess);
    }

    [Theory]
    [InlineData(null, "m", "f")]
    [InlineData("LIFE-01", "", "f")]
    [InlineData("LIFE-01", "m", " ")]
    public void Refusal_needs_rule_message_and_field(string? rule, string message, string field) =>
        Assert.ThrowsAny<ArgumentException>(() => new Refusal(rule!, message, field));

    [Property]
    public bool Success_round_trips_any_value(int value) =>
        Result.Success(value).TryGetValue(out var got) && got == value && Result.Success(value).GetValueOrThrow() == value;

    [Property]
    public bool Match_calls_exactly_the_branch_of_the_outcome(bool refused, int value)
    {
        var result = refused ? Result<int>.Refused("REG-01", "open episode exists", "child") : Result<int>.Success(value);
        return result.Match(v => !refused && v == value, r => refused && r.RuleId == "REG-01");
    }
}
