using System;
using Ardalis.GuardClauses;
using Caf.Core.EntityFrameworkCore.Mapping;
using Caf.Core.Primitives;
using Caf.Core.Register;
using Microsoft.EntityFrameworkCore;

namespace Caf.Core.EntityFrameworkCore;

/// <summary>
/// Adds Caf.Core's tables to an EF Core model, for hosts that keep them in their own <see cref="DbContext"/>
/// (<see cref="CafDbContext"/> does the same for its own model).
/// </summary>
/// <remarks>
/// <para>The tables: <c>caf_episodes</c> (one row per episode: the <see cref="EpisodeSummary"/> columns the register
/// queries, the episode's JSON snapshot, its version as the optimistic-concurrency token, and a hash of its history);
/// <c>caf_episode_events</c> (append-only, unique on (episode, sequence), LIFE-11, and on (episode, idempotency key)
/// where a key is stored); <c>caf_outbox</c> (the events still
/// to publish); <c>caf_sharing_audit</c> (append-only, SHARE-03); <c>caf_episode_report_rows</c> (the report read model,
/// one row per episode written in the same save: a JSON payload plus indexed child, opening, closure and LP-agency columns,
/// REP-01..06); <c>caf_panel_bookings</c> (agenda bookings, unique on the slot, PANEL-03) and <c>caf_panel_meetings</c>
/// (each meeting's taken capacity, a concurrency-checked counter row moved in the same transaction as each booking).</para>
/// <para>Every table has an <c>authority</c> column, first in every key and lookup index (issue 29, docs/storage.md).
/// REG-01 (at most one open episode per child, per authority) is a filtered unique index on <c>caf_episodes(authority, child_id)</c>
/// where <c>is_open</c>, so it holds across processes and servers. A host that includes these tables in its own
/// model writes its own migrations; the ones this package ships are for <see cref="CafDbContext"/>, and they also
/// add triggers that refuse updates of stored events and audit rows, and deletes of stored events except with their episode row.</para>
/// </remarks>
public static class CafModelBuilderExtensions
{
    internal const string SnapshotProperty = "Snapshot";
    internal const string HistoryHashProperty = "HistoryHash";
    internal const string EpisodesTable = "caf_episodes";
    internal const string EventsTable = "caf_episode_events";
    internal const string OutboxTable = "caf_outbox";
    internal const string SharingAuditTable = "caf_sharing_audit";
    internal const string ReportRowsTable = "caf_episode_report_rows";
    internal const string PanelBookingsTable = "caf_panel_bookings";
    internal const string PanelMeetingsTable = "caf_panel_meetings";
    internal const string ReadAuditTable = "caf_read_audit";
    internal const string ChildIdentifiersTable = "caf_child_identifiers";

    /// <summary>Adds the episode, event, outbox, sharing-audit, report-row and panel-booking tables to the model.</summary>
    /// <param name="modelBuilder">The host's model builder (in <c>OnModelCreating</c>).</param>
    /// <returns>The model builder.</returns>
    public static ModelBuilder ApplyCafConfigurations(this ModelBuilder modelBuilder)
    {
        Guard.Against.Null(modelBuilder);
        ConfigureEpisodes(modelBuilder);
        ConfigureEvents(modelBuilder);
        ConfigureOutbox(modelBuilder);
        ConfigureSharingAudit(modelBuilder);
        ConfigureReportRows(modelBuilder);
        ConfigurePanelBookings(modelBuilder);
        ConfigureReadAudit(modelBuilder);
        ConfigureChildIdentifiers(modelBuilder);
        return modelBuilder;
    }

    // Issue 29: the authority's AuthorityId.Value on every row; no database default, and a check refuses an empty one, so a
    // row the store did not stamp is refused rather than filed under some authority.
    private static void AuthorityColumn<T>(Microsoft.EntityFrameworkCore.Metadata.Builders.EntityTypeBuilder<T> e)
        where T : class, IAuthorityRow
    {
        e.Property(r => r.Authority).HasColumnName(AuthorityRows.Column).HasConversion(StoreConverters.Authority)
            .HasMaxLength(AuthorityId.MaxLength).IsRequired();
        AuthorityCheck(e);
    }

