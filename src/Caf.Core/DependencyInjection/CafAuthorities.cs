using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using Ardalis.GuardClauses;
using Caf.Core.Annotations;
using Caf.Core.Closure;
using Caf.Core.Consent;
using Caf.Core.Lifecycle;
using Caf.Core.NationalData;
using Caf.Core.Primitives;
using Caf.Core.Register;
using Caf.Core.Thresholds;
using Microsoft.Extensions.DependencyInjection;

namespace Caf.Core.DependencyInjection;

/// <summary>
/// The authorities a host serves (docs/authorities.md): those declared with <c>AddCafAuthority</c> or
/// <c>AddCafAuthorities</c>, and <see cref="AuthorityId.Default"/> when <c>AddCafCore</c> registered a
/// single-authority host's services. Resolve it where the authority is known (per request) and take that authority's
/// services with <see cref="Get"/>; they are resolved from the provider (or scope) this was resolved from.
/// </summary>
/// <threadsafety>Immutable; its services are resolved from its provider when first asked for.</threadsafety>
[Immutable]
public sealed class CafAuthorities
{
    private readonly IServiceProvider _services;
    private readonly ImmutableHashSet<AuthorityId> _keyed;

    internal CafAuthorities(IServiceProvider services, CafAuthorityCatalogue catalogue)
    {
        _services = services;
        _keyed = [.. catalogue.Builders.Select(b => b.Authority)];
        var ids = catalogue.Builders.Select(b => b.Authority).ToList();
        if (catalogue.ServesDefaultUnkeyed && !_keyed.Contains(AuthorityId.Default))
        {
            ids.Insert(0, AuthorityId.Default);
        }

        Ids = [.. ids];
    }

    /// <summary>The authorities the host serves, in order of declaration (the default authority first when <c>AddCafCore</c> serves it).</summary>
    public ImmutableArray<AuthorityId> Ids { get; }

    /// <summary>Whether the host serves an authority.</summary>
    /// <param name="authority">The authority.</param>
    /// <returns>True when it is one of <see cref="Ids"/>.</returns>
    public bool Serves(AuthorityId authority) => Ids.Contains(authority);

    /// <summary>The services of one authority the host serves.</summary>
    /// <param name="authority">The authority.</param>
    /// <returns>Its services.</returns>
    /// <exception cref="ArgumentException"><paramref name="authority"/> is <c>default</c> or not served by this host (the message names it).</exception>
    public CafAuthorityServices Get(AuthorityId authority)
    {
        if (authority.IsDefault)
        {
            throw new ArgumentException("An authority needs a valid AuthorityId, not default(AuthorityId).", nameof(authority));
        }

        if (!Serves(authority))
        {
            throw new ArgumentException(
                $"This host does not serve authority '{authority}' (it serves: {string.Join(", ", Ids.Select(i => $"'{i}'"))}); declare it with services.AddCafAuthority(\"{authority}\", ...) (docs/authorities.md).",
                nameof(authority));
        }

        // The default authority of a single-authority host is served by the unkeyed services (a null key).
        return new CafAuthorityServices(authority, _services, _keyed.Contains(authority) ? authority : null);
    }

