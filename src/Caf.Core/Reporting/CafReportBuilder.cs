using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Runtime.InteropServices;
using System.Threading;
using System.Threading.Tasks;
using Ardalis.GuardClauses;
using Caf.Core.Annotations;
using Caf.Core.Outcomes;
using Caf.Core.Primitives;

namespace Caf.Core.Reporting;

/// <summary>
/// Computes every monitoring report (REP-01..06) in one streaming pass over the read model: add rows one at a
/// time (or a sequence, sync or async), then <see cref="Build"/>. Memory is bounded by the number of groups
/// (periods, needs, agencies, outcome codes), never by the number of rows; adding a row allocates nothing.
/// </summary>
/// <remarks>
/// <para>SHARE-01: a report <see cref="CafReportRequest.ForAgency">for an agency</see> skips every row whose
/// <see cref="EpisodeReportRow.ExcludedAgencies"/> contain that agency, before anything is counted; a host
/// may also pass a filter (for example one that asks its <c>ISharingService</c>), applied after that check.
/// Results hold counts only and never a child's or an episode's id.</para>
/// <para>The population of each report is described on <see cref="CafReport"/> and in docs/reporting.md.</para>
/// </remarks>
/// <threadsafety>Mutable and not thread-safe: one builder per pass. The result of <see cref="Build"/> is immutable.</threadsafety>
[Mutable]
public sealed partial class CafReportBuilder
{
    // Rows produced from one framework share their ReportNeed instances; this cache finds them by reference
    // first. It is capped so that rows with unshared instances cannot make memory grow with the row count.
    private const int NeedReferenceCacheLimit = 4096;

    private readonly CafReportRequest _request;
    private readonly ReportCalendar _calendar;
    private readonly Func<EpisodeReportRow, bool>? _include;
    private readonly AgencyId? _forAgency;
    private readonly int _firstKey;
    private readonly DateOnly _windowStart;
    private readonly DateOnly _windowEnd;
    private readonly DateOnly _asOf;
    private readonly int _reReferralMonths;
    private readonly int _topNeeds;

    private readonly int[] _opened;
    private readonly int[] _intents;
    private readonly int[] _closed;
    private readonly int[] _reReferred;
    private readonly int[] _bySetting = new int[(int)InitiatingSetting.Police + 1];
    private readonly int[] _byAgeBand = new int[(int)AgeBand.SixteenPlus + 1];
    private readonly Dictionary<ReportNeed, NeedSlot> _needsByValue = [];
    private readonly Dictionary<ReportNeed, NeedSlot> _needsByReference = new(ReferenceEqualityComparer.Instance);
    private readonly Dictionary<AgencyId, int> _byInitiatingAgency = [];
    private readonly Dictionary<string, int> _byOutcome = new(StringComparer.Ordinal);
    private readonly Dictionary<AgencyId, int> _byLeadAgency = [];
    private readonly Dictionary<AgencyId, PanelTally> _panels = [];
    private readonly OutcomesTally _outcomes = new();

    private int _episodes;
    private int _openBeforeWindow;
    private int _openAtAsOf;
    private int _withNeeds;
    private int _resolved;
    private int _consentEnded;
    private int _escalated;
    private int _episodesReferred;
    private int _assessmentsCompleted;
    private int _completedLate;
    private int _assessmentsOverdue;
    private int _reviewsOverdue;
    private int _withPrevious;

