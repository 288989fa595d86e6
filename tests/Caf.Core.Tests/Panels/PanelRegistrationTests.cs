using Caf.Core.Consent;
using Caf.Core.Panels;
using Microsoft.Extensions.DependencyInjection;

namespace Caf.Core.Tests.Panels;

public class PanelRegistrationTests
{
    [Fact]
    [Trait("Rule", "PANEL-04")]
    public void AddCafCore_registers_the_panel_services_with_the_configured_options()
    {
        using var provider = new ServiceCollection()
            .AddSingleton<ISharingAuditLog>(new InMemorySharingAuditLog())
            .AddSingleton<Caf.Core.Reads.IReadAuditLog>(new Caf.Core.Reads.InMemoryReadAuditLog()) // LAW-04
            .AddCafCore(o => o.Panels.AgendaDaysBefore = 7)
            .BuildServiceProvider();

        var scheduler = provider.GetRequiredService<PanelScheduler>();
        Assert.Equal(new System.DateOnly(2025, 12, 31), scheduler.Timetable.AgendaIssueDate(new System.DateOnly(2026, 1, 7)));
        Assert.NotNull(provider.GetRequiredService<PanelAftercare>());
        Assert.NotNull(provider.GetRequiredService<PanelSharingGate>());
    }
}
