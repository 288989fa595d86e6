using System;
using System.Collections.Generic;
using System.Collections.Immutable;

namespace Caf.Core.Closure;

/// <summary>CLOSE-10: checks a taxonomy document and lists every problem with its JSON path; nothing is half-loaded.</summary>
internal static class ClosureTaxonomyValidator
{
    internal const int MaxCodeLength = 64;

    internal static ImmutableArray<ClosureTaxonomyProblem> Validate(ClosureTaxonomyDocument document, out ImmutableArray<ClosureTaxonomyOutcome> outcomes)
    {
        var problems = ImmutableArray.CreateBuilder<ClosureTaxonomyProblem>();
        void Add(string path, string message) => problems.Add(new ClosureTaxonomyProblem(path, message));

        RequireText(document.Id, "$.id", "the taxonomy id is missing or empty", Add);
        RequireText(document.Version, "$.version", "the taxonomy version is missing or empty", Add);
        RequireText(document.Title, "$.title", "the title is missing or empty", Add);

        var built = ImmutableArray.CreateBuilder<ClosureTaxonomyOutcome>();
        var codes = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var covered = new HashSet<ClosureOutcome>();
        var definitions = document.Outcomes.IsDefault ? [] : document.Outcomes;
        if (definitions.IsEmpty)
        {
            Add("$.outcomes", "at least one outcome is required");
        }

        for (var i = 0; i < definitions.Length; i++)
        {
            var path = $"$.outcomes[{i}]";
            var definition = definitions[i];
            if (definition is null)
            {
                Add(path, "an outcome must not be null");
                continue;
            }

            var ok = true;
            if (!RequireText(definition.Code, path + ".code", "the code is missing or empty", Add))
            {
                ok = false;
            }
            else if (!IsCode(definition.Code))
            {
                Add(path + ".code", $"code '{definition.Code}' must be 1 to {MaxCodeLength} letters, digits, '-', '_' or '.', starting with a letter or digit");
                ok = false;
            }
            else if (!codes.Add(definition.Code))
            {
                Add(path + ".code", $"duplicate code '{definition.Code}' (codes are unique ignoring case)");
                ok = false;
            }

            ok &= RequireText(definition.DisplayText, path + ".displayText", "the display text is missing or empty", Add);

            ClosureOutcome canonical = default;
            if (!RequireText(definition.CanonicalOutcome, path + ".canonicalOutcome", $"the canonical outcome is missing; expected one of {ClosureVocabulary.OutcomeNames}", Add))
            {
                ok = false;
            }
            else if (!ClosureVocabulary.TryParseOutcome(definition.CanonicalOutcome, out canonical))
            {
                Add(path + ".canonicalOutcome", $"canonical outcome '{definition.CanonicalOutcome}' is unknown; expected one of {ClosureVocabulary.OutcomeNames}");
                ok = false;
            }

            if (!RequireText(definition.Category, path + ".category", $"the category is missing; expected one of {ClosureVocabulary.CategoryNames}", Add))
            {
                ok = false;
            }
            else if (!ClosureVocabulary.TryParseCategory(definition.Category, out var category))
            {
                Add(path + ".category", $"category '{definition.Category}' is unknown; expected one of {ClosureVocabulary.CategoryNames}");
                ok = false;
            }
            else if (ok && category != ClosureVocabulary.CategoryOf(canonical))
            {
                Add(path + ".category", $"category '{definition.Category}' does not match canonical outcome '{definition.CanonicalOutcome}', which reports as '{ClosureVocabulary.NameOf(ClosureVocabulary.CategoryOf(canonical))}'");
                ok = false;
            }

            if (ok)
            {
                covered.Add(canonical);
                built.Add(new ClosureTaxonomyOutcome(definition.Code, definition.DisplayText, canonical, definition.Description));
            }
        }

        if (!definitions.IsEmpty)
        {
            foreach (var canonical in Enum.GetValues<ClosureOutcome>())
            {
                if (!covered.Contains(canonical) && !Mentions(definitions, canonical))
                {
                    Add("$.outcomes", $"no outcome maps to canonical outcome '{ClosureVocabulary.NameOf(canonical)}'; every canonical outcome needs at least one");
                }
            }
        }

        outcomes = problems.Count == 0 ? built.ToImmutable() : [];
        return problems.ToImmutable();
    }

    // An outcome with another problem but naming the canonical outcome already reports there; don't report twice.
    private static bool Mentions(ImmutableArray<ClosureOutcomeDefinition> definitions, ClosureOutcome canonical)
    {
        foreach (var definition in definitions)
        {
            if (definition is not null && ClosureVocabulary.TryParseOutcome(definition.CanonicalOutcome, out var named) && named == canonical)
            {
                return true;
            }
        }

        return false;
    }

    private static bool IsCode(string code)
    {
        if (code.Length > MaxCodeLength || !char.IsAsciiLetterOrDigit(code[0]))
        {
            return false;
        }

        foreach (var c in code)
        {
            if (!(char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.'))
            {
                return false;
            }
        }

        return true;
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
}
