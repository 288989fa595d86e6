using System;
using Ardalis.GuardClauses;
using Caf.Core.Configuration;
using Caf.Core.Consent;
using Caf.Core.LeadProfessional;
using Caf.Core.Lifecycle;
using Caf.Core.Panels;
using Caf.Core.Register;
using Caf.Core.Thresholds;
using Microsoft.Extensions.DependencyInjection.Extensions;

// Conventional namespace for registration extensions, so hosts find AddCafCore without a using.
namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers Caf.Core in a host's service collection.</summary>
public static class CafServiceCollectionExtensions
{
    /// <summary>
    /// Registers the Caf.Core domain services (<see cref="EpisodePolicy"/>, the consent policy,
    /// <see cref="CafRegister"/> over the host's <see cref="IEpisodeRepository"/>), the validated <see cref="CafOptions"/>, and
    /// <see cref="TimeProvider.System"/> unless the host registered a <see cref="TimeProvider"/> already.
    /// Calling it twice is harmless: later calls add nothing (the first options win).
    /// The host must register an <c>ISharingAuditLog</c> (before or after this call) to resolve
    /// <c>ISharingService</c> (SHARE-03).
    /// </summary>
    /// <param name="services">The service collection.</param>
    /// <param name="configure">Optional: changes to the default policy options.</param>
    /// <returns>The same service collection.</returns>
    /// <exception cref="ArgumentException">The configured options are invalid; the message lists every problem.</exception>
    public static IServiceCollection AddCafCore(this IServiceCollection services, Action<CafOptions>? configure = null)
    {
        Guard.Against.Null(services);
        var options = new CafOptions();
        configure?.Invoke(options);
        options.ThrowIfInvalid();

        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton(options);
        services.TryAddSingleton(sp => new EpisodePolicy(
            sp.GetRequiredService<CafOptions>(), sp.GetRequiredService<TimeProvider>(), sp.GetRequiredService<ISharingService>()));
        Caf.Core.Consent.ConsentServiceRegistration.AddConsent(services); // ConsentPolicy, ISharingService (needs the host's ISharingAuditLog)
        // Transient: the register is cheap and must not capture a scoped repository (e.g. one on a DbContext).
        services.TryAddTransient(sp => new CafRegister(sp.GetRequiredService<IEpisodeRepository>(), sp.GetRequiredService<EpisodePolicy>()));
        // LP-04..LP-11: needs an ISharingService (registered by the consent area or the host).
        services.TryAddSingleton(sp => new LeadProfessionalSelector(
            sp.GetRequiredService<CafOptions>().LeadProfessional, sp.GetRequiredService<ISharingService>()));

        // PANEL-03..07: pure services over the options; the gate needs an ISharingService.
        services.TryAddSingleton(sp => new PanelScheduler(sp.GetRequiredService<CafOptions>().Panels));
        services.TryAddSingleton(sp => new PanelAftercare(sp.GetRequiredService<CafOptions>().Panels));
        services.TryAddSingleton(sp => new PanelSharingGate(sp.GetRequiredService<ISharingService>()));

        // THR-02: the illustrative default framework, compiled once on first use; a host registers its
        // authority's own ThresholdMatcher before calling AddCafCore to replace it.
        services.TryAddSingleton<ThresholdFrameworkLoader>();
        services.TryAddSingleton(provider => provider.GetRequiredService<ThresholdFrameworkLoader>().LoadDefault());
        return services;
    }

    /// <summary>
    /// Registers <see cref="InMemoryEpisodeRepository"/> as the <see cref="IEpisodeRepository"/> (tests,
    /// samples, small hosts). Nothing is persisted: a production host registers its own repository instead.
    /// </summary>
    /// <param name="services">The service collection.</param>
    /// <returns>The same service collection.</returns>
    public static IServiceCollection AddCafInMemoryEpisodeStore(this IServiceCollection services)
    {
        Guard.Against.Null(services);
        services.TryAddSingleton<IEpisodeRepository>(sp => new InMemoryEpisodeRepository(sp.GetRequiredService<EpisodePolicy>()));
        return services;
    }
}
