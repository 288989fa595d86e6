using System.Collections.Generic;
using System.Linq;
using Caf.Core.Primitives;

namespace Caf.Core.Panels;

/// <summary>Folds several refusals into one that names every field (the rule id is the first one's).</summary>
internal static class PanelRefusals
{
    internal static Refusal Combine(string what, IReadOnlyList<Refusal> problems)
    {
        if (problems.Count == 1)
        {
            return problems[0];
        }

        return new Refusal(
            problems[0].RuleId,
            what + " " + string.Join(" ", problems.Select(p => $"[{p.RuleId}] {p.Message}")),
            string.Join(", ", problems.Select(p => p.Field)));
    }
}
