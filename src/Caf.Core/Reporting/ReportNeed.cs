using System;
using Ardalis.GuardClauses;
using Caf.Core.Annotations;

namespace Caf.Core.Reporting;

/// <summary>
/// One need identified at assessment, as the read model keeps it (REP-02): the thresholds indicator id,
/// its assessment domain and its optional national code (e.g. a Children in Need factor such as <c>7A</c>).
/// </summary>
/// <remarks>
/// Small and shareable: a producer should create one instance per indicator of the framework and reuse it
/// across rows (see <see cref="FromIndicator"/>), so a million rows hold references, not copies.
/// </remarks>
/// <threadsafety>This type is immutable and thread-safe.</threadsafety>
[Immutable]
public sealed record ReportNeed
{
    /// <summary>Creates a need.</summary>
    /// <param name="indicatorId">The indicator id in the thresholds framework (e.g. <c>LEI-01</c>).</param>
    /// <param name="domain">The indicator's domain id (e.g. <c>development</c>).</param>
    /// <param name="nationalCode">The national code, or null.</param>
    /// <exception cref="ArgumentException"><paramref name="indicatorId"/> or <paramref name="domain"/> is null or white space, or <paramref name="nationalCode"/> is empty or white space.</exception>
    public ReportNeed(string indicatorId, string domain, string? nationalCode = null)
    {
        IndicatorId = Guard.Against.NullOrWhiteSpace(indicatorId);
        Domain = Guard.Against.NullOrWhiteSpace(domain);
        if (nationalCode is not null && string.IsNullOrWhiteSpace(nationalCode))
        {
            throw new ArgumentException("A national code is null or has text.", nameof(nationalCode));
        }

        NationalCode = nationalCode;
    }

    /// <summary>The indicator id in the thresholds framework.</summary>
    public string IndicatorId { get; }

    /// <summary>The indicator's assessment domain id.</summary>
    public string Domain { get; }

    /// <summary>The national code the framework gives the indicator (e.g. a Children in Need census "factor identified at assessment" code), or null.</summary>
    public string? NationalCode { get; }

    /// <summary>The need for a thresholds indicator.</summary>
    /// <param name="indicator">The indicator.</param>
    /// <returns>The need.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="indicator"/> is null.</exception>
    public static ReportNeed FromIndicator(Thresholds.ThresholdIndicator indicator)
    {
        Guard.Against.Null(indicator);
        return new ReportNeed(indicator.Id, indicator.Domain, indicator.NationalCode);
    }
}
