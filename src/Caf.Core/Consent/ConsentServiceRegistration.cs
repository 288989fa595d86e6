using System;
using Caf.Core.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Caf.Core.Consent;

/// <summary>The consent area's part of <c>AddCafCore</c>.</summary>
internal static class ConsentServiceRegistration
{
    internal const string MissingAuditLog =
        "Caf.Core's ISharingService records every sharing decision (SHARE-03, SHARE-04) in an ISharingAuditLog that the host provides: " +
        "register one (e.g. services.AddSingleton<ISharingAuditLog, MyAuditLog>()), or InMemorySharingAuditLog in tests and samples.";

    /// <summary>
    /// Registers <see cref="ConsentPolicy"/> and <see cref="ISharingService"/> (TryAdd). The audit log is
    /// not registered: the host must supply its own (resolving the sharing service without one throws,
    /// naming the rule), because an in-memory trail would silently lose the SHARE-03 audit in production.
    /// </summary>
    internal static void AddConsent(IServiceCollection services)
    {
        services.TryAddSingleton(sp => new ConsentPolicy(sp.GetRequiredService<CafOptions>().Consent));
        services.TryAddSingleton<ISharingService>(sp => new SharingService(
            sp.GetService<ISharingAuditLog>() ?? throw new InvalidOperationException(MissingAuditLog),
            sp.GetRequiredService<TimeProvider>(),
            sp.GetRequiredService<ConsentPolicy>()));
    }
}
