using System;
using Caf.Core.Lifecycle;
using Caf.Core.Primitives;
using Microsoft.Extensions.DependencyInjection;

namespace Caf.Core.AspNetCore;

/// <summary>
/// Which authorities the host serves (docs/authorities.md): the keyed <see cref="EpisodePolicy"/> exists only for a
/// declared authority, and a single-authority host has its one policy unkeyed.
/// </summary>
internal readonly struct CafAuthorityDirectory
{
    private readonly IServiceProvider _services;
    private readonly IServiceProviderIsKeyedService? _keyed;

    private CafAuthorityDirectory(IServiceProvider services)
    {
        _services = services;
        var isService = services.GetService<IServiceProviderIsService>();
        _keyed = isService as IServiceProviderIsKeyedService;
        HasSingle = isService?.IsService(typeof(EpisodePolicy)) == true;
    }

    /// <summary>True when the host has a policy that is not keyed (a single-authority host).</summary>
    public bool HasSingle { get; }

    /// <summary>True when the host declares authorities: a caller must then name one.</summary>
    public bool ServesSeveral => !HasSingle;

    /// <summary>The unkeyed policy of a single-authority host, or null.</summary>
    public EpisodePolicy? Single => HasSingle ? _services.GetService<EpisodePolicy>() : null;

    public static CafAuthorityDirectory Of(IServiceProvider services) => new(services);

    /// <summary>True when the host declares the authority (its keyed policy exists).</summary>
    public bool Serves(AuthorityId authority) => _keyed?.IsKeyedService(typeof(EpisodePolicy), authority) == true;
}