    private static void AuthorityCheck<T>(Microsoft.EntityFrameworkCore.Metadata.Builders.EntityTypeBuilder<T> e)
        where T : class
    {
        var table = e.Metadata.GetTableName();
        e.ToTable(t => t.HasCheckConstraint($"ck_{table}_authority", "authority <> ''"));
    }

    private static void ConfigureEpisodes(ModelBuilder modelBuilder)
    {
        var e = modelBuilder.Entity<EpisodeSummary>();
        e.ToTable(EpisodesTable);
        // Issue 29: every key starts with the authority (two authorities may both have episode "ep-1").
        e.HasKey(s => new { s.Authority, s.Id });
        e.Property(s => s.Authority).HasColumnName(AuthorityRows.Column).HasConversion(StoreConverters.Authority).HasMaxLength(AuthorityId.MaxLength);
        AuthorityCheck(e);
        e.Property(s => s.Id).HasColumnName("id").HasConversion(StoreConverters.EpisodeId).HasMaxLength(128);
        e.Property(s => s.Child).HasColumnName("child_id").HasConversion(StoreConverters.ChildId).HasMaxLength(128);
        e.Property(s => s.State).HasColumnName("state");
        e.Property(s => s.IsOpen).HasColumnName("is_open");
        e.Property(s => s.OpenedAt).HasColumnName("opened_at").HasConversion(StoreConverters.UtcTime);
        e.Property(s => s.OpenedByAgency).HasColumnName("opened_by_agency").HasConversion(StoreConverters.AgencyId).HasMaxLength(128);
        e.Property(s => s.LeadProfessional).HasColumnName("lead_professional").HasConversion(StoreConverters.PractitionerId).HasMaxLength(128);
        e.Property(s => s.LeadProfessionalAgency).HasColumnName("lead_professional_agency").HasConversion(StoreConverters.AgencyId).HasMaxLength(128);
        e.Property(s => s.LeadProfessionalIsInterim).HasColumnName("lead_professional_is_interim");
        e.Property(s => s.ClosedAt).HasColumnName("closed_at").HasConversion(StoreConverters.UtcTime);
        e.Property(s => s.Outcome).HasColumnName("outcome");
        e.Property(s => s.FamilyGroup).HasColumnName("family_group").HasMaxLength(128);
        e.Property(s => s.RetentionDueOn).HasColumnName("retention_due_on");
        e.Property(s => s.Version).HasColumnName("version").IsConcurrencyToken();
        e.Property(s => s.ExcludedAgencies).HasColumnName("excluded_agencies")
            .HasConversion(StoreConverters.AgencyList, StoreConverters.AgencyListComparer);
        e.Property<string>(SnapshotProperty).HasColumnName("snapshot").IsRequired();
        e.Property<string>(HistoryHashProperty).HasColumnName("history_hash").HasMaxLength(64).IsRequired().IsConcurrencyToken();

        // REG-01 in the database: one open episode per child, across processes and servers.
        e.HasIndex(s => new { s.Authority, s.Child }).IsUnique().HasFilter("\"is_open\"").HasDatabaseName("ux_caf_episodes_open_child");
        e.HasIndex(s => s.OpenedAt).HasDatabaseName("ix_caf_episodes_opened_at");
        e.HasIndex(s => s.FamilyGroup).HasDatabaseName("ix_caf_episodes_family_group");
    }

