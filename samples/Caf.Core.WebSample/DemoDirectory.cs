using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;
using Caf.Core.Primitives;

namespace Caf.Core.WebSample;

/// <summary>
/// The naming port over the demo's staff directory (what a host's own directory gives): practitioners, their
/// supervisors and agencies by name, so the library's and the adapter's person-facing texts name people, not ids.
/// </summary>
public sealed class DemoNames : ICafNames
{
    /// <inheritdoc />
    public string? PractitionerName(PractitionerId practitioner) =>
        DemoData.Practitioners.FirstOrDefault(p => p.Id == practitioner)?.Name
        ?? DemoData.Practitioners.FirstOrDefault(p => p.Supervisor.Id == practitioner)?.Supervisor.Name;

    /// <inheritdoc />
    public string? AgencyName(AgencyId agency) => DemoData.Practitioners.FirstOrDefault(p => p.Agency == agency)?.AgencyName;
}

/// <summary>
/// The host's children (the library holds ids only): the demo's two, and each child a practitioner registers a new
/// concern for. One per app (a DI singleton), safe across requests.
/// </summary>
public sealed class ChildDirectory
{
    private readonly ConcurrentDictionary<ChildId, DemoChild> _children = new(DemoData.Children.Select(c => KeyValuePair.Create(c.Id, c)));

    /// <summary>Every child, in name order.</summary>
    public IReadOnlyList<DemoChild> All => [.. _children.Values.OrderBy(c => c.Name, StringComparer.Ordinal)];

    /// <summary>The child's name, or the id when the directory does not know the child.</summary>
    public string NameOf(string childId) => _children.TryGetValue(new ChildId(childId), out var child) ? child.Name : childId;

    /// <summary>Adds a child the register has just opened an episode for.</summary>
    public void Add(DemoChild child)
    {
        ArgumentNullException.ThrowIfNull(child);
        _children[child.Id] = child;
    }
}
