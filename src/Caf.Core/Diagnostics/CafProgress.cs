namespace Caf.Core.Diagnostics;

/// <summary>
/// How far a long piece of work has got (a monitoring report over the read model, a national extract): reported
/// through <see cref="System.IProgress{T}"/> every <see cref="Interval"/> rows and once at the end, when
/// <see cref="Total"/> equals <see cref="Done"/>. <see cref="Done"/> never goes down within one run.
/// </summary>
/// <param name="Done">Rows read so far.</param>
/// <param name="Total">Rows in all, when known before the end (a collection); null while a stream's length is unknown; at the end, always <see cref="Done"/>.</param>
/// <param name="Stage">What is counted: <see cref="ReportRows"/>, <see cref="ExtractRows"/> or <see cref="WhatIfEpisodes"/>.</param>
[Annotations.Immutable]
public sealed record CafProgress(long Done, long? Total, string Stage)
{
    /// <summary>Rows between two reports (bounded rate: a run over a million rows reports a thousand times).</summary>
    public const int Interval = 1000;

    /// <summary>Stage: read-model rows read by a monitoring report.</summary>
    public const string ReportRows = "report.rows";

    /// <summary>Stage: rows written to a national extract.</summary>
    public const string ExtractRows = "extract.rows";

    /// <summary>Stage: episodes compared by <c>PolicyWhatIf.Compare</c>.</summary>
    public const string WhatIfEpisodes = "whatif.episodes";
}
