using System;
using Caf.Core.Primitives;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;

namespace Caf.Core.Tests.Primitives;

public class IdTests
{
    [Theory]
    [InlineData("")]
    [InlineData(" ")]
    [InlineData(" padded")]
    [InlineData("padded ")]
    public void Ids_reject_empty_or_padded_values(string value)
    {
        Assert.Throws<ArgumentException>(() => new ChildId(value));
        Assert.Throws<ArgumentException>(() => new AgencyId(value));
        Assert.Throws<ArgumentException>(() => new PractitionerId(value));
        Assert.Throws<ArgumentException>(() => new EpisodeId(value));
    }

    [Fact]
    public void Ids_reject_null_and_overlong_values()
    {
        Assert.Throws<ArgumentNullException>(() => new ChildId(null!));
        Assert.Throws<ArgumentException>(() => new ChildId(new string('x', 129)));
    }

    [Fact]
    public void Default_id_reports_itself_as_default()
    {
        Assert.True(default(ChildId).IsDefault);
        Assert.False(new ChildId("c1").IsDefault);
        Assert.True(default(Actor).IsDefault);
    }

    [Fact]
    public void New_episode_ids_are_distinct() => Assert.NotEqual(EpisodeId.New(), EpisodeId.New());

    [Property]
    public Property Equal_values_make_equal_ids_and_ordinal_order()
    {
        var gen = ArbMap.Default.GeneratorFor<NonEmptyString>()
            .Select(s => s.Get.Trim())
            .Where(s => s.Length is > 0 and <= 128);
        return Prop.ForAll(Arb.From(gen), Arb.From(gen), (a, b) =>
            (new ChildId(a) == new ChildId(b)) == (a == b)
            && Math.Sign(new ChildId(a).CompareTo(new ChildId(b))) == Math.Sign(string.CompareOrdinal(a, b)));
    }
}