    /// <summary>Creates a builder for one report.</summary>
    /// <param name="request">What the report covers and whom it is for.</param>
    /// <param name="options">Reporting policy; copied now.</param>
    /// <param name="include">An optional filter applied to each row after the SHARE-01 check; rows it rejects are not counted.</param>
    /// <exception cref="ArgumentNullException"><paramref name="request"/> or <paramref name="options"/> is null.</exception>
    /// <exception cref="ArgumentException">The options are invalid.</exception>
    public CafReportBuilder(CafReportRequest request, ReportingOptions options, Func<EpisodeReportRow, bool>? include = null)
    {
        Guard.Against.Null(request);
        Guard.Against.Null(options);
        var problems = new List<string>();
        options.Validate(problems);
        if (problems.Count > 0)
        {
            throw new ArgumentException("Invalid reporting options: " + string.Join(" ", problems), nameof(options));
        }

        _request = request;
        _include = include;
        _forAgency = request.ForAgency;
        _calendar = new ReportCalendar(request.PeriodKind, options.YearStartMonth);
        _firstKey = _calendar.Key(request.From);
        var lastKey = _calendar.Key(request.To.AddDays(-1));
        _windowStart = _calendar.Start(_firstKey);
        _windowEnd = _calendar.Start(lastKey + 1);
        _asOf = request.AsOf;
        _reReferralMonths = options.ReReferralWindowMonths;
        _topNeeds = options.TopNeeds;

        var periods = lastKey - _firstKey + 1;
        _opened = new int[periods];
        _intents = new int[periods];
        _closed = new int[periods];
        _reReferred = new int[periods];
    }

    /// <summary>Runs every report over a sequence of rows in one pass.</summary>
    /// <param name="rows">The read model rows (each episode once).</param>
    /// <param name="request">What the report covers and whom it is for.</param>
    /// <param name="options">Reporting policy.</param>
    /// <param name="include">An optional filter applied after the SHARE-01 check.</param>
    /// <returns>The report.</returns>
    /// <exception cref="ArgumentNullException">An argument or a row is null.</exception>
    /// <exception cref="ArgumentException">The options are invalid.</exception>
    [System.Diagnostics.CodeAnalysis.SuppressMessage("ApiDesign", "RS0027:API with optional parameter(s) should have the most parameters amongst its public overloads",
        Justification = "The overload with progress takes both its parameters without defaults, so no call is ambiguous.")]
    public static CafReport Run(IEnumerable<EpisodeReportRow> rows, CafReportRequest request, ReportingOptions options, Func<EpisodeReportRow, bool>? include = null) =>
        Run(rows, request, options, include, null, Diagnostics.LongWorkTelemetry.Traced, CancellationToken.None);

    /// <summary>Runs every report over an asynchronous stream of rows (e.g. a database query) in one pass.</summary>
    /// <param name="rows">The read model rows (each episode once).</param>
    /// <param name="request">What the report covers and whom it is for.</param>
    /// <param name="options">Reporting policy.</param>
    /// <param name="include">An optional filter applied after the SHARE-01 check.</param>
    /// <param name="cancellationToken">Cancels the enumeration.</param>
    /// <returns>The report.</returns>
    /// <exception cref="ArgumentNullException">An argument or a row is null.</exception>
    /// <exception cref="ArgumentException">The options are invalid.</exception>
    /// <exception cref="OperationCanceledException">Cancelled.</exception>
    [System.Diagnostics.CodeAnalysis.SuppressMessage("ApiDesign", "RS0027:API with optional parameter(s) should have the most parameters amongst its public overloads",
        Justification = "The overload with progress takes both its parameters without defaults, so no call is ambiguous.")]
    public static ValueTask<CafReport> RunAsync(
        IAsyncEnumerable<EpisodeReportRow> rows,
        CafReportRequest request,
        ReportingOptions options,
        Func<EpisodeReportRow, bool>? include = null,
        CancellationToken cancellationToken = default) =>
        RunAsync(rows, request, options, include, null, Diagnostics.LongWorkTelemetry.Traced, cancellationToken);

    /// <summary>Adds every row of a sequence.</summary>
    /// <param name="rows">The rows.</param>
    /// <exception cref="ArgumentNullException"><paramref name="rows"/> or a row is null.</exception>
    public void AddRange(IEnumerable<EpisodeReportRow> rows)
    {
        Guard.Against.Null(rows);
        foreach (var row in rows)
        {
            Add(row);
        }
    }

