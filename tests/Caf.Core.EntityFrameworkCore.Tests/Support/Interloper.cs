using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using Ardalis.Specification;
using Caf.Core.Lifecycle;
using Caf.Core.Primitives;
using Caf.Core.Register;

namespace Caf.Core.EntityFrameworkCore.Tests.Support;

/// <summary>A store whose first save is preceded by another writer's save: a lost race, made deterministic.</summary>
public sealed class Interloper(IEpisodeRepository inner, Func<Task> interrupt) : IEpisodeRepository
{
    public int Saves { get; private set; }

    public ValueTask<CafEpisode?> GetAsync(EpisodeId id, CancellationToken cancellationToken = default) => inner.GetAsync(id, cancellationToken);

    public ValueTask<Result> AddAsync(CafEpisode episode, CancellationToken cancellationToken = default) => inner.AddAsync(episode, cancellationToken);

    public async ValueTask<Result> UpdateAsync(CafEpisode episode, int expectedVersion, CancellationToken cancellationToken = default)
    {
        await InterruptOnceAsync();
        return await inner.UpdateAsync(episode, expectedVersion, cancellationToken);
    }

    public async ValueTask<Result> UpdateManyAsync(IReadOnlyList<EpisodeUpdate> updates, CancellationToken cancellationToken = default)
    {
        await InterruptOnceAsync();
        return await inner.UpdateManyAsync(updates, cancellationToken);
    }

    public ValueTask<IReadOnlyList<EpisodeSummary>> ListAsync(ISpecification<EpisodeSummary> specification, CancellationToken cancellationToken = default) =>
        inner.ListAsync(specification, cancellationToken);

    private async Task InterruptOnceAsync()
    {
        if (Saves++ == 0)
        {
            await interrupt();
        }
    }
}
