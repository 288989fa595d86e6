using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Caf.Core.Consent;
using Caf.Core.DependencyInjection;
using Caf.Core.Events;
using Caf.Core.Lifecycle;
using Caf.Core.Lifecycle.Events;
using Caf.Core.Primitives;
using Caf.Core.Register;
using Caf.Core.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using static Caf.Core.Tests.Support.Seeds;

namespace Caf.Core.Tests.Authorities;

/// <summary>RET-02 between two authorities of one host: a new linked episode at the receiving authority, holding what the
/// consent in force lets it receive, recorded on both sides, safe to retry.</summary>
public sealed class AuthorityTransferTests : IDisposable
{
    private static readonly AuthorityId Leeds = new("leeds");
    private static readonly AuthorityId Kirklees = new("kirklees");
    private static readonly AgencyId KirkleesEarlyHelp = new("kirklees-early-help");
    private static readonly EpisodeId Amy = new("ep-amy");

    private readonly FakeTimeProvider _time = new(Start);
    private readonly ServiceProvider _provider;
    private readonly CafAuthorities _authorities;

    public AuthorityTransferTests()
    {
        var services = new ServiceCollection();
        services.AddSingleton<TimeProvider>(_time);
        services.AddCafAuthority(Leeds, a => a.Options(o => o.Retention.RetentionYears = 7));
        services.AddCafAuthority(Kirklees, a => a.EarlyHelpService(KirkleesEarlyHelp));
        _provider = services.BuildServiceProvider();
        _authorities = _provider.GetRequiredService<CafAuthorities>();
    }

    public void Dispose() => _provider.Dispose();

    private CafAuthorityServices L => _authorities.Get(Leeds);

    private CafAuthorityServices K => _authorities.Get(Kirklees);

    private async Task<CafEpisode> OpenAtLeedsAsync(ConsentRecord? consent)
    {
        var e = CafEpisode.IdentifyConcern(L.Policy, Amy, NineYearOld, Teacher, "Missing school since the move.");
        if (consent is not null)
        {
            Ok(e.RecordConsent(Teacher, consent, "Consent to assess and share with partner agencies."));
        }

        Ok(await L.Repository.AddAsync(e));
        _time.Advance(TimeSpan.FromDays(1));
        return e;
    }

    private ValueTask<Result<EpisodeId>> TransferAsync() => _authorities.TransferAsync(Leeds, Amy, Kirklees, Teacher, "The family moved to Huddersfield.");

    private static List<SharingAuditEntry> Audit(CafAuthorityServices a) => [.. ((InMemorySharingAuditLog)a.SharingAudit).Entries];

    [Trait("Rule", "RET-02")]
    [Trait("Rule", "SHARE-01")]
    [Fact]
    public async Task RET02_the_receiving_authority_gets_a_new_linked_episode_with_the_child_and_the_concern()
    {
        await OpenAtLeedsAsync(MotherVerbal());

        var transferred = await TransferAsync();

        Assert.True(transferred.IsSuccess, transferred.ToString());
        var sending = (await L.Repository.GetAsync(Amy))!;
        var receiving = (await K.Repository.GetAsync(transferred.Value))!;
        Assert.Equal(EpisodeState.TransferredOut, sending.State);
        Assert.Equal("kirklees", sending.TransferredTo);
        Assert.Equal(transferred.Value, sending.TransferredToEpisode);
        Assert.IsType<EpisodeTransferredToAuthority>(sending.Events[^1]);
        Assert.Equal(Kirklees, receiving.Authority);
        Assert.True(receiving.IsOpen);
        Assert.Equal(NineYearOld, receiving.Child);
        Assert.Equal("leeds", receiving.TransferredFromAuthority);
        Assert.Equal(Amy, receiving.TransferredFromEpisode);
        Assert.Equal([typeof(ConcernIdentified), typeof(EpisodeTransferredIn)], receiving.Events.Select(e => e.GetType()));
        Assert.Contains("Missing school since the move.", ((ConcernIdentified)receiving.Events[0]).Concern, StringComparison.Ordinal);
        Assert.True(receiving.Consent.Records.IsEmpty); // the receiving authority asks the family itself: the consent is not copied

        // Recorded on the sending side's audit, granted to the receiving service for the transfer purpose (SHARE-03).
        var grant = Assert.Single(Audit(L), a => a.Purpose == SharingPurpose.Transfer);
        Assert.True(grant.Decision.Granted);
        Assert.Equal(KirkleesEarlyHelp, grant.Agency);
        Assert.DoesNotContain(Audit(K), a => a.Episode == Amy);
        Assert.Null(await K.Repository.GetAsync(Amy)); // the sending episode never enters the receiving store
    }

