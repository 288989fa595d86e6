using System;

namespace Caf.Core.Sample;

/// <summary>A hand-driven clock so the sample's dates are the same on every run (the library reads time only from TimeProvider).</summary>
internal sealed class SampleClock(DateTimeOffset start) : TimeProvider
{
    private DateTimeOffset _now = start;

    public override DateTimeOffset GetUtcNow() => _now;

    public void Advance(TimeSpan by) => _now += by;
}
