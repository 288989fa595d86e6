using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using Ardalis.GuardClauses;
using Caf.Core.Annotations;
using Caf.Core.Closure;
using Caf.Core.Thresholds;

namespace Caf.Core.NationalData;

/// <summary>
/// NAT-01..NAT-03: a validated national-data profile: the early-help end reason of every closure (through the
/// canonical categories of CLOSE-10, so an authority's own taxonomy maps without extra work, with optional
/// overrides per canonical outcome and per local code), the start reasons, the CIN census links (RC9 in, 5D out)
/// and the CIN census factor code list. Built only by <see cref="NationalDataProfileLoader"/>, so always valid.
/// </summary>
/// <threadsafety>This type is immutable and thread-safe.</threadsafety>
[Immutable]
public sealed class NationalDataProfile
{
    private readonly Dictionary<ClosureOutcome, string> _byOutcome;
    private readonly Dictionary<string, string> _byCode;
    private readonly Dictionary<string, int> _factorOrder;
    private readonly HashSet<string> _endReasons;

    internal NationalDataProfile(NationalDataProfileDocument document)
    {
        Document = document;
        _byOutcome = new Dictionary<ClosureOutcome, string>();
        foreach (var entry in document.OutcomeEndReasons)
        {
            ClosureVocabulary.TryParseOutcome(entry.Outcome, out var outcome);
            _byOutcome.Add(outcome, entry.EndReason);
        }

        _byCode = document.CodeEndReasons.ToDictionary(e => e.Code, e => e.EndReason, StringComparer.Ordinal);
        _factorOrder = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < document.FactorCodes.Length; i++)
        {
            _factorOrder.Add(document.FactorCodes[i].Code, i);
        }

