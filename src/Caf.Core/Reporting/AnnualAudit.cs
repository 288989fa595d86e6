using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using Ardalis.GuardClauses;
using Caf.Core.Annotations;
using Caf.Core.Primitives;

namespace Caf.Core.Reporting;

/// <summary>REP-07: who gave feedback to the annual audit (003 §5 "feedback from referrers, children young people and families, and panel representatives").</summary>
[System.Text.Json.Serialization.JsonConverter(typeof(StrictEnumConverter<AnnualAuditRespondent>))]
public enum AnnualAuditRespondent
{
    /// <summary>A practitioner who referred to the panel.</summary>
    Referrer = 0,

    /// <summary>A child, young person or family.</summary>
    ChildYoungPersonOrFamily = 1,

    /// <summary>An agency's representative on the panel.</summary>
    PanelRepresentative = 2,
}

/// <summary>
/// REP-07: one piece of feedback gathered by the annual audit of "how well the processes are ensuring appropriate and
/// timely assessment and allocation of services" (003 §5). Holds no child's or family's identity: the audit reports on
/// the process, not on a case (SHARE-01).
/// </summary>
/// <threadsafety>This type is immutable and thread-safe.</threadsafety>
[Immutable]
public sealed record AnnualAuditFeedback
{
    /// <summary>Records one piece of feedback.</summary>
    /// <param name="year">The audit year (e.g. 2026).</param>
    /// <param name="respondent">Who gave it.</param>
    /// <param name="appropriate">Whether they found the assessment and allocation of services appropriate.</param>
    /// <param name="timely">Whether they found it timely.</param>
    /// <param name="comment">Their words (may be empty).</param>
    /// <exception cref="ArgumentException">The year is outside 2000–2100, the respondent undefined or the comment null.</exception>
    public AnnualAuditFeedback(int year, AnnualAuditRespondent respondent, bool appropriate, bool timely, string comment)
    {
        Year = Guard.Against.OutOfRange(year, nameof(year), 2000, 2100);
        Respondent = Guard.Against.EnumOutOfRange(respondent);
        Appropriate = appropriate;
        Timely = timely;
        Comment = Guard.Against.Null(comment);
    }

    /// <summary>The audit year.</summary>
    public int Year { get; }

    /// <summary>Who gave it.</summary>
    public AnnualAuditRespondent Respondent { get; }

    /// <summary>Whether the assessment and allocation of services was found appropriate.</summary>
    public bool Appropriate { get; }

    /// <summary>Whether it was found timely.</summary>
    public bool Timely { get; }

    /// <summary>The respondent's words (may be empty).</summary>
    public string Comment { get; }
}

/// <summary>REP-07: the feedback of one respondent group in an annual audit.</summary>
/// <param name="Respondent">The group.</param>
/// <param name="Responses">How many gave feedback.</param>
/// <param name="Appropriate">How many found the assessment and allocation appropriate.</param>
/// <param name="Timely">How many found it timely.</param>
/// <threadsafety>This type is immutable and thread-safe.</threadsafety>
[Immutable]
public readonly record struct AnnualAuditGroup(AnnualAuditRespondent Respondent, int Responses, int Appropriate, int Timely);

/// <summary>
/// REP-07: the annual audit's feedback for one year, by respondent group (every group listed, in enum order, so a group
/// the audit did not reach shows as 0 and is named in <see cref="GroupsNotHeard"/>), reported beside the other monitoring
/// (<see cref="CafReport.ToTables(AnnualAuditReport)"/>).
/// </summary>
/// <remarks>Value equality covers the groups.</remarks>
/// <threadsafety>This type is immutable and thread-safe.</threadsafety>
[Immutable]
public sealed record AnnualAuditReport
{
    private AnnualAuditReport(int year, ImmutableArray<AnnualAuditGroup> groups)
    {
        Year = year;
        Groups = groups;
    }

    /// <summary>The audit year.</summary>
    public int Year { get; }

    /// <summary>One entry per respondent group, in enum order.</summary>
    public ImmutableArray<AnnualAuditGroup> Groups { get; }

    /// <summary>The groups with no feedback this year: the audit gathers it from all three (003 §5).</summary>
    public ImmutableArray<AnnualAuditRespondent> GroupsNotHeard => [.. Groups.Where(g => g.Responses == 0).Select(g => g.Respondent)];

    /// <summary>REP-07: the year's feedback by group; feedback of other years is left out.</summary>
    /// <param name="year">The audit year.</param>
    /// <param name="feedback">The feedback recorded.</param>
    /// <returns>The report.</returns>
    /// <exception cref="ArgumentException">The feedback is null or holds a null.</exception>
    public static AnnualAuditReport Build(int year, IEnumerable<AnnualAuditFeedback> feedback)
    {
        Guard.Against.Null(feedback);
        var respondents = Enum.GetValues<AnnualAuditRespondent>();
        var responses = new int[respondents.Length];
        var appropriate = new int[respondents.Length];
        var timely = new int[respondents.Length];
        foreach (var f in feedback)
        {
            Guard.Against.Null(f, nameof(feedback));
            if (f.Year != year)
            {
                continue;
            }

            var i = (int)f.Respondent;
            responses[i]++;
            appropriate[i] += f.Appropriate ? 1 : 0;
            timely[i] += f.Timely ? 1 : 0;
        }

        return new AnnualAuditReport(year, [.. respondents.Select(r => new AnnualAuditGroup(r, responses[(int)r], appropriate[(int)r], timely[(int)r]))]);
    }

    /// <summary>The report as a table (<c>rep07-annual-audit</c>): one row per group, then the total.</summary>
    /// <returns>The table, for the CSV and Markdown writers (suppress small counts before publishing).</returns>
    public ReportTable ToTable()
    {
        var rows = ImmutableArray.CreateBuilder<ImmutableArray<ReportCell>>(Groups.Length + 1);
        foreach (var g in Groups)
        {
            rows.Add([ReportCell.Of(ReportingDisplayText.For(g.Respondent)), ReportCell.Of(g.Responses), ReportCell.Of(g.Appropriate), ReportCell.Of(g.Timely)]);
        }

        rows.Add([ReportCell.Of("Total"), ReportCell.Of(Groups.Sum(g => g.Responses)), ReportCell.Of(Groups.Sum(g => g.Appropriate)), ReportCell.Of(Groups.Sum(g => g.Timely))]);
        return new ReportTable("rep07-annual-audit", $"REP-07 Annual audit {Year}: feedback by respondent", ["Respondent", "Responses", "Found it appropriate", "Found it timely"], rows.MoveToImmutable());
    }

    /// <inheritdoc />
    public bool Equals(AnnualAuditReport? other) => other is not null && Year == other.Year && Groups.SequenceEqual(other.Groups);

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(Year, Groups.Length);
}
