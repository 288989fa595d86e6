using System;
using System.Collections.Immutable;
using System.Diagnostics;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Ardalis.GuardClauses;
using Caf.Core.AspNetCore;
using Caf.Core.Consent;
using Caf.Core.Diagnostics;
using Caf.Core.Lifecycle;
using Caf.Core.Primitives;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

// Conventional namespace for endpoint extensions, so hosts find MapCafEpisodes without a using.
namespace Microsoft.AspNetCore.Routing;

/// <summary>
/// Minimal-API endpoints for an episode, every one behind the sharing gate for the caller (<see cref="CafEpisodeAccess"/>):
/// read it for a UI, list what may happen next and why not the rest, and run commands. Refusals answer as RFC 9457
/// problem details (<see cref="CafProblemDetails"/>); a request with no caller answers 401. Every endpoint serves the
/// caller's local authority only (<see cref="CafAuthorityRequests.TryGetCafAuthority"/>: its keyed services in a host of
/// several authorities; 401 or 403 for a caller with no or an undeclared authority there), and another authority's
/// episode is answered as a missing one (404). Each answer that is not a
/// success is logged (<see cref="CafAspNetCoreLogEvents"/>: the status and the rule id, no personal data), and a refusal
/// tags the request's activity with <c>caf.rule.id</c>.
/// </summary>
public static partial class CafEpisodeEndpoints
{
    /// <summary>
    /// Maps the episode endpoints under <paramref name="prefix"/>:
    /// <c>GET /</c> (the caller's agency's caseload, <see cref="CaseloadEntryView"/>, consent-gated, SHARE-01),
    /// <c>POST /</c> (a concern identified: open an episode through the register, <see cref="OpenEpisodeRequest"/>, LIFE-01/03),
    /// <c>GET {id}</c> (the <see cref="EpisodeView"/> for the caller), <c>GET {id}/actions</c> (the <see cref="ActionView"/> list for the caller),
    /// <c>GET {id}/sharing</c> (what went to whom, when and on which basis: the family's view of the hand-overs,
    /// <see cref="FamilySharingLineView"/>, LAW-01; gated and read-audited like <c>GET {id}</c>, LAW-04),
    /// <c>POST {id}/consent</c> (<see cref="RecordConsentRequest"/>), <c>POST {id}/consent/withdrawal</c>
    /// (<see cref="WithdrawConsentRequest"/>), <c>POST {id}/assessment</c> (start it, <see cref="StartAssessmentRequest"/>), and the
    /// commands of the CAF as a referral, the family's copy, the step-down TAC request and the panel's aftercare (LIFE-13,
    /// LIFE-14, CONS-09, STEP-04, PANEL-06..10: see <c>docs/aspnetcore.md</c>).
    /// Map further commands on the returned group with <see cref="MapCafCommand{TBody}"/>.
    /// </summary>
    /// <param name="endpoints">The host's routes.</param>
    /// <param name="prefix">The route prefix, e.g. <c>/api/episodes</c>.</param>
    /// <returns>The group, for more commands, authorization and metadata.</returns>
    /// <exception cref="ArgumentException">An argument is null, or the prefix is empty.</exception>
    public static RouteGroupBuilder MapCafEpisodes(this IEndpointRouteBuilder endpoints, string prefix = "/caf/episodes")
    {
        Guard.Against.Null(endpoints);
        Guard.Against.NullOrWhiteSpace(prefix);
        var group = endpoints.MapGroup(prefix);

        group.MapGet("/{id}", (string id, HttpContext http, CancellationToken ct) =>
            ReadAsync(http, id, SharedItems.EpisodeRecord, (e, caller, names) => EpisodeView.Of(e, caller, names), ct));
        group.MapGet("/{id}/actions", (string id, HttpContext http, CancellationToken ct) =>
            ReadAsync(http, id, SharedItems.EpisodeRecord, (e, caller, _) => ActionView.Of(e, caller), ct));
        group.MapGet("/{id}/sharing", FamilySharingAsync);
        group.MapGet("/", CaseloadAsync);
        group.MapPost("/", OpenAsync);

        group.MapCafCommand<RecordConsentRequest>("/{id}/consent", EpisodeAction.RecordConsent, (episode, caller, body) =>
            episode.RecordConsent(caller, ToRecord(body), body.Reason!));
        group.MapCafCommand<WithdrawConsentRequest>("/{id}/consent/withdrawal", EpisodeAction.WithdrawConsent, (episode, caller, body) =>
            episode.WithdrawConsent(caller, new ConsentWithdrawal(body.WithdrawnBy, body.Reason ?? string.Empty)
            {
                Name = body.Name ?? string.Empty,
                SufficientUnderstanding = body.SufficientUnderstanding,
            }));
        group.MapCafCommand<StartAssessmentRequest>("/{id}/assessment", EpisodeAction.StartAssessment, (episode, caller, body) =>
            body.Ground is { } ground ? episode.StartAssessment(caller, ground, body.Reason!) : episode.StartAssessment(caller, body.Reason!));
        MapParticipationCommands(group);
        return group;
    }

