using System;
using System.Collections.Generic;
using Ardalis.GuardClauses;
using Caf.Core.Annotations;
using Caf.Core.Closure;
using Caf.Core.Configuration;
using Caf.Core.NationalData;
using Caf.Core.Primitives;
using Caf.Core.Reporting;
using Caf.Core.Thresholds;

namespace Caf.Core.DependencyInjection;

/// <summary>
/// One authority's policy, declared with <c>services.AddCafAuthority(id, a =&gt; ...)</c> or bound from configuration
/// with <c>services.AddCafAuthorities(section)</c> (docs/authorities.md): its options, thresholds framework, closure
/// taxonomy, national-data profile, report settings and policy versions. Every call adds to what was declared before
/// for the same authority, in order. Nothing is checked here: the host checks every authority when it starts, every
/// problem listed and prefixed by its authority.
/// </summary>
/// <threadsafety>Mutable, used only while the host registers its services.</threadsafety>
[Mutable]
public sealed class CafAuthorityBuilder
{
    internal CafAuthorityBuilder(AuthorityId authority) => Authority = authority;

    /// <summary>The authority being declared.</summary>
    public AuthorityId Authority { get; }

    internal List<Action<CafOptions>> OptionChanges { get; } = [];

    internal List<string> Problems { get; } = [];

    internal ThresholdMatcher? ThresholdMatcher { get; private set; }

    internal ThresholdFramework? ThresholdFramework { get; private set; }

    internal string? ThresholdsPath { get; private set; }

    internal ClosureTaxonomy? Taxonomy { get; private set; }

    internal string? TaxonomyPath { get; private set; }

    internal NationalDataProfile? Profile { get; private set; }

    internal string? ProfilePath { get; private set; }

    internal Func<AgencyId, InitiatingSetting>? SettingOf { get; private set; }

    internal AgencyId? Service { get; private set; }

    internal CafPolicyVersionRegistrations Versions { get; } = new();

    /// <summary>Changes the authority's options (<see cref="CafOptions"/>, from the documented defaults); every call's changes apply, in order.</summary>
    /// <param name="configure">The changes.</param>
    /// <returns>This builder.</returns>
    public CafAuthorityBuilder Options(Action<CafOptions> configure)
    {
        OptionChanges.Add(Guard.Against.Null(configure));
        return this;
    }

    /// <summary>
    /// Binds the authority's options from a configuration section holding <see cref="CafOptions"/>' groups, strictly
    /// (as <c>AddCafCore(configuration)</c>: a key naming no option, or a value of the wrong type, fails at start-up with
    /// its path). The section may also hold <c>ThresholdsFile</c>, <c>ClosureTaxonomyFile</c> and
    /// <c>NationalDataProfileFile</c>: paths of the authority's JSON documents.
    /// </summary>
    /// <param name="section">The authority's section, e.g. <c>Caf:Authorities:leeds</c>.</param>
    /// <returns>This builder.</returns>
    public CafAuthorityBuilder Configuration(Microsoft.Extensions.Configuration.IConfiguration section)
    {
        Guard.Against.Null(section);
        var thresholds = section[CafAuthorityKeys.ThresholdsFile];
        var taxonomy = section[CafAuthorityKeys.ClosureTaxonomyFile];
        var profile = section[CafAuthorityKeys.NationalDataProfileFile];
        if (!string.IsNullOrWhiteSpace(thresholds))
        {
            ThresholdsFile(thresholds);
        }

        if (!string.IsNullOrWhiteSpace(taxonomy))
        {
            ClosureTaxonomyFile(taxonomy);
        }

        if (!string.IsNullOrWhiteSpace(profile))
        {
            NationalDataProfileFile(profile);
        }

        OptionChanges.Add(o => CafOptionsBinder.Bind(section, o, CafAuthorityKeys.IsFileKey));
        return this;
    }

    /// <summary>The authority's thresholds framework (THR-02), compiled and checked when the host starts.</summary>
    /// <param name="framework">The framework.</param>
    /// <returns>This builder.</returns>
    public CafAuthorityBuilder Thresholds(ThresholdFramework framework)
    {
        ThresholdFramework = Guard.Against.Null(framework);
        ThresholdMatcher = null;
        ThresholdsPath = null;
        return this;
    }

    /// <summary>The authority's compiled thresholds framework (THR-02).</summary>
    /// <param name="matcher">The matcher, e.g. from <see cref="ThresholdFrameworkLoader.Load(string)"/>.</param>
    /// <returns>This builder.</returns>
    public CafAuthorityBuilder Thresholds(ThresholdMatcher matcher)
    {
        ThresholdMatcher = Guard.Against.Null(matcher);
        ThresholdFramework = null;
        ThresholdsPath = null;
        return this;
    }

