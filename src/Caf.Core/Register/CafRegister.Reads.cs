using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Ardalis.GuardClauses;
using Caf.Core.Lifecycle;
using Caf.Core.Primitives;
using Caf.Core.Reads;
using Caf.Core.Register.Specifications;

namespace Caf.Core.Register;

/// <summary>The register's audited reads (LAW-04) and its lookups by the child's consistent identifier (LAW-03).</summary>
public sealed partial class CafRegister
{
    /// <summary>The purpose recorded for a register check's answer (LAW-04).</summary>
    public const string RegisterCheckPurpose = "Register check: is a CAF open for the child, and whom to contact (REG-02)";

    /// <summary>
    /// LAW-03, REG-02: as <see cref="FindOpenAsync(ChildId, Actor, CancellationToken)"/>, finding the child by the NHS
    /// number recorded on their episodes; the answer is gated by consent (SHARE-01) and audited (SHARE-03, LAW-04) the same way.
    /// </summary>
    /// <param name="nhsNumber">The child's NHS number.</param>
    /// <param name="askedBy">The practitioner asking, and their agency.</param>
    /// <param name="cancellationToken">Cancellation.</param>
    /// <returns>The answer; <see cref="RegisterAnswer.None"/> when no child with that number has an open episode.</returns>
    /// <exception cref="ArgumentException"><paramref name="nhsNumber"/> or <paramref name="askedBy"/> is default.</exception>
    /// <exception cref="NotSupportedException">The store cannot look children up by NHS number (it does not implement <see cref="IChildIdentifierLookup"/>).</exception>
    [System.Diagnostics.CodeAnalysis.SuppressMessage("ApiDesign", "RS0026:Do not add multiple public overloads with optional parameters",
        Justification = "The second parameter's type (an actor, a read context) or the first's (a child id, an NHS number) selects one overload unambiguously.")]
    public async ValueTask<RegisterAnswer> FindOpenAsync(NhsNumber nhsNumber, Actor askedBy, CancellationToken cancellationToken = default)
    {
        GuardActor(askedBy);
        foreach (var child in await ChildrenWithAsync(nhsNumber, cancellationToken).ConfigureAwait(false))
        {
            var open = await _repository.ListAsync(new OpenEpisodesOfChildSpec(child), cancellationToken).ConfigureAwait(false);
            if (open.Count > 0)
            {
                return await AnswerAsync(open[0], askedBy, cancellationToken).ConfigureAwait(false);
            }
        }

        return RegisterAnswer.None;
    }

    /// <summary>
    /// LAW-04: all the child's episodes, oldest first, for a person reading them: each summary shown is recorded in the
    /// read audit (who, when, purpose, basis) first; on the family's consent, episodes that exclude the reader's agency are
    /// left out (SHARE-01).
    /// </summary>
    /// <param name="child">The child.</param>
    /// <param name="reader">Who reads, why, on which basis.</param>
    /// <param name="cancellationToken">Cancellation.</param>
    /// <returns>The summaries shown.</returns>
    /// <exception cref="ArgumentException"><paramref name="child"/> is default or <paramref name="reader"/> null.</exception>
    [System.Diagnostics.CodeAnalysis.SuppressMessage("ApiDesign", "RS0026:Do not add multiple public overloads with optional parameters",
        Justification = "The second parameter's type (an actor, a read context) or the first's (a child id, an NHS number) selects one overload unambiguously.")]
    public ValueTask<IReadOnlyList<EpisodeSummary>> HistoryOfAsync(ChildId child, ReadContext reader, CancellationToken cancellationToken = default)
    {
        GuardChild(child);
        Guard.Against.Null(reader);
        return _reads.ListAsync(new EpisodesOfChildSpec(child), reader, cancellationToken);
    }

    /// <summary>
    /// LAW-03, LAW-04: as <see cref="HistoryOfAsync(ChildId, ReadContext, CancellationToken)"/>, finding the child by the
    /// NHS number recorded on their episodes.
    /// </summary>
    /// <param name="nhsNumber">The child's NHS number.</param>
    /// <param name="reader">Who reads, why, on which basis.</param>
    /// <param name="cancellationToken">Cancellation.</param>
    /// <returns>The summaries shown, oldest first; empty when no episode records the number.</returns>
    /// <exception cref="ArgumentException"><paramref name="nhsNumber"/> is default or <paramref name="reader"/> null.</exception>
    /// <exception cref="NotSupportedException">The store cannot look children up by NHS number.</exception>
    [System.Diagnostics.CodeAnalysis.SuppressMessage("ApiDesign", "RS0026:Do not add multiple public overloads with optional parameters",
        Justification = "The second parameter's type (an actor, a read context) or the first's (a child id, an NHS number) selects one overload unambiguously.")]
    public async ValueTask<IReadOnlyList<EpisodeSummary>> HistoryOfAsync(NhsNumber nhsNumber, ReadContext reader, CancellationToken cancellationToken = default)
    {
        Guard.Against.Null(reader);
        var all = new List<EpisodeSummary>();
        foreach (var child in await ChildrenWithAsync(nhsNumber, cancellationToken).ConfigureAwait(false))
        {
            all.AddRange(await _repository.ListAsync(new EpisodesOfChildSpec(child), cancellationToken).ConfigureAwait(false));
        }

        return await _reads.ShownAsync([.. all.OrderBy(s => s.OpenedAt).ThenBy(s => s.Id)], reader, ReadItems.RegisterSummary, cancellationToken)
            .ConfigureAwait(false);
    }

