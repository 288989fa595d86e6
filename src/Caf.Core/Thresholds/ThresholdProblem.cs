using Caf.Core.Annotations;

namespace Caf.Core.Thresholds;

/// <summary>One problem found while loading a framework (THR-01): where (a JSON path such as <c>$.indicators[3].level</c>) and what.</summary>
/// <param name="Path">The JSON path of the offending member.</param>
/// <param name="Message">What is wrong.</param>
/// <threadsafety>This type is immutable and thread-safe.</threadsafety>
[Immutable]
public sealed record ThresholdProblem(string Path, string Message)
{
    /// <summary>Formats as <c>path: message</c>.</summary>
    /// <returns>The formatted problem.</returns>
    public override string ToString() => $"{Path}: {Message}";
}