        var ends = document.EndReasons;
        EndReasons = [.. new[] { ends.Resolved, ends.ConsentEnded, ends.Escalated, ends.NoFurtherAction, ends.TransferredOut }
            .Concat(document.OutcomeEndReasons.Select(e => e.EndReason))
            .Concat(document.CodeEndReasons.Select(e => e.EndReason))
            .Distinct(StringComparer.Ordinal)];
        _endReasons = new HashSet<string>(EndReasons, StringComparer.Ordinal);
    }

    /// <summary>The shipped default profile: SSD end reasons (Outcomes met / Step-up / NFA), RC9 and 5D, the CIN census factor codes.</summary>
    public static NationalDataProfile Default => DefaultHolder.Value;

    /// <summary>The document it was built from.</summary>
    public NationalDataProfileDocument Document { get; }

    /// <summary>Stable id.</summary>
    public string Id => Document.Id;

    /// <summary>Version.</summary>
    public string Version => Document.Version;

    /// <summary>NAT-01: every end reason the profile writes, distinct, in document order; an extract row's end reason must be one of them.</summary>
    public ImmutableArray<string> EndReasons { get; }

    /// <summary>NAT-01: the end reason written for an episode transferred to another authority (RET-02).</summary>
    public string TransferredOutEndReason => Document.EndReasons.TransferredOut;

    /// <summary>NAT-02: the CIN closure reason a step-down into CAF carries (<c>RC9</c> by default).</summary>
    public string StepDownClosureReason => Document.CinLinks.StepDownClosureReason;

    /// <summary>NAT-02: the CIN referral source a step-up out of CAF carries (<c>5D</c> by default).</summary>
    public string StepUpReferralSource => Document.CinLinks.StepUpReferralSource;

    /// <summary>NAT-03: the factor codes, in return order.</summary>
    public ImmutableArray<NationalFactorCode> FactorCodes => Document.FactorCodes;

    /// <summary>NAT-03, NAT-16: the "no factors identified" code (<c>21</c> by default).</summary>
    public string NoFactorsCode => Document.NoFactorsCode;

    /// <summary>NAT-01: true when the text is one of <see cref="EndReasons"/> (ordinal).</summary>
    /// <param name="endReason">The end reason.</param>
    /// <returns>True when the profile writes it.</returns>
    public bool IsEndReason(string? endReason) => endReason is not null && _endReasons.Contains(endReason);

    /// <summary>NAT-03: true when the code is in the profile's factor list (ordinal).</summary>
    /// <param name="code">The code.</param>
    /// <returns>True when known.</returns>
    public bool IsFactorCode(string? code) => code is not null && _factorOrder.ContainsKey(code);

    /// <summary>
    /// NAT-01: the end reason of a closure. In order: the authority's own code's end reason
    /// (<see cref="NationalDataProfileDocument.CodeEndReasons"/>), then no further action after assessment (CLOSE-09),
    /// then the canonical outcome's (<see cref="NationalDataProfileDocument.OutcomeEndReasons"/>), then its category's.
    /// </summary>
    /// <param name="canonical">The canonical outcome recorded (CLOSE-01..07).</param>
    /// <param name="code">The closure code as recorded (a taxonomy code, CLOSE-10), if known.</param>
    /// <param name="noFurtherAction">True when the episode closed by no further action straight after assessment (CLOSE-09).</param>
    /// <returns>The end reason.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="canonical"/> is not defined.</exception>
    public string EndReasonFor(ClosureOutcome canonical, string? code = null, bool noFurtherAction = false)
    {
        Guard.Against.EnumOutOfRange(canonical);
        if (code is not null && _byCode.TryGetValue(code, out var byCode))
        {
            return byCode;
        }

        if (noFurtherAction)
        {
            return Document.EndReasons.NoFurtherAction;
        }

        if (_byOutcome.TryGetValue(canonical, out var byOutcome))
        {
            return byOutcome;
        }

        return EndReasonForCategory(ClosureVocabulary.CategoryOf(canonical));
    }

    /// <summary>NAT-01: the end reason of a closure known only by its category (a read-model row with a code the taxonomy does not know): the code's end reason, else the category's.</summary>
    /// <param name="category">The canonical category (CLOSE-10).</param>
    /// <param name="code">The closure code as recorded, if known.</param>
    /// <returns>The end reason.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="category"/> is not defined.</exception>
    public string EndReasonForCategory(ClosureCategory category, string? code = null)
    {
        Guard.Against.EnumOutOfRange(category);
        if (code is not null && _byCode.TryGetValue(code, out var byCode))
        {
            return byCode;
        }

        return category switch
        {
            ClosureCategory.Resolved => Document.EndReasons.Resolved,
            ClosureCategory.ConsentEnded => Document.EndReasons.ConsentEnded,
            _ => Document.EndReasons.Escalated,
        };
    }

    /// <summary>The start reason of an episode.</summary>
    /// <param name="fromStepDown">True for a potential CAF registered from a step-down (LIFE-02); false for a concern (LIFE-01).</param>
    /// <returns>The start reason.</returns>
    public string StartReasonFor(bool fromStepDown) => fromStepDown ? Document.StartReasons.StepDown : Document.StartReasons.Concern;

    /// <summary>
    /// NAT-03: the factors identified at the end of an assessment from the national codes of the observed indicators:
    /// distinct, in the list's order (codes the list does not know follow, in ordinal order, so validation reports
    /// them), and <see cref="NoFactorsCode"/> alone when no indicator carries a code (NAT-16).
    /// </summary>
    /// <param name="nationalCodes">The observed indicators' national codes; nulls (indicators without a code) are skipped.</param>
    /// <returns>The factor codes; never empty.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="nationalCodes"/> is null.</exception>
    public ImmutableArray<string> FactorsIdentified(IEnumerable<string?> nationalCodes)
    {
        Guard.Against.Null(nationalCodes);
        var codes = nationalCodes.Where(c => !string.IsNullOrWhiteSpace(c) && c != NoFactorsCode).Select(c => c!)
            .Distinct(StringComparer.Ordinal)
            .OrderBy(c => _factorOrder.TryGetValue(c, out var i) ? i : int.MaxValue)
            .ThenBy(c => c, StringComparer.Ordinal)
            .ToImmutableArray();
        return codes.IsEmpty ? [NoFactorsCode] : codes;
    }

    /// <summary>
    /// NAT-03: checks a thresholds framework's national codes against the factor list: each indicator's
    /// <see cref="ThresholdIndicator.NationalCode"/>, when present, is a known code and not the no-factors code (which
    /// is derived when nothing is found, never observed).
    /// </summary>
    /// <param name="framework">The framework.</param>
    /// <returns>Every problem, with the indicator's JSON path (<c>$.indicators[3].nationalCode</c>); empty when all codes are known.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="framework"/> is null.</exception>
    public ImmutableArray<NationalDataProblem> CheckFramework(ThresholdFramework framework)
    {
        Guard.Against.Null(framework);
        var problems = ImmutableArray.CreateBuilder<NationalDataProblem>();
        var indicators = framework.Indicators.IsDefault ? [] : framework.Indicators;
        for (var i = 0; i < indicators.Length; i++)
        {
            if (indicators[i]?.NationalCode is not { } code)
            {
                continue;
            }

            var path = $"$.indicators[{i}].nationalCode";
            if (code == NoFactorsCode)
            {
                problems.Add(new NationalDataProblem(path, $"indicator '{indicators[i].Id}' carries '{code}' (no factors identified), which is derived, never observed (NAT-03, NAT-16)"));
            }
            else if (!IsFactorCode(code))
            {
                problems.Add(new NationalDataProblem(path, $"indicator '{indicators[i].Id}' carries '{code}', which is not a factor code of profile {Id} {Version} (NAT-03)"));
            }
        }

        return problems.ToImmutable();
    }

    /// <inheritdoc />
    public override string ToString() => $"{Id} {Version} ({EndReasons.Length} end reasons, {FactorCodes.Length} factor codes)";

    private static class DefaultHolder
    {
        internal static readonly NationalDataProfile Value = new NationalDataProfileLoader().LoadDefault();
    }
}
