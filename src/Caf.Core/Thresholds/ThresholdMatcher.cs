using System;
using System.Collections.Frozen;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Globalization;
using System.Linq;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Text;
using Ardalis.GuardClauses;
using Caf.Core.Annotations;
using Caf.Core.Primitives;

namespace Caf.Core.Thresholds;

/// <summary>
/// A framework compiled once for matching (THR-03): indicator ids map to dense indexes, the observed set
/// is a bitset, and every rule is evaluated over per-level counts, domain masks and indicator masks.
/// Matching allocates nothing apart from the result (<see cref="Classify"/> allocates nothing at all for
/// frameworks of up to 1,024 indicators; <see cref="Assess"/> allocates only its result up to 1,024 indicators and 256 rules).
/// </summary>
/// <remarks>
/// Obtain one from <see cref="ThresholdFrameworkLoader"/>. Rules only ever raise the level and every
/// rule's condition grows with the observed set, so adding an indicator never lowers the level (THR-06);
/// significant harm overrides every other result (THR-04); specialist involvement gives level 4 unless the
/// case is a step-down (THR-05). The result never depends on the order of the observed ids.
/// </remarks>
/// <threadsafety>This type is immutable and thread-safe: share one instance.</threadsafety>
[Immutable]
public sealed partial class ThresholdMatcher
{
    private const int StackWords = 16;
    private const int StackRules = 256;

    private readonly FrozenDictionary<string, int> _index;
    private readonly OrdinalIndex _lookup; // the hot path's id lookup
    private readonly ThresholdIndicator[] _indicators;
    private readonly byte[] _level;
    private readonly byte[] _domain;
    private readonly byte[] _outcomes;
    private readonly bool[] _harm;
    private readonly string[] _domainNames;
    private readonly int _words;
    private readonly int _ruleCount;
    private readonly CompiledRule[] _countRules;
    private readonly CompiledRule[] _anyOfRules;
    private readonly CompiledRule _specialistRule;
    private readonly int _significantHarmRule;
    private readonly ThresholdRuleFiring[] _firings;
    private readonly ulong[] _anyOfMasks;
    private readonly string[] _levelNames = new string[6];
    private readonly ThresholdRoute[] _levelRoutes = new ThresholdRoute[6];
    private readonly Plan? _plan; // the bitset plan of Classify (null: more than 64 indicators or 16 domains)

    private ThresholdMatcher(ThresholdFramework framework)
    {
        Framework = framework;
        var domains = framework.Domains.IsDefaultOrEmpty ? ThresholdDomain.NationalDefaults : framework.Domains;
        _domainNames = new string[domains.Length];
        var domainIndex = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var d = 0; d < domains.Length; d++)
        {
            domainIndex.Add(domains[d].Id, d);
            _domainNames[d] = domains[d].Id;
        }

        foreach (var level in framework.Levels)
        {
            _levelNames[level.Level] = level.Name;
            ThresholdVocabulary.TryParseRoute(level.Route, out _levelRoutes[level.Level]);
        }

        // A level a framework leaves undefined is never the result of a rule (validation), but the
        // floor and the names must still read sensibly.
        _levelNames[(int)ThresholdLevel.SignificantHarm] = "Significant harm";
        _levelRoutes[(int)ThresholdLevel.SignificantHarm] = ThresholdRoute.Safeguarding;

        var count = framework.Indicators.Length;
        _indicators = new ThresholdIndicator[count];
        _level = new byte[count];
        _domain = new byte[count];
        _outcomes = new byte[count];
        _harm = new bool[count];
        _words = (count + 63) / 64;
        var ids = new Dictionary<string, int>(count, StringComparer.Ordinal);
        for (var i = 0; i < count; i++)
        {
            var indicator = framework.Indicators[i];
            _indicators[i] = indicator;
            ids.Add(indicator.Id, i);
            _level[i] = (byte)indicator.Level;
            _domain[i] = (byte)domainIndex[indicator.Domain];
            _harm[i] = indicator.SignificantHarm;
            foreach (var name in indicator.Outcomes)
            {
                ThresholdVocabulary.TryParseOutcome(name, out var outcome);
                _outcomes[i] |= (byte)(1 << (int)outcome);
            }
        }

