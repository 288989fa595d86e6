using System;
using System.Collections.Generic;
using System.Diagnostics.Metrics;
using System.Linq;
using Ardalis.GuardClauses;
using Caf.Core.Configuration;
using Caf.Core.Consent;
using Caf.Core.DependencyInjection;
using Caf.Core.Diagnostics;
using Caf.Core.LeadProfessional;
using Caf.Core.Lifecycle;
using Caf.Core.Panels;
using Caf.Core.Policy;
using Caf.Core.Primitives;
using Caf.Core.Register;
using Caf.Core.Reporting;
using Caf.Core.Thresholds;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

// Conventional namespace for registration extensions, so hosts find AddCafCore without a using.
namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers Caf.Core in a host's service collection.</summary>
public static class CafServiceCollectionExtensions
{
    /// <summary>
    /// Registers the Caf.Core domain services (<see cref="EpisodePolicy"/> over the policy versions — a registered
    /// <see cref="PolicyHistory"/>, or the configured <see cref="CafOptions"/> as the one version
    /// <see cref="PolicyHistory.DefaultVersionId"/> followed by each <see cref="AddCafPolicyVersion"/> — the consent policy,
    /// <see cref="CafRegister"/> over the host's <see cref="IEpisodeRepository"/>, the lead-professional selector,
    /// the default thresholds matcher; the closure taxonomy is a registered <see cref="Caf.Core.Closure.ClosureTaxonomy"/> or the default, CLOSE-10), <see cref="CafOptions"/> through the options pattern
    /// (<see cref="IOptions{TOptions}"/>), and <see cref="TimeProvider.System"/> unless the host registered a
    /// <see cref="TimeProvider"/> already. Services are added only if absent (a host's own registration wins). The register and
    /// the sharing service publish metrics on the <c>Caf.Core</c> meter of the host's <see cref="IMeterFactory"/> when one is
    /// registered (the generic host registers one), and count nothing otherwise (docs/operations.md); the register logs
    /// through the host's <c>ILogger&lt;CafRegister&gt;</c> when logging is registered. <see cref="CafLongWork"/> runs
    /// reports and extracts with progress, counted on the same meter.
    /// </summary>
    /// <remarks>
    /// <para>
    /// Every configuration is applied in order: <see cref="AddCafCore(IServiceCollection, Action{CafOptions})"/>'s
    /// (each call's), <c>services.Configure&lt;CafOptions&gt;(...)</c> and configuration bound with
    /// <see cref="AddCafCore(IServiceCollection, IConfiguration)"/>.
    /// </para>
    /// <para>
    /// Checked when the host starts (<c>ValidateOnStart</c>; without the generic host, call
    /// <c>provider.GetRequiredService&lt;IStartupValidator&gt;().Validate()</c>): the options, every problem in one
    /// message (<see cref="OptionsValidationException"/>), and the ports the host must register: an
    /// <see cref="ISharingAuditLog"/> (SHARE-03), an <see cref="Caf.Core.Reads.IReadAuditLog"/> (LAW-04: reads are
    /// audited by default; the EF Core adapter registers its table), an <see cref="IEpisodeRepository"/>, and an
    /// <see cref="IPractitionerDirectory"/> after <see cref="AddCafLeadProfessionalSelection"/>. The domain services copy
    /// the validated options when they are created, so later changes to the options object have no effect.
    /// </para>
    /// </remarks>
    /// <param name="services">The service collection.</param>
    /// <returns>The same service collection.</returns>
    public static IServiceCollection AddCafCore(this IServiceCollection services)
    {
        Guard.Against.Null(services);
        AddCore(services, services.AddOptions<CafOptions>());
        return services;
    }

