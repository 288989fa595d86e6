using System;
using System.Linq;
using System.Threading.Tasks;
using Caf.Core.EntityFrameworkCore.Mapping;
using Caf.Core.Lifecycle;
using Caf.Core.Primitives;
using Caf.Core.EntityFrameworkCore.Tests.Support;
using Caf.Core.Register;
using Microsoft.EntityFrameworkCore;
using static Caf.Core.EntityFrameworkCore.Tests.Support.Episodes;

namespace Caf.Core.EntityFrameworkCore.Tests;

/// <summary>
/// Times round-trip exactly on every provider: PostgreSQL's <c>timestamptz</c> keeps microseconds, so events are
/// recorded at whole microseconds and a clock with finer ticks cannot make the stored summary, the event rows and
/// the episode disagree.
/// </summary>
public abstract partial class EpisodeStoreContract
{
    [StoreFact]
    public async Task Times_from_a_clock_with_sub_microsecond_ticks_load_back_equal_in_the_episode_its_summary_and_its_events()
    {
        Time.Advance(TimeSpan.FromTicks(1_234_567)); // 123.4567 ms after the start: 7 ticks (700 ns) below a whole microsecond
        var episode = Identified(Policy, "ep-ticks");
        Time.Advance(TimeSpan.FromTicks(10_000_009));
        Ok(episode.RecordConsent(Teacher, MotherWritten(), "Consent to assess and share with partner agencies."));
        Time.Advance(TimeSpan.FromDays(1) + TimeSpan.FromTicks(3));
        Ok(episode.StartAssessment(Teacher, "Concerns about attendance: assessment agreed with the family."));

        // Recorded at whole microseconds: the clock's ticks below a microsecond are dropped (written by hand).
        Assert.Equal(
            [Start.AddTicks(1_234_560), Start.AddTicks(11_234_570), Start.AddTicks(11_234_570 + TimeSpan.TicksPerDay)],
            episode.Events.Select(e => e.OccurredAt));
        Ok(await Host.Repository.AddAsync(episode));

        var loaded = (await NewHost().Repository.GetAsync(new EpisodeId("ep-ticks")))!;
        Assert.Equal(episode.Events, loaded.Events);
        Assert.Equal(episode.OpenedAt, loaded.OpenedAt);
        Assert.Equal(episode.AssessmentStartedAt, loaded.AssessmentStartedAt);

        await using var db = Host.NewContext();
        var summary = await db.Set<EpisodeSummary>().AsNoTracking().SingleAsync(s => s.Id == new EpisodeId("ep-ticks"));
        Assert.Equal(EpisodeSummary.Of(episode), summary);
        Assert.Equal(EpisodeSummary.Of(loaded), summary);
        Assert.Equal(Start.AddTicks(1_234_560), summary.OpenedAt);
        var rows = await db.Set<EpisodeEventRow>().AsNoTracking().Where(r => r.EpisodeId == new EpisodeId("ep-ticks"))
            .OrderBy(r => r.Sequence).Select(r => r.OccurredAt).ToListAsync();
        Assert.Equal(episode.Events.Select(e => e.OccurredAt), rows);

        // The outbox hands out the same events.
        await Host.Outbox.DispatchPendingAsync();
        Assert.Equal(episode.Events, Publisher.Delivered.Where(d => d.Episode == new EpisodeId("ep-ticks")).Select(d => d.Event));
    }
}