    /// <summary>
    /// Maps <c>POST</c> of a command: the body is read as <typeparamref name="TBody"/> (JSON), the route's <c>{id}</c>
    /// names the episode, and the command runs behind the gate (<see cref="CafEpisodeAccess.ExecuteAsync(EpisodeId, Actor, EpisodeAction, IdempotencyKey?, Func{CafEpisode, Result}, CancellationToken)"/>).
    /// An <c>Idempotency-Key</c> header (<see cref="CafIdempotency"/>) makes the command once-only on the episode: the same
    /// POST sent again with the same key records nothing more and answers as the first did. Answers:
    /// 200 with the <see cref="EpisodeView"/> after the command; 204 when the command was saved but the caller may no
    /// longer see the episode; problem details for a refusal (409, 403, 404, 422) or for misuse of the command or of the
    /// key header (400).
    /// </summary>
    /// <typeparam name="TBody">The request body.</typeparam>
    /// <param name="endpoints">The routes (e.g. the group <see cref="MapCafEpisodes"/> returned).</param>
    /// <param name="pattern">The route, with an <c>{id}</c> parameter, e.g. <c>/{id}/step-up</c>.</param>
    /// <param name="action">The action the command is (see <see cref="CafEpisodeAccess"/>).</param>
    /// <param name="command">The command on the episode for the caller, e.g. <c>(e, by, body) =&gt; e.StepUp(by, body.Service, body.Reason)</c>.</param>
    /// <returns>The endpoint, for metadata.</returns>
    /// <exception cref="ArgumentException">An argument is null or empty, or <paramref name="action"/> is not defined.</exception>
    public static RouteHandlerBuilder MapCafCommand<TBody>(
        this IEndpointRouteBuilder endpoints, string pattern, EpisodeAction action, Func<CafEpisode, Actor, TBody, Result> command)
    {
        Guard.Against.Null(endpoints);
        Guard.Against.NullOrWhiteSpace(pattern);
        Guard.Against.EnumOutOfRange(action);
        Guard.Against.Null(command);
        return endpoints.MapPost(pattern, async (string id, TBody body, HttpContext http, CancellationToken ct) =>
        {
            try
            {
                if (!TryRequest(http, id, out var episodeId, out var caller, out var authority, out var problem))
                {
                    return problem;
                }

                if (!CafIdempotency.TryRead(http.Request, out var key, out var keyProblem))
                {
                    return BadRequest(http, keyProblem, CafIdempotency.HeaderName);
                }

                var access = authority.Get<CafEpisodeAccess>();
                Result<EpisodeView?> done;
                try
                {
                    done = await access.ExecuteAsync(episodeId, caller, action, key, e => command(e, caller, body), ct).ConfigureAwait(false);
                }
                catch (ArgumentException ex)
                {
                    return BadRequest(http, ex.Message, ex.ParamName);
                }

                return done.TryGetValue(out var view)
                    ? view is null ? TypedResults.NoContent() : TypedResults.Ok(view)
                    : Problem(http, done.Refusal);
            }
            catch (Exception ex) when (LogUnexpected(http, ex, ct))
            {
                throw; // never reached: the filter logs and lets the exception go on to the host
            }
        });
    }

