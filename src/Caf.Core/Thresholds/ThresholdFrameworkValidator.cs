using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Globalization;

namespace Caf.Core.Thresholds;

/// <summary>
/// THR-01: checks a framework document and lists every problem with its JSON path, so an authority fixes
/// its file in one pass. A framework with any problem is never compiled (nothing is half-loaded).
/// </summary>
internal static class ThresholdFrameworkValidator
{
    // Bitsets in the matcher: domains fit one ulong mask.
    internal const int MaxDomains = 64;

    internal static ImmutableArray<ThresholdProblem> Validate(ThresholdFramework framework)
    {
        var problems = ImmutableArray.CreateBuilder<ThresholdProblem>();
        void Add(string path, string message) => problems.Add(new ThresholdProblem(path, message));

        RequireText(framework.Id, "$.id", "the framework id is missing or empty", Add);
        RequireText(framework.Version, "$.version", "the framework version is missing or empty (THR-07 records it)", Add);
        RequireText(framework.Title, "$.title", "the title is missing or empty", Add);

        var levels = ValidateLevels(OrEmpty(framework.Levels), Add);
        var domains = ValidateDomains(OrEmpty(framework.Domains), Add);
        var indicators = ValidateIndicators(OrEmpty(framework.Indicators), levels, domains, Add);
        ValidateRules(OrEmpty(framework.Rules), levels, indicators, domains.Count, Add);
        return problems.ToImmutable();
    }

    private static HashSet<int> ValidateLevels(ImmutableArray<ThresholdLevelDefinition> levels, Action<string, string> add)
    {
        var defined = new HashSet<int>();
        if (levels.IsEmpty)
        {
            add("$.levels", "at least level 1 must be defined");
            return defined;
        }

        for (var i = 0; i < levels.Length; i++)
        {
            var path = $"$.levels[{i}]";
            var level = levels[i];
            if (level is null)
            {
                add(path, "a level must not be null");
                continue;
            }

            if (level.Level is < 1 or > 4)
            {
                add(path + ".level", $"level {level.Level} is unknown; levels are 1 to 4 (significant harm is the safeguarding route, not a level)");
            }
            else if (!defined.Add(level.Level))
            {
                add(path + ".level", $"level {level.Level} is defined twice");
            }

            RequireText(level.Name, path + ".name", "the level name is missing or empty", add);
            if (!ThresholdVocabulary.TryParseRoute(level.Route, out var levelRoute))
            {
                add(path + ".route", $"route '{level.Route}' is unknown; expected one of {ThresholdVocabulary.RouteNames}");
            }
            else if (levelRoute == ThresholdRoute.Safeguarding)
            {
                add(path + ".route", "route 'safeguarding' belongs to significant harm only (THR-04: the significantHarm rule gives it); levels 1 to 4 route within or beside the CAF");
            }
        }

        if (!defined.Contains(1))
        {
            add("$.levels", "level 1 (universal) must be defined: it is the result when no rule fires");
        }

        return defined;
    }

    private static Dictionary<string, int> ValidateDomains(ImmutableArray<ThresholdDomain> domains, Action<string, string> add)
    {
        var ids = new Dictionary<string, int>(StringComparer.Ordinal);
        if (domains.IsEmpty)
        {
            foreach (var d in ThresholdDomain.NationalDefaults)
            {
                ids.Add(d.Id, ids.Count);
            }

            return ids;
        }

        if (domains.Length > MaxDomains)
        {
            add("$.domains", $"at most {MaxDomains} domains are supported; got {domains.Length}");
        }

        for (var i = 0; i < domains.Length; i++)
        {
            var path = $"$.domains[{i}]";
            var domain = domains[i];
            if (domain is null)
            {
                add(path, "a domain must not be null");
                continue;
            }

            if (RequireText(domain.Id, path + ".id", "the domain id is missing or empty", add) && !ids.TryAdd(domain.Id, ids.Count))
            {
                add(path + ".id", $"duplicate domain id '{domain.Id}'");
            }

            RequireText(domain.Name, path + ".name", "the domain name is missing or empty", add);
        }

        return ids;
    }

