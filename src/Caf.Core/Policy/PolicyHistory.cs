using System;
using System.Collections.Frozen;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using Ardalis.GuardClauses;
using Caf.Core.Annotations;
using Caf.Core.Closure;
using Caf.Core.Configuration;

namespace Caf.Core.Policy;

/// <summary>
/// An authority's policy over time: its versions in order of their effective dates. The version in effect on a
/// day judges the commands of that day; a stored event is judged under the version it names, or — for events
/// stored before versions existed, which name none — under the version in effect at its time (docs/policy-versions.md).
/// </summary>
/// <threadsafety>This type is immutable and thread-safe.</threadsafety>
[Immutable]
public sealed class PolicyHistory
{
    /// <summary>
    /// The id of the version a single policy is (<see cref="Single"/>, and what <c>AddCafCore</c> registers from
    /// <see cref="CafOptions"/>): <c>"default"</c>, in effect from <see cref="DateOnly.MinValue"/>.
    /// </summary>
    public const string DefaultVersionId = "default";

    private readonly FrozenDictionary<string, int> _byId;

    /// <summary>Creates a history.</summary>
    /// <param name="versions">The versions, in order of their effective dates (each later than the one before).</param>
    /// <exception cref="ArgumentException">There is no version, a version is null, two share an id, or the dates are not strictly increasing (every problem listed).</exception>
    public PolicyHistory(IEnumerable<PolicyVersion> versions)
    {
        Guard.Against.Null(versions);
        var list = versions.ToImmutableArray();
        var problems = Problems(list);
        if (problems.Count > 0)
        {
            throw new ArgumentException(
                "Invalid policy history:" + Environment.NewLine + "- " + string.Join(Environment.NewLine + "- ", problems), nameof(versions));
        }

        Versions = list;
        _byId = list.Select((v, i) => KeyValuePair.Create(v.Id, i)).ToFrozenDictionary(StringComparer.Ordinal);
    }

    /// <summary>A single policy: one version, <see cref="DefaultVersionId"/>, in effect from <see cref="DateOnly.MinValue"/>.</summary>
    /// <param name="options">The options (validated; copied).</param>
    /// <param name="closureTaxonomy">The closure taxonomy, or null for the default.</param>
    /// <returns>The history.</returns>
    /// <exception cref="ArgumentException">The options are null or invalid.</exception>
    public static PolicyHistory Single(CafOptions options, ClosureTaxonomy? closureTaxonomy = null) =>
        new([new PolicyVersion(DefaultVersionId, DateOnly.MinValue, options, closureTaxonomy)]);

    /// <summary>The versions, oldest first.</summary>
    public ImmutableArray<PolicyVersion> Versions { get; }

    /// <summary>The latest version (the one in effect from the latest date).</summary>
    public PolicyVersion Latest => Versions[^1];

    /// <summary>The version in effect on a day: the latest whose effective date is on or before it; the first version before every date.</summary>
    /// <param name="day">The day (UTC).</param>
    /// <returns>The version.</returns>
    public PolicyVersion InEffectOn(DateOnly day) => Versions[IndexInEffectOn(day)];

    /// <summary>The version in effect at a time (its UTC day).</summary>
    /// <param name="at">The time.</param>
    /// <returns>The version.</returns>
    public PolicyVersion InEffectAt(DateTimeOffset at) => InEffectOn(DateOnly.FromDateTime(at.UtcDateTime));

    /// <summary>Finds a version by id (ordinal).</summary>
    /// <param name="id">The id.</param>
    /// <param name="version">The version, when found.</param>
    /// <returns>True when the history holds a version with that id.</returns>
    public bool TryFind(string? id, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out PolicyVersion? version)
    {
        if (id is not null && _byId.TryGetValue(id, out var index))
        {
            version = Versions[index];
            return true;
        }

        version = null;
        return false;
    }

    /// <summary>
    /// This history with a further version (the candidate of a what-if, or the next adopted version).
    /// </summary>
    /// <param name="next">The version, dated after every version of this history and with a new id.</param>
    /// <returns>The longer history.</returns>
    /// <exception cref="ArgumentException">The version is null, reuses an id, or is not dated after the latest version.</exception>
    public PolicyHistory With(PolicyVersion next)
    {
        Guard.Against.Null(next);
        return new PolicyHistory(Versions.Add(next));
    }

    /// <summary>Every problem of a list of versions (empty when it makes a history).</summary>
    /// <param name="versions">The versions, in order.</param>
    /// <returns>The problems, each naming the version.</returns>
    public static IReadOnlyList<string> Problems(IReadOnlyList<PolicyVersion?> versions)
    {
        Guard.Against.Null(versions);
        var problems = new List<string>();
        var ids = new List<string>(versions.Count);
        var dates = new List<DateOnly>(versions.Count);
        for (var i = 0; i < versions.Count; i++)
        {
            if (versions[i] is not { } v)
            {
                problems.Add($"Policy version {i} is null.");
                continue;
            }

            ids.Add(v.Id);
            dates.Add(v.EffectiveFrom);
        }

        if (versions.Count == 0)
        {
            problems.Add("A policy history needs at least one version.");
        }

        CheckOrder(ids, dates, problems);
        return problems;
    }

    /// <summary>Duplicate ids and dates out of order, each named; shared with the start-up check.</summary>
    internal static void CheckOrder(IReadOnlyList<string> ids, IReadOnlyList<DateOnly> dates, ICollection<string> problems)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < ids.Count; i++)
        {
            if (ids[i] is not null && !seen.Add(ids[i]))
            {
                problems.Add($"Policy version id \"{ids[i]}\" is used twice: each version needs its own id (events record it).");
            }

            if (i > 0 && dates[i] <= dates[i - 1])
            {
                problems.Add(
                    $"Policy version \"{ids[i]}\" takes effect on {dates[i]:yyyy-MM-dd}, not after \"{ids[i - 1]}\" ({dates[i - 1]:yyyy-MM-dd}): list the versions in order of their effective dates, each on a later day.");
            }
        }
    }

    private int IndexInEffectOn(DateOnly day)
    {
        var index = 0;
        for (var i = 1; i < Versions.Length && Versions[i].EffectiveFrom <= day; i++)
        {
            index = i;
        }

        return index;
    }

    /// <inheritdoc />
    public override string ToString() => string.Join(", ", Versions);
}