    // GET {prefix}: the caller's agency's caseload, gated by consent (SHARE-01: an excluded agency sees nothing of that child).
    private static async Task<IResult> CaseloadAsync(HttpContext http, CancellationToken ct)
    {
        if (!TryCaller(http, out var caller, out var authority, out var problem))
        {
            return problem;
        }

        return TypedResults.Ok(await authority.Get<CafEpisodeAccess>().CaseloadAsync(caller, ct).ConfigureAwait(false));
    }

    // POST {prefix}: a concern identified (LIFE-01), through the register (LIFE-03): 201 with the new episode's view, or
    // 200 with whom to contact when the child already has an open episode.
    private static async Task<IResult> OpenAsync(OpenEpisodeRequest body, HttpContext http, CancellationToken ct)
    {
        if (!TryCaller(http, out var caller, out var authority, out var problem))
        {
            return problem;
        }

        RegistrationView registration;
        try
        {
            Guard.Against.Null(body);
            var child = new ChildDetails(new ChildId(body.ChildId!), body.DateOfBirth)
            {
                NhsNumber = string.IsNullOrWhiteSpace(body.NhsNumber) ? null : new NhsNumber(body.NhsNumber), // LAW-03: 400 naming nhsNumber when wrong
            };
            var id = string.IsNullOrWhiteSpace(body.EpisodeId) ? EpisodeId.New() : new EpisodeId(body.EpisodeId);
            registration = await authority.Get<CafEpisodeAccess>()
                .IdentifyConcernAsync(id, child, caller, body.Concern!, ct).ConfigureAwait(false);
        }
        catch (ArgumentException ex)
        {
            return CafResults.BadRequest(ex.Message, ex.ParamName);
        }

        return registration.Opened
            ? TypedResults.Created($"{http.Request.Path.Value?.TrimEnd('/')}/{registration.EpisodeId}", registration)
            : TypedResults.Ok(registration);
    }

    // GET {id}/sharing (LAW-01): the family-facing view of the episode's hand-overs, behind the gate and read-audited (LAW-04),
    // from the caller's authority's own sharing log: never another authority's.
    private static async Task<IResult> FamilySharingAsync(string id, HttpContext http, CancellationToken ct)
    {
        try
        {
            if (!TryRequest(http, id, out var episodeId, out var caller, out var authority, out var problem))
            {
                return problem;
            }

            var access = authority.Get<CafEpisodeAccess>();
            var source = authority.SharingAudit as IFamilySharingViewSource ?? authority.Get<IFamilySharingViewSource>();
            var read = await access.FamilySharingAsync(episodeId, caller, source, ct).ConfigureAwait(false);
            return read.TryGetValue(out var lines) ? TypedResults.Ok(FamilySharingLineView.Of(lines, authority.Policy.Names)) : Problem(http, read.Refusal);
        }
        catch (Exception ex) when (LogUnexpected(http, ex, ct))
        {
            throw; // never reached: the filter logs and lets the exception go on to the host
        }
    }

    private static async Task<IResult> ReadAsync<T>(HttpContext http, string id, SharedItems shown, Func<CafEpisode, Actor, ICafNames, T> view, CancellationToken ct)
    {
        try
        {
            if (!TryRequest(http, id, out var episodeId, out var caller, out var authority, out var problem))
            {
                return problem;
            }

            var read = await authority.Get<CafEpisodeAccess>().ReadAsync(episodeId, caller, shown, ct).ConfigureAwait(false);
            return read.TryGetValue(out var episode) ? TypedResults.Ok(view(episode, caller, authority.Policy.Names)) : Problem(http, read.Refusal);
        }
        catch (Exception ex) when (LogUnexpected(http, ex, ct))
        {
            throw; // never reached: the filter logs and lets the exception go on to the host
        }
    }