    /// <summary>
    /// As <see cref="AddCafCore(IServiceCollection)"/>, with changes to the default policy options. Every call's
    /// changes are applied, in order, with every other configuration of <see cref="CafOptions"/>.
    /// </summary>
    /// <param name="services">The service collection.</param>
    /// <param name="configure">Changes to the default policy options.</param>
    /// <returns>The same service collection.</returns>
    public static IServiceCollection AddCafCore(this IServiceCollection services, Action<CafOptions> configure)
    {
        Guard.Against.Null(services);
        Guard.Against.Null(configure);
        AddCore(services, services.AddOptions<CafOptions>().Configure(configure));
        return services;
    }

    /// <summary>
    /// As <see cref="AddCafCore(IServiceCollection)"/>, with the options bound from a
    /// configuration section (conventionally <see cref="CafOptions.SectionName"/>: <c>"Caf"</c> in appsettings.json),
    /// and later configurations (a second <c>AddCafCore(o =&gt; ...)</c>, <c>Configure&lt;CafOptions&gt;</c>) applied after it. The binding uses no reflection (NativeAOT-safe) and is strict: a key
    /// that names no option, or a value of the wrong type, fails at start-up with its path instead of being ignored.
    /// </summary>
    /// <param name="services">The service collection.</param>
    /// <param name="configuration">The section holding the options, e.g. <c>builder.Configuration.GetSection("Caf")</c>.</param>
    /// <returns>The same service collection.</returns>
    public static IServiceCollection AddCafCore(this IServiceCollection services, IConfiguration configuration)
    {
        Guard.Against.Null(services);
        Guard.Against.Null(configuration);
        var options = services.AddOptions<CafOptions>().Configure(o => CafOptionsBinder.Bind(configuration, o));
        AddCore(services, options);
        return services;
    }

    /// <summary>
    /// Registers a later version of the authority's policy (docs/policy-versions.md): from <paramref name="effectiveFrom"/>
    /// commands are judged under it, and every event records it, so episodes recorded under earlier versions still read
    /// back the same. The version's options are those of the version before it (the first version is the
    /// <see cref="CafOptions"/> configured with <c>AddCafCore</c>, id <see cref="PolicyHistory.DefaultVersionId"/>) with
    /// <paramref name="changes"/> applied. Call once per version, in order of effective date. Checked when the host
    /// starts (ids, order of dates, each version's options), every problem in one message.
    /// </summary>
    /// <remarks>A host that builds its <see cref="PolicyHistory"/> in code registers it instead (<c>services.AddSingleton(history)</c>, before <c>AddCafCore</c>).</remarks>
    /// <param name="services">The service collection.</param>
    /// <param name="id">The version's id, stored with every event accepted under it (e.g. <c>"2027-04"</c>).</param>
    /// <param name="effectiveFrom">The first day (UTC) of the version.</param>
    /// <param name="changes">The version's changes to the options of the version before it.</param>
    /// <param name="closureTaxonomy">The version's closure taxonomy (CLOSE-10), or null to keep the version before's.</param>
    /// <returns>The same service collection.</returns>
    public static IServiceCollection AddCafPolicyVersion(
        this IServiceCollection services, string id, DateOnly effectiveFrom, Action<CafOptions> changes, Caf.Core.Closure.ClosureTaxonomy? closureTaxonomy = null)
    {
        Guard.Against.Null(services);
        Guard.Against.Null(id);
        Guard.Against.Null(changes);
        services.AddOptions<CafPolicyVersionRegistrations>().Configure(r => r.Versions.Add((id, effectiveFrom, changes, closureTaxonomy)));
        return services;
    }

