using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Globalization;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Ardalis.GuardClauses;
using Caf.Core.Annotations;

namespace Caf.Core.NationalData;

/// <summary>One census-style validation failure: the rule's code (NAT-..), the episode, the column and what is wrong.</summary>
/// <param name="Code">The rule id (<see cref="NationalDataRules"/>).</param>
/// <param name="EpisodeId">The row's episode id (empty when the row has none).</param>
/// <param name="Field">The column (<see cref="EarlyHelpColumns"/>).</param>
/// <param name="Message">What is wrong, with the values.</param>
/// <threadsafety>This type is immutable and thread-safe.</threadsafety>
[Immutable]
public sealed record NationalDataFailure(string Code, string EpisodeId, string Field, string Message)
{
    /// <summary>Formats as <c>code episode field: message</c>.</summary>
    /// <returns>The formatted failure.</returns>
    public override string ToString() => $"{Code} {EpisodeId} {Field}: {Message}";
}

/// <summary>The result of validating a batch of extract rows: how many rows, and every failure in the order found.</summary>
/// <threadsafety>This type is immutable and thread-safe.</threadsafety>
[Immutable]
public sealed record NationalDataValidationReport
{
    internal NationalDataValidationReport(int rows, ImmutableArray<NationalDataFailure> failures)
    {
        Rows = rows;
        Failures = failures;
    }

    /// <summary>How many rows were checked.</summary>
    public int Rows { get; }

    /// <summary>Every failure: row checks in row order, then the per-child checks (NAT-13, NAT-14).</summary>
    public ImmutableArray<NationalDataFailure> Failures { get; }

    /// <summary>True when no rule failed.</summary>
    public bool IsValid => Failures.IsEmpty;

    /// <summary>Failures counted per code, in code order.</summary>
    public ImmutableArray<KeyValuePair<string, int>> CountsByCode =>
        [.. Failures.GroupBy(f => f.Code, StringComparer.Ordinal).OrderBy(g => g.Key, StringComparer.Ordinal).Select(g => KeyValuePair.Create(g.Key, g.Count()))];

    /// <summary>One line: rows, failures and the counts per code.</summary>
    /// <returns>The summary.</returns>
    public override string ToString() =>
        IsValid
            ? string.Create(CultureInfo.InvariantCulture, $"{Rows} rows, valid")
            : string.Create(CultureInfo.InvariantCulture, $"{Rows} rows, {Failures.Length} failures ({string.Join(", ", CountsByCode.Select(c => $"{c.Key}: {c.Value}"))})");

    /// <inheritdoc />
    public bool Equals(NationalDataValidationReport? other) =>
        other is not null && Rows == other.Rows && Primitives.ValueEquality.Equal(Failures, other.Failures);

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(Rows, Primitives.ValueEquality.Hash(Failures));
}

/// <summary>
/// NAT-10..NAT-17, NAT-01..NAT-03: census-style validation of a batch of early-help extract rows, each failure with
/// its code, the episode and the column. Rows are read once, in order; per child only the episode id and dates are
/// kept (for NAT-13 and NAT-14), so memory grows by three fields per row, not by rows.
/// </summary>
/// <threadsafety>This type is immutable and thread-safe.</threadsafety>
[Immutable]
public sealed class NationalDataValidator
{
    /// <summary>Creates a validator against a profile.</summary>
    /// <param name="profile">The profile whose end reasons, CIN links and factor codes are the valid ones; null for <see cref="NationalDataProfile.Default"/>.</param>
    public NationalDataValidator(NationalDataProfile? profile = null) => Profile = profile ?? NationalDataProfile.Default;

    /// <summary>The profile.</summary>
    public NationalDataProfile Profile { get; }

    /// <summary>Validates a batch.</summary>
    /// <param name="rows">The rows.</param>
    /// <returns>The report.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="rows"/> or a row is null.</exception>
    public NationalDataValidationReport Validate(IEnumerable<EarlyHelpEpisodeRecord> rows)
    {
        Guard.Against.Null(rows);
        var batch = new Batch(Profile);
        foreach (var row in rows)
        {
            batch.Add(Guard.Against.Null(row, nameof(rows)));
        }

        return batch.Finish();
    }

    /// <summary>Validates a batch read asynchronously.</summary>
    /// <param name="rows">The rows.</param>
    /// <param name="cancellationToken">Stops the validation.</param>
    /// <returns>The report.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="rows"/> or a row is null.</exception>
    public async Task<NationalDataValidationReport> ValidateAsync(IAsyncEnumerable<EarlyHelpEpisodeRecord> rows, CancellationToken cancellationToken = default)
    {
        Guard.Against.Null(rows);
        var batch = new Batch(Profile);
        await foreach (var row in rows.WithCancellation(cancellationToken).ConfigureAwait(false))
        {
            batch.Add(Guard.Against.Null(row, nameof(rows)));
        }

        return batch.Finish();
    }

