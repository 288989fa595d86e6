using System;
using System.Collections.Generic;
using System.Linq;
using System.Reflection;
using Caf.Core.Configuration;
using Caf.Core.Consent;
using Caf.Core.LeadProfessional;
using Caf.Core.Lifecycle;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Caf.Core.Tests.Configuration;

/// <summary>CafOptions through the options pattern: configuration, Configure&lt;T&gt;, repeated AddCafCore, validation at start.</summary>
public class CafOptionsBindingTests
{
    private static IConfiguration Config(params (string Key, string Value)[] values) =>
        new ConfigurationBuilder().AddInMemoryCollection(values.Select(v => new KeyValuePair<string, string?>(v.Key, v.Value))).Build();

    private static ServiceProvider Build(IServiceCollection services) =>
        services.AddSingleton<ISharingAuditLog>(new InMemorySharingAuditLog()).AddSingleton<Caf.Core.Reads.IReadAuditLog>(new Caf.Core.Reads.InMemoryReadAuditLog()).AddCafInMemoryEpisodeStore()
            .BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });

    [Fact]
    public void Options_bound_from_configuration_reach_the_domain_services()
    {
        var config = Config(
            ("Caf:Reviews:InsufficientProgressReviewLimit", "3"),
            ("Caf:Retention:RetentionYears", "7"),
            ("caf:lifecycle:assessmenttimescalemonths", "2"),          // keys are case-insensitive, as everywhere in configuration
            ("Caf:Consent:CompetentYoungPersonRefusalPrevails", "false"),
            ("Caf:LeadProfessional:CaseloadCap", ""),                  // empty: no cap
            ("Caf:LeadProfessional:RelevanceWeight", "2.5"));
        using var provider = Build(new ServiceCollection().AddCafCore(config.GetSection(CafOptions.SectionName)));
        provider.GetRequiredService<IStartupValidator>().Validate();

        var options = provider.GetRequiredService<IOptions<CafOptions>>().Value;
        var policy = provider.GetRequiredService<EpisodePolicy>();
        Assert.Equal(3, policy.InsufficientProgressReviewLimit);
        Assert.Equal(7, policy.RetentionYears);
        Assert.Equal(2, policy.AssessmentTimescaleMonths);
        Assert.False(options.Consent.CompetentYoungPersonRefusalPrevails);
        Assert.Null(options.LeadProfessional.CaseloadCap);
        Assert.Equal(2.5, options.LeadProfessional.RelevanceWeight);
        Assert.Equal(16, options.Consent.SelfConsentAge); // not in configuration: the default stays
    }

    [Fact]
    public void An_absent_section_leaves_the_defaults()
    {
        using var provider = Build(new ServiceCollection().AddCafCore(Config().GetSection("Caf")));

        Assert.Equal(4, provider.GetRequiredService<EpisodePolicy>().InsufficientProgressReviewLimit);
    }

    [Fact]
    public void A_misspelt_key_or_a_value_of_the_wrong_type_fails_at_start_with_every_path()
    {
        var config = Config(
            ("Caf:Retention:RetentionYear", "7"),          // misspelt: would be silently ignored by a lenient binder
            ("Caf:Reviews:InsufficientProgressReviewLimit", "four"),
            ("Caf:Consent:SelfConsentAge", "10"),          // parses, but invalid (CONS-03)
            ("Caf:Panel:Size", "3"));              // no such group (it is Panels)
        using var provider = Build(new ServiceCollection().AddCafCore(config.GetSection("Caf")));

        var ex = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IStartupValidator>().Validate());

        Assert.Equal(4, ex.Failures.Count());
        Assert.Contains("'Caf:Retention:RetentionYear' names no option", ex.Message, StringComparison.Ordinal);
        Assert.Contains("'Caf:Reviews:InsufficientProgressReviewLimit' must be a whole number; got 'four'", ex.Message, StringComparison.Ordinal);
        Assert.Contains("Consent.SelfConsentAge", ex.Message, StringComparison.Ordinal);
        Assert.Contains("'Caf:Panel' names no Caf.Core option group", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Configure_of_CafOptions_takes_effect_after_AddCafCore()
    {
        var services = new ServiceCollection()
            .AddCafCore(o => o.Reviews.InsufficientProgressReviewLimit = 2)
            .Configure<CafOptions>(o => o.Retention.RetentionYears = 8);
        using var provider = Build(services);

        var policy = provider.GetRequiredService<EpisodePolicy>();
        Assert.Equal(2, policy.InsufficientProgressReviewLimit);
        Assert.Equal(8, policy.RetentionYears);
    }

    [Fact]
    public void A_second_AddCafCore_configuration_is_applied_not_dropped_and_services_are_added_once()
    {
        var services = new ServiceCollection()
            .AddCafCore(Config(("Caf:Retention:RetentionYears", "7"), ("Caf:Reviews:InsufficientProgressReviewLimit", "3")).GetSection("Caf"))
            .AddCafCore(o => o.Retention.RetentionYears = 9);
        using var provider = Build(services);

        var policy = provider.GetRequiredService<EpisodePolicy>();
        Assert.Equal(9, policy.RetentionYears);                 // the later call wins where both set a value
        Assert.Equal(3, policy.InsufficientProgressReviewLimit); // the earlier call's other values stay
        Assert.Single(services, d => d.ServiceType == typeof(EpisodePolicy));
        Assert.Single(services, d => d.ServiceType == typeof(IValidateOptions<CafOptions>));
        Assert.Single(services, d => d.ServiceType == typeof(TimeProvider));
    }

    [Fact]
    public void Invalid_options_fail_at_start_with_every_problem_in_one_message()
    {
        using var provider = Build(new ServiceCollection().AddCafCore(o =>
        {
            o.Reviews.InsufficientProgressReviewLimit = 0;
            o.Retention.RetentionYears = -1;
            o.LeadProfessional.RelevanceWeight = double.NaN;
        }));

        var ex = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IStartupValidator>().Validate());

        Assert.Equal(3, ex.Failures.Count());
        Assert.Contains("REV-03", ex.Message, StringComparison.Ordinal);
        Assert.Contains("RET-01", ex.Message, StringComparison.Ordinal);
        Assert.Contains("LeadProfessional.RelevanceWeight", ex.Message, StringComparison.Ordinal);
        // Using a domain service without a start-up check fails the same way, not with a half-valid policy.
        Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<EpisodePolicy>());
    }

    [Fact]
    public void Options_cannot_change_the_domain_services_once_they_are_created()
    {
        using var provider = Build(new ServiceCollection().AddCafCore(o => o.Reviews.InsufficientProgressReviewLimit = 3));
        var policy = provider.GetRequiredService<EpisodePolicy>();
        var consent = provider.GetRequiredService<ConsentPolicy>();

        var options = provider.GetRequiredService<IOptions<CafOptions>>().Value;
        options.Reviews.InsufficientProgressReviewLimit = 9;
        options.Consent.CompetentYoungPersonRefusalPrevails = false;

        Assert.Equal(3, provider.GetRequiredService<EpisodePolicy>().InsufficientProgressReviewLimit);
        Assert.Same(policy, provider.GetRequiredService<EpisodePolicy>());
        Assert.Same(consent, provider.GetRequiredService<ConsentPolicy>());
        Assert.NotNull(provider.GetRequiredService<LeadProfessionalSelector>());
    }

    [Fact]
    public void Every_public_option_can_be_bound_from_configuration()
    {
        var expected = typeof(CafOptions).GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .SelectMany(group => group.PropertyType.GetProperties(BindingFlags.Public | BindingFlags.Instance)
                .Where(p => p.SetMethod is { IsPublic: true })
                .Select(p => group.Name + ":" + p.Name))
            .Order(StringComparer.Ordinal);

        Assert.Equal(expected, CafOptionsBinder.Keys.Order(StringComparer.Ordinal));
    }
}