    /// <summary>
    /// Registers <see cref="InMemoryEpisodeRepository"/> as the <see cref="IEpisodeRepository"/> (tests,
    /// samples, small hosts). Nothing is persisted: a production host registers its own repository instead.
    /// </summary>
    /// <param name="services">The service collection.</param>
    /// <returns>The same service collection.</returns>
    /// <remarks>It keeps each episode's report row too (REP-01..06, <see cref="IEpisodeReportStore"/>), computed by the
    /// registered <see cref="IEpisodeReportProjector"/> (<c>AddCafCore</c> registers one; without one, reading rows throws
    /// <see cref="InvalidOperationException"/>). Nothing is registered when the host already registered an
    /// <see cref="IEpisodeRepository"/>.</remarks>
    public static IServiceCollection AddCafInMemoryEpisodeStore(this IServiceCollection services)
    {
        Guard.Against.Null(services);
        if (services.Any(d => d.ServiceType == typeof(IEpisodeRepository)))
        {
            return services;
        }

        services.TryAddSingleton(sp => sp.GetService<IEpisodeReportProjector>() is { } projector
            ? new InMemoryEpisodeRepository(sp.GetRequiredService<EpisodePolicy>(), projector)
            : new InMemoryEpisodeRepository(sp.GetRequiredService<EpisodePolicy>()));
        services.AddSingleton<IEpisodeRepository>(sp => sp.GetRequiredService<InMemoryEpisodeRepository>());
        services.TryAddSingleton<IEpisodeReportStore>(sp => sp.GetRequiredService<InMemoryEpisodeRepository>());
        return services;
    }

    /// <summary>
    /// Supplies the host's directory of agency settings to the report read model (REP-03): the stores compute each
    /// episode's <see cref="EpisodeReportRow"/> with the registered thresholds framework (REP-02) and this mapping.
    /// Without it every initiating agency's setting is <see cref="InitiatingSetting.Other"/>. Replaces any
    /// <see cref="IEpisodeReportProjector"/> registered before; call it before or after <c>AddCafCore</c>.
    /// </summary>
    /// <param name="services">The service collection.</param>
    /// <param name="settingOf">The setting of an agency; it must answer for every agency (e.g. <see cref="InitiatingSetting.Other"/> when unknown).</param>
    /// <returns>The same service collection.</returns>
    public static IServiceCollection AddCafReportReadModel(this IServiceCollection services, Func<AgencyId, InitiatingSetting> settingOf)
    {
        Guard.Against.Null(services);
        Guard.Against.Null(settingOf);
        services.RemoveAll<IEpisodeReportProjector>();
        services.AddSingleton<IEpisodeReportProjector>(sp => new EpisodeReportProjector(sp.GetRequiredService<ThresholdMatcher>().Framework, settingOf));
        return services;
    }

    /// <summary>
    /// Declares that the host selects lead professionals from its <see cref="IPractitionerDirectory"/>
    /// (<see cref="LeadProfessionalSelector.SelectAsync"/>, LP-03..LP-07), so start-up fails, saying what to
    /// register, when no directory is registered. Call it with <c>AddCafCore</c>.
    /// </summary>
    /// <param name="services">The service collection.</param>
    /// <returns>The same service collection.</returns>
    public static IServiceCollection AddCafLeadProfessionalSelection(this IServiceCollection services)
    {
        Guard.Against.Null(services);
        services.TryAddSingleton(new CafLeadProfessionalSelectionMarker());
        return services;
    }

