using Stateless.Graph;

namespace Caf.Core.Lifecycle;

/// <summary>
/// Exports the episode lifecycle as a diagram generated from the same Stateless configuration the
/// episode runs on, guards (with their rule ids) included. <c>docs/lifecycle.md</c> holds the Mermaid
/// output and a test fails when it goes stale.
/// </summary>
public static class LifecycleDiagram
{
    /// <summary>The lifecycle as a Graphviz DOT graph.</summary>
    /// <returns>DOT source.</returns>
    public static string ToDot() => UmlDotGraph.Format(CafEpisode.DescribeLifecycle());

    /// <summary>The lifecycle as a Mermaid state diagram.</summary>
    /// <returns>Mermaid source.</returns>
    public static string ToMermaid() => MermaidGraph.Format(CafEpisode.DescribeLifecycle());
}