    [Trait("Rule", "RET-02")]
    [Fact]
    public async Task RET02_running_the_same_transfer_again_answers_the_same_episode_and_writes_nothing_more()
    {
        await OpenAtLeedsAsync(MotherVerbal());
        var first = await TransferAsync();
        var version = (await L.Repository.GetAsync(Amy))!.Version;
        _time.Advance(TimeSpan.FromDays(1));

        var again = await TransferAsync();

        Assert.True(again.IsSuccess, again.ToString());
        Assert.Equal(first.Value, again.Value);
        Assert.Equal(version, (await L.Repository.GetAsync(Amy))!.Version);
        Assert.Equal(2, (await K.Repository.GetAsync(first.Value))!.Version);
        Assert.Single(await K.Repository.ListAsync(new Caf.Core.Register.Specifications.EpisodesOfChildSpec(NineYearOld.Id)));
    }

    [Trait("Rule", "RET-02")]
    [Fact]
    public async Task RET02_a_crash_between_the_two_writes_is_recovered_by_running_the_transfer_again()
    {
        await OpenAtLeedsAsync(MotherVerbal());
        var crashing = new AuthoritySide(Kirklees, new CrashOnAdd(K.Repository), K.Policy, K.Service);
        var sending = new AuthoritySide(Leeds, L.Repository, L.Policy, L.Service);

        await Assert.ThrowsAsync<TimeoutException>(async () =>
            await AuthorityTransfer.TransferAsync(sending, crashing, Amy, Teacher, "The family moved.", CancellationToken.None));
        var half = (await L.Repository.GetAsync(Amy))!;
        Assert.Equal(EpisodeState.TransferredOut, half.State);
        Assert.Null(await K.Repository.GetAsync(half.TransferredToEpisode!.Value)); // the receiving side is missing

        var recovered = await TransferAsync();

        Assert.True(recovered.IsSuccess, recovered.ToString());
        Assert.Equal(half.TransferredToEpisode, recovered.Value);
        Assert.Equal(Amy, (await K.Repository.GetAsync(recovered.Value))!.TransferredFromEpisode);
        Assert.Single(Audit(L), a => a.Purpose == SharingPurpose.Transfer); // decided once
    }

    [Trait("Rule", "SHARE-01")]
    [Trait("Rule", "RET-02")]
    [Fact]
    public async Task SHARE01_a_family_that_excluded_the_receiving_service_is_refused_and_nothing_reaches_it()
    {
        await OpenAtLeedsAsync(MotherVerbal(KirkleesEarlyHelp));

        var transferred = await TransferAsync();

        Assert.True(transferred.IsRefused);
        Assert.Equal("SHARE-01", transferred.Refusal.RuleId);
        Assert.True((await L.Repository.GetAsync(Amy))!.IsOpen);
        Assert.Empty(await K.Repository.ListAsync(new Caf.Core.Register.Specifications.EpisodesOfChildSpec(NineYearOld.Id)));
        Assert.Contains(Audit(L), a => a.Agency == KirkleesEarlyHelp && !a.Decision.Granted); // the refusal is on the record (SHARE-04)
        Assert.DoesNotContain(Audit(L), a => a.Agency == KirkleesEarlyHelp && a.Decision.Granted);
    }

    [Trait("Rule", "CONS-07")]
    [Trait("Rule", "SHARE-01")]
    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task Without_consent_in_force_the_record_is_not_handed_over(bool withdrawn)
    {
        var e = await OpenAtLeedsAsync(withdrawn ? MotherVerbal() : null);
        if (withdrawn)
        {
            Ok(e.WithdrawConsent(Teacher, new ConsentWithdrawal(ConsentGiverRole.ParentWithParentalResponsibility, "We moved.") { Name = "Ms Smith" }));
            Ok(await L.Repository.UpdateAsync(e, 2));
        }

        var transferred = await TransferAsync();

        Assert.True(transferred.IsRefused);
        Assert.Equal(withdrawn ? "CONS-07" : "SHARE-01", transferred.Refusal.RuleId);
        Assert.Empty(await K.Repository.ListAsync(new Caf.Core.Register.Specifications.EpisodesOfChildSpec(NineYearOld.Id)));
    }

    [Trait("Rule", "REG-01")]
    [Fact]
    public async Task REG01_a_receiving_authority_with_an_open_episode_of_the_child_refuses_before_the_sending_side_changes()
    {
        await OpenAtLeedsAsync(MotherVerbal());
        Ok(await K.Repository.AddAsync(CafEpisode.IdentifyConcern(K.Policy, new EpisodeId("ep-k"), NineYearOld, Teacher, "Known here already.")));

        var transferred = await TransferAsync();

        Assert.Equal("REG-01", transferred.Refusal.RuleId);
        Assert.True((await L.Repository.GetAsync(Amy))!.IsOpen);
    }

