using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Threading.Tasks;
using Caf.Core.Consent;
using Caf.Core.DependencyInjection;
using Caf.Core.Events;
using Caf.Core.Lifecycle;
using Caf.Core.NationalData;
using Caf.Core.Primitives;
using Caf.Core.Reads;
using Caf.Core.Register;
using Caf.Core.Register.Specifications;
using Caf.Core.Reporting;
using Caf.Core.Testing;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Caf.Core.Tests.Authorities;

/// <summary>
/// Issue 29, in memory: three authorities in one service provider with different policies (thresholds framework,
/// retention, reporting year), generated episodes in each; no operation scoped to one authority returns, counts or
/// changes anything of another — register reads and writes, caseload specifications, report rows, national extracts,
/// the read audit and the sharing audit.
/// </summary>
public class AuthorityIsolationProperties
{
    private static readonly AuthorityId[] Ids = [new("leeds"), new("kirklees"), new("wakefield")];
    private static readonly Actor Reader = CafCatalogue.HealthVisitor;
    private static readonly ReadContext OnConsent = new(Reader, "Isolation check", LegalBasis.Consent);

    private static ServiceProvider Host(FakeTimeProvider time)
    {
        var services = new ServiceCollection();
        services.AddSingleton<TimeProvider>(time);
        services.AddCafAuthority(Ids[0], a => a.Options(o => o.Retention.RetentionYears = 30).Thresholds(AuthorityRegistrationTests.OtherFramework("leeds-thresholds")));
        services.AddCafAuthority(Ids[1], a => a.Options(o => { o.Retention.RetentionYears = 12; o.Reporting.YearStartMonth = 9; }));
        services.AddCafAuthority(Ids[2], _ => { });
        return services.BuildServiceProvider();
    }

    /// <summary>Generated episodes, each given to one of the three authorities.</summary>
    private static Arbitrary<(GeneratedEpisode Episode, int Authority)[]> Cohorts() =>
        Arb.From(
            from episodes in CafGen.EpisodeGenerator().ListOf(9)
            from owners in Gen.Choose(0, 2).ArrayOf(9)
            select episodes.Select((e, i) => (e, owners[i])).ToArray());

    [Trait("Rule", "SHARE-01")]
    [Trait("Rule", "LAW-04")]
    [Trait("Rule", "REG-02")]
    [Property(MaxTest = 12)]
    public Property No_operation_scoped_to_one_authority_returns_counts_or_changes_anything_of_another() =>
        Prop.ForAll(Cohorts(), cohort => CheckAsync(cohort).GetAwaiter().GetResult());