    private static void ConfigureEvents(ModelBuilder modelBuilder)
    {
        var e = modelBuilder.Entity<EpisodeEventRow>();
        e.ToTable(EventsTable);
        e.HasKey(r => new { r.Authority, r.EpisodeId, r.Sequence }).HasName("pk_caf_episode_events");
        AuthorityColumn(e);
        e.Property(r => r.EpisodeId).HasColumnName("episode_id").HasConversion(StoreConverters.EpisodeId).HasMaxLength(128);
        e.Property(r => r.Sequence).HasColumnName("sequence");
        e.Property(r => r.Type).HasColumnName("type").HasMaxLength(64);
        e.Property(r => r.OccurredAt).HasColumnName("occurred_at").HasConversion(StoreConverters.UtcTime);
        e.Property(r => r.Json).HasColumnName("json");
        e.Property(r => r.IdempotencyKey).HasColumnName("idempotency_key").HasConversion(StoreConverters.IdempotencyKey)
            .HasMaxLength(Caf.Core.Primitives.IdempotencyKey.MaxLength);

        // A command's idempotency key is applied once per episode, across processes and servers (docs/storage.md).
        e.HasIndex(r => new { r.Authority, r.EpisodeId, r.IdempotencyKey }).IsUnique().HasFilter("\"idempotency_key\" IS NOT NULL")
            .HasDatabaseName("ux_caf_episode_events_idempotency_key");
        e.HasOne<EpisodeSummary>().WithMany().HasForeignKey(r => new { r.Authority, r.EpisodeId }).OnDelete(DeleteBehavior.Cascade)
            .HasConstraintName("fk_caf_episode_events_episode");
    }

    private static void ConfigureOutbox(ModelBuilder modelBuilder)
    {
        var e = modelBuilder.Entity<OutboxRow>();
        e.ToTable(OutboxTable);
        e.HasKey(r => new { r.Authority, r.EpisodeId, r.Sequence }).HasName("pk_caf_outbox");
        AuthorityColumn(e);
        e.Property(r => r.EpisodeId).HasColumnName("episode_id").HasConversion(StoreConverters.EpisodeId).HasMaxLength(128);
        e.Property(r => r.Sequence).HasColumnName("sequence");
        e.Property(r => r.EventType).HasColumnName("event_type").HasMaxLength(64);
        e.Property(r => r.Payload).HasColumnName("payload");
        e.Property(r => r.DispatchedAt).HasColumnName("dispatched_at").HasConversion(StoreConverters.UtcTime);
        e.Property(r => r.Attempts).HasColumnName("attempts");
        e.Property(r => r.NextAttemptAt).HasColumnName("next_attempt_at").HasConversion(StoreConverters.UtcTime);
        e.Property(r => r.LastError).HasColumnName("last_error").HasMaxLength(2000);
        e.Property(r => r.ConsentBasis).HasColumnName("consent_basis");
        e.Property(r => r.ExcludedAgencies).HasColumnName("excluded_agencies");
        e.Property(r => r.LockedUntil).HasColumnName("locked_until").HasConversion(StoreConverters.UtcTime);
        e.Property(r => r.LockedBy).HasColumnName("locked_by").HasMaxLength(64);
        e.Property(r => r.DeadLetteredAt).HasColumnName("dead_lettered_at").HasConversion(StoreConverters.UtcTime);
        e.HasIndex(r => new { r.Authority, r.EpisodeId, r.Sequence }).HasFilter("\"dispatched_at\" IS NULL").HasDatabaseName("ix_caf_outbox_pending");
        // The purge of delivered rows past their retention.
        e.HasIndex(r => r.DispatchedAt).HasFilter("\"dispatched_at\" IS NOT NULL").HasDatabaseName("ix_caf_outbox_delivered");
    }

    private static void ConfigureSharingAudit(ModelBuilder modelBuilder)
    {
        var e = modelBuilder.Entity<SharingAuditRow>();
        e.ToTable(SharingAuditTable);
        e.HasKey(r => r.Id).HasName("pk_caf_sharing_audit");
        AuthorityColumn(e);
        e.Property(r => r.Id).HasColumnName("id").ValueGeneratedOnAdd();
        e.Property(r => r.EpisodeId).HasColumnName("episode_id").HasConversion(StoreConverters.EpisodeId).HasMaxLength(128);
        e.Property(r => r.Agency).HasColumnName("agency_id").HasConversion(StoreConverters.AgencyId).HasMaxLength(128);
        e.Property(r => r.Purpose).HasColumnName("purpose");
        e.Property(r => r.Granted).HasColumnName("granted");
        e.Property(r => r.RuleId).HasColumnName("rule_id").HasMaxLength(32);
        e.Property(r => r.Reason).HasColumnName("reason");
        e.Property(r => r.Basis).HasColumnName("basis");
        e.Property(r => r.RequestedBy).HasColumnName("requested_by").HasConversion(StoreConverters.PractitionerId).HasMaxLength(128);
        e.Property(r => r.RequestedByAgency).HasColumnName("requested_by_agency").HasConversion(StoreConverters.AgencyId).HasMaxLength(128);
        e.Property(r => r.DecidedAt).HasColumnName("decided_at").HasConversion(StoreConverters.UtcTime);
        e.Property(r => r.Items).HasColumnName("items");
        e.Property(r => r.Kind).HasColumnName("kind"); // 0 = Decision: what every row written before the column was
        e.Property(r => r.Categories).HasColumnName("categories"); // SHARE-02; 0 = None: rows written before the column recorded none
        e.Property(r => r.Text).HasColumnName("text");
        e.HasIndex(r => new { r.Authority, r.EpisodeId }).HasDatabaseName("ix_caf_sharing_audit_episode");
    }