    private sealed class Batch(NationalDataProfile profile)
    {
        private readonly ImmutableArray<NationalDataFailure>.Builder _failures = ImmutableArray.CreateBuilder<NationalDataFailure>();
        private readonly HashSet<string> _ids = new(StringComparer.Ordinal);
        private readonly Dictionary<string, List<(string Id, DateOnly Start, DateOnly? End, int Order)>> _children = new(StringComparer.Ordinal);
        private int _rows;

        internal void Add(EarlyHelpEpisodeRecord row)
        {
            var id = row.EpisodeId;
            void Fail(string code, string field, string message) => _failures.Add(new NationalDataFailure(code, id, field, message));

            // NAT-10: required fields, unique episode ids.
            if (string.IsNullOrWhiteSpace(id))
            {
                Fail(NationalDataRules.RequiredFields, EarlyHelpColumns.EpisodeId, "the episode id is missing");
            }
            else if (!_ids.Add(id))
            {
                Fail(NationalDataRules.RequiredFields, EarlyHelpColumns.EpisodeId, $"episode id '{id}' appears more than once in the batch");
            }

            if (string.IsNullOrWhiteSpace(row.PersonId))
            {
                Fail(NationalDataRules.RequiredFields, EarlyHelpColumns.PersonId, "the person id is missing");
            }

            if (string.IsNullOrWhiteSpace(row.StartReason))
            {
                Fail(NationalDataRules.RequiredFields, EarlyHelpColumns.StartReason, "the start reason is missing");
            }

            if (string.IsNullOrWhiteSpace(row.Organisation))
            {
                Fail(NationalDataRules.RequiredFields, EarlyHelpColumns.Organisation, "the organisation is missing");
            }

            // NAT-11: a closure date needs a reason and a reason needs a date; NAT-01: a reason the profile writes.
            var hasReason = !string.IsNullOrEmpty(row.EndReason);
            if (row.EndDate is { } end && !hasReason)
            {
                Fail(NationalDataRules.EndDateAndReason, EarlyHelpColumns.EndReason, $"the episode ended on {Iso(end)} but has no end reason");
            }
            else if (row.EndDate is null && hasReason)
            {
                Fail(NationalDataRules.EndDateAndReason, EarlyHelpColumns.EndDate, $"end reason '{row.EndReason}' without an end date");
            }

            if (hasReason && !profile.IsEndReason(row.EndReason))
            {
                Fail(NationalDataRules.EndReasonMapping, EarlyHelpColumns.EndReason, $"end reason '{row.EndReason}' is not one of {string.Join(" / ", profile.EndReasons)}");
            }

            // NAT-12: no activity after closure.
            if (row.EndDate is { } closed)
            {
                After(row.StartDate, closed, EarlyHelpColumns.StartDate, "the episode starts", Fail);
                After(row.AssessmentStartDate, closed, EarlyHelpColumns.AssessmentStartDate, "the assessment starts", Fail);
                After(row.AssessmentCompletionDate, closed, EarlyHelpColumns.AssessmentCompletionDate, "the assessment is completed", Fail);
                After(row.LastActivityDate, closed, EarlyHelpColumns.LastActivityDate, "activity is recorded", Fail);
            }

            // NAT-02: the CIN links are the profile's codes, RC9 only on a step-down, 5D only on an ended episode.
            if (!string.IsNullOrEmpty(row.CinClosureReason)
                && (row.CinClosureReason != profile.StepDownClosureReason || row.StartReason != profile.StartReasonFor(fromStepDown: true)))
            {
                Fail(NationalDataRules.CinLinks, EarlyHelpColumns.CinClosureReason,
                    $"CIN closure reason '{row.CinClosureReason}' is only written as '{profile.StepDownClosureReason}' on a step-down ('{profile.StartReasonFor(fromStepDown: true)}')");
            }

            if (!string.IsNullOrEmpty(row.CinReferralSource) && (row.CinReferralSource != profile.StepUpReferralSource || row.EndDate is null))
            {
                Fail(NationalDataRules.CinLinks, EarlyHelpColumns.CinReferralSource,
                    $"CIN referral source '{row.CinReferralSource}' is only written as '{profile.StepUpReferralSource}' on an episode that ended by a step-up");
            }

            // NAT-17: assessment dates.
            if (row.AssessmentCompletionDate is { } completed)
            {
                if (row.AssessmentStartDate is not { } started)
                {
                    Fail(NationalDataRules.AssessmentDates, EarlyHelpColumns.AssessmentStartDate, $"the assessment was completed on {Iso(completed)} but has no start date");
                }
                else if (completed < started)
                {
                    Fail(NationalDataRules.AssessmentDates, EarlyHelpColumns.AssessmentCompletionDate, $"the assessment was completed on {Iso(completed)}, before it started on {Iso(started)}");
                }
            }

            Factors(row, Fail);

            _rows++;
            if (!string.IsNullOrWhiteSpace(row.PersonId))
            {
                if (!_children.TryGetValue(row.PersonId, out var episodes))
                {
                    _children.Add(row.PersonId, episodes = []);
                }

                episodes.Add((id, row.StartDate, row.EndDate, _rows));
            }
        }

