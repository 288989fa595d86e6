using System;
using System.Collections.Generic;
using Ardalis.GuardClauses;
using Caf.Core.Annotations;
using Caf.Core.Closure;
using Caf.Core.Configuration;

namespace Caf.Core.Policy;

/// <summary>
/// One version of an authority's policy: the <see cref="CafOptions"/> and the closure taxonomy (CLOSE-10) in effect
/// from a date, under an id every event accepted under it records (<see cref="Events.CafEvent.PolicyVersion"/>).
/// A stored history is replayed under the versions its events name, so it reads back the same after any later
/// change (docs/policy-versions.md).
/// </summary>
/// <threadsafety>This type is immutable and thread-safe.</threadsafety>
[Immutable]
public sealed class PolicyVersion
{
    /// <summary>The longest id accepted (ids are stored with every event).</summary>
    public const int MaxIdLength = 64;

    private readonly CafOptions _options;

    /// <summary>Creates a version.</summary>
    /// <param name="id">The version's id, e.g. <c>"2027-04"</c>: 1 to 64 characters, letters, digits and <c>.-_</c>; stored with every event.</param>
    /// <param name="effectiveFrom">The first day (UTC) commands are judged under this version.</param>
    /// <param name="options">The options (validated here; copied, so later changes have no effect).</param>
    /// <param name="closureTaxonomy">The closure taxonomy (CLOSE-10); <see cref="ClosureTaxonomy.Default"/> when null.</param>
    /// <exception cref="ArgumentException">The id is not valid, the options are null, or the options are invalid (every problem listed).</exception>
    public PolicyVersion(string id, DateOnly effectiveFrom, CafOptions options, ClosureTaxonomy? closureTaxonomy = null)
    {
        Guard.Against.Null(options);
        if (IdProblem(id) is { } problem)
        {
            throw new ArgumentException(problem, nameof(id));
        }

        var problems = options.Validate();
        if (problems.Count > 0)
        {
            throw new ArgumentException(
                $"Invalid options for policy version \"{id}\":" + Environment.NewLine + "- " + string.Join(Environment.NewLine + "- ", problems), nameof(options));
        }

        Id = id;
        EffectiveFrom = effectiveFrom;
        _options = OptionsCopy.Of(options);
        ClosureTaxonomy = closureTaxonomy ?? ClosureTaxonomy.Default;
    }

    /// <summary>The version's id, stored with every event accepted under it.</summary>
    public string Id { get; }

    /// <summary>The first day (UTC) from which commands are judged under this version.</summary>
    public DateOnly EffectiveFrom { get; }

    /// <summary>The closure taxonomy of this version (CLOSE-10).</summary>
    public ClosureTaxonomy ClosureTaxonomy { get; }

    /// <summary>A copy of the version's options (changing it has no effect on the version).</summary>
    /// <returns>The options.</returns>
    public CafOptions GetOptions() => OptionsCopy.Of(_options);

    /// <summary>The options, not copied (the library only reads them).</summary>
    internal CafOptions Options => _options;

    /// <inheritdoc />
    public override string ToString() => $"{Id} (from {EffectiveFrom:yyyy-MM-dd})";

    /// <summary>What is wrong with an id, or null when it is valid.</summary>
    internal static string? IdProblem(string? id)
    {
        if (string.IsNullOrWhiteSpace(id))
        {
            return "A policy version needs an id (e.g. \"2027-04\").";
        }

        if (id.Length > MaxIdLength)
        {
            return $"Policy version id \"{id[..16]}...\" is longer than {MaxIdLength} characters.";
        }

        foreach (var c in id)
        {
            if (!(char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.'))
            {
                return $"Policy version id \"{id}\" may hold only letters, digits, '-', '_' and '.'.";
            }
        }

        return null;
    }

    /// <summary>Every problem of a version's id and options, each naming the version; for start-up checks.</summary>
    internal static void Check(string? id, CafOptions? options, ICollection<string> problems)
    {
        if (IdProblem(id) is { } idProblem)
        {
            problems.Add(idProblem);
        }

        if (options is null)
        {
            problems.Add($"Policy version \"{id}\" has no options.");
            return;
        }

        foreach (var problem in options.Validate())
        {
            problems.Add($"Policy version \"{id}\": {problem}");
        }
    }
}
