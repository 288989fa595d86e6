using System;
using System.Diagnostics.Metrics;
using System.Linq;
using Ardalis.GuardClauses;
using Caf.Core.Closure;
using Caf.Core.Configuration;
using Caf.Core.Consent;
using Caf.Core.DependencyInjection;
using Caf.Core.Diagnostics;
using Caf.Core.LeadProfessional;
using Caf.Core.Lifecycle;
using Caf.Core.NationalData;
using Caf.Core.Panels;
using Caf.Core.Policy;
using Caf.Core.Primitives;
using Caf.Core.Reads;
using Caf.Core.Register;
using Caf.Core.Reporting;
using Caf.Core.Thresholds;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

// Conventional namespace for registration extensions, so hosts find AddCafAuthority without a using.
namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers the authorities of a host that serves several (docs/authorities.md).</summary>
public static class CafAuthorityServiceCollectionExtensions
{
    /// <summary>
    /// Declares an authority the host serves, with its policy (docs/authorities.md): every per-authority service is
    /// registered as a keyed service whose key is the <see cref="AuthorityId"/> (<see cref="EpisodePolicy"/> with its
    /// <see cref="EpisodePolicy.Authority"/>, <see cref="CafRegister"/>, <see cref="ISharingService"/>,
    /// <see cref="ThresholdMatcher"/>, <see cref="ClosureTaxonomy"/>, <see cref="PolicyHistory"/>, <see cref="ConsentPolicy"/>,
    /// <see cref="LeadProfessionalSelector"/>, <see cref="PanelScheduler"/>, <see cref="PanelAftercare"/>,
    /// <see cref="PanelSharingGate"/>, <see cref="IEpisodeReportProjector"/>, <see cref="NationalDataProfile"/>,
    /// <see cref="NationalDataExtractSettings"/>, <see cref="CafLongWork"/>), and <see cref="CafAuthorities"/> lists it.
    /// Its stores default to in-memory ones, one per authority (<see cref="InMemoryEpisodeRepository"/>,
    /// <see cref="InMemoryPanelBookingStore"/>, <see cref="InMemoryReadAuditLog"/>, <see cref="InMemorySharingAuditLog"/>:
    /// tests, samples; nothing is persisted), registered for any key (<see cref="KeyedService.AnyKey"/>) unless the
    /// host registered stores for any key already; a store registered for any key after it, or for this authority's key,
    /// replaces them. Calling it again for the same authority adds to its declaration.
    /// </summary>
    /// <remarks>Checked when the host starts (<c>ValidateOnStart</c>; without the generic host, call
    /// <c>provider.GetRequiredService&lt;IStartupValidator&gt;().Validate()</c>): every authority's options, thresholds
    /// framework, closure taxonomy, national-data profile and policy versions, every problem in one
    /// <see cref="OptionsValidationException"/>, each prefixed by its authority.</remarks>
    /// <param name="services">The service collection.</param>
    /// <param name="authority">The authority.</param>
    /// <param name="configure">Its policy (<c>_ =&gt; { }</c> for the documented defaults).</param>
    /// <returns>The same service collection.</returns>
    /// <exception cref="ArgumentException">An argument is null or <paramref name="authority"/> is <c>default</c>.</exception>
    public static IServiceCollection AddCafAuthority(this IServiceCollection services, AuthorityId authority, Action<CafAuthorityBuilder> configure)
    {
        Guard.Against.Null(services);
        Guard.Against.Null(configure);
        if (authority.IsDefault)
        {
            throw new ArgumentException("An authority needs a valid AuthorityId, not default(AuthorityId).", nameof(authority));
        }

        var builder = Declare(services, Catalogue(services), authority);
        configure(builder);
        return services;
    }

    /// <summary>As <see cref="AddCafAuthority(IServiceCollection, AuthorityId, Action{CafAuthorityBuilder})"/>, naming the authority by its id (docs/authorities.md).</summary>
    /// <param name="services">The service collection.</param>
    /// <param name="authority">The authority's id, e.g. <c>"leeds"</c>.</param>
    /// <param name="configure">Its policy (<c>_ =&gt; { }</c> for the documented defaults).</param>
    /// <returns>The same service collection.</returns>
    /// <exception cref="ArgumentException">An argument is null or <paramref name="authority"/> is not a valid authority id.</exception>
    public static IServiceCollection AddCafAuthority(this IServiceCollection services, string authority, Action<CafAuthorityBuilder> configure)
    {
        Guard.Against.Null(authority);
        return AddCafAuthority(services, new AuthorityId(authority), configure);
    }

