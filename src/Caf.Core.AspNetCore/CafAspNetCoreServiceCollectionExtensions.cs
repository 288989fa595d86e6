using System;
using Ardalis.GuardClauses;
using Caf.Core.AspNetCore;
using Caf.Core.Consent;
using Caf.Core.Lifecycle;
using Caf.Core.Register;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

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
    /// <c>AddCafCore()</c> and a store (<c>AddCafEntityFrameworkCore(...)</c> or <c>AddCafInMemoryEpisodeStore()</c>), or, in a
    /// host of several authorities, each authority's keyed services (docs/authorities.md): the gate is then registered
    /// keyed too, for any authority, over that authority's keyed store, register and policy, and every endpoint serves
    /// a request with its caller's authority's services only (<see cref="CafAuthorityRequests.TryGetCafAuthority"/>).
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
            sp.GetRequiredService<IOptions<CafAspNetCoreOptions>>(),
            sp.GetService<ILoggerFactory>() ?? NullLoggerFactory.Instance));
        // docs/authorities.md: in a host of several authorities, each authority's gate over its own keyed store,
        // register and policy (the key is the AuthorityId); the endpoints resolve the caller's (CafAuthorityRequests).
        services.TryAddKeyedTransient(KeyedService.AnyKey, (sp, key) => new CafEpisodeAccess(
            sp.GetRequiredKeyedService<IEpisodeRepository>(key),
            sp.GetRequiredKeyedService<CafRegister>(key),
            sp.GetRequiredKeyedService<EpisodePolicy>(key),
            sp.GetRequiredService<IOptions<CafAspNetCoreOptions>>(),
            sp.GetService<ILoggerFactory>() ?? NullLoggerFactory.Instance));
        return services;
    }
}