    /// <summary>Adds every row of an asynchronous stream.</summary>
    /// <param name="rows">The rows.</param>
    /// <param name="cancellationToken">Cancels the enumeration.</param>
    /// <returns>A task that completes when the stream ends.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="rows"/> or a row is null.</exception>
    /// <exception cref="OperationCanceledException">Cancelled.</exception>
    public async ValueTask AddRangeAsync(IAsyncEnumerable<EpisodeReportRow> rows, CancellationToken cancellationToken = default)
    {
        Guard.Against.Null(rows);
        await foreach (var row in rows.WithCancellation(cancellationToken).ConfigureAwait(false))
        {
            Add(row);
        }
    }

    /// <summary>Counts one episode's row in every report. Allocation free once its groups exist.</summary>
    /// <param name="row">The row.</param>
    /// <exception cref="ArgumentNullException"><paramref name="row"/> is null.</exception>
    public void Add(EpisodeReportRow row)
    {
        Guard.Against.Null(row);

        // SHARE-01: an agency never sees, even as a count, an episode its exclusion covers.
        if (_forAgency is { } agency && row.Excludes(agency))
        {
            return;
        }

        if (_include is not null && !_include(row))
        {
            return;
        }

        _episodes++;
        var openedInWindow = row.OpenedOn >= _windowStart && row.OpenedOn < _windowEnd;
        if (openedInWindow)
        {
            CountOpening(row);
        }
        else if (row.OpenedOn < _windowStart && !(row.ClosedOn < _windowStart))
        {
            // Open at the end of the day before the window: the first period's opening caseload.
            _openBeforeWindow++;
        }

        if (row.ClosedOn is { } closed && closed >= _windowStart && closed < _windowEnd)
        {
            CountClosure(row, closed);
        }

        if (row.IsOpenAt(_asOf))
        {
            CountOpenAtAsOf(row);
        }

        var panelReferrals = row.PanelReferrals;
        var referred = false;
        for (var i = 0; i < panelReferrals.Length; i++)
        {
            var referral = panelReferrals[i];
            if (referral.ReferredOn >= _windowStart && referral.ReferredOn < _windowEnd)
            {
                ref var tally = ref CollectionsMarshal.GetValueRefOrAddDefault(_panels, referral.ReferringAgency, out _);
                tally.Referrals++;
                tally.Allocations += referral.Allocations;
                referred = true;
            }
        }

        if (referred)
        {
            _episodesReferred++;
        }

        if (row.AssessmentCompletedOn is { } completed && row.AssessmentDueOn is { } due
            && completed >= _windowStart && completed < _windowEnd)
        {
            _assessmentsCompleted++;
            if (completed > due)
            {
                _completedLate++;
            }
        }

        // OUTQ-01: the distance travelled of episodes whose latest questionnaire was completed in the window.
        if (row.Outcomes is { HasDistance: true } outcomes
            && outcomes.LatestCompletedOn >= _windowStart && outcomes.LatestCompletedOn < _windowEnd)
        {
            _outcomes.Add(outcomes);
        }
    }

    /// <summary>Produces the report from the rows added so far; the builder can go on adding afterwards.</summary>
    /// <returns>The report.</returns>
    public CafReport Build() => CafReportAssembler.Assemble(this);

    private void CountOpening(EpisodeReportRow row)
    {
        var index = _calendar.Key(row.OpenedOn) - _firstKey;
        _opened[index]++;
        if (row.IntentToCaf)
        {
            _intents[index]++;
        }

        _bySetting[(int)row.InitiatingSetting]++;
        _byAgeBand[(int)row.AgeBandAtOpening]++;
        CollectionsMarshal.GetValueRefOrAddDefault(_byInitiatingAgency, row.InitiatingAgency, out _)++;

        var needs = row.Needs;
        if (needs.Length > 0)
        {
            _withNeeds++;
        }

        for (var i = 0; i < needs.Length; i++)
        {
            SlotOf(needs[i]).Count++;
        }

        if (row.PreviousEpisodes > 0)
        {
            _withPrevious++;

            // REP-06: opened within the window after the previous closure.
            if (row.PreviousClosedOn is { } previous && previous.AddMonths(_reReferralMonths) >= row.OpenedOn)
            {
                _reReferred[index]++;
            }
        }
    }

