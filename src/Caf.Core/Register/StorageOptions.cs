using System.Collections.Generic;
using Caf.Core.Annotations;

namespace Caf.Core.Register;

/// <summary>Saving episodes through the register (docs/storage.md).</summary>
/// <threadsafety>Mutable; configure on one thread before use. The register copies the values when it is created.</threadsafety>
[Mutable]
public sealed class StorageOptions
{
    /// <summary>
    /// How many times <see cref="CafRegister.ExecuteAsync(Primitives.EpisodeId, System.Func{Lifecycle.CafEpisode, Primitives.Result}, System.Threading.CancellationToken)"/>
    /// reloads the episode and runs the command again after a concurrency conflict (someone saved the episode after
    /// it was loaded) before it returns <see cref="StoreCodes.Concurrency"/>. 0 returns the first conflict.
    /// </summary>
    /// <value>Default 3 (so a command runs at most 4 times); 0 to 100.</value>
    public int ConcurrencyRetries { get; set; } = 3;

    internal void Validate(ICollection<string> problems)
    {
        if (ConcurrencyRetries is < 0 or > 100)
        {
            problems.Add($"Storage.ConcurrencyRetries must be 0 to 100; got {ConcurrencyRetries}.");
        }
    }
}
