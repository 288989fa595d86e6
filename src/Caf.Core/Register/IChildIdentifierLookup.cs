using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using Caf.Core.Primitives;

namespace Caf.Core.Register;

/// <summary>
/// LAW-03: finds the children a consistent identifier (the NHS number) was recorded for, so the register can find a
/// child's episodes by it (<see cref="CafRegister.FindOpenAsync(NhsNumber, Actor, CancellationToken)"/>). A store
/// implements it beside <see cref="IEpisodeRepository"/>: the in-memory store and the EF Core store do.
/// </summary>
public interface IChildIdentifierLookup
{
    /// <summary>The children whose episodes record the NHS number, by id (normally one).</summary>
    /// <param name="nhsNumber">The NHS number.</param>
    /// <param name="cancellationToken">Cancellation.</param>
    /// <returns>The children's ids, sorted; empty when none.</returns>
    ValueTask<IReadOnlyList<ChildId>> ChildrenWithAsync(NhsNumber nhsNumber, CancellationToken cancellationToken = default);
}
