using System;
using Caf.Core.Annotations;
using Caf.Core.Consent;
using Caf.Core.Primitives;

namespace Caf.Core.Reads;

/// <summary>
/// LAW-04: who reads a child's record, for which purpose and on which basis; passed to every audited read
/// (<see cref="AuditedEpisodeReads"/>, the register's reads with a reader) and recorded with what was read.
/// </summary>
/// <threadsafety>This type is immutable and thread-safe.</threadsafety>
[Immutable]
public sealed record ReadContext
{
    /// <summary>Creates the context.</summary>
    /// <param name="reader">The practitioner reading, and their agency.</param>
    /// <param name="purpose">Why, in words a family would understand (e.g. "Preparing the review meeting").</param>
    /// <param name="basis">The legal basis of the read.</param>
    /// <exception cref="ArgumentException">The reader is default, the purpose blank, or the basis not defined.</exception>
    public ReadContext(Actor reader, string purpose, LegalBasis basis)
    {
        if (reader.IsDefault)
        {
            throw new ArgumentException("A read needs a reader: a practitioner and an agency (LAW-04).", nameof(reader));
        }

        if (string.IsNullOrWhiteSpace(purpose))
        {
            throw new ArgumentException("A read needs a purpose, recorded with it (LAW-04).", nameof(purpose));
        }

        if (!Enum.IsDefined(basis))
        {
            throw new ArgumentException($"Read basis {(int)basis} is not defined.", nameof(basis));
        }

        Reader = reader;
        Purpose = purpose.Trim();
        Basis = basis;
    }

    /// <summary>Who reads.</summary>
    public Actor Reader { get; }

    /// <summary>Why.</summary>
    public string Purpose { get; }

    /// <summary>On which legal basis.</summary>
    public LegalBasis Basis { get; }
}
