using System;
using System.Collections.Frozen;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using Caf.Core.Annotations;
using Caf.Core.Closure;
using Caf.Core.Configuration;
using Caf.Core.NationalData;
using Caf.Core.Policy;
using Caf.Core.Primitives;
using Caf.Core.Reporting;
using Caf.Core.Thresholds;
using Microsoft.Extensions.Options;

namespace Caf.Core.DependencyInjection;

/// <summary>
/// The authorities a host declared (one per service collection, kept as a singleton instance in it): each one's
/// builder, in order of declaration, and the problems found while declaring (an invalid authority id in configuration).
/// </summary>
[Mutable]
internal sealed class CafAuthorityCatalogue
{
    internal List<CafAuthorityBuilder> Builders { get; } = [];

    internal List<string> Problems { get; } = [];

    /// <summary>Whether <c>AddCafCore</c> registered the unkeyed services of the default authority.</summary>
    internal bool ServesDefaultUnkeyed { get; set; }

    internal CafAuthorityBuilder? Find(AuthorityId authority) => Builders.Find(b => b.Authority == authority);
}

/// <summary>One declared authority's checked policy: what its keyed services are built from.</summary>
/// <param name="Authority">The authority.</param>
/// <param name="Options">Its options (the first policy version's).</param>
/// <param name="History">Its policy versions.</param>
/// <param name="Thresholds">Its thresholds framework, compiled.</param>
/// <param name="Taxonomy">Its closure taxonomy (the first version's).</param>
/// <param name="Profile">Its national-data profile.</param>
/// <param name="SettingOf">Its agencies' settings for the report read model.</param>
/// <param name="Service">Its early-help service, the recipient of a transfer from another authority (RET-02).</param>
[Immutable]
internal sealed record CafAuthoritySetup(
    AuthorityId Authority, CafOptions Options, PolicyHistory History, ThresholdMatcher Thresholds, ClosureTaxonomy Taxonomy,
    NationalDataProfile Profile, Func<AgencyId, InitiatingSetting> SettingOf, AgencyId Service);

/// <summary>
/// Builds and checks every declared authority's policy once (on first use: start-up validation or the first keyed
/// service), listing every problem prefixed by its authority.
/// </summary>
[Immutable]
internal sealed class CafAuthoritySetups
{
    private readonly Lazy<(FrozenDictionary<AuthorityId, CafAuthoritySetup> Setups, IReadOnlyList<string> Problems)> _built;

    public CafAuthoritySetups(CafAuthorityCatalogue catalogue, ThresholdFrameworkLoader loader) =>
        _built = new(() => BuildAll(catalogue, loader));

    /// <summary>Every problem of every authority, each prefixed by its authority.</summary>
    internal IReadOnlyList<string> Problems => _built.Value.Problems;

    /// <summary>The checked policy of a declared authority; throws <see cref="OptionsValidationException"/> listing its problems.</summary>
    internal CafAuthoritySetup For(AuthorityId authority)
    {
        if (_built.Value.Setups.TryGetValue(authority, out var setup))
        {
            return setup;
        }

        var prefix = Prefix(authority);
        var problems = _built.Value.Problems.Where(p => p.StartsWith(prefix, StringComparison.Ordinal)).ToList();
        throw new OptionsValidationException(authority.Value, typeof(CafAuthoritySetup),
            problems.Count > 0 ? problems : [$"Authority '{authority}' is not declared: declare it with services.AddCafAuthority(\"{authority}\", ...) (docs/authorities.md)."]);
    }

    internal static string Prefix(AuthorityId authority) => $"Authority '{authority}': ";

    private static (FrozenDictionary<AuthorityId, CafAuthoritySetup>, IReadOnlyList<string>) BuildAll(CafAuthorityCatalogue catalogue, ThresholdFrameworkLoader loader)
    {
        var problems = new List<string>(catalogue.Problems);
        var setups = new Dictionary<AuthorityId, CafAuthoritySetup>();
        ThresholdMatcher? defaultMatcher = null;
        foreach (var builder in catalogue.Builders)
        {
            var own = new List<string>(builder.Problems);
            var setup = Build(builder, loader, () => defaultMatcher ??= loader.LoadDefault(), own);
            if (own.Count == 0 && setup is not null)
            {
                setups.Add(builder.Authority, setup);
            }

            problems.AddRange(own.Select(p => Prefix(builder.Authority) + p));
        }

        return (setups.ToFrozenDictionary(), problems);
    }

