using System;
using Caf.Core.DependencyInjection;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Caf.Core.Consent;

/// <summary>The consent area's part of <c>AddCafCore</c>.</summary>
internal static class ConsentServiceRegistration
{
    /// <summary>
    /// Registers <see cref="ConsentPolicy"/> and <see cref="ISharingService"/> (TryAdd). The audit log is
    /// not registered: the host must supply its own (start-up fails without one, and so does resolving the sharing service,
    /// naming the rule), because an in-memory trail would silently lose the SHARE-03 audit in production.
    /// </summary>
    internal static void AddConsent(IServiceCollection services)
    {
        services.TryAddSingleton(sp => new ConsentPolicy(CafServiceCollectionExtensions.Options(sp).Consent));
        services.TryAddSingleton<ISharingService>(sp => new SharingService(
            sp.GetService<ISharingAuditLog>() ?? throw new InvalidOperationException(CafStartupCheckValidator.MissingAuditLog),
            sp.GetRequiredService<TimeProvider>(),
            sp.GetRequiredService<ConsentPolicy>(),
            sp.GetRequiredService<Caf.Core.Diagnostics.CafMetrics>(),
            SharingMinimum.From(CafServiceCollectionExtensions.Options(sp).Sharing)));
    }
}
