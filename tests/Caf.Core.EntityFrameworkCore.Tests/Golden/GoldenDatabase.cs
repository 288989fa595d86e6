using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Threading.Tasks;
using Caf.Core.Consent;
using Caf.Core.EntityFrameworkCore.Tests.Support;
using Caf.Core.Lifecycle;
using Caf.Core.Panels;
using Caf.Core.Primitives;
using Caf.Core.Reads;
using Caf.Core.Register;
using Caf.Core.Reporting;
using Caf.Core.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Caf.Core.EntityFrameworkCore.Tests.Golden;

/// <summary>
/// The golden databases (<c>tests/Golden/databases/&lt;release&gt;.sqlite</c>): SQLite files as a release's EF Core store
/// wrote them, two authorities (Leeds, York) with episodes of many event types, their outbox and report rows, sharing
/// and read audit rows and a panel booking. Each has a sidecar <c>&lt;release&gt;.expected.json</c> of facts written by
/// hand (<see cref="GoldenDatabaseExpectations"/>). Every later release must migrate a copy and read the same facts.
/// </summary>
internal static class GoldenDatabase
{
    public const string WriteVariable = "CAF_WRITE_GOLDEN";

    /// <summary>The release this build writes (the file's name).</summary>
    public const string Release = "1.0.0";

    public static readonly AuthorityId Leeds = new("leeds");
    public static readonly AuthorityId York = new("york");

    /// <summary>The store's clock while the rows are written (reads, audits, bookings).</summary>
    public static readonly DateTimeOffset WrittenAt = new(2026, 4, 1, 9, 0, 0, TimeSpan.Zero);

    public static string Folder { get; } = Path.Combine(FindRoot(), "tests", "Golden", "databases");

    /// <summary>The NHS number Leeds's ep-1 records (LAW-03: a row of <c>caf_child_identifiers</c>).</summary>
    public static readonly NhsNumber AmyNhs = new("9434765919");

    public sealed record Situation(AuthorityId Authority, string Episode, string Child, bool StepDown, string[] Commands);

    /// <summary>
    /// What the database holds, each episode built on its own <see cref="CafTestWorld"/> clock (Monday 2 March 2026
    /// 09:00 UTC, a day before each command) as the JSON corpus's situations are; York's ep-1 has the id and the child of
    /// Leeds's ep-1 (two authorities may both hold them).
    /// </summary>
    public static readonly Situation[] Situations =
    [
        new(Leeds, "ep-1", "child-001", false,
            ["consent: mother written", "start assessment", "complete assessment", "choose multi-agency", "appoint health visitor",
             "agree plan: school + health + family", "review: insufficient", "review: sufficient", "revise plan: add the family action",
             "review: most outcomes achieved, closing", "close: C1 multi-agency (by the LP)"]),
        new(Leeds, "ep-2", "child-002", false,
            ["consent: mother written", "start assessment", "complete assessment", "outcomes questionnaire: all OK", "refer to panel",
             "panel decision: youth service and health visiting, the health visitor as LP", "youth service confirms its start",
             "outcomes questionnaire: all good"]),
        new(Leeds, "ep-3", "child-003", false,
            ["consent: mother written excluding CAMHS", "consent: mother lifts the CAMHS exclusion", "start assessment",
             "withdraw consent", "override consent"]),
        new(York, "ep-1", "child-001", false,
            ["consent: mother written", "start assessment", "complete assessment", "choose single agency", "appoint health visitor",
             "agree plan: school + family", "review: insufficient", "require reassessment", "step up"]),
        new(York, "ep-2", "child-002", true,
            ["consent: mother written", "step-down TAC: continue with the health visitor", "review: sufficient"]),
        new(York, "ep-3", "child-003", false,
            ["consent: mother verbal", "start assessment", "transfer out"]),
        new(York, "ep-4", "child-004", false,
            ["consent: mother written", "start assessment", "complete assessment", "refer to panel",
             "panel decision: youth service and health visiting, the health visitor as LP", "decision sheet shared with the family",
             "re-hearing requested by the family", "re-hearing declined", "quarterly audit: the youth service started",
             "disagreement about mentoring taken up with the youth service", "progress reported to the next meeting",
             "waiting list: health visiting"]),
    ];

