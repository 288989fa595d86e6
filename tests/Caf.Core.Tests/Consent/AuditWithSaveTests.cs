using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Ardalis.Specification;
using Caf.Core.Consent;
using Caf.Core.LeadProfessional;
using Caf.Core.Lifecycle;
using Caf.Core.Primitives;
using Caf.Core.Register;
using Caf.Core.Tests.Support;

namespace Caf.Core.Tests.Consent;

/// <summary>
/// SHARE-03/04 with the save (issue 25): the sharing decisions of a command on a stored episode are recorded with its save,
/// so a save that is refused or loses a race leaves no entry claiming a grant, and a retried command is audited once.
/// Expected values are stated by hand.
/// </summary>
public sealed class AuditWithSaveTests
{
    private static readonly EpisodeId EpA = new("ep-a");
    private static readonly EpisodeId EpB = new("ep-b");

    [Trait("Rule", "SHARE-03")]
    [Trait("Rule", "REG-03")]
    [Fact]
    public async Task SHARE03_a_family_link_refused_by_a_concurrent_save_leaves_no_audit_entry()
    {
        var seeds = new Seeds();
        var store = new InMemoryEpisodeRepository(seeds.Policy);
        Seeds.Ok(await store.AddAsync(Consented(seeds, EpA, "child-a")));
        Seeds.Ok(await store.AddAsync(Consented(seeds, EpB, "child-b")));
        var interloper = new Interloper(store, () => SaveConcurrentChangeAsync(store, EpB, seeds));
        var register = new CafRegister(interloper, seeds.Policy);

        var linked = await register.LinkFamilyAsync("family-1", Seeds.Teacher, [EpA, EpB]);

        Assert.Equal(StoreCodes.Concurrency, linked.Refusal.RuleId);
        Assert.DoesNotContain(seeds.Audit.Entries, e => e.Purpose == SharingPurpose.FamilyLink);

        // The same link, saved: each child's family information to the school (the other's team and the linker), granted.
        Seeds.Ok(await register.LinkFamilyAsync("family-1", Seeds.Teacher, [EpA, EpB]));
        var links = seeds.Audit.Entries.Where(e => e.Purpose == SharingPurpose.FamilyLink).ToList();
        Assert.Equal([EpA, EpB], links.Select(e => e.Episode));
        Assert.All(links, e => Assert.True(e.Decision.Granted));
        Assert.All(links, e => Assert.Equal(TestIds.School, e.Agency));
        Assert.All(links, e => Assert.Equal(SharedItems.FamilyInformation, e.Items));
    }

    [Trait("Rule", "SHARE-03")]
    [Fact]
    public async Task SHARE03_a_conflicted_ExecuteAsync_that_retries_is_audited_once()
    {
        var seeds = new Seeds();
        var store = new InMemoryEpisodeRepository(seeds.Policy);
        var e = seeds.Assessed();
        Seeds.Ok(e.ChooseNextStep(Seeds.Teacher, NextStep.MultiAgencySupport, "Needs span school and health."));
        Seeds.Ok(await store.AddAsync(e));
        var before = seeds.Audit.Entries.Count;
        var interloper = new Interloper(store, () => SaveConcurrentChangeAsync(store, e.Id, seeds));
        var register = new CafRegister(interloper, seeds.Policy);

        Seeds.Ok(await register.ExecuteAsync(e.Id, ep => ep.AppointLeadProfessional(Seeds.Teacher, Seeds.Nominee(TestIds.HealthVisitor, TestIds.HealthVisiting),
            new PractitionerId("pr-supervisor"), new FamilyAgreement("Mother agreed at the TAC meeting."), "Sees the family weekly.")));

        Assert.Equal(2, interloper.Saves); // the first attempt lost the race; the retry was saved
        var role = seeds.Audit.Entries.Skip(before).Where(x => x.Purpose == SharingPurpose.LeadProfessional && x.Agency == TestIds.HealthVisiting).ToList();
        var granted = Assert.Single(role); // one appointment, one grant of the role: not one per attempt
        Assert.True(granted.Decision.Granted);
        Assert.Equal(SharedItems.LeadProfessionalRole, granted.Items);
    }

