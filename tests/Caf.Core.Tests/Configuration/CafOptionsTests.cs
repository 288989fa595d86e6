using System;
using Caf.Core.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Caf.Core.Tests.Configuration;

public class CafOptionsTests
{
    [Fact]
    public void Defaults_are_those_documented_in_the_rulebook()
    {
        var options = new CafOptions();

        Assert.Empty(options.Validate());
        Assert.Equal(12, options.Consent.CompetenceAgeExclusiveLowerBound); // CONS-02
        Assert.Equal(16, options.Consent.SelfConsentAge);                    // CONS-03
        Assert.Equal(1, options.Lifecycle.AssessmentTimescaleMonths);        // LIFE-06
        Assert.Equal(4, options.Reviews.InsufficientProgressReviewLimit);    // REV-03
        Assert.Equal(5, options.Retention.RetentionYears);                   // RET-01
        Assert.False(options.Reviews.CountConsecutiveOnly);                  // REV-03
        Assert.Equal(19, options.Closure.AdultServicesTransferAge);          // CLOSE-C4
        Assert.True(options.Closure.SupervisorMayCloseOnBehalfOfLeadProfessional); // CLOSE-08
    }

    [Trait("Rule", "CLOSE-C4")]
    [Fact]
    public void CLOSEC4_the_transfer_age_is_validated_with_the_other_options()
    {
        var options = new CafOptions();
        options.Closure.AdultServicesTransferAge = 12;

        var problem = Assert.Single(options.Validate());

        Assert.Contains("Closure.AdultServicesTransferAge", problem, StringComparison.Ordinal);
        options.Closure = null!;
        Assert.Contains("CafOptions.Closure", Assert.Single(options.Validate()), StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_reports_every_problem_naming_the_option()
    {
        var options = new CafOptions();
        options.Consent.SelfConsentAge = 10;
        options.Retention.RetentionYears = 0;
        options.Lifecycle = null!;

        var problems = options.Validate();

        Assert.Equal(3, problems.Count);
        Assert.Contains(problems, p => p.Contains("Consent.SelfConsentAge", StringComparison.Ordinal) && p.Contains("CONS-03", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Contains("Retention.RetentionYears", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Contains("CafOptions.Lifecycle", StringComparison.Ordinal));
    }

    [Fact]
    public void AddCafCore_registers_system_time_unless_the_host_registered_one()
    {
        using var plain = new ServiceCollection().AddCafCore().BuildServiceProvider();
        Assert.Same(TimeProvider.System, plain.GetRequiredService<TimeProvider>());

        var fake = new FakeTimeProvider();
        using var hosted = new ServiceCollection().AddSingleton<TimeProvider>(fake).AddCafCore().BuildServiceProvider();
        Assert.Same(fake, hosted.GetRequiredService<TimeProvider>());
    }
}

public class CafServiceRegistrationTests
{
    [Fact]
    public void A_host_with_an_audit_log_and_a_store_resolves_every_domain_service()
    {
        using var provider = new ServiceCollection()
            .AddSingleton<Caf.Core.Consent.ISharingAuditLog>(new Caf.Core.Consent.InMemorySharingAuditLog())
            .AddSingleton<Caf.Core.Reads.IReadAuditLog>(new Caf.Core.Reads.InMemoryReadAuditLog()) // LAW-04
            .AddCafCore(o => o.Reviews.InsufficientProgressReviewLimit = 3)
            .AddCafInMemoryEpisodeStore()
            .BuildServiceProvider();

        var policy = provider.GetRequiredService<Caf.Core.Lifecycle.EpisodePolicy>();
        Assert.Equal(3, policy.InsufficientProgressReviewLimit);                      // the host's option reaches the episode
        Assert.Same(provider.GetRequiredService<Caf.Core.Consent.ISharingService>(), policy.Sharing);
        Assert.NotNull(provider.GetRequiredService<Caf.Core.Register.CafRegister>());
        Assert.NotNull(provider.GetRequiredService<Caf.Core.LeadProfessional.LeadProfessionalSelector>());
        Assert.NotNull(provider.GetRequiredService<Caf.Core.Thresholds.ThresholdMatcher>());
        Assert.IsType<Caf.Core.Register.InMemoryEpisodeRepository>(provider.GetRequiredService<Caf.Core.Register.IEpisodeRepository>());
    }

    [Fact]
    [Trait("Rule", "SHARE-03")]
    public void Without_an_audit_log_the_episode_policy_cannot_be_resolved_and_the_error_names_SHARE03()
    {
        using var provider = new ServiceCollection().AddCafCore().BuildServiceProvider();

        var ex = Assert.Throws<InvalidOperationException>(() => provider.GetRequiredService<Caf.Core.Lifecycle.EpisodePolicy>());
        Assert.Contains("SHARE-03", ex.Message, StringComparison.Ordinal);
    }
}