    /// <summary>
    /// Declares every authority of a configuration section (conventionally <c>Caf:Authorities</c>): each child section is
    /// one authority, its key the authority id, holding that authority's <see cref="CafOptions"/> groups (bound strictly,
    /// as <c>AddCafCore(configuration)</c>) and optionally <c>ThresholdsFile</c>, <c>ClosureTaxonomyFile</c>,
    /// <c>NationalDataProfileFile</c> (paths of JSON documents). A key that is not a valid authority id fails at start-up.
    /// Code may add to an authority declared here with <see cref="AddCafAuthority(IServiceCollection, string, Action{CafAuthorityBuilder})"/>.
    /// </summary>
    /// <param name="services">The service collection.</param>
    /// <param name="configuration">The section, e.g. <c>builder.Configuration.GetSection("Caf:Authorities")</c>.</param>
    /// <returns>The same service collection.</returns>
    public static IServiceCollection AddCafAuthorities(this IServiceCollection services, IConfiguration configuration)
    {
        Guard.Against.Null(services);
        Guard.Against.Null(configuration);
        var catalogue = Catalogue(services);
        foreach (var section in configuration.GetChildren())
        {
            if (!AuthorityId.IsValid(section.Key))
            {
                catalogue.Problems.Add(
                    $"Configuration key '{section.Path}' is not a valid authority id: 1 to {AuthorityId.MaxLength} ASCII letters, digits, '-' and '_', starting with a letter or digit (docs/authorities.md).");
                continue;
            }

            Declare(services, catalogue, new AuthorityId(section.Key)).Configuration(section);
        }

        return services;
    }