        internal NationalDataValidationReport Finish()
        {
            foreach (var episodes in _children.Values)
            {
                if (episodes.Count < 2)
                {
                    continue;
                }

                // NAT-13: at most one open episode per child (REG-01): every open one after the first fails.
                var open = episodes.Where(e => e.End is null).ToList();
                foreach (var extra in open.Skip(1))
                {
                    _failures.Add(new NationalDataFailure(NationalDataRules.OneOpenEpisode, extra.Id, EarlyHelpColumns.EndDate,
                        $"the child already has an open episode ('{open[0].Id}')"));
                }

                // NAT-14: no episode starts before the previous one of the same child ended; the later-starting one fails.
                var ordered = episodes.OrderBy(e => e.Start).ThenBy(e => e.Order).ToList();
                for (var j = 1; j < ordered.Count; j++)
                {
                    var later = ordered[j];
                    for (var i = 0; i < j; i++)
                    {
                        var earlier = ordered[i];
                        if (Overlap(earlier, later))
                        {
                            _failures.Add(new NationalDataFailure(NationalDataRules.NoOverlap, later.Id, EarlyHelpColumns.StartDate,
                                $"the episode starts on {Iso(later.Start)}, before the child's episode '{earlier.Id}' (from {Iso(earlier.Start)}) ended{(earlier.End is { } e ? " on " + Iso(e) : " (still open)")}"));
                            break;
                        }
                    }
                }
            }

            return new NationalDataValidationReport(_rows, _failures.ToImmutable());
        }

        // Half-open [start, end): an episode closed on the day another opens does not overlap it.
        private static bool Overlap((string Id, DateOnly Start, DateOnly? End, int Order) a, (string Id, DateOnly Start, DateOnly? End, int Order) b) =>
            (a.End is not { } aEnd || b.Start < aEnd) && (b.End is not { } bEnd || a.Start < bEnd);

        private void Factors(EarlyHelpEpisodeRecord row, Action<string, string, string> fail)
        {
            var factors = row.Factors;
            if (factors.IsEmpty)
            {
                return;
            }

            if (row.AssessmentCompletionDate is null)
            {
                fail(NationalDataRules.FactorCodes, EarlyHelpColumns.Factors, $"factors {string.Join(";", factors)} are recorded without a completed assessment");
            }

            var seen = new HashSet<string>(StringComparer.Ordinal);
            foreach (var factor in factors)
            {
                if (!profile.IsFactorCode(factor))
                {
                    fail(NationalDataRules.FactorCodes, EarlyHelpColumns.Factors, $"'{factor}' is not a factor code of profile {profile.Id} {profile.Version}");
                }

                if (!seen.Add(factor ?? ""))
                {
                    fail(NationalDataRules.DuplicateFactor, EarlyHelpColumns.Factors, $"factor '{factor}' appears more than once");
                }
            }

            if (factors.Contains(profile.NoFactorsCode, StringComparer.Ordinal) && factors.Any(f => f != profile.NoFactorsCode))
            {
                fail(NationalDataRules.NoFactorsAlone, EarlyHelpColumns.Factors, $"'{profile.NoFactorsCode}' (no factors identified) is combined with other factors: {string.Join(";", factors)}");
            }
        }

        private static void After(DateOnly? date, DateOnly closed, string field, string what, Action<string, string, string> fail)
        {
            if (date is { } d && d > closed)
            {
                fail(NationalDataRules.NoActivityAfterClosure, field, $"{what} on {Iso(d)}, after the episode ended on {Iso(closed)}");
            }
        }

        private static string Iso(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
    }
}
