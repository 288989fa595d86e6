using System;
using System.Collections.Immutable;
using Caf.Core.Annotations;
using Caf.Core.Lifecycle;
using Caf.Core.Primitives;

namespace Caf.Core.Register;

/// <summary>
/// The register's answer to a new concern (LIFE-03): either a new episode was opened (linked to the
/// child's earlier, closed episodes), or the child already has an open episode and the practitioner
/// contributes to it — the answer names its lead professional (REG-02).
/// </summary>
/// <threadsafety>This type is immutable and thread-safe.</threadsafety>
[Immutable]
public sealed record Registration
{
    /// <summary>Value equality: the collections are compared element by element (the compiler's would compare them by reference).</summary>
    /// <param name="other">The other value.</param>
    /// <returns>True when every member is equal.</returns>
    public bool Equals(Registration? other) =>
        other is not null && ReferenceEquals(Opened, other.Opened) && Answer == other.Answer && Refusal == other.Refusal
        && Explanation == other.Explanation && ValueEquality.Equal(LinkedPreviousEpisodes, other.LinkedPreviousEpisodes);

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(Opened, Answer, Refusal, Explanation, ValueEquality.Hash(LinkedPreviousEpisodes));


    private Registration(CafEpisode? opened, RegisterAnswer? existing, ImmutableArray<EpisodeId> linked, string explanation, Refusal? refusal = null)
    {
        Opened = opened;
        Answer = existing;
        LinkedPreviousEpisodes = linked;
        Explanation = explanation;
        Refusal = refusal;
    }

    /// <summary>True when a new episode was opened.</summary>
    public bool OpenedNewEpisode => Opened is not null;

    /// <summary>The new episode, already stored; null when contributing to an existing one.</summary>
    public CafEpisode? Opened { get; }

    /// <summary>
    /// The child's open episode to contribute to; null when a new one was opened, or when the family excluded the
    /// practitioner's agency (then only <see cref="ExistingLeadProfessional"/> is given, SHARE-01).
    /// </summary>
    public EpisodeSummary? Existing => Answer?.Episode;

    /// <summary>The register's answer about the open episode, if contributing (REG-02, SHARE-01).</summary>
    public RegisterAnswer? Answer { get; }

    /// <summary>The lead professional to contact about the existing episode (REG-02), if contributing.</summary>
    public PractitionerId? ExistingLeadProfessional => Answer?.Contact;

    /// <summary>True when the register could not complete the registration (see <see cref="Refusal"/>); nothing was stored.</summary>
    public bool IsRefused => Refusal is not null;

    /// <summary>Why the registration could not complete (e.g. the register kept changing under contention), or null.</summary>
    public Refusal? Refusal { get; }

    /// <summary>Earlier, closed episodes the new episode is linked to (LIFE-03).</summary>
    public ImmutableArray<EpisodeId> LinkedPreviousEpisodes { get; }

    /// <summary>What happened and why, for the practitioner.</summary>
    public string Explanation { get; }

    internal static Registration NewEpisode(CafEpisode episode) => new(
        episode, null, episode.PreviousEpisodes,
        episode.PreviousEpisodes.IsEmpty
            ? "LIFE-03: no episode on the register for this child; a new episode was opened."
            : $"LIFE-03: the child's earlier episodes are closed; a new episode was opened and linked to {string.Join(", ", episode.PreviousEpisodes)}.");

    internal static Registration Contribute(RegisterAnswer existing) => new(null, existing, [], existing.Explanation);

    internal static Registration Refused(Refusal refusal) => new(null, null, [], refusal.Message, refusal);
}
