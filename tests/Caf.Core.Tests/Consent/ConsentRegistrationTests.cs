using System;
using Caf.Core.Consent;
using Caf.Core.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using static Caf.Core.Tests.Consent.ConsentFixtures;

namespace Caf.Core.Tests.Consent;

public class ConsentRegistrationTests
{
    [Fact]
    public void AddCafCore_registers_the_policy_with_the_configured_options()
    {
        using var provider = new ServiceCollection()
            .AddCafCore(o => o.Consent.CompetentYoungPersonRefusalPrevails = false)
            .BuildServiceProvider();

        var policy = provider.GetRequiredService<ConsentPolicy>();

        Assert.Same(policy, provider.GetRequiredService<ConsentPolicy>());
        Assert.True(policy.Evaluate(State(Parent(), YoungPerson(ConsentDecision.Refused)), 14).SufficientToStartAssessment);
    }

    [Trait("Rule", "SHARE-03")]
    [Fact]
    public void SHARE03_the_sharing_service_needs_the_hosts_audit_log()
    {
        using var provider = new ServiceCollection().AddCafCore().BuildServiceProvider();

        var ex = Assert.Throws<InvalidOperationException>(() => provider.GetRequiredService<ISharingService>());
        Assert.Contains("SHARE-03", ex.Message, StringComparison.Ordinal);
        Assert.Contains("ISharingAuditLog", ex.Message, StringComparison.Ordinal);
    }

    [Trait("Rule", "SHARE-03")]
    [Fact]
    public void SHARE03_with_an_audit_log_registered_after_AddCafCore_decisions_are_recorded_at_the_hosts_time()
    {
        var log = new InMemorySharingAuditLog();
        var clock = new FakeTimeProvider(new DateTimeOffset(2010, 5, 4, 10, 0, 0, TimeSpan.Zero));
        using var provider = new ServiceCollection()
            .AddSingleton<TimeProvider>(clock)
            .AddCafCore()
            .AddSingleton<ISharingAuditLog>(log)
            .AddSingleton<Caf.Core.Reads.IReadAuditLog>(new Caf.Core.Reads.InMemoryReadAuditLog()) // LAW-04
            .AddCafCore()
            .BuildServiceProvider();

        var decision = provider.GetRequiredService<ISharingService>()
            .Decide(new Caf.Core.Primitives.EpisodeId("ep-1"), State(Parent()), TestIds.School, SharingPurpose.Assessment, TestIds.TeacherAtSchool);

        Assert.True(decision.Granted);
        Assert.Equal(clock.GetUtcNow(), Assert.Single(log.Entries).DecidedAt);
    }
}
