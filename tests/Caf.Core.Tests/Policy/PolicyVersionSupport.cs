using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json.Nodes;
using Caf.Core.Configuration;
using Caf.Core.Consent;
using Caf.Core.Lifecycle;
using Caf.Core.Policy;
using Caf.Core.Reporting;
using Caf.Core.Thresholds;

namespace Caf.Core.Tests.Policy;

/// <summary>Helpers of the policy-version tests: a policy over a history, the answers an episode gives, stored documents without versions.</summary>
internal static class PolicyVersionSupport
{
    private static readonly ThresholdFramework Framework = new ThresholdFrameworkLoader().LoadDefault().Framework;

    /// <summary>A policy over a history on a clock, with its own audit log.</summary>
    public static EpisodePolicy Over(PolicyHistory history, TimeProvider clock) =>
        new(history, clock, new SharingService(new InMemorySharingAuditLog(), clock, new ConsentPolicy(history.Versions[0].GetOptions().Consent)));

    /// <summary>Two dated versions: the first from the start of time (the default id), the second from a day.</summary>
    public static PolicyHistory TwoVersions(CafOptions first, CafOptions second, DateOnly secondFrom) =>
        new([new PolicyVersion(PolicyHistory.DefaultVersionId, DateOnly.MinValue, first), new PolicyVersion("v2", secondFrom, second)]);

    public static CafOptions Options(Action<CafOptions>? change)
    {
        var o = new CafOptions();
        change?.Invoke(o);
        return o;
    }

    /// <summary>The document with every event's <c>policyVersion</c> removed: as every document stored before policy versions.</summary>
    public static string WithoutVersions(string json)
    {
        var node = JsonNode.Parse(json)!.AsObject();
        foreach (var e in node["events"]!.AsArray())
        {
            e!.AsObject().Remove("policyVersion");
        }

        return node.ToJsonString();
    }

    /// <summary>Every answer a practitioner reads now: what next (each action, with its refusal), the due dates, consent, the report row.</summary>
    public static string[] Answers(CafEpisode e) =>
    [
        .. Recorded(e),
        .. e.GetAvailableActions().Select(a => "action " + a),
        "permitted " + string.Join(",", e.PermittedActions),
        "assessment overdue " + e.IsAssessmentOverdue,
        "review overdue " + e.IsReviewOverdue,
        "overdue actions " + string.Join(",", e.OverdueActions.Select(a => a.Id)),
        "consent " + e.ConsentEvaluation.SufficientToStartAssessment + " " + e.ConsentEvaluation.SufficientToShareAtPanel + " " + e.ConsentEvaluation.Refusal,
    ];

    /// <summary>The answers fixed by what was recorded: state, history, due dates, retention, REV-03, the report row.</summary>
    public static string[] Recorded(CafEpisode e) =>
    [
        "state " + e.State,
        "version " + e.Version,
        "assessment due " + e.AssessmentDueBy,
        "next review due " + e.NextReviewDue,
        "retention due " + e.RetentionDueOn,
        "reassessment " + e.IsReassessmentRequired + " " + e.ReassessmentRequiredAt,
        "reviews " + e.ReviewsOfCurrentPlan.Length + "/" + e.ReviewCount,
        "lead " + e.LeadProfessional,
        "report " + Row(e),
    ];

    private static string Row(CafEpisode e)
    {
        var row = EpisodeReportRows.From(e, Framework, _ => InitiatingSetting.Other);
        return string.Join("|", typeof(EpisodeReportRow).GetProperties().Select(p => p.Name + "=" + Format(p.GetValue(row))));
    }

    private static string Format(object? value) => value is System.Collections.IEnumerable list and not string
        ? "[" + string.Join(",", list.Cast<object?>()) + "]"
        : value?.ToString() ?? "null";

    /// <summary>The leaf options of <see cref="CafOptions"/> by reflection, as "Group.Option".</summary>
    public static IEnumerable<string> LeafOptions() =>
        from g in typeof(CafOptions).GetProperties()
        where g.PropertyType.IsClass && g.PropertyType.Namespace?.StartsWith("Caf.Core", StringComparison.Ordinal) == true
        from p in g.PropertyType.GetProperties()
        where p.CanWrite && p.SetMethod!.IsPublic
        select g.Name + "." + p.Name;

    /// <summary>Sets one leaf option by its path.</summary>
    public static void Set(CafOptions options, string path, object? value)
    {
        var parts = path.Split('.');
        var group = typeof(CafOptions).GetProperty(parts[0])!.GetValue(options)!;
        group.GetType().GetProperty(parts[1])!.SetValue(group, value);
    }

    /// <summary>Reads one leaf option by its path.</summary>
    public static object? Get(CafOptions options, string path)
    {
        var parts = path.Split('.');
        var group = typeof(CafOptions).GetProperty(parts[0])!.GetValue(options)!;
        return group.GetType().GetProperty(parts[1])!.GetValue(group);
    }
}