        _index = ids.ToFrozenDictionary(StringComparer.Ordinal);
        _lookup = new OrdinalIndex([.. framework.Indicators.Select(i => i.Id)]);

        var rules = framework.Rules;
        _ruleCount = rules.Length;
        var countRules = new List<CompiledRule>();
        var anyOfRules = new List<CompiledRule>();
        _firings = new ThresholdRuleFiring[rules.Length];
        var masks = new List<ulong>();
        for (var r = 0; r < rules.Length; r++)
        {
            var rule = rules[r];
            ThresholdRoute? route = rule.Route is { } name && ThresholdVocabulary.TryParseRoute(name, out var parsed) ? parsed : null;
            var compiled = new CompiledRule
            {
                Kind = rule.Kind switch
                {
                    ThresholdRuleKinds.Count => RuleKind.Count,
                    ThresholdRuleKinds.AnyOf => RuleKind.AnyOf,
                    ThresholdRuleKinds.SpecialistInvolved => RuleKind.SpecialistInvolved,
                    _ => RuleKind.SignificantHarm,
                },
                Gives = rule.Kind == ThresholdRuleKinds.SignificantHarm ? (int)ThresholdLevel.SignificantHarm : rule.Gives!.Value,
                Route = route.HasValue ? (int)route.Value : -1,
                MinLevel = rule.MinLevel ?? 1,
                MinCount = rule.MinCount ?? 1,
                MinDomains = rule.MinDomains ?? 1,
                MaskOffset = -1,
                Index = r,
            };
            if (compiled.Kind == RuleKind.AnyOf)
            {
                compiled.MaskOffset = masks.Count;
                var mask = new ulong[_words];
                foreach (var id in rule.Indicators)
                {
                    var i = ids[id];
                    mask[i >> 6] |= 1UL << (i & 63);
                }

                masks.AddRange(mask);
            }

            // Exactly one specialistInvolved and one significantHarm rule (validated).
            switch (compiled.Kind)
            {
                case RuleKind.Count: countRules.Add(compiled); break;
                case RuleKind.AnyOf: anyOfRules.Add(compiled); break;
                case RuleKind.SpecialistInvolved: _specialistRule = compiled; break;
                default: _significantHarmRule = r; break;
            }

            _firings[r] = new ThresholdRuleFiring(
                rule.Id,
                rule.Kind,
                rule.Description,
                (ThresholdLevel)compiled.Gives,
                compiled.Kind == RuleKind.SignificantHarm ? ThresholdRoute.Safeguarding : route);
        }

