using System;
using Ardalis.GuardClauses;
using Caf.Core.Configuration;
using Caf.Core.Thresholds;
using Microsoft.Extensions.DependencyInjection.Extensions;

// Conventional namespace for registration extensions, so hosts find AddCafCore without a using.
namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers Caf.Core in a host's service collection.</summary>
public static class CafServiceCollectionExtensions
{
    /// <summary>
    /// Registers the Caf.Core domain services, the validated <see cref="CafOptions"/>, and
    /// <see cref="TimeProvider.System"/> unless the host registered a <see cref="TimeProvider"/> already.
    /// Calling it twice is harmless: later calls add nothing (the first options win).
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

        // THR-02: the illustrative default framework, compiled once on first use; a host registers its
        // authority's own ThresholdMatcher before calling AddCafCore to replace it.
        services.TryAddSingleton<ThresholdFrameworkLoader>();
        services.TryAddSingleton(provider => provider.GetRequiredService<ThresholdFrameworkLoader>().LoadDefault());
        return services;
    }
}