    private static HashSet<string> ValidateIndicators(
        ImmutableArray<ThresholdIndicator> indicators, HashSet<int> levels, Dictionary<string, int> domains, Action<string, string> add)
    {
        var ids = new HashSet<string>(StringComparer.Ordinal);
        if (indicators.IsEmpty)
        {
            add("$.indicators", "at least one indicator is required");
            return ids;
        }

        for (var i = 0; i < indicators.Length; i++)
        {
            var path = $"$.indicators[{i}]";
            var indicator = indicators[i];
            if (indicator is null)
            {
                add(path, "an indicator must not be null");
                continue;
            }

            if (RequireText(indicator.Id, path + ".id", "the indicator id is missing or empty", add) && !ids.Add(indicator.Id))
            {
                add(path + ".id", $"duplicate indicator id '{indicator.Id}'");
            }

            RequireText(indicator.Statement, path + ".statement", "the statement is missing or empty", add);
            if (!domains.ContainsKey(indicator.Domain ?? ""))
            {
                add(path + ".domain", $"domain '{indicator.Domain}' is not defined; expected one of {string.Join(", ", domains.Keys)}");
            }

            if (!levels.Contains(indicator.Level))
            {
                add(path + ".level", $"level {indicator.Level} is not defined in $.levels");
            }

            var outcomes = OrEmpty(indicator.Outcomes);
            if (outcomes.IsEmpty)
            {
                add(path + ".outcomes", "at least one Every Child Matters outcome is required");
            }

            var seen = new HashSet<EcmOutcome>();
            for (var o = 0; o < outcomes.Length; o++)
            {
                if (!ThresholdVocabulary.TryParseOutcome(outcomes[o], out var outcome))
                {
                    add($"{path}.outcomes[{o}]", $"outcome '{outcomes[o]}' is unknown; expected one of {ThresholdVocabulary.OutcomeNames}");
                }
                else if (!seen.Add(outcome))
                {
                    add($"{path}.outcomes[{o}]", $"outcome '{outcomes[o]}' is listed twice");
                }
            }

            if (indicator.NationalCode is { } code && !IsNationalCode(code))
            {
                add(path + ".nationalCode", $"national code '{code}' is not a code such as 7A or 21 (one or two digits and an optional capital letter)");
            }
        }

        return ids;
    }

