using System;
using System.Collections.Immutable;
using System.Diagnostics.CodeAnalysis;
using System.Linq;
using Caf.Core.Annotations;
using Caf.Core.Primitives;

namespace Caf.Core.Thresholds;

/// <summary>
/// The outcome of loading a framework (THR-01): a compiled <see cref="ThresholdMatcher"/>, or every problem
/// found, each with its JSON path. Never both: a framework with any problem is not compiled.
/// </summary>
/// <threadsafety>This type is immutable and thread-safe.</threadsafety>
[Immutable]
public sealed class ThresholdLoadResult
{
    private readonly ThresholdMatcher? _matcher;

    private ThresholdLoadResult(ThresholdMatcher? matcher, ThresholdFramework? framework, ImmutableArray<ThresholdProblem> problems)
    {
        _matcher = matcher;
        Framework = framework;
        Problems = problems;
    }

    /// <summary>True when the framework was valid and compiled.</summary>
    [MemberNotNullWhen(true, nameof(Framework))]
    public bool IsSuccess => _matcher is not null;

    /// <summary>The document as read, when the JSON could be read at all (even if it then failed validation).</summary>
    public ThresholdFramework? Framework { get; }

    /// <summary>Every problem found, each naming its JSON path; empty on success.</summary>
    public ImmutableArray<ThresholdProblem> Problems { get; }

    /// <summary>The compiled matcher.</summary>
    /// <exception cref="InvalidOperationException">Loading failed; the message lists the problems.</exception>
    public ThresholdMatcher Matcher => _matcher
        ?? throw new InvalidOperationException("The framework did not load (THR-01):" + Environment.NewLine + Describe());

    /// <summary>Gets the matcher when loading succeeded.</summary>
    /// <param name="matcher">The matcher, or null on failure.</param>
    /// <returns>True on success.</returns>
    public bool TryGetMatcher([NotNullWhen(true)] out ThresholdMatcher? matcher)
    {
        matcher = _matcher;
        return matcher is not null;
    }

    /// <summary>
    /// As a <see cref="Result{T}"/>: the matcher, or a <c>THR-01</c> refusal whose message lists every
    /// problem and whose field is the first problem's path.
    /// </summary>
    /// <returns>The result.</returns>
    public Result<ThresholdMatcher> ToResult() =>
        _matcher is not null
            ? Result<ThresholdMatcher>.Success(_matcher)
            : new Refusal("THR-01", $"The framework has {Problems.Length} problem(s): {string.Join("; ", Problems.Select(p => p.ToString()))}", Problems[0].Path);

    /// <summary>Lists the problems, one per line, or "ok".</summary>
    /// <returns>The description.</returns>
    public override string ToString() => IsSuccess ? $"ok: {Framework.Id} {Framework.Version}" : Describe();

    internal static ThresholdLoadResult Success(ThresholdMatcher matcher) => new(matcher, matcher.Framework, []);

    internal static ThresholdLoadResult Failure(ThresholdFramework? framework, ImmutableArray<ThresholdProblem> problems) =>
        new(null, framework, problems);

    private string Describe() => string.Join(Environment.NewLine, Problems.Select(p => "- " + p));
}
