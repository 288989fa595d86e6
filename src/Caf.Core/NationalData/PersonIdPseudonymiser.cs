using System;
using System.Security.Cryptography;
using System.Text;
using Ardalis.GuardClauses;
using Caf.Core.Annotations;

namespace Caf.Core.NationalData;

/// <summary>
/// NAT-05: replaces a child's id in an extract by a keyed hash: <c>ps-</c> and the lowercase hex of
/// HMAC-SHA256(key, UTF-8 id). The same key gives the same pseudonym in every run, so a warehouse can link a
/// child's episodes across extracts; without the key the id cannot be recovered or checked by guessing.
/// </summary>
/// <remarks>
/// The key is the host's secret (at least <see cref="MinimumKeyLength"/> bytes, e.g. from a key vault), never
/// configuration in plain text; the pseudonymiser keeps its own copy. A pseudonym is 67 characters and never equal
/// to the id it replaces (that would need an HMAC fixed point).
/// </remarks>
/// <threadsafety>This type is immutable and thread-safe.</threadsafety>
[Immutable]
public sealed class PersonIdPseudonymiser
{
    /// <summary>The shortest key accepted, in bytes (256 bits, the hash's own length).</summary>
    public const int MinimumKeyLength = 32;

    /// <summary>The prefix every pseudonym carries.</summary>
    public const string Prefix = "ps-";

    private readonly byte[] _key;

    /// <summary>Creates a pseudonymiser with the host's key.</summary>
    /// <param name="key">The secret key, at least <see cref="MinimumKeyLength"/> bytes.</param>
    /// <exception cref="ArgumentException">The key is shorter than <see cref="MinimumKeyLength"/> bytes.</exception>
    public PersonIdPseudonymiser(ReadOnlySpan<byte> key)
    {
        if (key.Length < MinimumKeyLength)
        {
            throw new ArgumentException($"The pseudonymisation key needs at least {MinimumKeyLength} bytes; got {key.Length} (NAT-05).", nameof(key));
        }

        _key = key.ToArray();
    }

    /// <summary>The pseudonym of an id.</summary>
    /// <param name="id">The host's id of the child.</param>
    /// <returns><c>ps-</c> and 64 lowercase hex digits.</returns>
    /// <exception cref="ArgumentException"><paramref name="id"/> is null, empty or white space.</exception>
    public string Pseudonymise(string id)
    {
        Guard.Against.NullOrWhiteSpace(id);
        var hash = HMACSHA256.HashData(_key, Encoding.UTF8.GetBytes(id));
        return Prefix + Convert.ToHexString(hash).ToLowerInvariant();
    }

    /// <inheritdoc />
    public override string ToString() => "PersonIdPseudonymiser (HMAC-SHA256, key not shown)";
}