    private static void ValidateRules(
        ImmutableArray<ThresholdRule> rules, HashSet<int> levels, HashSet<string> indicators, int domainCount, Action<string, string> add)
    {
        var ids = new HashSet<string>(StringComparer.Ordinal);
        int significantHarmRules = 0, specialistRules = 0;
        for (var i = 0; i < rules.Length; i++)
        {
            var path = $"$.rules[{i}]";
            var rule = rules[i];
            if (rule is null)
            {
                add(path, "a rule must not be null");
                continue;
            }

            if (RequireText(rule.Id, path + ".id", "the rule id is missing or empty", add) && !ids.Add(rule.Id))
            {
                add(path + ".id", $"duplicate rule id '{rule.Id}'");
            }

            RequireText(rule.Description, path + ".description", "the description is missing or empty (explanations show it)", add);
            if (rule.Route is not { } route)
            {
            }
            else if (!ThresholdVocabulary.TryParseRoute(route, out var ruleRoute))
            {
                add(path + ".route", $"route '{route}' is unknown; expected one of {ThresholdVocabulary.RouteNames}");
            }
            else if (ruleRoute == ThresholdRoute.Safeguarding)
            {
                add(path + ".route", "route 'safeguarding' belongs to significant harm only (THR-04): use a significantHarm rule");
            }

            var anyOfIndicators = OrEmpty(rule.Indicators);
            switch (rule.Kind)
            {
                case ThresholdRuleKinds.Count:
                    RequireGives(rule, path, levels, add);
                    if (rule.MinLevel is not { } minLevel || !levels.Contains(minLevel))
                    {
                        add(path + ".minLevel", $"minLevel {Show(rule.MinLevel)} is missing or not a level defined in $.levels");
                    }

                    if (rule.MinCount is { } count && count < 1)
                    {
                        add(path + ".minCount", $"minCount must be 1 or more; got {count}");
                    }

                    if (rule.MinDomains is { } minDomains && (minDomains < 1 || minDomains > domainCount))
                    {
                        add(path + ".minDomains", $"minDomains must be 1 to the number of domains ({domainCount}); got {minDomains}");
                    }

                    NotUsed(!anyOfIndicators.IsEmpty, path + ".indicators", "count", add);
                    break;

                case ThresholdRuleKinds.AnyOf:
                    RequireGives(rule, path, levels, add);
                    if (anyOfIndicators.IsEmpty)
                    {
                        add(path + ".indicators", "anyOf needs at least one indicator id");
                    }

                    var listed = new HashSet<string>(StringComparer.Ordinal);
                    for (var k = 0; k < anyOfIndicators.Length; k++)
                    {
                        var id = anyOfIndicators[k];
                        if (!indicators.Contains(id ?? ""))
                        {
                            add($"{path}.indicators[{k}]", $"indicator '{id}' is not defined in $.indicators");
                        }
                        else if (!listed.Add(id!))
                        {
                            add($"{path}.indicators[{k}]", $"indicator '{id}' is listed twice");
                        }
                    }

                    if (rule.MinCount is { } need && (need < 1 || need > Math.Max(1, anyOfIndicators.Length)))
                    {
                        add(path + ".minCount", $"minCount must be 1 to the number of listed indicators ({anyOfIndicators.Length}); got {need}");
                    }

                    NotUsed(rule.MinLevel is not null, path + ".minLevel", "anyOf", add);
                    NotUsed(rule.MinDomains is not null, path + ".minDomains", "anyOf", add);
                    break;

                case ThresholdRuleKinds.SpecialistInvolved:
                    specialistRules++;
                    if (rule.Gives != 4)
                    {
                        add(path + ".gives", $"THR-05: specialist involvement gives level 4; got {Show(rule.Gives)}");
                    }
                    else
                    {
                        RequireGives(rule, path, levels, add);
                    }

                    NotUsed(rule.MinLevel is not null, path + ".minLevel", "specialistInvolved", add);
                    NotUsed(rule.MinCount is not null, path + ".minCount", "specialistInvolved", add);
                    NotUsed(rule.MinDomains is not null, path + ".minDomains", "specialistInvolved", add);
                    NotUsed(!anyOfIndicators.IsEmpty, path + ".indicators", "specialistInvolved", add);
                    break;

                case ThresholdRuleKinds.SignificantHarm:
                    significantHarmRules++;
                    NotUsed(rule.Gives is not null, path + ".gives", "significantHarm (it always gives the safeguarding route)", add);
                    NotUsed(rule.Route is not null, path + ".route", "significantHarm (it always gives the safeguarding route)", add);
                    NotUsed(rule.MinLevel is not null, path + ".minLevel", "significantHarm", add);
                    NotUsed(rule.MinCount is not null, path + ".minCount", "significantHarm", add);
                    NotUsed(rule.MinDomains is not null, path + ".minDomains", "significantHarm", add);
                    NotUsed(!anyOfIndicators.IsEmpty, path + ".indicators", "significantHarm", add);
                    break;

                default:
                    add(path + ".kind", $"rule kind '{rule.Kind}' is unknown; expected count, anyOf, specialistInvolved or significantHarm");
                    break;
            }
        }

        if (significantHarmRules != 1)
        {
            add("$.rules", $"THR-04: exactly one significantHarm rule is required (significant harm overrides every other result); found {significantHarmRules}");
        }

        if (specialistRules != 1)
        {
            add("$.rules", $"THR-05: exactly one specialistInvolved rule is required; found {specialistRules}");
        }
    }

    private static void RequireGives(ThresholdRule rule, string path, HashSet<int> levels, Action<string, string> add)
    {
        if (rule.Gives is not { } gives || !levels.Contains(gives))
        {
            add(path + ".gives", $"gives {Show(rule.Gives)} is missing or not a level defined in $.levels");
        }
    }

    private static void NotUsed(bool present, string path, string kind, Action<string, string> add)
    {
        if (present)
        {
            add(path, $"not used by rule kind {kind}; remove it");
        }
    }

    private static bool RequireText(string? value, string path, string message, Action<string, string> add)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            add(path, message);
            return false;
        }

        return true;
    }

    private static string Show(int? value) => value?.ToString(CultureInfo.InvariantCulture) ?? "(missing)";

    private static ImmutableArray<T> OrEmpty<T>(ImmutableArray<T> array) => array.IsDefault ? [] : array;

    // CIN census factor codes: one or two digits and an optional capital letter (7A, 16A, 21).
    private static bool IsNationalCode(string code)
    {
        var digits = 0;
        while (digits < code.Length && code[digits] is >= '0' and <= '9')
        {
            digits++;
        }

        var rest = code.Length - digits;
        return digits is 1 or 2 && (rest == 0 || (rest == 1 && code[^1] is >= 'A' and <= 'Z'));
    }
}