    private static void AddCore(IServiceCollection services, OptionsBuilder<CafOptions> options)
    {
        // CafAuthorities lists the default authority, served by the unkeyed services below (docs/authorities.md).
        CafAuthorityServiceCollectionExtensions.Catalogue(services).ServesDefaultUnkeyed = true;
        options.ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<CafOptions>, CafOptionsValidator>());
        services.AddOptions<CafStartupCheck>().ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<CafStartupCheck>, CafStartupCheckValidator>());

        services.AddOptions<CafPolicyVersionRegistrations>().ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<CafPolicyVersionRegistrations>, CafPolicyVersionsValidator>());

        services.TryAddSingleton(TimeProvider.System);
        // Metrics (docs/operations.md): one set of instruments on the host's IMeterFactory (the generic host registers
        // one; AddMetrics() does otherwise), shared by every register and the sharing service; none without a factory.
        services.TryAddSingleton(sp => CafMetrics.Create(sp.GetService<IMeterFactory>()));
        // The policy versions: the host's PolicyHistory, or CafOptions ("default") and each AddCafPolicyVersion after it.
        // CLOSE-10: the first version's closure taxonomy is the one the host registered, otherwise the default.
        services.TryAddSingleton(History);
        // The naming port (docs/naming.md): the host's directory names, or the ids.
        services.TryAddSingleton(CafNames.Ids);
        services.TryAddSingleton(sp => new EpisodePolicy(
            sp.GetRequiredService<PolicyHistory>(), sp.GetRequiredService<TimeProvider>(), sp.GetRequiredService<ISharingService>())
        {
            Names = sp.GetRequiredService<ICafNames>(),
            // LAW-04: the host's read audit; required like the sharing audit (SHARE-03), never silently off.
            Reads = sp.GetService<Caf.Core.Reads.IReadAuditLog>() ?? throw new InvalidOperationException(CafStartupCheckValidator.MissingReadAuditLog),
        });
        Caf.Core.Consent.ConsentServiceRegistration.AddConsent(services); // ConsentPolicy, ISharingService (needs the host's ISharingAuditLog)
        // Transient: the register is cheap and must not capture a scoped repository (e.g. one on a DbContext).
        services.TryAddTransient(sp => new CafRegister(
            sp.GetService<IEpisodeRepository>() ?? throw new InvalidOperationException(CafStartupCheckValidator.MissingStore),
            sp.GetRequiredService<EpisodePolicy>(),
            Options(sp).Storage,
            sp.GetRequiredService<CafMetrics>(),
            sp.GetService<ILogger<CafRegister>>()));
        // Long work (issue 25): reports and extracts with progress, counted on the same instruments.
        services.TryAddSingleton(sp => new CafLongWork(Options(sp).Reporting, sp.GetRequiredService<TimeProvider>(), sp.GetRequiredService<CafMetrics>()));
        // LP-04..LP-11: needs an ISharingService (registered by the consent area or the host).
        services.TryAddSingleton(sp => new LeadProfessionalSelector(Options(sp).LeadProfessional, sp.GetRequiredService<ISharingService>(), sp.GetRequiredService<ICafNames>()));

        // PANEL-03..07: pure services over the options; the gate needs an ISharingService.
        services.TryAddSingleton(sp => new PanelScheduler(Options(sp).Panels));
        services.TryAddSingleton(sp => new PanelAftercare(Options(sp).Panels) { Names = sp.GetRequiredService<ICafNames>() });
        services.TryAddSingleton(sp => new PanelSharingGate(sp.GetRequiredService<ISharingService>()));

        // THR-02: the illustrative default framework, compiled once on first use; a host registers its
        // authority's own ThresholdMatcher before calling AddCafCore to replace it.
        services.TryAddSingleton<ThresholdFrameworkLoader>();
        services.TryAddSingleton(provider => provider.GetRequiredService<ThresholdFrameworkLoader>().LoadDefault());

        // REP-01..06: the report read model the stores keep beside each episode; AddCafReportReadModel supplies the settings.
        services.TryAddSingleton<IEpisodeReportProjector>(sp => new EpisodeReportProjector(
            sp.GetRequiredService<ThresholdMatcher>().Framework, _ => InitiatingSetting.Other));
    }

    private static PolicyHistory History(IServiceProvider sp)
    {
        var problems = new List<string>();
        var versions = sp.GetRequiredService<IOptions<CafPolicyVersionRegistrations>>().Value.Build(
            Options(sp), sp.GetService<Caf.Core.Closure.ClosureTaxonomy>() ?? Caf.Core.Closure.ClosureTaxonomy.Default, problems);
        return problems.Count == 0
            ? new PolicyHistory(versions)
            : throw new OptionsValidationException(nameof(PolicyHistory), typeof(PolicyHistory), problems);
    }

    /// <summary>The validated options (reading them validates them; every problem in one exception).</summary>
    internal static CafOptions Options(IServiceProvider services) => services.GetRequiredService<IOptions<CafOptions>>().Value;
}