    [Fact]
    public async Task An_authority_the_host_does_not_serve_is_an_argument_exception_naming_it()
    {
        await OpenAtLeedsAsync(MotherVerbal());

        var ex = await Assert.ThrowsAsync<ArgumentException>(async () =>
            await _authorities.TransferAsync(Leeds, Amy, new AuthorityId("wakefield"), Teacher, "Moved."));
        Assert.Contains("'wakefield'", ex.Message, StringComparison.Ordinal);
        var self = await _authorities.TransferAsync(Leeds, Amy, Leeds, Teacher, "Moved.");
        Assert.Equal("RET-02", self.Refusal.RuleId);
    }

    [Trait("Rule", "RET-02")]
    [Trait("Rule", "LIFE-11")]
    [Fact]
    public async Task Both_sides_read_back_from_storage_and_replay_refuses_a_forged_transfer()
    {
        await OpenAtLeedsAsync(MotherVerbal());
        var id = (await TransferAsync()).Value;
        var sending = (await L.Repository.GetAsync(Amy))!;
        var receiving = (await K.Repository.GetAsync(id))!;

        var sendingBack = EpisodeJson.Deserialize(L.Policy, EpisodeJson.Serialize(sending));
        var receivingBack = EpisodeJson.Deserialize(K.Policy, EpisodeJson.Serialize(receiving));
        Assert.Equal(id, sendingBack.TransferredToEpisode);
        Assert.Equal(Amy, receivingBack.TransferredFromEpisode);
        Assert.Equal(sending.Events, sendingBack.Events);

        var at = _time.GetUtcNow();
        var late = receiving.Events.Append(new EpisodeTransferredIn(id, at, Teacher, "leeds", Amy, InformationCategories.Identity)).ToList();
        Assert.Equal("RET-02", CafEpisode.Replay(K.Policy, late).Failure?.RuleId);
        var toItself = sending.Events.Take(sending.Events.Count - 1)
            .Append(new EpisodeTransferredToAuthority(Amy, at, Teacher, "leeds", id, KirkleesEarlyHelp, "Moved.", InformationCategories.Identity)).ToList();
        Assert.Equal("RET-02", CafEpisode.Replay(L.Policy, toItself).Failure?.RuleId);
        var badAuthority = sending.Events.Take(sending.Events.Count - 1)
            .Append(new EpisodeTransferredToAuthority(Amy, at, Teacher, "Kirklees", id, KirkleesEarlyHelp, "Moved.", InformationCategories.Identity)).ToList();
        Assert.Equal("LIFE-11", CafEpisode.Replay(L.Policy, badAuthority).Failure?.RuleId);
        var excluded = CafEpisode.IdentifyConcern(L.Policy, new EpisodeId("ep-x"), NineYearOld, Teacher, "Missing school.");
        Ok(excluded.RecordConsent(Teacher, MotherVerbal(KirkleesEarlyHelp), "Consent to assess and share with partner agencies."));
        CafEvent[] forged = [.. excluded.Events, new EpisodeTransferredToAuthority(excluded.Id, at, Teacher, "kirklees", id, KirkleesEarlyHelp, "Moved.", InformationCategories.Identity)];
        Assert.Equal("SHARE-01", CafEpisode.Replay(L.Policy, forged).Failure?.RuleId);
    }

    [Fact]
    public void The_receiving_id_derives_from_the_sending_episode_and_the_authority()
    {
        Assert.Equal(AuthorityTransfer.ReceivingId(Amy, Kirklees), AuthorityTransfer.ReceivingId(Amy, new AuthorityId("KIRKLEES")));
        Assert.NotEqual(AuthorityTransfer.ReceivingId(Amy, Kirklees), AuthorityTransfer.ReceivingId(Amy, Leeds));
        Assert.NotEqual(AuthorityTransfer.ReceivingId(Amy, Kirklees), AuthorityTransfer.ReceivingId(new EpisodeId("ep-sam"), Kirklees));
    }

    /// <summary>A receiving store whose add never returns: the process "crashes" between the two writes.</summary>
    private sealed class CrashOnAdd(IEpisodeRepository inner) : IEpisodeRepository
    {
        public AuthorityId Authority => inner.Authority;

        public ValueTask<CafEpisode?> GetAsync(EpisodeId id, CancellationToken cancellationToken = default) => inner.GetAsync(id, cancellationToken);

        public ValueTask<Result> AddAsync(CafEpisode episode, CancellationToken cancellationToken = default) => throw new TimeoutException("The host stopped.");

        public ValueTask<Result> UpdateAsync(CafEpisode episode, int expectedVersion, CancellationToken cancellationToken = default) =>
            inner.UpdateAsync(episode, expectedVersion, cancellationToken);

        public ValueTask<Result> UpdateManyAsync(IReadOnlyList<EpisodeUpdate> updates, CancellationToken cancellationToken = default) =>
            inner.UpdateManyAsync(updates, cancellationToken);

        public ValueTask<IReadOnlyList<EpisodeSummary>> ListAsync(Ardalis.Specification.ISpecification<EpisodeSummary> specification, CancellationToken cancellationToken = default) =>
            inner.ListAsync(specification, cancellationToken);
    }
}