    /// <summary>The path of the authority's thresholds framework (JSON), read and checked when the host starts.</summary>
    /// <param name="path">The file's path.</param>
    /// <returns>This builder.</returns>
    public CafAuthorityBuilder ThresholdsFile(string path)
    {
        ThresholdsPath = Guard.Against.NullOrWhiteSpace(path);
        ThresholdMatcher = null;
        ThresholdFramework = null;
        return this;
    }

    /// <summary>The authority's closure taxonomy (CLOSE-10) for its first policy version.</summary>
    /// <param name="taxonomy">The taxonomy.</param>
    /// <returns>This builder.</returns>
    public CafAuthorityBuilder ClosureTaxonomy(ClosureTaxonomy taxonomy)
    {
        Taxonomy = Guard.Against.Null(taxonomy);
        TaxonomyPath = null;
        return this;
    }

    /// <summary>The path of the authority's closure taxonomy (JSON), read and checked when the host starts.</summary>
    /// <param name="path">The file's path.</param>
    /// <returns>This builder.</returns>
    public CafAuthorityBuilder ClosureTaxonomyFile(string path)
    {
        TaxonomyPath = Guard.Against.NullOrWhiteSpace(path);
        Taxonomy = null;
        return this;
    }

    /// <summary>The authority's national-data profile (NAT-01..05) for its extracts.</summary>
    /// <param name="profile">The profile.</param>
    /// <returns>This builder.</returns>
    public CafAuthorityBuilder NationalData(NationalDataProfile profile)
    {
        Profile = Guard.Against.Null(profile);
        ProfilePath = null;
        return this;
    }

    /// <summary>The path of the authority's national-data profile (JSON), read and checked when the host starts.</summary>
    /// <param name="path">The file's path.</param>
    /// <returns>This builder.</returns>
    public CafAuthorityBuilder NationalDataProfileFile(string path)
    {
        ProfilePath = Guard.Against.NullOrWhiteSpace(path);
        Profile = null;
        return this;
    }

    /// <summary>The setting of each agency in the authority's report read model (REP-03); <see cref="InitiatingSetting.Other"/> for every agency unless set.</summary>
    /// <param name="settingOf">The setting of an agency; it must answer for every agency.</param>
    /// <returns>This builder.</returns>
    public CafAuthorityBuilder ReportSettings(Func<AgencyId, InitiatingSetting> settingOf)
    {
        SettingOf = Guard.Against.Null(settingOf);
        return this;
    }

    /// <summary>
    /// The authority's early-help service: the agency a transfer from another authority of the host hands the record to
    /// (RET-02, SHARE-01), so a family that excluded it is refused. <c>"{authority}-early-help"</c> unless set.
    /// </summary>
    /// <param name="service">The service's agency id.</param>
    /// <returns>This builder.</returns>
    public CafAuthorityBuilder EarlyHelpService(AgencyId service)
    {
        if (service.IsDefault)
        {
            throw new ArgumentException("The early-help service needs a valid AgencyId, not default(AgencyId).", nameof(service));
        }

        Service = service;
        return this;
    }

    /// <summary>The default early-help service of an authority: <c>"{authority}-early-help"</c>.</summary>
    internal static AgencyId DefaultService(AuthorityId authority) => new(authority.Value + "-early-help");

    /// <summary>
    /// A later version of the authority's policy (docs/policy-versions.md), as <c>AddCafPolicyVersion</c> for a
    /// single-authority host: the options of the version before it with <paramref name="changes"/> applied. Call once
    /// per version, in order of effective date.
    /// </summary>
    /// <param name="id">The version's id.</param>
    /// <param name="effectiveFrom">The first day (UTC) of the version.</param>
    /// <param name="changes">The version's changes.</param>
    /// <param name="closureTaxonomy">The version's closure taxonomy, or null to keep the version before's.</param>
    /// <returns>This builder.</returns>
    public CafAuthorityBuilder PolicyVersion(string id, DateOnly effectiveFrom, Action<CafOptions> changes, ClosureTaxonomy? closureTaxonomy = null)
    {
        Guard.Against.Null(id);
        Guard.Against.Null(changes);
        Versions.Versions.Add((id, effectiveFrom, changes, closureTaxonomy));
        return this;
    }
}

/// <summary>The keys of an authority's configuration section that name files rather than options.</summary>
internal static class CafAuthorityKeys
{
    internal const string ThresholdsFile = nameof(ThresholdsFile);
    internal const string ClosureTaxonomyFile = nameof(ClosureTaxonomyFile);
    internal const string NationalDataProfileFile = nameof(NationalDataProfileFile);

    internal static bool IsFileKey(string key) =>
        string.Equals(key, ThresholdsFile, StringComparison.OrdinalIgnoreCase)
        || string.Equals(key, ClosureTaxonomyFile, StringComparison.OrdinalIgnoreCase)
        || string.Equals(key, NationalDataProfileFile, StringComparison.OrdinalIgnoreCase);
}
