using System;
using System.Diagnostics.CodeAnalysis;
using Ardalis.GuardClauses;
using Caf.Core.Primitives;
using Microsoft.AspNetCore.Http;

namespace Caf.Core.AspNetCore;

/// <summary>
/// Where the web adapter finds a command's idempotency key (docs/storage.md "Idempotent commands"): the
/// <c>Idempotency-Key</c> request header, or, for a posted form, its hidden <c>idempotencyKey</c> field (a key generated
/// when the form is rendered, so a form submitted twice records once). The command endpoints
/// (<see cref="Microsoft.AspNetCore.Routing.CafEpisodeEndpoints.MapCafCommand{TBody}"/>) read it; a Razor page passes it to
/// <see cref="CafEpisodeAccess.ExecuteAsync(EpisodeId, Actor, Caf.Core.Lifecycle.EpisodeAction, IdempotencyKey?, Func{Caf.Core.Lifecycle.CafEpisode, Result}, System.Threading.CancellationToken)"/>.
/// </summary>
public static class CafIdempotency
{
    /// <summary>The request header that carries the key.</summary>
    public const string HeaderName = "Idempotency-Key";

    /// <summary>The name of a form's hidden field that carries the key.</summary>
    public const string FormField = "idempotencyKey";

    /// <summary>
    /// Reads the request's key: the header if present, otherwise the form field when the request has a form body (read
    /// already, as model binding does in Razor Pages). No key is not a problem: the command runs unkeyed.
    /// </summary>
    /// <param name="request">The request.</param>
    /// <param name="key">The key, or null when the request carries none.</param>
    /// <param name="problem">Why the key sent is not one (sent twice, empty, longer than <see cref="IdempotencyKey.MaxLength"/>,
    /// or not visible ASCII); null when <paramref name="key"/> is usable.</param>
    /// <returns>True when the request carries a valid key or none.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="request"/> is null.</exception>
    public static bool TryRead(HttpRequest request, out IdempotencyKey? key, [NotNullWhen(false)] out string? problem)
    {
        Guard.Against.Null(request);
        key = null;
        problem = null;
        var (values, where) = request.Headers.TryGetValue(HeaderName, out var header)
            ? (header, $"The {HeaderName} header")
            : request.HasFormContentType && request.Form.TryGetValue(FormField, out var field)
                ? (field, $"The form's {FormField} field")
                : (default, null);
        if (where is null)
        {
            return true;
        }

        if (values.Count != 1)
        {
            problem = $"{where} is sent once, with one value.";
            return false;
        }

        if (!IdempotencyKey.TryParse(values[0], out var parsed))
        {
            problem = $"{where} must be 1 to {IdempotencyKey.MaxLength} visible ASCII characters (letters, digits, punctuation; no spaces), e.g. a GUID.";
            return false;
        }

        key = parsed;
        return true;
    }
}
