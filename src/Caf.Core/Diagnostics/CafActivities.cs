using System.Diagnostics;

namespace Caf.Core.Diagnostics;

/// <summary>The <see cref="CafTelemetry.ActivitySourceName"/> activity source (static readonly and immutable, the .NET convention).</summary>
internal static class CafActivities
{
    /// <summary>The source; starting an activity costs a check when nothing listens.</summary>
    internal static readonly ActivitySource Source = new(CafTelemetry.ActivitySourceName, typeof(CafActivities).Assembly.GetName().Version?.ToString());
}
