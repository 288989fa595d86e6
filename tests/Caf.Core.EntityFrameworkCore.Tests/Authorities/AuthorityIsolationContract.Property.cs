using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Caf.Core.EntityFrameworkCore.Tests.Support;
using Caf.Core.Lifecycle;
using Caf.Core.Primitives;
using Caf.Core.Register;
using Caf.Core.Register.Specifications;
using Caf.Core.Testing;
using FsCheck;
using FsCheck.Fluent;

namespace Caf.Core.EntityFrameworkCore.Tests.Authorities;

public abstract partial class AuthorityIsolationContract
{
    private int _round;

    /// <summary>
    /// The isolation property: generated episodes (Caf.Core.Testing) are spread over three fresh authorities with different
    /// policies, each authority's episodes numbered ep-0, ep-1... (so the same ids exist in several authorities), and
    /// sharing decisions and reads are recorded through each authority's logs. Then, for every authority, nothing its
    /// stores return, count or dispatch belongs to another, in both directions: loads, the caseload list and a child's
    /// episodes, the report row stream and windows (what extracts read), report rows, sharing-audit and read-audit reads,
    /// the NHS-number lookup, the verifier's count and the outbox dispatch; and its dispatch leaves the others' pending.
    /// </summary>
    [StoreFact]
    public void No_operation_scoped_to_one_authority_returns_counts_or_changes_anything_of_another()
    {
        Time.SetUtcNow(new DateTimeOffset(2031, 1, 1, 9, 0, 0, TimeSpan.Zero)); // after every generated event (replay refuses the future)
        var spread =
            from count in Gen.Choose(2, 6)
            from generated in CafGen.EpisodeGenerator().ArrayOf(count)
            from owners in Gen.Choose(0, 2).ArrayOf(count)
            select (generated, owners);
        var property = Prop.ForAll(Arb.From(spread), t => Isolated(t.generated, t.owners).GetAwaiter().GetResult());
        Check.One(Config.QuickThrowOnFailure.WithMaxTest(8), property);
    }

    private async Task<bool> Isolated(GeneratedEpisode[] generated, int[] owners)
    {
        var round = Interlocked.Increment(ref _round);
        AuthorityId[] authorities = [new($"leeds-{round}"), new($"york-{round}"), new($"hull-{round}")];
        var added = authorities.ToDictionary(a => a, _ => new List<CafEpisode>());
        for (var i = 0; i < generated.Length; i++)
        {
            var authority = authorities[owners[i]];
            var mine = added[authority];
            // The episode rebuilt under its authority's policy, renumbered within the authority.
            var json = EpisodeJson.Serialize(generated[i].Episode).Replace("\"" + generated[i].Episode.Id.Value + "\"", $"\"ep-{mine.Count}\"", StringComparison.Ordinal);
            var episode = EpisodeJson.Deserialize(PolicyFor(authority), json);
            if ((await Repository(authority).AddAsync(episode)).IsSuccess) // REG-01 may refuse a second open episode of a child
            {
                mine.Add(episode);
                Audit(authority).Record(Decision(episode.Id, "recorded by " + authority));
                await Reads(authority).RecordAsync([Read(episode, "read in " + authority)]);
            }
        }

        foreach (var a in authorities)
        {
            var mine = added[a];
            var ids = mine.Select(e => e.Id).OrderBy(x => x).ToList();
            var children = mine.Select(e => e.Child.Id).ToHashSet();
            // Loads: an id of another authority that this one does not hold is not found; one it holds is its own.
            foreach (var other in authorities.Where(o => o != a).SelectMany(o => added[o]))
            {
                var loaded = await Repository(a).GetAsync(other.Id);
                Assert.True(loaded is null ? !ids.Contains(other.Id) : loaded.Authority == a && mine.Single(e => e.Id == other.Id).Events.SequenceEqual(loaded.Events),
                    $"{a} loaded {other.Id} of another authority");
                var ofChild = await Repository(a).ListAsync(new EpisodesOfChildSpec(other.Child.Id));
                Assert.All(ofChild, s => Assert.Equal(a, s.Authority));
                Assert.Equal(mine.Count(e => e.Child.Id == other.Child.Id), ofChild.Count);
                Assert.All(await Reads(a).ReadersOfAsync(other.Child.Id), r => Assert.Equal("read in " + a, r.Purpose));
                Assert.Equal(children.Contains(other.Child.Id) ? mine.Count(e => e.Child.Id == other.Child.Id) : 0, (await Reads(a).ReadersOfAsync(other.Child.Id)).Count);
                if (other.Child.NhsNumber is { } nhs)
                {
                    var found = await ((IChildIdentifierLookup)Repository(a)).ChildrenWithAsync(nhs);
                    Assert.All(found, c => Assert.Contains(mine, e => e.Child.Id == c && e.Child.NhsNumber == nhs));
                }

                Assert.All(await Audit(a).ReadAsync(other.Id), d => Assert.DoesNotContain(authorities.Where(o => o != a), o => d.Reason == "recorded by " + o));
            }

            // The caseload, the report rows (all, and a window as the extracts read them), the verifier: exactly its own.
            Assert.Equal(ids, (await Repository(a).ListAsync(new AllEpisodes())).Select(s => s.Id));
            Assert.Equal(ids, (await ToListAsync(Reports(a).StreamAllAsync())).Select(r => r.EpisodeId).OrderBy(x => x));
            Assert.All(await ToListAsync(Reports(a).StreamAsync(new DateOnly(2000, 1, 1), new DateOnly(2100, 1, 1))), r => Assert.Contains(r.EpisodeId, ids));
            var verified = await Verifier(a).VerifyAsync();
            Assert.Equal((ids.Count, 0), (verified.EpisodesChecked, verified.Findings.Length));
        }

        // Outbox: each authority's dispatch publishes its own events only, each envelope naming it, and leaves the
        // others' events pending.
        var pending = new Dictionary<AuthorityId, int>();
        foreach (var a in authorities)
        {
            pending[a] = await Outbox(a).CountPendingAsync();
            Assert.Equal(added[a].Sum(e => e.Version), pending[a]);
        }

        foreach (var a in authorities)
        {
            Publisher.Delivered.Clear();
            while ((await Outbox(a).DispatchPendingAsync()).Delivered > 0)
            {
            }

            var delivered = Publisher.Delivered.ToList();
            Assert.Equal(added[a].Sum(e => e.Version), delivered.Count);
            Assert.All(delivered, e => Assert.Equal(a, e.Authority));
            Assert.Equal(
                added[a].SelectMany(e => Enumerable.Range(0, e.Version).Select(s => $"{a}/{e.Id}#{s}")).Order(),
                delivered.Select(e => e.EventId).Order());
            Assert.Equal(0, await Outbox(a).CountPendingAsync());
            pending[a] = 0;
            foreach (var other in authorities.Where(o => o != a))
            {
                Assert.Equal(pending[other], await Outbox(other).CountPendingAsync()); // dispatched ones stay 0, the rest untouched
            }
        }

        return true;
    }

    private static async Task<List<T>> ToListAsync<T>(IAsyncEnumerable<T> items)
    {
        var list = new List<T>();
        await foreach (var item in items)
        {
            list.Add(item);
        }

        return list;
    }
}