    private void CountClosure(EpisodeReportRow row, DateOnly closed)
    {
        _closed[_calendar.Key(closed) - _firstKey]++;
        CollectionsMarshal.GetValueRefOrAddDefault(_byOutcome, row.ClosureLocalCode!, out _)++; // REP-03: the authority's own outcome (CLOSE-10)
        switch (row.ClosureCategory)
        {
            case ReportClosureCategories.Resolved: _resolved++; break;
            case ReportClosureCategories.ConsentEnded: _consentEnded++; break;
            default: _escalated++; break;
        }
    }

    private void CountOpenAtAsOf(EpisodeReportRow row)
    {
        _openAtAsOf++;
        if (row.LeadProfessionalAgency is { } lead)
        {
            CollectionsMarshal.GetValueRefOrAddDefault(_byLeadAgency, lead, out _)++;
        }

        // REP-05 (LIFE-06): past due and not completed by the as-of date.
        if (row.AssessmentDueOn is { } due && due < _asOf && (row.AssessmentCompletedOn is not { } done || done > _asOf))
        {
            _assessmentsOverdue++;
        }

        // REP-05 (REV-05): the next review date has passed.
        if (row.NextReviewDue is { } review && review < _asOf)
        {
            _reviewsOverdue++;
        }
    }

    private NeedSlot SlotOf(ReportNeed need)
    {
        if (_needsByReference.TryGetValue(need, out var slot))
        {
            return slot;
        }

        if (!_needsByValue.TryGetValue(need, out slot))
        {
            slot = new NeedSlot(need);
            _needsByValue.Add(need, slot);
        }

        if (_needsByReference.Count < NeedReferenceCacheLimit)
        {
            _needsByReference.Add(need, slot);
        }

        return slot;
    }

    private sealed class NeedSlot(ReportNeed need)
    {
        public ReportNeed Need { get; } = need;

        public int Count { get; set; }
    }

    private struct PanelTally
    {
        public int Referrals;
        public int Allocations;
    }

