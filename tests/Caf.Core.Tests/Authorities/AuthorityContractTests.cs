using System;
using System.Linq;
using System.Threading.Tasks;
using Caf.Core.Lifecycle;
using Caf.Core.Primitives;
using Caf.Core.Register;
using Caf.Core.Register.Specifications;
using Caf.Core.Tests.Support;
using FsCheck;
using FsCheck.Xunit;
using static Caf.Core.Tests.Support.Seeds;

namespace Caf.Core.Tests.Authorities;

/// <summary>Issue 29: the authority is a first-class key with one comparison rule, and a register or store of one
/// authority never writes another's episode.</summary>
public class AuthorityContractTests
{
    private static readonly AuthorityId Leeds = new("leeds");
    private static readonly AuthorityId Kirklees = new("kirklees");

    [Theory]
    [InlineData("Leeds", "leeds")]
    [InlineData("LEEDS", "leeds")]
    [InlineData("west-yorkshire_2", "west-yorkshire_2")]
    [InlineData("9la", "9la")]
    public void The_id_is_kept_in_lower_case_so_two_spellings_are_one_authority(string given, string stored)
    {
        var id = new AuthorityId(given);

        Assert.Equal(stored, id.Value);
        Assert.Equal(new AuthorityId(stored), id);
        Assert.Equal(0, id.CompareTo(new AuthorityId(stored)));
    }

    [Theory]
    [InlineData("")]
    [InlineData(" leeds")]
    [InlineData("leeds ")]
    [InlineData("-leeds")]
    [InlineData("le eds")]
    [InlineData("leeds.gov")]
    [InlineData("Straße")]
    [InlineData("K\u0130RKLEES")] // dotted capital I: its lower case is not ASCII
    public void Anything_outside_the_rule_is_refused_with_an_argument_exception(string given)
    {
        Assert.False(AuthorityId.IsValid(given));
        Assert.Throws<ArgumentException>(() => new AuthorityId(given));
    }

    [Fact]
    public void Null_and_too_long_are_refused()
    {
        Assert.Throws<ArgumentNullException>(() => new AuthorityId(null!));
        Assert.Throws<ArgumentException>(() => new AuthorityId(new string('a', AuthorityId.MaxLength + 1)));
        Assert.Equal(AuthorityId.MaxLength, new AuthorityId(new string('a', AuthorityId.MaxLength)).Value.Length);
    }

    [Property]
    public bool Ids_that_differ_only_in_case_are_equal_and_hash_alike(NonEmptyString raw)
    {
        var text = new string(raw.Get.Where(char.IsAsciiLetterOrDigit).Take(AuthorityId.MaxLength).ToArray());
        if (text.Length == 0)
        {
            return true;
        }

        var lower = new AuthorityId(text.ToLowerInvariant());
        var upper = new AuthorityId(text.ToUpperInvariant());
        return lower == upper && lower.GetHashCode() == upper.GetHashCode() && lower.Value == text.ToLowerInvariant();
    }

    [Fact]
    public void An_episode_belongs_to_its_policys_authority_and_its_summary_says_so()
    {
        var seeds = new Seeds();
        var policy = WithAuthority(seeds.Policy, Leeds);

        var episode = CafEpisode.IdentifyConcern(policy, new EpisodeId("ep-1"), NineYearOld, Teacher, "Attendance");

        Assert.Equal(Leeds, episode.Authority);
        Assert.Equal(Leeds, EpisodeSummary.Of(episode).Authority);
        Assert.Equal(AuthorityId.Default, seeds.Identified().Authority);
    }

    [Fact]
    public void A_policy_refuses_the_default_value_as_its_authority()
    {
        var seeds = new Seeds();
        Assert.Throws<ArgumentException>(() => WithAuthority(seeds.Policy, default));
    }

    [Fact]
    public async Task A_store_refuses_to_write_another_authoritys_episode_and_stays_unchanged()
    {
        var seeds = new Seeds();
        var leedsStore = new InMemoryEpisodeRepository(WithAuthority(seeds.Policy, Leeds));
        var kirkleesEpisode = CafEpisode.IdentifyConcern(WithAuthority(seeds.Policy, Kirklees), new EpisodeId("ep-1"), NineYearOld, Teacher, "Attendance");

        var add = await Assert.ThrowsAsync<ArgumentException>(async () => await leedsStore.AddAsync(kirkleesEpisode));
        await Assert.ThrowsAsync<ArgumentException>(async () => await leedsStore.UpdateAsync(kirkleesEpisode, 0));
        await Assert.ThrowsAsync<ArgumentException>(async () => await leedsStore.UpdateManyAsync([new EpisodeUpdate(kirkleesEpisode, 0)]));

        Assert.Contains("kirklees", add.Message, StringComparison.Ordinal);
        Assert.Null(await leedsStore.GetAsync(new EpisodeId("ep-1")));
        Assert.Empty(await leedsStore.ListAsync(new OpenEpisodesOfChildSpec(NineYearOld.Id)));
    }

    [Fact]
    public void A_register_refuses_a_store_of_another_authority()
    {
        var seeds = new Seeds();
        var leedsStore = new InMemoryEpisodeRepository(WithAuthority(seeds.Policy, Leeds));

        var ex = Assert.Throws<ArgumentException>(() => new CafRegister(leedsStore, WithAuthority(seeds.Policy, Kirklees)));
        Assert.Equal("repository", ex.ParamName);
    }

    [Fact]
    public async Task A_register_opens_episodes_of_its_own_authority()
    {
        var seeds = new Seeds();
        var policy = WithAuthority(seeds.Policy, Leeds);
        var register = new CafRegister(new InMemoryEpisodeRepository(policy), policy);

        var opened = (await register.IdentifyConcernAsync(new EpisodeId("ep-1"), NineYearOld, Teacher, "Attendance")).Opened!;

        Assert.Equal(Leeds, register.Authority);
        Assert.Equal(Leeds, opened.Authority);
    }

    private static EpisodePolicy WithAuthority(EpisodePolicy basis, AuthorityId authority) =>
        new(basis.History, basis.Time, basis.Sharing) { Authority = authority, Names = basis.Names, Reads = basis.Reads };
}