    private static bool TryRequest(HttpContext http, string id, out EpisodeId episodeId, out Actor caller, out Caf.Core.DependencyInjection.CafAuthorityServices authority, out IResult problem)
    {
        episodeId = default;
        if (!TryCaller(http, out caller, out authority, out problem))
        {
            return false;
        }

        try
        {
            episodeId = new EpisodeId(id);
        }
        catch (ArgumentException ex)
        {
            problem = BadRequest(http, ex.Message, "id");
            return false;
        }

        return true;
    }

    // Who calls (401 when nobody), then for which authority (401/403, docs/authorities.md): every endpoint asks both first.
    private static bool TryCaller(HttpContext http, out Actor caller, out Caf.Core.DependencyInjection.CafAuthorityServices authority, out IResult problem)
    {
        caller = default;
        authority = null!;
        problem = null!;
        if (http.RequestServices.GetRequiredService<ICafCallerAccessor>().GetCaller(http) is not { IsDefault: false } who)
        {
            AdapterLog.NotSignedIn(Logger(http), Route(http));
            problem = CafResults.NotSignedIn();
            return false;
        }

        if (!http.TryGetCafAuthority(out var served, out var refused))
        {
            AdapterLog.AuthorityRefused(Logger(http), refused.Status ?? StatusCodes.Status403Forbidden, Route(http));
            problem = TypedResults.Problem(refused);
            return false;
        }

        caller = who;
        authority = served;
        return true;
    }

    private static IResult Problem(HttpContext http, Refusal refusal)
    {
        var options = http.RequestServices.GetRequiredService<IOptions<CafAspNetCoreOptions>>().Value;
        http.Features.Get<IHttpActivityFeature>()?.Activity.SetTag(CafTelemetry.RuleIdTag, refusal.RuleId);
        AdapterLog.RefusalAnswered(Logger(http), CafProblemDetails.StatusCodeFor(refusal), refusal.RuleId, Route(http));
        return CafResults.Problem(refusal, http.Request.Path, options.RuleDocumentation);
    }

    private static IResult BadRequest(HttpContext http, string detail, string? parameter)
    {
        AdapterLog.BadRequestAnswered(Logger(http), Route(http), parameter ?? "(none)");
        return CafResults.BadRequest(detail, parameter);
    }

    /// <summary>Logs an exception the endpoint does not answer (not a request the client abandoned); always false, so it goes on unwound.</summary>
    private static bool LogUnexpected(HttpContext http, Exception exception, CancellationToken ct)
    {
        if (!(exception is OperationCanceledException && ct.IsCancellationRequested))
        {
            AdapterLog.UnexpectedException(Logger(http), Route(http), AdapterLog.TypeOf(exception));
        }

        return false;
    }

    private static ILogger Logger(HttpContext http) =>
        http.RequestServices.GetService<ILoggerFactory>()?.CreateLogger(CafAspNetCoreLogEvents.Category) ?? NullLogger.Instance;

    // The route template (e.g. /api/episodes/{id}/consent), never the path: the path carries the episode id.
    private static string Route(HttpContext http) => (http.GetEndpoint() as RouteEndpoint)?.RoutePattern.RawText ?? "(unknown route)";

    private static ConsentRecord ToRecord(RecordConsentRequest body)
    {
        Guard.Against.Null(body);
        ImmutableArray<AgencyId> excluded = [.. (body.ExcludedAgencies ?? []).Where(a => !string.IsNullOrWhiteSpace(a)).Select(a => new AgencyId(a.Trim()))];
        return new ConsentRecord(body.GiverRole, body.GiverName!, body.Decision, body.Form, excluded, body.SufficientUnderstanding) { SharingExplained = body.SharingExplained };
    }
}