    private static CafAuthoritySetup? Build(CafAuthorityBuilder builder, ThresholdFrameworkLoader loader, Func<ThresholdMatcher> defaultMatcher, List<string> problems)
    {
        var options = new CafOptions();
        foreach (var change in builder.OptionChanges)
        {
            try
            {
                change(options);
            }
            catch (Exception ex) when (ex is not OutOfMemoryException)
            {
                problems.Add($"its changes to the options threw {ex.GetType().Name}: {ex.Message}");
            }
        }

        var optionProblems = options.Validate();
        problems.AddRange(optionProblems);
        var thresholds = Thresholds(builder, loader, defaultMatcher, problems);
        var taxonomy = Taxonomy(builder, problems);
        var profile = Profile(builder, problems);
        if (optionProblems.Count > 0 || thresholds is null || taxonomy is null || profile is null)
        {
            return null;
        }

        var versions = builder.Versions.Build(options, taxonomy, problems);
        return problems.Count > 0 ? null : new CafAuthoritySetup(
            builder.Authority, OptionsCopy.Of(options), new PolicyHistory(versions), thresholds, taxonomy, profile, builder.SettingOf ?? (_ => InitiatingSetting.Other),
            builder.Service ?? CafAuthorityBuilder.DefaultService(builder.Authority));
    }

    private static ThresholdMatcher? Thresholds(CafAuthorityBuilder builder, ThresholdFrameworkLoader loader, Func<ThresholdMatcher> defaultMatcher, List<string> problems)
    {
        if (builder.ThresholdMatcher is { } matcher)
        {
            return matcher;
        }

        ThresholdLoadResult? result = null;
        if (builder.ThresholdFramework is { } framework)
        {
            result = loader.Compile(framework);
        }
        else if (builder.ThresholdsPath is { } path && Read(path, "thresholds framework", problems) is { } json)
        {
            result = loader.Load(json);
        }
        else if (builder.ThresholdsPath is null)
        {
            return defaultMatcher();
        }

        if (result is null)
        {
            return null;
        }

        if (!result.IsSuccess)
        {
            problems.AddRange(result.Problems.Select(p => $"thresholds framework{From(builder.ThresholdsPath)}: {p}"));
            return null;
        }

        return result.Matcher;
    }

    private static ClosureTaxonomy? Taxonomy(CafAuthorityBuilder builder, List<string> problems)
    {
        if (builder.TaxonomyPath is not { } path)
        {
            return builder.Taxonomy ?? Closure.ClosureTaxonomy.Default;
        }

        if (Read(path, "closure taxonomy", problems) is not { } json)
        {
            return null;
        }

        var result = new ClosureTaxonomyLoader().Load(json);
        if (!result.IsSuccess)
        {
            problems.AddRange(result.Problems.Select(p => $"closure taxonomy{From(path)}: {p}"));
            return null;
        }

        return result.Taxonomy;
    }

    private static NationalDataProfile? Profile(CafAuthorityBuilder builder, List<string> problems)
    {
        if (builder.ProfilePath is not { } path)
        {
            return builder.Profile ?? NationalDataProfile.Default;
        }

        if (Read(path, "national-data profile", problems) is not { } json)
        {
            return null;
        }

        var result = new NationalDataProfileLoader().Load(json);
        if (!result.IsSuccess)
        {
            problems.AddRange(result.Problems.Select(p => $"national-data profile{From(path)}: {p}"));
            return null;
        }

        return result.Profile;
    }

    private static string From(string? path) => path is null ? string.Empty : $" ({path})";

    private static string? Read(string path, string what, List<string> problems)
    {
        try
        {
            return File.ReadAllText(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            problems.Add($"its {what} file '{path}' could not be read: {ex.Message}");
            return null;
        }
    }
}

/// <summary>The start-up check of every declared authority (<c>ValidateOnStart</c>).</summary>
[Mutable]
internal sealed class CafAuthorityCheck;

/// <summary>Lists every problem of every declared authority when the host starts, each prefixed by its authority.</summary>
[Immutable]
internal sealed class CafAuthorityCheckValidator(CafAuthoritySetups setups) : IValidateOptions<CafAuthorityCheck>
{
    public ValidateOptionsResult Validate(string? name, CafAuthorityCheck options) =>
        setups.Problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(setups.Problems);
}