    public static CafEpisode Build(Situation s)
    {
        var world = CafTestWorld.Create();
        var policy = new EpisodePolicy(world.Policy.History, world.Time, world.Policy.Sharing) { Authority = s.Authority };
        var child = world.NineYearOld() with { Id = new ChildId(s.Child), NhsNumber = s.Authority == Leeds && s.Episode == "ep-1" ? AmyNhs : null };
        var episode = s.StepDown
            ? CafEpisode.RegisterPotentialFromStepDown(policy, new EpisodeId(s.Episode), child, CafCatalogue.Teacher, EpisodePlans.StepDown())
            : CafEpisode.IdentifyConcern(policy, new EpisodeId(s.Episode), child, CafCatalogue.Teacher, "Falling attendance and withdrawn in class.");
        foreach (var name in s.Commands)
        {
            world.Advance(TimeSpan.FromDays(1));
            var result = EpisodeCommands.Named(name).Run(episode, world.Today);
            if (result.IsRefused)
            {
                throw new InvalidOperationException($"{s.Authority}/{s.Episode} {name}: {result.Refusal}");
            }
        }

        return episode;
    }

    /// <summary>The store over a SQLite file, one keyed set of services per authority, its outbox filled (nothing dispatches it).</summary>
    public static ServiceProvider Host(string path, FakeTimeProvider time)
    {
        var services = new ServiceCollection();
        services.AddSingleton<TimeProvider>(time);
        services.AddSingleton<IEpisodeEventPublisher>(new RecordingPublisher());
        services.AddSingleton<IEpisodeReportProjector>(Episodes.Projector);
        services.AddSingleton(PolicyFor(AuthorityId.Default, time));
        services.AddKeyedSingleton<EpisodePolicy>(KeyedService.AnyKey, (_, key) => PolicyFor((AuthorityId)key!, time));
        services.AddCafEntityFrameworkCore(o =>
        {
            o.UseSqlite($"Data Source={path};Default Timeout=30");
            o.PerAuthority();
        });
        return services.BuildServiceProvider(validateScopes: true);
    }

    private static EpisodePolicy PolicyFor(AuthorityId authority, TimeProvider time) =>
        new(new Configuration.CafOptions(), time, EpisodePolicy.Default(time, new InMemorySharingAuditLog()).Sharing) { Authority = authority };

    /// <summary>Writes every situation, then the audit rows and a booking, through the stores' public ports.</summary>
    public static async Task WriteAsync(IServiceProvider services, FakeTimeProvider time)
    {
        foreach (var s in Situations)
        {
            Episodes.Ok(await services.GetRequiredKeyedService<IEpisodeRepository>(s.Authority).AddAsync(Build(s)));
        }

        var at = time.GetUtcNow();
        services.GetRequiredKeyedService<ISharingAuditLog>(Leeds).Record(new SharingAuditEntry(new EpisodeId("ep-2"), CafCatalogue.YouthService,
            SharingPurpose.EpisodeWork, new SharingDecision(true, "SHARE-01", "The family's consent covers the youth service.") { Basis = SharingBasis.Consent },
            CafCatalogue.Teacher, at) { Items = SharedItems.EpisodeRecord });
        services.GetRequiredKeyedService<ISharingAuditLog>(York).Record(new SharingAuditEntry(new EpisodeId("ep-1"), CafCatalogue.Camhs,
            SharingPurpose.Assessment, new SharingDecision(false, "CONS-05", "The family excluded this agency."), CafCatalogue.Teacher, at));

        var leeds = new AuditedEpisodeReads(services.GetRequiredKeyedService<IEpisodeRepository>(Leeds), services.GetRequiredKeyedService<IReadAuditLog>(Leeds), time);
        Episodes.Ok((await leeds.GetAsync(new EpisodeId("ep-1"), new ReadContext(CafCatalogue.HealthVisitor, "Preparing the closing review", LegalBasis.Consent))).ToResult());
        time.Advance(TimeSpan.FromHours(1));
        var york = new AuditedEpisodeReads(services.GetRequiredKeyedService<IEpisodeRepository>(York), services.GetRequiredKeyedService<IEpisodeReportStore>(York),
            services.GetRequiredKeyedService<IReadAuditLog>(York), time);
        await foreach (var _ in york.StreamAllReportRowsAsync(new ReadContext(CafCatalogue.SocialWorker, "Annual early help return", LegalBasis.StatutoryDuty)))
        {
        }

        Episodes.Ok(await services.GetRequiredKeyedService<IPanelBookingStore>(Leeds).BookAsync(
            new PanelBooking(new PanelSlotRequest(new PanelSlotId("slot-1"), new PanelReferralId("ref-1"), new EpisodeId("ep-2"), "north", PanelSlotOrigin.Referral, at,
                [CafCatalogue.School]), new PanelMeeting(new PanelId("maf"), "north", new DateOnly(2026, 4, 14)), 20),
            new PanelCapacity(2, 2, 120)));
    }