    /// <summary>Turns the builder's tallies into the immutable, ordered result.</summary>
    private static class CafReportAssembler
    {
        internal static CafReport Assemble(CafReportBuilder b)
        {
            var periods = ImmutableArray.CreateBuilder<ReportPeriodCounts>(b._opened.Length);
            var open = b._openBeforeWindow;
            for (var i = 0; i < b._opened.Length; i++)
            {
                var end = open + b._opened[i] - b._closed[i];
                periods.Add(new ReportPeriodCounts(b._calendar.Period(b._firstKey + i), b._opened[i], b._intents[i], b._closed[i], open, end, b._reReferred[i]));
                open = end;
            }

            var needs = new List<NeedSlot>(b._needsByValue.Values);
            needs.Sort(static (x, y) => CompareNeeds(x, y));
            var ranked = ImmutableArray.CreateBuilder<NeedCount>(needs.Count);
            var byDomain = new Dictionary<string, int>(StringComparer.Ordinal);
            var byCode = new Dictionary<string, int>(StringComparer.Ordinal);
            foreach (var slot in needs)
            {
                ranked.Add(new NeedCount(ranked.Count + 1, slot.Need, slot.Count));
                CollectionsMarshal.GetValueRefOrAddDefault(byDomain, slot.Need.Domain, out _) += slot.Count;
                if (slot.Need.NationalCode is { } code)
                {
                    CollectionsMarshal.GetValueRefOrAddDefault(byCode, code, out _) += slot.Count;
                }
            }

            var settings = new List<ReportCount>(b._bySetting.Length);
            for (var i = 0; i < b._bySetting.Length; i++)
            {
                settings.Add(new ReportCount(((InitiatingSetting)i).ToString(), b._bySetting[i]));
            }

            var ageBands = ImmutableArray.CreateBuilder<ReportCount>(b._byAgeBand.Length);
            for (var i = 0; i < b._byAgeBand.Length; i++)
            {
                ageBands.Add(new ReportCount(AgeBands.Label((AgeBand)i), b._byAgeBand[i]));
            }

            var categories = new List<ReportCount>
            {
                new(ReportClosureCategories.Resolved, b._resolved),
                new(ReportClosureCategories.ConsentEnded, b._consentEnded),
                new(ReportClosureCategories.Escalated, b._escalated),
            };

            var panels = new List<PanelReferralCount>(b._panels.Count);
            foreach (var (agency, tally) in b._panels)
            {
                panels.Add(new PanelReferralCount(agency, tally.Referrals, tally.Allocations));
            }

            panels.Sort(static (x, y) => x.Referrals != y.Referrals ? y.Referrals.CompareTo(x.Referrals) : x.Agency.CompareTo(y.Agency));

            var opened = 0;
            foreach (var count in b._opened)
            {
                opened += count;
            }

            var reReferrals = 0;
            foreach (var count in b._reReferred)
            {
                reReferrals += count;
            }

            return new CafReport(
                b._request,
                b._episodes,
                periods.MoveToImmutable(),
                b._openAtAsOf,
                ranked.MoveToImmutable(),
                b._topNeeds,
                b._withNeeds,
                Ordered(byDomain),
                Ordered(byCode),
                Ordered(settings),
                Ordered(b._byInitiatingAgency),
                ageBands.MoveToImmutable(),
                Ordered(b._byOutcome),
                Ordered(categories),
                Ordered(b._byLeadAgency),
                [.. panels],
                b._episodesReferred,
                new TimelinessCounts(b._assessmentsCompleted, b._assessmentsCompleted - b._completedLate, b._completedLate, b._assessmentsOverdue, b._reviewsOverdue),
                new ReReferralCounts(b._reReferralMonths, opened, b._withPrevious, reReferrals),
                b._outcomes.ToSummary());
        }

        private static int CompareNeeds(NeedSlot x, NeedSlot y)
        {
            var byCount = y.Count.CompareTo(x.Count);
            if (byCount != 0)
            {
                return byCount;
            }

            var byId = string.CompareOrdinal(x.Need.IndicatorId, y.Need.IndicatorId);
            if (byId != 0)
            {
                return byId;
            }

            var byDomain = string.CompareOrdinal(x.Need.Domain, y.Need.Domain);
            return byDomain != 0 ? byDomain : string.CompareOrdinal(x.Need.NationalCode, y.Need.NationalCode);
        }

        private static ImmutableArray<ReportCount> Ordered(Dictionary<string, int> counts)
        {
            var list = new List<ReportCount>(counts.Count);
            foreach (var (key, count) in counts)
            {
                list.Add(new ReportCount(key, count));
            }

            return Ordered(list);
        }

        private static ImmutableArray<ReportCount> Ordered(Dictionary<AgencyId, int> counts)
        {
            var list = new List<ReportCount>(counts.Count);
            foreach (var (key, count) in counts)
            {
                list.Add(new ReportCount(key.Value, count));
            }

            return Ordered(list);
        }

        private static ImmutableArray<ReportCount> Ordered(List<ReportCount> list)
        {
            list.Sort(static (x, y) => x.Count != y.Count ? y.Count.CompareTo(x.Count) : string.CompareOrdinal(x.Key, y.Key));
            return [.. list];
        }
    }
}