        _anyOfMasks = masks.ToArray();
        _countRules = countRules.ToArray();
        _anyOfRules = anyOfRules.ToArray();
        _plan = Plan.Build(this);
    }

    private enum RuleKind : byte
    {
        Count,
        AnyOf,
        SpecialistInvolved,
        SignificantHarm,
    }

    /// <summary>The framework document this matcher was compiled from.</summary>
    public ThresholdFramework Framework { get; }

    /// <summary>THR-07: the framework id, for the episode to record.</summary>
    public string FrameworkId => Framework.Id;

    /// <summary>THR-07: the framework version, for the episode to record.</summary>
    public string FrameworkVersion => Framework.Version;

    /// <summary>The number of indicators in the framework.</summary>
    public int IndicatorCount => _indicators.Length;

    /// <summary>True when the framework defines an indicator with this id (ordinal, case-sensitive).</summary>
    /// <param name="indicatorId">The indicator id.</param>
    /// <returns>True when defined.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="indicatorId"/> is null.</exception>
    public bool ContainsIndicator(string indicatorId) => _index.ContainsKey(Guard.Against.Null(indicatorId));

    /// <summary>
    /// The level and route for the observed indicators, without allocating: for live feedback while a form
    /// is filled in. Order and duplicates of <paramref name="observed"/> do not matter.
    /// </summary>
    /// <param name="observed">The observed indicator ids.</param>
    /// <param name="context">Significant-harm concern, specialist involvement and step-down (THR-04, THR-05).</param>
    /// <returns>The classification, or a <c>THR-03</c> refusal naming the first id the framework does not define
    /// (unknown ids are an error, never ignored).</returns>
    /// <exception cref="ArgumentNullException">An observed id is null.</exception>
    public Result<ThresholdClassification> Classify(ReadOnlySpan<string> observed, ThresholdContext context = default)
    {
        if (_plan is { } plan)
        {
            // Up to 64 indicators and 16 domains: the observed set is read into two words, then the rules are bitset
            // tests tried in the order of what they give, until the first holds.
            return plan.TryRead(_lookup, observed, out var word, out var lanes)
                ? plan.Decide(word, lanes, context)
                : UnknownIndicator(observed, FirstUnknown(observed));
        }

        return ClassifyLarge(observed, context);
    }

    /// <summary>
    /// Matches the observed indicators (THR-03): the level, the recommended route, the ECM outcomes affected
    /// and the explanation (which indicators and which rules fired), with the framework id and version
    /// (THR-07). Order and duplicates of <paramref name="observed"/> do not matter.
    /// </summary>
    /// <param name="observed">The observed indicator ids.</param>
    /// <param name="context">Significant-harm concern, specialist involvement and step-down (THR-04, THR-05).</param>
    /// <returns>The explained result, or a <c>THR-03</c> refusal naming the first id the framework does not
    /// define (unknown ids are an error, never ignored).</returns>
    /// <exception cref="ArgumentNullException">An observed id is null.</exception>
    public Result<ThresholdResult> Assess(ReadOnlySpan<string> observed, ThresholdContext context = default) =>
        AssessCore(observed, context, alongside: false);

    private Result<ThresholdResult> AssessCore(ReadOnlySpan<string> observed, ThresholdContext context, bool alongside)
    {
        Span<ulong> bits = _words <= StackWords ? stackalloc ulong[StackWords] : new ulong[_words];
        bits = bits[.._words];
        Span<bool> fired = _ruleCount <= StackRules ? stackalloc bool[StackRules] : new bool[_ruleCount];
        fired = fired[.._ruleCount];
        if (!TryEvaluate(observed, context, bits, fired, out var classification, out var unknownAt, alongside))
        {
            return UnknownIndicator(observed, unknownAt);
        }

        var matched = ImmutableArray.CreateBuilder<string>();
        var outcomeMask = 0;
        for (var w = 0; w < bits.Length; w++)
        {
            var word = bits[w];
            while (word != 0)
            {
                var i = (w << 6) + BitOperations.TrailingZeroCount(word);
                word &= word - 1;
                matched.Add(_indicators[i].Id);
                outcomeMask |= _outcomes[i];
            }
        }

        var outcomes = ImmutableArray.CreateBuilder<EcmOutcome>();
        for (var o = 0; o < 5; o++)
        {
            if ((outcomeMask & (1 << o)) != 0)
            {
                outcomes.Add((EcmOutcome)o);
            }
        }

        var firings = ImmutableArray.CreateBuilder<ThresholdRuleFiring>();
        for (var r = 0; r < fired.Length; r++)
        {
            if (fired[r])
            {
                firings.Add(_firings[r]);
            }
        }

        var firedRules = firings.ToImmutable();

        // The explanation text is built on first read: live per-keystroke use rarely needs it.
        var observedBits = bits.ToArray();
        var explanation = new Lazy<string>(() => Explain(classification, observedBits, firedRules, context, alongside));
        return new ThresholdResult(
            FrameworkId,
            FrameworkVersion,
            classification.Level,
            _levelNames[(int)classification.Level] ?? classification.Level.ToString(),
            classification.Route,
            outcomes.ToImmutable(),
            matched.ToImmutable(),
            firedRules,
            context,
            explanation)
        {
            AlongsideSpecialist = alongside,
        };
    }

    /// <summary>Compiles a framework that <see cref="ThresholdFrameworkValidator"/> accepted.</summary>
    internal static ThresholdMatcher Compile(ThresholdFramework validated) => new(validated);

    private bool TryEvaluate(
        ReadOnlySpan<string> observed, ThresholdContext context, Span<ulong> bits, Span<bool> fired,
        out ThresholdClassification classification, out int unknownAt, bool alongside = false)
    {
        bits.Clear();
        fired.Clear();
        classification = default;

        // Per level L (1..4): how many observed indicators are at level L or above, and in which domains.
        // Inline arrays rather than stackalloc: zeroed in the prologue, and no localloc in this method.
        var countAtLeast = default(LevelCounts);
        var domainsAtLeast = default(LevelMasks);
        var harm = context.SignificantHarmConcern;
        for (var i = 0; i < observed.Length; i++)
        {
            var id = observed[i] ?? throw new ArgumentNullException(nameof(observed), $"Observed indicator id at index {i} is null.");
            if (!_lookup.TryGetIndex(id, out var index))
            {
                unknownAt = i;
                return false;
            }

            // Accumulate per level while reading; a repeated id is counted once.
            var bit = 1UL << (index & 63);
            if ((bits[index >> 6] & bit) != 0)
            {
                continue;
            }

            bits[index >> 6] |= bit;
            int level = _level[index];
            countAtLeast[level]++;
            domainsAtLeast[level] |= 1UL << _domain[index];
            harm |= _harm[index];
        }

        unknownAt = -1;

        for (var level = 3; level >= 1; level--)
        {
            countAtLeast[level] += countAtLeast[level + 1];
            domainsAtLeast[level] |= domainsAtLeast[level + 1];
        }

        if (harm && fired.IsEmpty)
        {
            // THR-04: significant harm overrides every other result, so nothing else needs evaluating.
            classification = new ThresholdClassification(ThresholdLevel.SignificantHarm, ThresholdRoute.Safeguarding);
            return true;
        }

        // The highest level given wins; among the rules that gave it, the most intensive route they name.
        // Both are maxima, so the order rules are evaluated in does not matter.
        var result = (int)ThresholdLevel.Universal;
        var ruleRoute = -1;
        foreach (ref readonly var rule in _countRules.AsSpan())
        {
            if (countAtLeast[rule.MinLevel] >= rule.MinCount && BitOperations.PopCount(domainsAtLeast[rule.MinLevel]) >= rule.MinDomains)
            {
                Fire(in rule, fired, ref result, ref ruleRoute);
            }
        }

        foreach (ref readonly var rule in _anyOfRules.AsSpan())
        {
            if (CountCommon(bits, _anyOfMasks.AsSpan(rule.MaskOffset, _words)) >= rule.MinCount)
            {
                Fire(in rule, fired, ref result, ref ruleRoute);
            }
        }

        if (alongside)
        {
            Alongside(ref result, ref ruleRoute); // THR-08: a CAF alongside the specialist service, not THR-05
        }
        else if (context.SpecialistServicesInvolved && !context.StepDown)
        {
            Fire(in _specialistRule, fired, ref result, ref ruleRoute); // THR-05
        }

        if (harm)
        {
            fired[_significantHarmRule] = true; // THR-04
            result = (int)ThresholdLevel.SignificantHarm;
        }

        var route = result == (int)ThresholdLevel.SignificantHarm
            ? ThresholdRoute.Safeguarding
            : (ThresholdRoute)Math.Max((int)_levelRoutes[result], ruleRoute);
        classification = new ThresholdClassification((ThresholdLevel)result, route);
        return true;
    }

    private Result<ThresholdClassification> ClassifyLarge(ReadOnlySpan<string> observed, ThresholdContext context)
    {
        Span<ulong> bits = _words <= StackWords ? stackalloc ulong[StackWords] : new ulong[_words];
        bits = bits[.._words];
        if (!TryEvaluate(observed, context, bits, [], out var classification, out var unknownAt))
        {
            return UnknownIndicator(observed, unknownAt);
        }

        return classification;
    }

    private static void Fire(in CompiledRule rule, Span<bool> fired, ref int result, ref int ruleRoute)
    {
        if (!fired.IsEmpty)
        {
            fired[rule.Index] = true;
        }

        if (rule.Gives > result)
        {
            result = rule.Gives;
            ruleRoute = rule.Route;
        }
        else if (rule.Gives == result && rule.Route > ruleRoute)
        {
            ruleRoute = rule.Route;
        }
    }

    private static int CountCommon(ReadOnlySpan<ulong> a, ReadOnlySpan<ulong> b)
    {
        var n = 0;
        for (var w = 0; w < a.Length; w++)
        {
            n += BitOperations.PopCount(a[w] & b[w]);
        }

        return n;
    }

    private Refusal UnknownIndicator(ReadOnlySpan<string> observed, int at) =>
        new(
            "THR-03",
            $"Indicator '{observed[at]}' is not defined in framework {FrameworkId} version {FrameworkVersion}; unknown indicators are an error, not ignored.",
            $"observed[{at}]");

    private string Explain(ThresholdClassification classification, ReadOnlySpan<ulong> bits, ImmutableArray<ThresholdRuleFiring> fired, ThresholdContext context, bool alongside)
    {
        var text = new StringBuilder();
        var inv = CultureInfo.InvariantCulture;
        var levelName = _levelNames[(int)classification.Level];
        if (classification.Level == ThresholdLevel.SignificantHarm)
        {
            text.Append(inv, $"Significant harm: {ThresholdVocabulary.Describe(ThresholdRoute.Safeguarding)} (THR-04 overrides every other result).");
        }
        else
        {
            text.Append(inv, $"Level {(int)classification.Level} ({levelName}): {ThresholdVocabulary.Describe(classification.Route)}.");
        }

        text.AppendLine();
        text.Append(inv, $"Framework: {Framework.Title} ({FrameworkId}, version {FrameworkVersion}).").AppendLine();

        var any = false;
        for (var w = 0; w < bits.Length; w++)
        {
            var word = bits[w];
            while (word != 0)
            {
                var i = (w << 6) + BitOperations.TrailingZeroCount(word);
                word &= word - 1;
                if (!any)
                {
                    text.AppendLine("Indicators observed:");
                    any = true;
                }

                var indicator = _indicators[i];
                text.Append(inv, $"  - {indicator.Id} (level {indicator.Level}, {_domainNames[_domain[i]]}")
                    .Append(indicator.SignificantHarm ? ", significant harm" : "")
                    .Append(inv, $"): {indicator.Statement}").AppendLine();
            }
        }

        if (!any)
        {
            text.AppendLine("No indicators observed.");
        }

        if (context.SignificantHarmConcern)
        {
            text.AppendLine("The practitioner recorded a significant-harm concern (THR-04).");
        }

        if (context.SpecialistServicesInvolved)
        {
            text.AppendLine(context.StepDown
                ? "Specialist services are involved but the case is a step-down, so they do not raise the level (THR-05)."
                : alongside
                    ? $"Specialist services are involved and the CAF continues alongside them for multi-agency coordination (THR-08): {context.CoordinationNeed}"
                    : "Specialist (tier 3/4) services are already involved (THR-05).");
        }

        if (fired.IsEmpty)
        {
            text.Append(inv, $"No rule fired, so the level is 1 ({_levelNames[1]}).").AppendLine();
        }
        else
        {
            text.AppendLine("Rules fired:");
            foreach (var rule in fired)
            {
                text.Append(inv, $"  - {rule.RuleId} ({rule.Kind}): {rule.Description} -> ")
                    .Append(rule.Level == ThresholdLevel.SignificantHarm ? "safeguarding" : $"level {(int)rule.Level}")
                    .Append(rule.Route is { } r && rule.Level != ThresholdLevel.SignificantHarm ? $", route {ThresholdVocabulary.Describe(r)}" : "")
                    .AppendLine();
            }
        }

        return text.ToString().TrimEnd();
    }

    [InlineArray(6)]
    private struct LevelCounts
    {
        private int _first;
    }

    [InlineArray(6)]
    private struct LevelMasks
    {
        private ulong _first;
    }

    private struct CompiledRule
    {
        public RuleKind Kind;
        public int Gives;
        public int Route;
        public int MinLevel;
        public int MinCount;
        public int MinDomains;
        public int MaskOffset;
        public int Index;
    }
}
