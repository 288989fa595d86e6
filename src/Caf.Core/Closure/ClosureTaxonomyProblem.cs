using Caf.Core.Annotations;

namespace Caf.Core.Closure;

/// <summary>One problem found while loading a closure taxonomy (CLOSE-10): where (a JSON path such as <c>$.outcomes[2].code</c>) and what.</summary>
/// <param name="Path">The JSON path of the offending member.</param>
/// <param name="Message">What is wrong.</param>
/// <threadsafety>This type is immutable and thread-safe.</threadsafety>
[Immutable]
public sealed record ClosureTaxonomyProblem(string Path, string Message)
{
    /// <summary>Formats as <c>path: message</c>.</summary>
    /// <returns>The formatted problem.</returns>
    public override string ToString() => $"{Path}: {Message}";
}