    /// <summary>The host's catalogue of authorities (one per service collection), with the services every authority shares.</summary>
    internal static CafAuthorityCatalogue Catalogue(IServiceCollection services)
    {
        if (services.FirstOrDefault(d => d.ServiceType == typeof(CafAuthorityCatalogue) && !d.IsKeyedService)?.ImplementationInstance is CafAuthorityCatalogue existing)
        {
            return existing;
        }

        var catalogue = new CafAuthorityCatalogue();
        services.AddSingleton(catalogue);
        services.TryAddSingleton<CafAuthoritySetups>();
        services.TryAddSingleton<ThresholdFrameworkLoader>();
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton(sp => CafMetrics.Create(sp.GetService<IMeterFactory>()));
        services.TryAddSingleton(CafNames.Ids);
        services.TryAddTransient(sp => new CafAuthorities(sp, sp.GetRequiredService<CafAuthorityCatalogue>()));
        services.AddOptions<CafAuthorityCheck>().ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<CafAuthorityCheck>, CafAuthorityCheckValidator>());
        return catalogue;
    }

    private static CafAuthorityBuilder Declare(IServiceCollection services, CafAuthorityCatalogue catalogue, AuthorityId authority)
    {
        if (catalogue.Find(authority) is { } declared)
        {
            return declared;
        }

        var builder = new CafAuthorityBuilder(authority);
        catalogue.Builders.Add(builder);
        AddKeyedServices(services, authority);
        AddInMemoryStores(services);
        return builder;
    }

    private static void AddKeyedServices(IServiceCollection services, AuthorityId authority)
    {
        object key = authority;
        services.TryAddKeyedSingleton(key, (sp, _) => sp.GetRequiredService<CafAuthoritySetups>().For(authority));
        services.TryAddKeyedSingleton(key, (sp, k) => Setup(sp, k).History);
        services.TryAddKeyedSingleton(key, (sp, k) => Setup(sp, k).Thresholds);
        services.TryAddKeyedSingleton(key, (sp, k) => Setup(sp, k).Taxonomy);
        services.TryAddKeyedSingleton(key, (sp, k) => Setup(sp, k).Profile);
        services.TryAddKeyedSingleton(key, (sp, k) => new NationalDataExtractSettings
        {
            Profile = Setup(sp, k).Profile, Taxonomy = Setup(sp, k).Taxonomy, Framework = Setup(sp, k).Thresholds.Framework,
        });
        services.TryAddKeyedSingleton(key, (sp, k) => new ConsentPolicy(Setup(sp, k).Options.Consent));
        services.TryAddKeyedSingleton<ISharingService>(key, (sp, k) => new SharingService(
            sp.GetRequiredKeyedService<ISharingAuditLog>(k),
            sp.GetRequiredService<TimeProvider>(),
            sp.GetRequiredKeyedService<ConsentPolicy>(k),
            sp.GetRequiredService<CafMetrics>(),
            SharingMinimum.From(Setup(sp, k).Options.Sharing)));
        services.TryAddKeyedSingleton(key, (sp, k) => new EpisodePolicy(
            Setup(sp, k).History, sp.GetRequiredService<TimeProvider>(), sp.GetRequiredKeyedService<ISharingService>(k))
        {
            Authority = authority,
            Names = sp.GetRequiredService<ICafNames>(),
            Reads = sp.GetKeyedService<IReadAuditLog>(k), // LAW-04: the authority's read audit
        });

        // Transient: cheap, and must not capture a scoped repository (e.g. one on a DbContext).
        services.TryAddKeyedTransient(key, (sp, k) => new CafRegister(
            sp.GetRequiredKeyedService<IEpisodeRepository>(k),
            sp.GetRequiredKeyedService<EpisodePolicy>(k),
            Setup(sp, k).Options.Storage,
            sp.GetRequiredService<CafMetrics>(),
            sp.GetService<ILogger<CafRegister>>()));
        services.TryAddKeyedSingleton(key, (sp, k) => new CafLongWork(Setup(sp, k).Options.Reporting, sp.GetRequiredService<TimeProvider>(), sp.GetRequiredService<CafMetrics>()));
        services.TryAddKeyedSingleton(key, (sp, k) => new LeadProfessionalSelector(
            Setup(sp, k).Options.LeadProfessional, sp.GetRequiredKeyedService<ISharingService>(k), sp.GetRequiredService<ICafNames>()));
        services.TryAddKeyedSingleton(key, (sp, k) => new PanelScheduler(Setup(sp, k).Options.Panels));
        services.TryAddKeyedSingleton(key, (sp, k) => new PanelAftercare(Setup(sp, k).Options.Panels) { Names = sp.GetRequiredService<ICafNames>() });
        services.TryAddKeyedSingleton(key, (sp, k) => new PanelSharingGate(sp.GetRequiredKeyedService<ISharingService>(k)));
        services.TryAddKeyedSingleton<IEpisodeReportProjector>(key, (sp, k) => new EpisodeReportProjector(Setup(sp, k).Thresholds.Framework, Setup(sp, k).SettingOf));
    }

    /// <summary>
    /// The in-memory stores, one per authority, for any key; not when the host registered a store for any key already.
    /// Each resolves the authority's keyed <see cref="EpisodePolicy"/>, which exists only for a declared authority.
    /// </summary>
    private static void AddInMemoryStores(IServiceCollection services)
    {
        if (!HasAnyKey<IEpisodeRepository>(services))
        {
            services.AddKeyedSingleton(KeyedService.AnyKey, (sp, k) => new InMemoryEpisodeRepository(
                sp.GetRequiredKeyedService<EpisodePolicy>(Declared(sp, k)), sp.GetRequiredKeyedService<IEpisodeReportProjector>(k)));
            services.AddKeyedSingleton<IEpisodeRepository>(KeyedService.AnyKey, (sp, k) => sp.GetRequiredKeyedService<InMemoryEpisodeRepository>(k));
            if (!HasAnyKey<IEpisodeReportStore>(services))
            {
                services.AddKeyedSingleton<IEpisodeReportStore>(KeyedService.AnyKey, (sp, k) => sp.GetRequiredKeyedService<InMemoryEpisodeRepository>(k));
            }
        }

        if (!HasAnyKey<IPanelBookingStore>(services))
        {
            services.AddKeyedSingleton<IPanelBookingStore>(KeyedService.AnyKey, (sp, k) =>
            {
                _ = Declared(sp, k);
                return new InMemoryPanelBookingStore();
            });
        }

        if (!HasAnyKey<IReadAuditLog>(services))
        {
            services.AddKeyedSingleton<IReadAuditLog>(KeyedService.AnyKey, (sp, k) =>
            {
                _ = Declared(sp, k);
                return new InMemoryReadAuditLog();
            });
        }

        if (!HasAnyKey<ISharingAuditLog>(services))
        {
            services.AddKeyedSingleton<ISharingAuditLog>(KeyedService.AnyKey, (sp, k) =>
            {
                _ = Declared(sp, k);
                return new InMemorySharingAuditLog();
            });
        }
    }

    private static bool HasAnyKey<T>(IServiceCollection services) =>
        services.Any(d => d.ServiceType == typeof(T) && d.IsKeyedService && Equals(d.ServiceKey, KeyedService.AnyKey));

    /// <summary>The key as a declared authority; throws <see cref="InvalidOperationException"/> naming it otherwise.</summary>
    private static AuthorityId Declared(IServiceProvider sp, object? key)
    {
        if (key is not AuthorityId authority)
        {
            throw new InvalidOperationException(
                $"Caf.Core's per-authority services are keyed by AuthorityId, not by {key?.GetType().Name ?? "null"} '{key}' (docs/authorities.md).");
        }

        return sp.GetRequiredService<CafAuthorityCatalogue>().Find(authority) is not null
            ? authority
            : throw new InvalidOperationException($"Authority '{authority}' is not declared: declare it with services.AddCafAuthority(\"{authority}\", ...) (docs/authorities.md).");
    }

    private static CafAuthoritySetup Setup(IServiceProvider sp, object? key) => sp.GetRequiredKeyedService<CafAuthoritySetup>(key);
}
