using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.IO;
using System.Linq;
using System.Text;
using System.Text.Json;
using Caf.Core.Primitives;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace Caf.Core.EntityFrameworkCore.Mapping;

/// <summary>
/// Column conversions shared by both providers. Ids are stored as their text; times as UTC date-times
/// (SQLite cannot compare or order <see cref="DateTimeOffset"/> in SQL, and PostgreSQL's timestamptz holds UTC
/// only), so a time read back from a summary column has offset zero and the same instant.
/// </summary>
internal static class StoreConverters
{
    public static readonly ValueConverter<AuthorityId, string> Authority = new(v => v.Value, v => new AuthorityId(v));

    public static readonly ValueConverter<EpisodeId, string> EpisodeId = new(v => v.Value, v => new EpisodeId(v));

    public static readonly ValueConverter<IdempotencyKey, string> IdempotencyKey = new(v => v.Value, v => new IdempotencyKey(v));

    public static readonly ValueConverter<ChildId, string> ChildId = new(v => v.Value, v => new ChildId(v));

    public static readonly ValueConverter<AgencyId, string> AgencyId = new(v => v.Value, v => new AgencyId(v));

    public static readonly ValueConverter<PractitionerId, string> PractitionerId = new(v => v.Value, v => new PractitionerId(v));

    public static readonly ValueConverter<Caf.Core.Panels.PanelId, string> PanelId = new(v => v.Value, v => new Caf.Core.Panels.PanelId(v));

    public static readonly ValueConverter<Caf.Core.Panels.PanelSlotId, string> PanelSlotId = new(v => v.Value, v => new Caf.Core.Panels.PanelSlotId(v));

    public static readonly ValueConverter<Caf.Core.Panels.PanelReferralId, string> PanelReferralId = new(v => v.Value, v => new Caf.Core.Panels.PanelReferralId(v));

    public static readonly ValueConverter<DateTimeOffset, DateTime> UtcTime =
        new(v => v.UtcDateTime, v => new DateTimeOffset(DateTime.SpecifyKind(v, DateTimeKind.Utc)));

    public static readonly ValueConverter<ImmutableArray<AgencyId>, string> AgencyList =
        new(v => WriteAgencies(v), v => ReadAgencies(v));

    public static readonly ValueComparer<ImmutableArray<AgencyId>> AgencyListComparer = new(
        (a, b) => a.IsDefault ? b.IsDefault : !b.IsDefault && a.SequenceEqual(b),
        a => a.IsDefault ? 0 : a.Aggregate(0, (h, x) => HashCode.Combine(h, x)),
        a => a);

    // One agency id as its JSON string token in the column below ("id", escaped as the writer escapes it): what a
    // consent-gated specification looks for in SQL (SpecificationQueryEvaluator).
    internal static string AgencyToken(AgencyId agency)
    {
        var array = WriteAgencies([agency]);
        return array[1..^1];
    }

    // A JSON array of agency ids (sorted by the summary), kept for readers of the table and searched by AgencyToken.
    internal static string WriteAgencies(ImmutableArray<AgencyId> agencies)
    {
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream))
        {
            writer.WriteStartArray();
            if (!agencies.IsDefault)
            {
                foreach (var agency in agencies)
                {
                    writer.WriteStringValue(agency.Value);
                }
            }

            writer.WriteEndArray();
        }

        return Encoding.UTF8.GetString(stream.ToArray());
    }

    internal static ImmutableArray<AgencyId> ReadAgencies(string json)
    {
        if (json == "[]")
        {
            return []; // most rows: no parse
        }

        using var document = JsonDocument.Parse(json);
        var list = new List<AgencyId>();
        foreach (var item in document.RootElement.EnumerateArray())
        {
            list.Add(new AgencyId(item.GetString()!));
        }

        return [.. list];
    }
}