    [Trait("Rule", "SHARE-03")]
    [Fact]
    public async Task SHARE03_a_stale_save_of_a_stored_episode_leaves_no_grant_and_a_saved_one_records_it()
    {
        var seeds = new Seeds();
        var store = new InMemoryEpisodeRepository(seeds.Policy);
        var e = seeds.Assessed();
        Seeds.Ok(e.ChooseNextStep(Seeds.Teacher, NextStep.MultiAgencySupport, "Needs span school and health."));
        Seeds.Ok(await store.AddAsync(e));
        var before = seeds.Audit.Entries.Count;

        var stale = (await store.GetAsync(e.Id))!;
        var version = stale.Version;
        Seeds.Ok(Appoint(stale));
        Assert.Equal(before, seeds.Audit.Entries.Count); // held with the events, not yet recorded
        Assert.NotEmpty(stale.UnsavedSharingAudit(version));
        await SaveConcurrentChangeAsync(store, e.Id, seeds);
        Assert.Equal(StoreCodes.Concurrency, (await store.UpdateAsync(stale, version)).Refusal.RuleId);
        Assert.DoesNotContain(seeds.Audit.Entries.Skip(before), x => x.Decision.Granted && x.Purpose == SharingPurpose.LeadProfessional);

        var fresh = (await store.GetAsync(e.Id))!;
        version = fresh.Version;
        Seeds.Ok(Appoint(fresh));
        Seeds.Ok(await store.UpdateAsync(fresh, version));
        Assert.Contains(seeds.Audit.Entries.Skip(before), x => x.Decision.Granted && x.Purpose == SharingPurpose.LeadProfessional && x.Agency == TestIds.HealthVisiting);
        Assert.Empty(fresh.UnsavedSharingAudit(0)); // recorded once: nothing held any more
    }

    [Trait("Rule", "SHARE-03")]
    [Fact]
    public async Task SHARE03_a_refused_command_on_a_stored_episode_records_its_refusal_at_once()
    {
        var seeds = new Seeds();
        var store = new InMemoryEpisodeRepository(seeds.Policy);
        var e = seeds.Identified();
        Seeds.Ok(e.RecordConsent(Seeds.Teacher, Seeds.MotherWritten(TestIds.HealthVisiting), "Consent, but not health visiting."));
        Seeds.Ok(await store.AddAsync(e));
        var before = seeds.Audit.Entries.Count;
        var loaded = (await store.GetAsync(e.Id))!;

        var refused = loaded.StartAssessment(Seeds.HealthVisitor, "Health visiting starts the assessment.");

        Assert.Equal("SHARE-01", refused.Refusal.RuleId);
        var entry = Assert.Single(seeds.Audit.Entries.Skip(before)); // no save follows a refusal: it is on the log already
        Assert.False(entry.Decision.Granted);
        Assert.Equal(TestIds.HealthVisiting, entry.Agency);
    }

    private static Result Appoint(CafEpisode e) => e.AppointLeadProfessional(Seeds.Teacher, Seeds.Nominee(TestIds.HealthVisitor, TestIds.HealthVisiting),
        new PractitionerId("pr-supervisor"), new FamilyAgreement("Mother agreed at the TAC meeting."), "Sees the family weekly.");

    private static CafEpisode Consented(Seeds seeds, EpisodeId id, string child)
    {
        var e = CafEpisode.IdentifyConcern(seeds.Policy, id, new ChildDetails(new ChildId(child), new DateOnly(2016, 9, 1)), Seeds.Teacher, "Falling attendance.");
        Seeds.Ok(e.RecordConsent(Seeds.Teacher, Seeds.MotherWritten(), "Consent to assess and share with partner agencies."));
        return e;
    }

    // Another writer's change to the episode, saved: the same consent recorded again (hands nothing new to anyone).
    private static async Task SaveConcurrentChangeAsync(IEpisodeRepository store, EpisodeId id, Seeds seeds)
    {
        var copy = (await store.GetAsync(id))!;
        var version = copy.Version;
        Seeds.Ok(copy.RecordConsent(Seeds.Teacher, Seeds.MotherWritten(), "Mum confirmed her consent at the school gate."));
        Seeds.Ok(await store.UpdateAsync(copy, version));
    }

    /// <summary>A store whose first save is preceded by another writer's save (the race, made deterministic).</summary>
    private sealed class Interloper(IEpisodeRepository inner, Func<Task> interrupt) : IEpisodeRepository
    {
        public int Saves { get; private set; }

        public ValueTask<CafEpisode?> GetAsync(EpisodeId id, CancellationToken cancellationToken = default) => inner.GetAsync(id, cancellationToken);

        public ValueTask<Result> AddAsync(CafEpisode episode, CancellationToken cancellationToken = default) => inner.AddAsync(episode, cancellationToken);

        public async ValueTask<Result> UpdateAsync(CafEpisode episode, int expectedVersion, CancellationToken cancellationToken = default)
        {
            await InterruptOnceAsync();
            return await inner.UpdateAsync(episode, expectedVersion, cancellationToken);
        }

        public async ValueTask<Result> UpdateManyAsync(IReadOnlyList<EpisodeUpdate> updates, CancellationToken cancellationToken = default)
        {
            await InterruptOnceAsync();
            return await inner.UpdateManyAsync(updates, cancellationToken);
        }

        public ValueTask<IReadOnlyList<EpisodeSummary>> ListAsync(ISpecification<EpisodeSummary> specification, CancellationToken cancellationToken = default) =>
            inner.ListAsync(specification, cancellationToken);

        private async Task InterruptOnceAsync()
        {
            if (Saves++ == 0)
            {
                await interrupt();
            }
        }
    }
}
