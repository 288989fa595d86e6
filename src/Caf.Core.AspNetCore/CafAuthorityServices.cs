using System;
using System.Diagnostics.CodeAnalysis;
using Ardalis.GuardClauses;
using Caf.Core.Lifecycle;
using Caf.Core.Primitives;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.DependencyInjection;

namespace Caf.Core.AspNetCore;

/// <summary>
/// The caller's local authority and its services, for one request (docs/authorities.md, docs/web.md): every endpoint
/// of this package, and a host's own pages, take the register, the sharing gate and the policy from here, never from
/// the process-wide services, so a request is served by its caller's authority only. Get it with
/// <see cref="CafAuthorityRequests.TryGetCafAuthority"/>.
/// </summary>
/// <remarks>
/// In a host of several authorities every service is the keyed service whose key is <see cref="Authority"/>
/// (<c>GetRequiredKeyedService&lt;T&gt;(authority)</c>); in a single-authority host (<c>AddCafCore</c>, no authority
/// declared) they are the host's services, unkeyed.
/// </remarks>
public sealed class CafAuthorityServices
{
    private readonly IServiceProvider _services;
    private readonly object? _key;

    internal CafAuthorityServices(IServiceProvider services, AuthorityId authority, bool keyed)
    {
        _services = services;
        Authority = authority;
        _key = keyed ? authority : null;
    }

    /// <summary>The caller's authority: the one whose data this request reads and writes.</summary>
    public AuthorityId Authority { get; }

    /// <summary>True when the services are the keyed services of <see cref="Authority"/> (a host of several authorities).</summary>
    public bool IsKeyed => _key is not null;

    /// <summary>The sharing gate over the authority's register and store (<see cref="CafEpisodeAccess"/>).</summary>
    public CafEpisodeAccess Access => GetRequiredService<CafEpisodeAccess>();

    /// <summary>The authority's policy (its options, thresholds framework, closure taxonomy, naming port and clock).</summary>
    public EpisodePolicy Policy => GetRequiredService<EpisodePolicy>();

    /// <summary>One of the authority's services (e.g. its <c>ThresholdMatcher</c> or <c>IEpisodeReportStore</c>).</summary>
    /// <typeparam name="T">The service type.</typeparam>
    /// <returns>The keyed service of <see cref="Authority"/>, or, in a single-authority host, the host's service.</returns>
    /// <exception cref="InvalidOperationException">The authority has no such service.</exception>
    public T GetRequiredService<T>()
        where T : notnull =>
        _key is null ? _services.GetRequiredService<T>() : _services.GetRequiredKeyedService<T>(_key);

    /// <summary>One of the authority's services, or null when it has none.</summary>
    /// <typeparam name="T">The service type.</typeparam>
    /// <returns>The service, or null.</returns>
    public T? GetService<T>()
        where T : class =>
        _key is null ? _services.GetService<T>() : _services.GetKeyedService<T>(_key);
}

/// <summary>Finds the caller's authority for a request (<see cref="ICafCallerAccessor.GetAuthority"/>) and its services.</summary>
public static class CafAuthorityRequests
{
    /// <summary>The title of the 401 answer to a caller who names no authority in a host of several.</summary>
    public const string NoAuthorityTitle = "Sign in to your local authority";

    /// <summary>The title of the 403 answer to a caller whose authority the host does not serve.</summary>
    public const string NotServedTitle = "This service does not serve your local authority";

    private const string ItemKey = "Caf.Core.AspNetCore.CafAuthorityServices";

    /// <summary>
    /// The caller's authority and its services. In a host of several authorities (the authorities are keyed services,
    /// docs/authorities.md): the authority the caller names, when the host declares it; a caller who names none is
    /// refused with 401, and one who names an authority the host does not declare with 403 (problem details that name
    /// no authority). In a single-authority host: the host's services, for a caller who names no authority or the
    /// host's own (<see cref="EpisodePolicy.Authority"/>); any other is refused with 403.
    /// </summary>
    /// <param name="context">The request.</param>
    /// <param name="services">The authority's services, when found.</param>
    /// <param name="problem">The 401 or 403 problem details otherwise.</param>
    /// <returns>True when the request is served by an authority.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="context"/> is null.</exception>
    public static bool TryGetCafAuthority(
        this HttpContext context, [NotNullWhen(true)] out CafAuthorityServices? services, [NotNullWhen(false)] out ProblemDetails? problem)
    {
        Guard.Against.Null(context);
        problem = null;
        if (context.Items.TryGetValue(ItemKey, out var found) && found is CafAuthorityServices cached)
        {
            services = cached;
            return true;
        }

        var provider = context.RequestServices;
        var named = provider.GetRequiredService<ICafCallerAccessor>().GetAuthority(context);
        var directory = CafAuthorityDirectory.Of(provider);
        services = named switch
        {
            { } id when directory.Serves(id) => new CafAuthorityServices(provider, id, keyed: true),
            { } id when directory.Single is { } own && own.Authority == id => new CafAuthorityServices(provider, id, keyed: false),
            null when !directory.ServesSeveral && directory.Single is { } own => new CafAuthorityServices(provider, own.Authority, keyed: false),
            _ => null,
        };
        if (services is null)
        {
            problem = named is null ? NoAuthority() : NotServed();
            return false;
        }

        context.Items[ItemKey] = services;
        return true;
    }

    private static ProblemDetails NoAuthority() => new()
    {
        Type = "about:blank",
        Title = NoAuthorityTitle,
        Status = StatusCodes.Status401Unauthorized,
        Detail = "This service serves several local authorities, and your sign-in does not say which one you work for. Sign in again through your authority.",
    };

    private static ProblemDetails NotServed() => new()
    {
        Type = "about:blank",
        Title = NotServedTitle,
        Status = StatusCodes.Status403Forbidden,
        Detail = "Your sign-in names a local authority this service does not serve, so nothing here is shown to it.",
    };
}
