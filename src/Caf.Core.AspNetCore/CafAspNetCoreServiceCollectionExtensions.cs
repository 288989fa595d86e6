using System;
using Ardalis.GuardClauses;
using Caf.Core.AspNetCore;
using Caf.Core.Consent;
using Caf.Core.Lifecycle;
using Caf.Core.Register;
using Microsoft.Extensions.DependencyInjection.Extensions;

// Conventional namespace for registration extensions, so hosts find AddCafAspNetCore without a using.
namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers the ASP.NET Core adapter of Caf.Core.</summary>
public static class CafAspNetCoreServiceCollectionExtensions
{
    /// <summary>
    /// Registers the sharing gate (<see cref="CafEpisodeAccess"/>), the default <see cref="ICafCallerAccessor"/>
    /// (<see cref="ClaimsCafCallerAccessor"/>, unless the host registered its own), the <see cref="IFamilySharingViewSource"/>
    /// of <c>GET {id}/sharing</c> (the registered <see cref="ISharingAuditLog"/> when it implements it, unless the host
    /// registered its own) and the adapter's options. The gate
    /// and the endpoints log under <see cref="CafAspNetCoreLogEvents.Category"/> with the host's logger factory. Needs
    /// <c>AddCafCore()</c> and a store (<c>AddCafEntityFrameworkCore(...)</c> or <c>AddCafInMemoryEpisodeStore()</c>).
    /// </summary>
    /// <param name="services">The services.</param>
    /// <param name="configure">Changes to the adapter's options, if any.</param>
    /// <returns>The services.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="services"/> is null.</exception>
    public static IServiceCollection AddCafAspNetCore(this IServiceCollection services, Action<CafAspNetCoreOptions>? configure = null)
    {
        Guard.Against.Null(services);
        var options = services.AddOptions<CafAspNetCoreOptions>();
        if (configure is not null)
        {
            options.Configure(configure);
        }

        options.Validate(o => o.RuleDocumentation is { IsAbsoluteUri: true }, "CafAspNetCoreOptions.RuleDocumentation must be an absolute URI.").ValidateOnStart();
        services.AddProblemDetails();
        services.TryAddSingleton<ICafCallerAccessor, ClaimsCafCallerAccessor>();
        // LAW-01: GET {id}/sharing reads the family's view back from the host's sharing audit log, when it can.
        services.TryAddSingleton<IFamilySharingViewSource>(sp => sp.GetRequiredService<ISharingAuditLog>() as IFamilySharingViewSource
            ?? throw new InvalidOperationException(
                "GET {id}/sharing needs the episode's hand-overs read back: the registered ISharingAuditLog does not implement IFamilySharingViewSource. " +
                "Implement it on your audit log, or register an IFamilySharingViewSource (the EF Core adapter's log implements it)."));
        services.TryAddTransient(sp => new CafEpisodeAccess(
            sp.GetRequiredService<IEpisodeRepository>(),
            sp.GetRequiredService<CafRegister>(),
            sp.GetRequiredService<EpisodePolicy>(),
            sp.GetRequiredService<Microsoft.Extensions.Options.IOptions<CafAspNetCoreOptions>>(),
            sp.GetService<Microsoft.Extensions.Logging.ILoggerFactory>() ?? Microsoft.Extensions.Logging.Abstractions.NullLoggerFactory.Instance));
        return services;
    }
}