    /// <summary>
    /// LAW-04: loads an episode for a person reading it; the read is recorded first. On the family's consent a reader
    /// whose agency the family excluded is refused (SHARE-01) and nothing is recorded.
    /// </summary>
    /// <param name="id">The episode.</param>
    /// <param name="reader">Who reads, why, on which basis.</param>
    /// <param name="cancellationToken">Cancellation.</param>
    /// <returns>The episode, <see cref="StoreCodes.NotFound"/>, or SHARE-01 (recorded in the sharing audit, SHARE-04).</returns>
    /// <exception cref="ArgumentException"><paramref name="id"/> is default or <paramref name="reader"/> null.</exception>
    public async ValueTask<Result<CafEpisode>> ReadAsync(EpisodeId id, ReadContext reader, CancellationToken cancellationToken = default)
    {
        var read = await _reads.GetAsync(id, reader, cancellationToken).ConfigureAwait(false);
        if (read.IsRefused && read.Refusal.RuleId == "SHARE-01")
        {
            // SHARE-04: the refusal is on the sharing record, as the web adapter's gate records its own.
            _policy.Sharing.Record(new Consent.SharingAuditEntry(
                id, reader.Reader.Agency, Consent.SharingPurpose.EpisodeWork, new Consent.SharingDecision(false, "SHARE-01", read.Refusal.Message),
                reader.Reader, _policy.Time.GetUtcNow()));
        }

        return read;
    }

    /// <summary>
    /// REG-03, LAW-04: the episodes in a family group for a person reading them, as
    /// <see cref="HistoryOfAsync(ChildId, ReadContext, CancellationToken)"/> lists a child's: each summary shown is recorded
    /// in the read audit first; on the family's consent, episodes that exclude the reader's agency are left out (SHARE-01).
    /// </summary>
    /// <param name="familyGroup">The family group id.</param>
    /// <param name="reader">Who reads, why, on which basis.</param>
    /// <param name="cancellationToken">Cancellation.</param>
    /// <returns>The summaries shown.</returns>
    /// <exception cref="ArgumentException"><paramref name="familyGroup"/> is blank.</exception>
    /// <exception cref="ArgumentNullException"><paramref name="reader"/> is null.</exception>
    [System.Diagnostics.CodeAnalysis.SuppressMessage("ApiDesign", "RS0026:Do not add multiple public overloads with optional parameters",
        Justification = "The second parameter's type (a read context) selects the audited overload unambiguously.")]
    public ValueTask<IReadOnlyList<EpisodeSummary>> FamilyAsync(string familyGroup, ReadContext reader, CancellationToken cancellationToken = default)
    {
        Guard.Against.NullOrWhiteSpace(familyGroup);
        Guard.Against.Null(reader);
        return _reads.ListAsync(new FamilyGroupSpec(familyGroup), reader, cancellationToken);
    }

    /// <summary>LAW-04: who has seen the child's record, oldest first (empty when the policy keeps no read audit, <see cref="EpisodePolicy.Reads"/>).</summary>
    /// <param name="child">The child.</param>
    /// <param name="cancellationToken">Cancellation.</param>
    /// <returns>The recorded reads of the child's episodes.</returns>
    /// <exception cref="ArgumentException"><paramref name="child"/> is default.</exception>
    public ValueTask<IReadOnlyList<ReadAuditEntry>> ReadersOfAsync(ChildId child, CancellationToken cancellationToken = default)
    {
        GuardChild(child);
        return _reads.ReadersOfAsync(child, cancellationToken);
    }

    private ValueTask<IReadOnlyList<ChildId>> ChildrenWithAsync(NhsNumber nhsNumber, CancellationToken cancellationToken)
    {
        if (nhsNumber.IsDefault)
        {
            throw new ArgumentException("NhsNumber must not be default.", nameof(nhsNumber));
        }

        return _repository is IChildIdentifierLookup lookup
            ? lookup.ChildrenWithAsync(nhsNumber, cancellationToken)
            : throw new NotSupportedException(
                $"The store ({_repository.GetType().Name}) cannot find children by NHS number: it does not implement IChildIdentifierLookup (LAW-03).");
    }
}
