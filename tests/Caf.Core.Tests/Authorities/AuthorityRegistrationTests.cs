using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Threading.Tasks;
using Caf.Core.Closure;
using Caf.Core.Consent;
using Caf.Core.DependencyInjection;
using Caf.Core.Lifecycle;
using Caf.Core.Panels;
using Caf.Core.Primitives;
using Caf.Core.Reads;
using Caf.Core.Register;
using Caf.Core.Thresholds;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Caf.Core.Tests.Authorities;

/// <summary>Issue 29: each authority declared in code or configuration gets its own policy and keyed services,
/// checked at start-up with every problem prefixed by its authority.</summary>
public class AuthorityRegistrationTests
{
    private static readonly AuthorityId Leeds = new("leeds");
    private static readonly AuthorityId Kirklees = new("kirklees");
    private static readonly AuthorityId Wakefield = new("wakefield");

    internal static ThresholdFramework OtherFramework(string id) =>
        new ThresholdFrameworkLoader().LoadDefault().Framework with { Id = id, Version = "2027.1" };

    private static ServiceProvider Build(Action<IServiceCollection> register, params (string Key, string Value)[] settings)
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(settings.Select(s => new KeyValuePair<string, string?>(s.Key, s.Value))).Build();
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(configuration);
        services.AddCafAuthorities(configuration.GetSection("Caf:Authorities"));
        register(services);
        return services.BuildServiceProvider(new ServiceProviderOptions { ValidateScopes = true });
    }

    private static string? StartUpProblems(IServiceProvider provider)
    {
        try
        {
            provider.GetRequiredService<IStartupValidator>().Validate();
            return null;
        }
        catch (Exception ex) when (ex is OptionsValidationException or AggregateException)
        {
            return ex is AggregateException all ? string.Join(Environment.NewLine, all.InnerExceptions.Select(e => e.Message)) : ex.Message;
        }
    }

    [Fact]
    public void Authorities_declared_in_code_and_configuration_each_get_their_own_policy_and_services()
    {
        using var provider = Build(
            s => s.AddCafAuthority("Leeds", a => a.Options(o => o.Retention.RetentionYears = 30).Thresholds(OtherFramework("leeds-thresholds")))
                  .AddCafAuthority(Wakefield, _ => { }),
            ("Caf:Authorities:kirklees:Retention:RetentionYears", "12"),
            ("Caf:Authorities:kirklees:Lifecycle:AssessmentTimescaleMonths", "2"));

        Assert.Null(StartUpProblems(provider));
        var authorities = provider.GetRequiredService<CafAuthorities>();
        Assert.Equal<AuthorityId>([Kirklees, Leeds, Wakefield], authorities.Ids);

        var leeds = authorities.Get(Leeds);
        var kirklees = authorities.Get(new AuthorityId("KIRKLEES"));
        Assert.Equal(Leeds, leeds.Policy.Authority);
        Assert.Equal(Kirklees, kirklees.Policy.Authority);
        Assert.Equal(30, leeds.Policy.RetentionYears);
        Assert.Equal(12, kirklees.Policy.RetentionYears);
        Assert.Equal(2, kirklees.Policy.AssessmentTimescaleMonths);
        Assert.Equal(5, authorities.Get(Wakefield).Policy.RetentionYears); // the documented default (RET-01)
        Assert.Equal("leeds-thresholds", leeds.Thresholds.FrameworkId);
        Assert.Equal(new ThresholdFrameworkLoader().LoadDefault().FrameworkId, kirklees.Thresholds.FrameworkId);
        Assert.Equal(Leeds, leeds.Register.Authority);
        Assert.Equal(Leeds, leeds.Repository.Authority);
        Assert.NotSame(leeds.Repository, kirklees.Repository);
        Assert.NotSame(leeds.SharingAudit, kirklees.SharingAudit);
        Assert.NotSame(provider.GetRequiredKeyedService<IPanelBookingStore>(Leeds), provider.GetRequiredKeyedService<IPanelBookingStore>(Kirklees));
        Assert.NotSame(provider.GetRequiredKeyedService<IReadAuditLog>(Leeds), provider.GetRequiredKeyedService<IReadAuditLog>(Kirklees));
        Assert.Same(provider.GetRequiredKeyedService<IReadAuditLog>(Leeds), leeds.Policy.Reads);
        Assert.Equal("leeds-thresholds", leeds.NationalData.Framework!.Id);
    }

    [Fact]
    public void An_undeclared_authority_resolves_no_policy_and_CafAuthorities_refuses_it_by_name()
    {
        using var provider = Build(s => s.AddCafAuthority(Leeds, _ => { }));

        var authorities = provider.GetRequiredService<CafAuthorities>();
        Assert.False(authorities.Serves(Kirklees));
        Assert.Null(provider.GetKeyedService<EpisodePolicy>(Kirklees));
        Assert.Null(provider.GetService<EpisodePolicy>());
        var refused = Assert.Throws<ArgumentException>(() => authorities.Get(Kirklees));
        Assert.Contains("'kirklees'", refused.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentException>(() => authorities.Get(default));
        var store = Assert.Throws<InvalidOperationException>(() => provider.GetRequiredKeyedService<IEpisodeRepository>(Kirklees));
        Assert.Contains("kirklees", store.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Every_problem_of_every_authority_is_listed_at_start_up_prefixed_by_its_authority()
    {
        var missing = Path.Combine(Path.GetTempPath(), $"caf-missing-{Guid.NewGuid():N}.json");
        using var provider = Build(
            s => s.AddCafAuthority(Leeds, a => a.Options(o => o.Retention.RetentionYears = -1).PolicyVersion("2027-04", new DateOnly(2027, 4, 1), o => o.Reviews.InsufficientProgressReviewLimit = 0)),
            ("Caf:Authorities:kirklees:Retention:RetentionYers", "12"),
            ("Caf:Authorities:kirklees:ThresholdsFile", missing),
            ("Caf:Authorities:not an id:Retention:RetentionYears", "12"));

        var problems = StartUpProblems(provider);

        Assert.NotNull(problems);
        Assert.Contains("Authority 'leeds': ", problems, StringComparison.Ordinal);
        Assert.Contains("RetentionYears", problems, StringComparison.Ordinal);
        Assert.Contains("Authority 'kirklees': Configuration key 'Caf:Authorities:kirklees:Retention:RetentionYers'", problems, StringComparison.Ordinal);
        Assert.Contains($"Authority 'kirklees': its thresholds framework file '{missing}' could not be read", problems, StringComparison.Ordinal);
        Assert.Contains("Configuration key 'Caf:Authorities:not an id' is not a valid authority id", problems, StringComparison.Ordinal);
    }

    [Fact]
    public void A_policy_version_problem_is_prefixed_by_its_authority()
    {
        using var provider = Build(s => s.AddCafAuthority(Leeds, a => a.PolicyVersion("2027-04", new DateOnly(2027, 4, 1), o => o.Reviews.InsufficientProgressReviewLimit = 0)));

        var problems = StartUpProblems(provider);

        Assert.NotNull(problems);
        Assert.Contains("Authority 'leeds': ", problems, StringComparison.Ordinal);
        Assert.Contains("InsufficientProgressReviewLimit", problems, StringComparison.Ordinal);
    }

    [Fact]
    public void Files_named_in_configuration_give_the_authority_its_framework_and_taxonomy()
    {
        var loader = new ThresholdFrameworkLoader();
        var thresholds = Path.Combine(Path.GetTempPath(), $"caf-thr-{Guid.NewGuid():N}.json");
        var taxonomy = Path.Combine(Path.GetTempPath(), $"caf-tax-{Guid.NewGuid():N}.json");
        File.WriteAllText(thresholds, loader.Serialize(OtherFramework("kirklees-thresholds")));
        File.WriteAllText(taxonomy, new ClosureTaxonomyLoader().DefaultJson());
        try
        {
            using var provider = Build(_ => { },
                ("Caf:Authorities:kirklees:ThresholdsFile", thresholds),
                ("Caf:Authorities:kirklees:ClosureTaxonomyFile", taxonomy));

            Assert.Null(StartUpProblems(provider));
            Assert.Equal("kirklees-thresholds", provider.GetRequiredService<CafAuthorities>().Get(Kirklees).Thresholds.FrameworkId);
        }
        finally
        {
            File.Delete(thresholds);
            File.Delete(taxonomy);
        }
    }

    [Fact]
    public void A_single_authority_host_keeps_its_two_lines_and_serves_the_default_authority_unkeyed()
    {
        var services = new ServiceCollection();
        services.AddCafCore().AddCafInMemoryEpisodeStore();
        services.AddSingleton<ISharingAuditLog>(new InMemorySharingAuditLog());
        services.AddSingleton<Caf.Core.Reads.IReadAuditLog>(new Caf.Core.Reads.InMemoryReadAuditLog()); // LAW-04
        using var provider = services.BuildServiceProvider();

        Assert.Null(StartUpProblems(provider));
        var authorities = provider.GetRequiredService<CafAuthorities>();
        Assert.Equal<AuthorityId>([AuthorityId.Default], authorities.Ids);
        var one = authorities.Get(AuthorityId.Default);
        Assert.Same(provider.GetRequiredService<EpisodePolicy>(), one.Policy);
        Assert.Equal(AuthorityId.Default, one.Register.Authority);
        Assert.Same(provider.GetRequiredService<ThresholdMatcher>(), one.Thresholds);
    }

    [Fact]
    public async Task A_store_registered_for_any_key_replaces_the_in_memory_default_whichever_is_registered_first()
    {
        foreach (var before in new[] { true, false })
        {
            var services = new ServiceCollection();
            void Host() => services.AddKeyedSingleton<IEpisodeRepository>(KeyedService.AnyKey, (sp, k) => new HostStore(sp.GetRequiredKeyedService<EpisodePolicy>(k)));
            if (before)
            {
                Host();
            }

            services.AddCafAuthority(Leeds, _ => { });
            if (!before)
            {
                Host();
            }

            using var provider = services.BuildServiceProvider();
            var store = Assert.IsType<HostStore>(provider.GetRequiredService<CafAuthorities>().Get(Leeds).Repository);
            Assert.Equal(Leeds, store.Authority);
            Assert.Null(await store.GetAsync(EpisodeId.New()));
        }
    }

    [Fact]
    public async Task The_host_checks_every_authority_when_it_starts()
    {
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.Services.AddCafAuthority(Leeds, a => a.Options(o => o.Storage.ConcurrencyRetries = -5));
        using var host = builder.Build();

        var ex = await Assert.ThrowsAnyAsync<Exception>(() => host.StartAsync());
        Assert.Contains("Authority 'leeds': ", ex is AggregateException all ? string.Join(" ", all.InnerExceptions.Select(e => e.Message)) : ex.Message, StringComparison.Ordinal);
    }

    private sealed class HostStore(EpisodePolicy policy) : IEpisodeRepository
    {
        private readonly InMemoryEpisodeRepository _inner = new(policy);

        public AuthorityId Authority => policy.Authority;

        public ValueTask<CafEpisode?> GetAsync(EpisodeId id, System.Threading.CancellationToken cancellationToken = default) => _inner.GetAsync(id, cancellationToken);

        public ValueTask<Result> AddAsync(CafEpisode episode, System.Threading.CancellationToken cancellationToken = default) => _inner.AddAsync(episode, cancellationToken);

        public ValueTask<Result> UpdateAsync(CafEpisode episode, int expectedVersion, System.Threading.CancellationToken cancellationToken = default) =>
            _inner.UpdateAsync(episode, expectedVersion, cancellationToken);

        public ValueTask<Result> UpdateManyAsync(IReadOnlyList<EpisodeUpdate> updates, System.Threading.CancellationToken cancellationToken = default) =>
            _inner.UpdateManyAsync(updates, cancellationToken);

        public ValueTask<IReadOnlyList<EpisodeSummary>> ListAsync(Ardalis.Specification.ISpecification<EpisodeSummary> specification, System.Threading.CancellationToken cancellationToken = default) =>
            _inner.ListAsync(specification, cancellationToken);
    }
}
