using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using Caf.Core.Annotations;
using Caf.Core.Lifecycle;
using Stateless.Reflection;

namespace Caf.Core.Diagrams;

/// <summary>
/// The lifecycle as an overview: states and which state can follow which, without triggers or guards, read
/// from the same Stateless definition the episode runs on (<c>CafEpisode.DescribeLifecycle()</c>). It sits beside
/// the full diagram in <c>docs/lifecycle.md</c>; a test fails when it goes stale.
/// </summary>
[Immutable]
internal static class LifecycleOverviewDiagram
{
    /// <summary>The overview of the episode lifecycle as a Mermaid state diagram.</summary>
    /// <returns>Mermaid source.</returns>
    internal static string ToMermaid() => ToMermaid(CafEpisode.DescribeLifecycle());

    /// <summary>
    /// An overview of a state machine: one arrow per pair of states a transition joins (self-transitions left
    /// out), <c>[*]</c> into the states nothing leads to, and out of the states nothing leaves.
    /// </summary>
    /// <param name="info">The state machine's description.</param>
    /// <returns>Mermaid source, in state declaration order.</returns>
    internal static string ToMermaid(StateMachineInfo info)
    {
        var states = info.States.ToList();
        var order = states.Select((s, i) => (s, i)).ToDictionary(x => Name(x.s), x => x.i, StringComparer.Ordinal);
        var edges = new SortedSet<(int From, int To)>();
        foreach (var state in states)
        {
            var from = order[Name(state)];
            var targets = state.FixedTransitions.Select(t => Name(t.DestinationState))
                .Concat(state.DynamicTransitions.SelectMany(t => t.PossibleDestinationStates ?? []).Select(d => d.DestinationState));
            foreach (var target in targets)
            {
                if (order.TryGetValue(target, out var to) && to != from)
                {
                    edges.Add((from, to));
                }
            }
        }

        var text = new StringBuilder("stateDiagram-v2\n");
        foreach (var entry in Enumerable.Range(0, states.Count).Where(i => !edges.Any(e => e.To == i)))
        {
            text.Append("    [*] --> ").Append(Name(states[entry])).Append('\n');
        }

        foreach (var (from, to) in edges)
        {
            text.Append("    ").Append(Name(states[from])).Append(" --> ").Append(Name(states[to])).Append('\n');
        }

        foreach (var end in Enumerable.Range(0, states.Count).Where(i => !edges.Any(e => e.From == i)))
        {
            text.Append("    ").Append(Name(states[end])).Append(" --> [*]\n");
        }

        return text.ToString().TrimEnd('\n');
    }

    private static string Name(StateInfo state) => Convert.ToString(state.UnderlyingState, System.Globalization.CultureInfo.InvariantCulture) ?? "?";
}
