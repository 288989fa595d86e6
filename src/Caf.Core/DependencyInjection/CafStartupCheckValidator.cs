using System.Collections.Generic;
using Caf.Core.Annotations;
using Caf.Core.Consent;
using Caf.Core.LeadProfessional;
using Caf.Core.Reads;
using Caf.Core.Register;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Caf.Core.DependencyInjection;

/// <summary>Finds the ports Caf.Core needs that the host did not register (every one in one message).</summary>
[Immutable]
internal sealed class CafStartupCheckValidator : IValidateOptions<CafStartupCheck>
{
    internal const string MissingAuditLog =
        "No ISharingAuditLog is registered: Caf.Core records every sharing decision, granted or refused, in the host's audit log (SHARE-03, SHARE-04). " +
        "Register yours, e.g. services.AddSingleton<ISharingAuditLog, MyAuditLog>() (InMemorySharingAuditLog only in tests and samples: it loses the trail).";

    internal const string MissingReadAuditLog =
        "No IReadAuditLog is registered: Caf.Core records every read of a child's record by a person (who, when, why, on which basis) before the content is returned (LAW-04). " +
        "Register yours, e.g. services.AddSingleton<IReadAuditLog, MyReadAuditLog>(), or use the EF Core adapter (AddCafEntityFrameworkCore registers its caf_read_audit table) " +
        "(InMemoryReadAuditLog only in tests and samples: it loses the trail).";

    internal const string MissingStore =
        "No IEpisodeRepository is registered: CafRegister keeps episodes in the host's episode store. " +
        "Call services.AddCafInMemoryEpisodeStore() (tests, samples: nothing is persisted), or register your own IEpisodeRepository, " +
        "or use the EF Core adapter (package Caf.Core.EntityFrameworkCore, with Caf.Core.EntityFrameworkCore.Sqlite or Caf.Core.EntityFrameworkCore.PostgreSQL).";

    internal const string MissingDirectory =
        "No IPractitionerDirectory is registered, but AddCafLeadProfessionalSelection() says lead professionals are selected from one (LP-03, LP-07): " +
        "register the directory of the practitioners working with each family, e.g. services.AddSingleton<IPractitionerDirectory, MyDirectory>().";

    private readonly IServiceProviderIsService? _isService;

    /// <summary>Creates the check.</summary>
    /// <param name="isService">The container's "is this registered?" answer; null in a container without one (then nothing is checked).</param>
    public CafStartupCheckValidator(IServiceProviderIsService? isService = null) => _isService = isService;

    /// <inheritdoc />
    public ValidateOptionsResult Validate(string? name, CafStartupCheck options)
    {
        if (_isService is not { } registered)
        {
            return ValidateOptionsResult.Skip;
        }

        var missing = new List<string>();
        if (!registered.IsService(typeof(ISharingAuditLog)))
        {
            missing.Add(MissingAuditLog);
        }

        if (!registered.IsService(typeof(IReadAuditLog)))
        {
            missing.Add(MissingReadAuditLog);
        }

        if (!registered.IsService(typeof(IEpisodeRepository)))
        {
            missing.Add(MissingStore);
        }

        if (registered.IsService(typeof(CafLeadProfessionalSelectionMarker)) && !registered.IsService(typeof(IPractitionerDirectory)))
        {
            missing.Add(MissingDirectory);
        }

        return missing.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(missing);
    }
}