    private static string T(DateTimeOffset t) => t.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    /// <summary>The facts of an episode the golden database is checked for, each as readable text.</summary>
    public static SortedDictionary<string, string> Facts(CafEpisode e) => new(StringComparer.Ordinal)
    {
        ["authority"] = e.Authority.Value,
        ["child"] = e.Child.Id.Value,
        ["nhsNumber"] = e.Child.NhsNumber?.Value ?? "none",
        ["state"] = e.State.ToString(),
        ["version"] = e.Version.ToString(CultureInfo.InvariantCulture),
        ["events"] = string.Join(", ", e.Events.Select(x => x.GetType().Name)),
        ["openedAt"] = T(e.OpenedAt),
        ["lastEventAt"] = T(e.Events[^1].OccurredAt),
        ["leadProfessional"] = $"{e.LeadProfessional.Practitioner.Value} ({e.LeadProfessional.Agency.Value}){(e.LeadProfessional.IsInterim ? ", interim" : "")}",
        ["closure"] = e.Closure is { } c ? $"{c.Outcome} at {T(c.ClosedAt)} ({c.RuleId})" : "none",
        ["consent"] = $"records {e.Consent.Records.Length}, withdrawn {e.Consent.IsWithdrawn}, overridden {e.Consent.IsOverridden}",
        ["panelReferrals"] = string.Join("; ", e.PanelReferrals.Select(r =>
            $"{r.Referral.Id.Value}: allocated [{string.Join(", ", r.Allocations.Select(a => a.Agency.Value))}], started [{string.Join(", ", r.StartConfirmations.Select(s => s.Agency.Value))}]")),
        ["familyGroup"] = e.FamilyGroup ?? "none",
        ["transferredTo"] = e.TransferredTo ?? "none",
    };

    /// <summary>The facts of an authority's rows beside its episodes.</summary>
    public static async Task<SortedDictionary<string, string>> TableFactsAsync(IServiceProvider services, AuthorityId authority, IEnumerable<string> episodes, IEnumerable<string> children)
    {
        var rows = new List<string>();
        await foreach (var row in services.GetRequiredKeyedService<IEpisodeReportStore>(authority).StreamAllAsync())
        {
            rows.Add($"{row.EpisodeId.Value} {row.ChildId.Value} opened {row.OpenedOn:yyyy-MM-dd} closed {(row.ClosedOn is { } d ? d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) : "no")}");
        }

        var sharing = new List<string>();
        var audit = (EntityFrameworkSharingAuditLog<CafDbContext>)services.GetRequiredKeyedService<ISharingAuditLog>(authority);
        foreach (var episode in episodes)
        {
            sharing.AddRange((await audit.ReadAsync(new EpisodeId(episode))).Select(d =>
                $"{d.Episode.Value} to {d.Agency.Value} for {d.Purpose}: {(d.Granted ? "granted" : "refused")} ({d.RuleId}, {d.LegalBasis}) by {d.RequestedBy.Practitioner.Value} at {T(d.DecidedAt)}"));
        }

        var reads = new List<string>();
        foreach (var child in children)
        {
            reads.AddRange((await services.GetRequiredKeyedService<IReadAuditLog>(authority).ReadersOfAsync(new ChildId(child))).Select(r =>
                $"{r.Child.Value} {r.Episode.Value} {r.What} by {r.Reader.Practitioner.Value} ({r.Reader.Agency.Value}) at {T(r.ReadAt)} for '{r.Purpose}' on {r.Basis}"));
        }

        var bookings = new List<string>();
        foreach (var episode in episodes)
        {
            bookings.AddRange((await services.GetRequiredKeyedService<IPanelBookingStore>(authority).ListForEpisodeAsync(new EpisodeId(episode))).Select(b =>
                $"{b.Request.Slot.Value} {b.Request.Referral.Value} {b.Request.Episode.Value} at {b.Meeting.Panel.Value} {b.Meeting.Area} on {b.Meeting.Date:yyyy-MM-dd}"));
        }

        var lookup = (IChildIdentifierLookup)services.GetRequiredKeyedService<IEpisodeRepository>(authority);
        return new(StringComparer.Ordinal)
        {
            ["childrenWithNhsNumber " + AmyNhs.Value] = string.Join(", ", (await lookup.ChildrenWithAsync(AmyNhs)).Select(c => c.Value)),
            ["outboxPending"] = (await services.GetRequiredKeyedService<EpisodeOutbox<CafDbContext>>(authority).CountPendingAsync()).ToString(CultureInfo.InvariantCulture),
            ["reportRows"] = string.Join("; ", rows),
            ["sharingAudit"] = string.Join("; ", sharing),
            ["readAudit"] = string.Join("; ", reads),
            ["panelBookings"] = string.Join("; ", bookings),
        };
    }

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Caf.Core.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("The repository root (Caf.Core.sln) was not found above " + AppContext.BaseDirectory);
    }
}
