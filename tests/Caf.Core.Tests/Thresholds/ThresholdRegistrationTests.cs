using Caf.Core.Thresholds;
using Microsoft.Extensions.DependencyInjection;

namespace Caf.Core.Tests.Thresholds;

public class ThresholdRegistrationTests
{
    [Trait("Rule", "THR-02")]
    [Fact]
    public void THR02_AddCafCore_registers_the_loader_and_the_default_matcher_once()
    {
        using var provider = new ServiceCollection().AddCafCore().AddCafCore().BuildServiceProvider();

        var matcher = provider.GetRequiredService<ThresholdMatcher>();
        Assert.Equal("caf-core-default", matcher.FrameworkId);
        Assert.Same(matcher, provider.GetRequiredService<ThresholdMatcher>());
        Assert.NotNull(provider.GetRequiredService<ThresholdFrameworkLoader>());
    }

    [Trait("Rule", "THR-01")]
    [Fact]
    public void THR01_a_host_registered_framework_wins_over_the_default()
    {
        var own = new ThresholdFrameworkLoader().Load(ThresholdTestData.Small).Matcher;
        using var provider = new ServiceCollection().AddSingleton(own).AddCafCore().BuildServiceProvider();

        Assert.Equal("small", provider.GetRequiredService<ThresholdMatcher>().FrameworkId);
    }
}