    // LAW-04: who read which episode of which child, when, why and on which basis; append-only.
    private static void ConfigureReadAudit(ModelBuilder modelBuilder)
    {
        var e = modelBuilder.Entity<ReadAuditRow>();
        e.ToTable(ReadAuditTable);
        e.HasKey(r => r.Id).HasName("pk_caf_read_audit");
        AuthorityColumn(e);
        e.Property(r => r.Id).HasColumnName("id").ValueGeneratedOnAdd();
        e.Property(r => r.EpisodeId).HasColumnName("episode_id").HasConversion(StoreConverters.EpisodeId).HasMaxLength(128);
        e.Property(r => r.ChildId).HasColumnName("child_id").HasConversion(StoreConverters.ChildId).HasMaxLength(128);
        e.Property(r => r.Reader).HasColumnName("reader").HasConversion(StoreConverters.PractitionerId).HasMaxLength(128);
        e.Property(r => r.ReaderAgency).HasColumnName("reader_agency").HasConversion(StoreConverters.AgencyId).HasMaxLength(128);
        e.Property(r => r.ReadAt).HasColumnName("read_at").HasConversion(StoreConverters.UtcTime);
        e.Property(r => r.Purpose).HasColumnName("purpose");
        e.Property(r => r.Basis).HasColumnName("basis");
        e.Property(r => r.What).HasColumnName("what").HasMaxLength(64);
        e.HasIndex(r => new { r.Authority, r.ChildId }).HasDatabaseName("ix_caf_read_audit_child");
    }

    // LAW-03: the register's lookup of a child by NHS number; one row per episode that records one.
    private static void ConfigureChildIdentifiers(ModelBuilder modelBuilder)
    {
        var e = modelBuilder.Entity<ChildIdentifierRow>();
        e.ToTable(ChildIdentifiersTable);
        e.HasKey(r => new { r.Authority, r.EpisodeId }).HasName("pk_caf_child_identifiers");
        AuthorityColumn(e);
        e.Property(r => r.EpisodeId).HasColumnName("episode_id").HasConversion(StoreConverters.EpisodeId).HasMaxLength(128);
        e.Property(r => r.ChildId).HasColumnName("child_id").HasConversion(StoreConverters.ChildId).HasMaxLength(128);
        e.Property(r => r.NhsNumber).HasColumnName("nhs_number").HasMaxLength(10).IsRequired();
        e.HasIndex(r => new { r.Authority, r.NhsNumber }).HasDatabaseName("ix_caf_child_identifiers_nhs_number");
    }

