using System;
using Ardalis.GuardClauses;
using Caf.Core.Lifecycle;
using Caf.Core.Primitives;

namespace Caf.Core.Register;

/// <summary>
/// The check every register and store makes before it writes an episode (docs/authorities.md): an episode belongs to
/// one authority (<see cref="CafEpisode.Authority"/>), and a store scoped to another must never write it. A store a
/// host writes itself calls <see cref="ThrowIfOtherAuthority"/> on every add and update, so a wrong authority stamped
/// on data is a programming error found at once, not a row found later.
/// </summary>
public static class AuthorityScope
{
    /// <summary>Throws when an episode belongs to another authority than the store's or register's.</summary>
    /// <param name="episode">The episode about to be written.</param>
    /// <param name="authority">The authority the store or register is scoped to.</param>
    /// <param name="parameterName">The caller's parameter holding the episode, for the exception.</param>
    /// <exception cref="ArgumentException">The episode is null, <paramref name="authority"/> is <c>default</c>, or the episode belongs to another authority.</exception>
    public static void ThrowIfOtherAuthority(CafEpisode episode, AuthorityId authority, string parameterName = "episode")
    {
        Guard.Against.Null(episode, parameterName);
        if (authority.IsDefault)
        {
            throw new ArgumentException("A store or register needs a valid AuthorityId, not default(AuthorityId).", nameof(authority));
        }

        if (episode.Authority != authority)
        {
            throw new ArgumentException(
                $"Episode {episode.Id} belongs to authority '{episode.Authority}', and this store or register is scoped to authority '{authority}': an episode is written only by its own authority's register (docs/authorities.md).",
                parameterName);
        }
    }
}