    private static async Task CheckAsync((GeneratedEpisode Episode, int Authority)[] cohort)
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2046, 1, 3, 9, 0, 0, TimeSpan.Zero)); // after every generated event
        using var provider = Host(time);
        var authorities = provider.GetRequiredService<CafAuthorities>();
        var all = Ids.Select(authorities.Get).ToArray();
        var owned = Ids.ToDictionary(i => i, _ => new HashSet<EpisodeId>());
        var children = new HashSet<ChildId>();
        var world = CafTestWorld.Create(); // one world for the cohort, so every episode has its own id
        foreach (var (g, owner) in cohort)
        {
            var a = all[owner];
            var episode = CafEpisode.Rebuild(a.Policy, g.Script.Run(world).Episode.Events); // the authority's policy judges its history
            if ((await a.Repository.AddAsync(episode)).IsSuccess) // REG-01 refuses a second open episode of one child
            {
                owned[a.Authority].Add(episode.Id);
                children.Add(episode.Child.Id);
            }
        }

        Assert.NotEmpty(owned.Values.SelectMany(o => o)); // the cohort reached the stores

        foreach (var a in all)
        {
            var mine = owned[a.Authority];
            var others = all.Where(o => o.Authority != a.Authority).ToArray();
            var before = await StateAsync(others);

            // Register reads and caseload specifications: only this authority's episodes, each stamped with it.
            var seen = new HashSet<EpisodeId>();
            foreach (var child in children)
            {
                var history = await a.Register.HistoryOfAsync(child);
                Assert.All(history, s => Assert.Equal(a.Authority, s.Authority));
                seen.UnionWith(history.Select(s => s.Id));
                var answer = await a.Register.FindOpenAsync(child, Reader); // REG-02: audited on this authority's sharing log
                Assert.True(answer.Episode is null || mine.Contains(answer.Episode.Id));
            }

            Assert.Equal(mine.Order(), seen.Order());
            foreach (var spec in Specs(children))
            {
                var listed = await a.Repository.ListAsync(spec);
                Assert.All(listed, s => Assert.Contains(s.Id, mine));
            }

            foreach (var other in others.SelectMany(o => owned[o.Authority]))
            {
                Assert.Null(await a.Repository.GetAsync(other));
                Assert.True((await a.Register.ReadAsync(other, OnConsent)).IsRefused);
                Assert.True((await a.Register.ExecuteAsync(other, e => e.RecordConsent(Reader, new ConsentRecord(ConsentGiverRole.ParentWithParentalResponsibility, "Ms Smith", ConsentDecision.Given, ConsentForm.Written, []), "Consent."))).IsRefused);
            }

            foreach (var id in mine)
            {
                _ = await a.Register.ReadAsync(id, OnConsent); // LAW-04: recorded in this authority's read audit
            }

            // Report rows and national extracts.
            var store = a.Get<IEpisodeReportStore>();
            var rows = new List<EpisodeReportRow>();
            await foreach (var row in store.StreamAllAsync())
            {
                rows.Add(row);
            }

            Assert.Equal(mine.Order(), rows.Select(r => r.EpisodeId).Order());
            var extracted = new List<string>();
            await foreach (var record in EarlyHelpExtract.FromAsync(store.StreamAllAsync(), a.NationalData, default))
            {
                extracted.Add(record.EpisodeId);
            }

            Assert.Equal(mine.Select(m => m.Value).Order(), extracted.Order());

            // The audits: this authority's hold only its episodes.
            Assert.All(((InMemorySharingAuditLog)a.SharingAudit).Entries, e => Assert.True(e.Episode.IsDefault || mine.Contains(e.Episode), $"{a.Authority} audited {e.Episode}"));
            foreach (var child in children)
            {
                Assert.All(await a.Register.ReadersOfAsync(child), r => Assert.Contains(r.Episode, mine));
            }

            // Writes: another authority's episode is never written through this authority's store.
            foreach (var other in others)
            {
                foreach (var id in owned[other.Authority])
                {
                    var theirs = (await other.Repository.GetAsync(id))!;
                    Assert.Throws<ArgumentException>(() => a.Repository.UpdateAsync(theirs, theirs.Version).GetAwaiter().GetResult());
                    Assert.Throws<ArgumentException>(() => a.Repository.AddAsync(theirs).GetAwaiter().GetResult());
                }
            }

            Assert.Equal(before, await StateAsync(others)); // nothing of another authority changed
        }
    }

    private static IEnumerable<EpisodeSummarySpecification> Specs(IEnumerable<ChildId> children) =>
        [
            .. children.Select(c => (EpisodeSummarySpecification)new OpenEpisodesOfChildSpec(c)),
            .. CafCatalogue.Agencies.Select(a => new OpenEpisodesByLeadProfessionalAgencySpec(a)),
            new DueForDisposalSpec(new DateOnly(2100, 1, 1)),
            new ClosedBetweenSpec(DateTimeOffset.MinValue, DateTimeOffset.MaxValue),
            new ReviewDueBeforeSpec(new DateOnly(2100, 1, 1)),
        ];

    /// <summary>Everything of the given authorities a change could touch: episodes and versions, both audits.</summary>
    private static async Task<string> StateAsync(IEnumerable<CafAuthorityServices> authorities)
    {
        var parts = new List<string>();
        foreach (var a in authorities)
        {
            var rows = new List<string>();
            await foreach (var row in a.Get<IEpisodeReportStore>().StreamAllAsync())
            {
                var episode = (await a.Repository.GetAsync(row.EpisodeId))!;
                rows.Add($"{row.EpisodeId}@{episode.Version}");
            }

            var reads = ((InMemoryReadAuditLog)a.Get<IReadAuditLog>()).Entries.Count;
            parts.Add($"{a.Authority}: [{string.Join(", ", rows.Order())}] shared {((InMemorySharingAuditLog)a.SharingAudit).Entries.Count} read {reads}");
        }

        return string.Join("; ", parts);
    }
}