    /// <summary>
    /// RET-02: transfers an open episode from one authority of this host to another (docs/authorities.md). The
    /// receiving authority gets a new episode, linked both ways (<see cref="CafEpisode.TransferredToEpisode"/>,
    /// <see cref="CafEpisode.TransferredFromEpisode"/>), holding what the consent in force lets its early-help service
    /// receive for the transfer purpose (SHARE-01, SHARE-02): the child and, with the needs, the concern. The sending
    /// episode records <see cref="Lifecycle.Events.EpisodeTransferredToAuthority"/> and is transferred out; the receiving one
    /// opens with the concern and records <see cref="Lifecycle.Events.EpisodeTransferredIn"/>.
    /// </summary>
    /// <remarks>The two stores share no transaction: the sending side is written first, then the receiving side, whose id is
    /// derived from the sending episode and the receiving authority. Running the same transfer again is safe: it completes
    /// whatever is missing and answers the same id, so a crash between the two writes is recovered by running it again.</remarks>
    /// <param name="from">The sending authority.</param>
    /// <param name="episode">The sending authority's episode.</param>
    /// <param name="to">The receiving authority.</param>
    /// <param name="by">Who records the transfer.</param>
    /// <param name="reason">Why.</param>
    /// <param name="cancellationToken">Cancellation.</param>
    /// <returns>The receiving episode's id, or a refusal: the state or consent (RET-02, CONS-07, SHARE-01 — a family that
    /// excluded the receiving service), an open episode of the child at the receiving authority (REG-01), or the stores.</returns>
    /// <exception cref="ArgumentException">An authority is not served by this host, an id is default, or the reason is blank.</exception>
    public async System.Threading.Tasks.ValueTask<Result<EpisodeId>> TransferAsync(
        AuthorityId from, EpisodeId episode, AuthorityId to, Actor by, string reason, System.Threading.CancellationToken cancellationToken = default)
    {
        if (episode.IsDefault)
        {
            throw new ArgumentException("The episode needs a valid EpisodeId, not default(EpisodeId).", nameof(episode));
        }

        if (by.IsDefault)
        {
            throw new ArgumentException("The actor needs a valid Actor, not default(Actor).", nameof(by));
        }

        Guard.Against.NullOrWhiteSpace(reason);
        var sending = Get(from);
        var receiving = Get(to);
        return await AuthorityTransfer.TransferAsync(Side(sending), Side(receiving), episode, by, reason, cancellationToken).ConfigureAwait(false);
    }

    private static AuthoritySide Side(CafAuthorityServices services) =>
        new(services.Authority, services.Repository, services.Policy, services.Service);
}

/// <summary>
/// One authority's services (docs/authorities.md): each resolved, when first read, as the keyed service of the
/// authority (or, for the default authority of a single-authority host, the unkeyed one).
/// </summary>
[Immutable]
public sealed class CafAuthorityServices
{
    private readonly IServiceProvider _services;
    private readonly object? _key;

    internal CafAuthorityServices(AuthorityId authority, IServiceProvider services, object? key)
    {
        Authority = authority;
        _services = services;
        _key = key;
    }

    /// <summary>The authority.</summary>
    public AuthorityId Authority { get; }

    /// <summary>Its episode policy (<see cref="EpisodePolicy.Authority"/> is <see cref="Authority"/>).</summary>
    public EpisodePolicy Policy => Get<EpisodePolicy>();

    /// <summary>Its register, over its store (a new one each time, as <c>AddCafCore</c> registers it: transient).</summary>
    public CafRegister Register => Get<CafRegister>();

    /// <summary>Its sharing service, over its sharing audit log (SHARE-01..04).</summary>
    public ISharingService Sharing => Get<ISharingService>();

    /// <summary>Its sharing audit log (SHARE-03).</summary>
    public ISharingAuditLog SharingAudit => Get<ISharingAuditLog>();

    /// <summary>Its thresholds framework, compiled (THR-02).</summary>
    public ThresholdMatcher Thresholds => Get<ThresholdMatcher>();

    /// <summary>Its closure taxonomy (CLOSE-10; the first policy version's).</summary>
    public ClosureTaxonomy ClosureTaxonomy => _key is null ? Policy.History.Versions[0].ClosureTaxonomy : Get<ClosureTaxonomy>();

    /// <summary>Its early-help service: the agency a transfer from another authority hands the record to (RET-02, SHARE-01).</summary>
    public AgencyId Service => _key is null ? CafAuthorityBuilder.DefaultService(Authority) : Get<CafAuthoritySetup>().Service;

    /// <summary>Its episode store.</summary>
    public IEpisodeRepository Repository => Get<IEpisodeRepository>();

    /// <summary>Any other of the authority's services, e.g. <c>Get&lt;LeadProfessionalSelector&gt;()</c>.</summary>
    /// <typeparam name="T">The service type.</typeparam>
    /// <returns>The authority's service.</returns>
    /// <exception cref="InvalidOperationException">The host registered no such service for the authority.</exception>
    public T Get<T>()
        where T : notnull => _services.GetRequiredKeyedService<T>(_key);

    /// <summary>The authority's national-data extract settings (profile, taxonomy, framework; NAT-01..05).</summary>
    /// <remarks>For the default authority of a single-authority host: the shipped profile with its closure taxonomy and thresholds framework.</remarks>
    public NationalDataExtractSettings NationalData => _key is null
        ? new NationalDataExtractSettings { Taxonomy = ClosureTaxonomy, Framework = Thresholds.Framework }
        : Get<NationalDataExtractSettings>();
}
