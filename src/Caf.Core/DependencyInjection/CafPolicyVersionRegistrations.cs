using System;
using System.Collections.Generic;
using Caf.Core.Annotations;
using Caf.Core.Closure;
using Caf.Core.Configuration;
using Caf.Core.Policy;
using Microsoft.Extensions.Options;

namespace Caf.Core.DependencyInjection;

/// <summary>
/// The policy versions a host registered with <c>AddCafPolicyVersion</c>, in order: each is the options of the version
/// before it (the first: <see cref="CafOptions"/> as configured, <see cref="PolicyHistory.DefaultVersionId"/>) with its changes.
/// </summary>
[Mutable]
internal sealed class CafPolicyVersionRegistrations
{
    internal List<(string Id, DateOnly EffectiveFrom, Action<CafOptions> Changes, ClosureTaxonomy? Taxonomy)> Versions { get; } = [];

    /// <summary>Builds every version from the first version's options and taxonomy; problems are listed, not thrown.</summary>
    internal List<PolicyVersion> Build(CafOptions first, ClosureTaxonomy firstTaxonomy, List<string> problems)
    {
        var versions = new List<PolicyVersion> { new(PolicyHistory.DefaultVersionId, DateOnly.MinValue, first, firstTaxonomy) };
        var ids = new List<string> { PolicyHistory.DefaultVersionId };
        var dates = new List<DateOnly> { DateOnly.MinValue };
        var options = OptionsCopy.Of(first);
        var taxonomy = firstTaxonomy;
        foreach (var (id, effectiveFrom, changes, versionTaxonomy) in Versions)
        {
            var before = OptionsCopy.Of(options);
            try
            {
                changes(options);
            }
            catch (Exception ex) when (ex is not OutOfMemoryException)
            {
                problems.Add($"Policy version \"{id}\": its changes to the options threw {ex.GetType().Name}: {ex.Message}");
                continue;
            }

            taxonomy = versionTaxonomy ?? taxonomy;
            ids.Add(id);
            dates.Add(effectiveFrom);
            var found = problems.Count;
            PolicyVersion.Check(id, options, problems);
            foreach (var option in OptionsCopy.OutsideEpisodeChanges(before, options))
            {
                problems.Add(
                    $"Policy version \"{id}\" changes {option}, which no episode judges: its service reads CafOptions, so change it there (docs/policy-versions.md).");
            }

            if (problems.Count == found)
            {
                versions.Add(new PolicyVersion(id, effectiveFrom, options, taxonomy));
            }
        }

        PolicyHistory.CheckOrder(ids, dates, problems);
        return versions;
    }
}

/// <summary>Checks the registered policy versions when the host starts, every problem in one message.</summary>
[Immutable]
internal sealed class CafPolicyVersionsValidator(IOptions<CafOptions> options) : IValidateOptions<CafPolicyVersionRegistrations>
{
    public ValidateOptionsResult Validate(string? name, CafPolicyVersionRegistrations registrations)
    {
        CafOptions first;
        try
        {
            first = options.Value;
        }
        catch (OptionsValidationException)
        {
            return ValidateOptionsResult.Skip; // the options' own problems are reported by their validator
        }

        var problems = new List<string>();
        registrations.Build(first, ClosureTaxonomy.Default, problems);
        return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems);
    }
}