    private static void ConfigureReportRows(ModelBuilder modelBuilder)
    {
        var e = modelBuilder.Entity<ReportRowEntity>();
        e.ToTable(ReportRowsTable);
        e.HasKey(r => new { r.Authority, r.EpisodeId }).HasName("pk_caf_episode_report_rows");
        AuthorityColumn(e);
        e.Property(r => r.EpisodeId).HasColumnName("episode_id").HasConversion(StoreConverters.EpisodeId).HasMaxLength(128);
        e.Property(r => r.ChildId).HasColumnName("child_id").HasConversion(StoreConverters.ChildId).HasMaxLength(128);
        e.Property(r => r.OpenedOn).HasColumnName("opened_on");
        e.Property(r => r.ClosedOn).HasColumnName("closed_on");
        e.Property(r => r.LeadProfessionalAgency).HasColumnName("lead_professional_agency").HasConversion(StoreConverters.AgencyId).HasMaxLength(128);
        e.Property(r => r.Payload).HasColumnName("payload").IsRequired();
        e.HasOne<EpisodeSummary>().WithOne().HasForeignKey<ReportRowEntity>(r => new { r.Authority, r.EpisodeId }).OnDelete(DeleteBehavior.Cascade)
            .HasConstraintName("fk_caf_episode_report_rows_episode");
        e.HasIndex(r => new { r.Authority, r.ChildId }).HasDatabaseName("ix_caf_episode_report_rows_child");
        e.HasIndex(r => new { r.Authority, r.OpenedOn }).HasDatabaseName("ix_caf_episode_report_rows_opened_on");
        e.HasIndex(r => new { r.Authority, r.ClosedOn }).HasDatabaseName("ix_caf_episode_report_rows_closed_on");
        e.HasIndex(r => new { r.Authority, r.LeadProfessionalAgency }).HasDatabaseName("ix_caf_episode_report_rows_lp_agency");
    }

    private static void ConfigurePanelBookings(ModelBuilder modelBuilder)
    {
        var b = modelBuilder.Entity<PanelBookingRow>();
        b.ToTable(PanelBookingsTable);
        b.HasKey(r => new { r.Authority, r.Slot }).HasName("pk_caf_panel_bookings");
        AuthorityColumn(b);
        b.Property(r => r.Slot).HasColumnName("slot_id").HasConversion(StoreConverters.PanelSlotId).HasMaxLength(128);
        b.Property(r => r.Referral).HasColumnName("referral_id").HasConversion(StoreConverters.PanelReferralId).HasMaxLength(128);
        b.Property(r => r.Episode).HasColumnName("episode_id").HasConversion(StoreConverters.EpisodeId).HasMaxLength(128);
        b.Property(r => r.Area).HasColumnName("area").HasMaxLength(128);
        b.Property(r => r.Origin).HasColumnName("origin");
        b.Property(r => r.Kind).HasColumnName("kind");
        b.Property(r => r.RequestedAt).HasColumnName("requested_at").HasConversion(StoreConverters.UtcTime);
        b.Property(r => r.PapersFor).HasColumnName("papers_for")
            .HasConversion(StoreConverters.AgencyList, StoreConverters.AgencyListComparer);
        b.Property(r => r.Panel).HasColumnName("panel_id").HasConversion(StoreConverters.PanelId).HasMaxLength(128);
        b.Property(r => r.MeetingDate).HasColumnName("meeting_date");
        b.Property(r => r.Minutes).HasColumnName("minutes");
        b.HasIndex(r => new { r.Authority, r.Panel, r.MeetingDate }).HasDatabaseName("ix_caf_panel_bookings_meeting");
        b.HasIndex(r => new { r.Authority, r.MeetingDate, r.Panel }).HasDatabaseName("ix_caf_panel_bookings_date");
        b.HasIndex(r => new { r.Authority, r.Episode }).HasDatabaseName("ix_caf_panel_bookings_episode");

        var m = modelBuilder.Entity<PanelMeetingLoadRow>();
        m.ToTable(PanelMeetingsTable);
        m.HasKey(r => new { r.Authority, r.Panel, r.MeetingDate }).HasName("pk_caf_panel_meetings");
        AuthorityColumn(m);
        m.Property(r => r.Panel).HasColumnName("panel_id").HasConversion(StoreConverters.PanelId).HasMaxLength(128);
        m.Property(r => r.MeetingDate).HasColumnName("meeting_date");
        m.Property(r => r.NewCases).HasColumnName("new_cases");
        m.Property(r => r.Reviews).HasColumnName("reviews");
        m.Property(r => r.Minutes).HasColumnName("minutes");
        m.Property(r => r.Version).HasColumnName("version").IsConcurrencyToken();
    }
}
