using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using Ardalis.GuardClauses;
using Caf.Core.Annotations;
using Caf.Core.Primitives;
using Caf.Core.Thresholds;

namespace Caf.Core.Register;

/// <summary>
/// REG-03: the family and environmental part of an assessment (the third domain of the national CAF form,
/// <c>familyAndEnvironment</c>: family history and functioning, wider family, housing, employment and income, social
/// and community resources), recorded once for a family group and reused by each linked sibling's assessment, so the
/// family does not tell it again for every child (004: "each CAF can only be done for one child").
/// </summary>
/// <remarks>
/// Recorded on one sibling's episode with <see cref="Lifecycle.CafEpisode.RecordFamilyAssessment"/>; a sibling's
/// assessment receives it through <see cref="CafRegister.ReuseFamilyAssessmentAsync"/>, judged by the sharing gate
/// against that sibling's consent in force. The host pre-ticks <see cref="IndicatorIds"/> on the sibling's assessment
/// form (<see cref="Lifecycle.CafEpisode.FamilyAssessment"/>); the thresholds match stays the sibling's own (THR-07).
/// </remarks>
/// <threadsafety>This type is immutable and thread-safe.</threadsafety>
[Immutable]
public sealed record FamilyAssessment
{
    /// <summary>The id of the national form's family and environmental domain (<see cref="ThresholdDomain.NationalDefaults"/>).</summary>
    public const string DomainId = "familyAndEnvironment";

    /// <summary>Creates the part (stored form; <see cref="From"/> checks the indicators against a framework).</summary>
    /// <param name="frameworkId">The thresholds framework the indicators belong to.</param>
    /// <param name="frameworkVersion">Its version.</param>
    /// <param name="indicatorIds">The family and environmental indicators observed (may be empty: nothing of concern).</param>
    /// <param name="summary">What the family said about family and environment, in the practitioner's words.</param>
    /// <exception cref="ArgumentException">A text is blank, or an indicator id is blank.</exception>
    public FamilyAssessment(string frameworkId, string frameworkVersion, ImmutableArray<string> indicatorIds, string summary)
    {
        FrameworkId = Guard.Against.NullOrWhiteSpace(frameworkId);
        FrameworkVersion = Guard.Against.NullOrWhiteSpace(frameworkVersion);
        IndicatorIds = indicatorIds.IsDefault ? [] : indicatorIds;
        if (IndicatorIds.Any(string.IsNullOrWhiteSpace))
        {
            throw new ArgumentException("An indicator id must not be blank.", nameof(indicatorIds));
        }

        Summary = Guard.Against.NullOrWhiteSpace(summary);
    }

    /// <summary>
    /// The part for a framework: each indicator must be one of the framework's, in the family and environmental domain
    /// (<see cref="DomainId"/>); the ids are kept sorted and distinct. Refused (REG-03) naming the first indicator that is not.
    /// </summary>
    /// <param name="framework">The thresholds framework the siblings' assessments use.</param>
    /// <param name="indicatorIds">The family and environmental indicators observed.</param>
    /// <param name="summary">What the family said about family and environment.</param>
    /// <returns>The part, or the refusal on <c>indicatorIds[i]</c> or <c>summary</c>.</returns>
    /// <exception cref="ArgumentException">The framework, the ids or an id is null, or the framework has no id or version.</exception>
    public static Result<FamilyAssessment> From(ThresholdFramework framework, IEnumerable<string> indicatorIds, string? summary)
    {
        Guard.Against.Null(framework);
        Guard.Against.Null(indicatorIds);
        var ids = indicatorIds.ToList();
        if (ids.Any(id => id is null))
        {
            throw new ArgumentException("An indicator id must not be null.", nameof(indicatorIds));
        }

        for (var i = 0; i < ids.Count; i++)
        {
            var id = ids[i];
            var indicator = framework.Indicators.FirstOrDefault(x => x is not null && string.Equals(x.Id, id, StringComparison.Ordinal));
            if (indicator is null || !string.Equals(indicator.Domain, DomainId, StringComparison.Ordinal))
            {
                return Result<FamilyAssessment>.Refused("REG-03",
                    indicator is null
                        ? $"'{id}' is not an indicator of the {(framework.Title.Length > 0 ? framework.Title : framework.Id)} framework."
                        : $"'{id}' is about the child ({indicator.Domain}), not the family and environment: record it on each child's own assessment.",
                    $"indicatorIds[{i}]");
            }
        }

        if (string.IsNullOrWhiteSpace(summary))
        {
            return Result<FamilyAssessment>.Refused("REG-03", "Say what the family told you about family and environment, in your words.", "summary");
        }

        return new FamilyAssessment(framework.Id, framework.Version, [.. ids.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)], summary.Trim());
    }

    /// <summary>The thresholds framework the indicators belong to.</summary>
    public string FrameworkId { get; }

    /// <summary>The framework's version.</summary>
    public string FrameworkVersion { get; }

    /// <summary>The family and environmental indicators observed.</summary>
    public ImmutableArray<string> IndicatorIds { get; }

    /// <summary>What the family said about family and environment.</summary>
    public string Summary { get; }

    /// <inheritdoc />
    public bool Equals(FamilyAssessment? other) =>
        other is not null && FrameworkId == other.FrameworkId && FrameworkVersion == other.FrameworkVersion
        && ValueEquality.Equal(IndicatorIds, other.IndicatorIds) && Summary == other.Summary;

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(FrameworkId, FrameworkVersion, ValueEquality.Hash(IndicatorIds), Summary);
}
