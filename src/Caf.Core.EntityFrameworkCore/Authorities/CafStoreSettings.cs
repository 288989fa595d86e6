namespace Caf.Core.EntityFrameworkCore.Authorities;

/// <summary>What <c>MigrateCafDatabaseAsync</c> needs to know of the registration: whether to apply the row-level-security policies.</summary>
internal sealed record CafStoreSettings(bool RowLevelSecurity);
