using System;
using System.Collections.Immutable;
using System.Diagnostics.CodeAnalysis;
using System.Linq;
using Caf.Core.Annotations;
using Caf.Core.Primitives;

namespace Caf.Core.NationalData;

/// <summary>One problem found while loading a national-data profile (NAT-01..NAT-03): where (a JSON path such as <c>$.factorCodes[2].code</c>) and what.</summary>
/// <param name="Path">The JSON path of the offending member.</param>
/// <param name="Message">What is wrong.</param>
/// <threadsafety>This type is immutable and thread-safe.</threadsafety>
[Immutable]
public sealed record NationalDataProblem(string Path, string Message)
{
    /// <summary>Formats as <c>path: message</c>.</summary>
    /// <returns>The formatted problem.</returns>
    public override string ToString() => $"{Path}: {Message}";
}

/// <summary>
/// The outcome of loading a national-data profile (NAT-01..NAT-03): the profile, or every problem found, each
/// with its JSON path. Never both.
/// </summary>
/// <threadsafety>This type is immutable and thread-safe.</threadsafety>
[Immutable]
public sealed class NationalDataProfileLoadResult
{
    private readonly NationalDataProfile? _profile;

    private NationalDataProfileLoadResult(NationalDataProfile? profile, NationalDataProfileDocument? document, ImmutableArray<NationalDataProblem> problems)
    {
        _profile = profile;
        Document = document;
        Problems = problems;
    }

    /// <summary>True when the profile was valid.</summary>
    [MemberNotNullWhen(true, nameof(Document))]
    public bool IsSuccess => _profile is not null;

    /// <summary>The document as read, when the JSON could be read at all (even if it then failed validation).</summary>
    public NationalDataProfileDocument? Document { get; }

    /// <summary>Every problem found, each naming its JSON path; empty on success.</summary>
    public ImmutableArray<NationalDataProblem> Problems { get; }

    /// <summary>The profile.</summary>
    /// <exception cref="InvalidOperationException">Loading failed; the message lists the problems.</exception>
    public NationalDataProfile Profile => _profile
        ?? throw new InvalidOperationException("The national-data profile did not load (NAT-01):" + Environment.NewLine + Describe());

    /// <summary>Gets the profile when loading succeeded.</summary>
    /// <param name="profile">The profile, or null on failure.</param>
    /// <returns>True on success.</returns>
    public bool TryGetProfile([NotNullWhen(true)] out NationalDataProfile? profile)
    {
        profile = _profile;
        return profile is not null;
    }

    /// <summary>As a <see cref="Result{T}"/>: the profile, or a <c>NAT-01</c> refusal listing every problem, whose field is the first problem's path.</summary>
    /// <returns>The result.</returns>
    public Result<NationalDataProfile> ToResult() =>
        _profile is not null
            ? Result<NationalDataProfile>.Success(_profile)
            : new Refusal(NationalDataRules.EndReasonMapping, $"The national-data profile has {Problems.Length} problem(s): {string.Join("; ", Problems.Select(p => p.ToString()))}", Problems[0].Path);

    /// <summary>Lists the problems, one per line, or "ok".</summary>
    /// <returns>The description.</returns>
    public override string ToString() => IsSuccess ? $"ok: {Document.Id} {Document.Version}" : Describe();

    internal static NationalDataProfileLoadResult Success(NationalDataProfile profile) => new(profile, profile.Document, []);

    internal static NationalDataProfileLoadResult Failure(NationalDataProfileDocument? document, ImmutableArray<NationalDataProblem> problems) =>
        new(null, document, problems);

    private string Describe() => string.Join(Environment.NewLine, Problems.Select(p => "- " + p));
}
