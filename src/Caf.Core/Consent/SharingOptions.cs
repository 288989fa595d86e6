using System;
using System.Collections.Generic;
using Caf.Core.Annotations;

namespace Caf.Core.Consent;

/// <summary>
/// Sharing policy options: the minimum each configurable purpose hands over (SHARE-02, within the bounds of
/// <see cref="SharingMinimum"/>) and the date a statutory duty to share applies from (LAW-02). Part of a policy version
/// (docs/policy-versions.md), so an authority changes them on a date without rewriting what was decided before.
/// </summary>
/// <threadsafety>Mutable; configure on one thread before use.</threadsafety>
[Mutable]
public sealed class SharingOptions
{
    private static readonly DateOnly Enacted = new(2026, 4, 29);

    /// <summary>
    /// LAW-02: the first day (UTC) on which the statutory duty to share for safeguarding and welfare applies
    /// (Children Act 2004 s16LA, commenced by regulations), or null: no duty, consent is the one basis (the seeds' model).
    /// Nothing decided before this day is judged under the duty (docs/consent.md, "The statutory duty to share").
    /// </summary>
    /// <value>Default null (off).</value>
    public DateOnly? StatutoryDutyFrom { get; set; }

    /// <summary>SHARE-02: what a contributor to the assessment receives, or null for the default (identity, contact, needs).</summary>
    /// <value>Default null.</value>
    public InformationCategories? AssessmentMinimum { get; set; }

    /// <summary>SHARE-02: what a delivering agency receives, or null for the default (identity, contact, needs, services).</summary>
    /// <value>Default null.</value>
    public InformationCategories? PlanDeliveryMinimum { get; set; }

    /// <summary>SHARE-02: what a panel receives, or null for the default: the minimum to identify need and services (003 §4c).</summary>
    /// <value>Default null.</value>
    public InformationCategories? PanelMinimum { get; set; }

    /// <summary>SHARE-02: what a review's participants receive, or null for the default (identity, contact, needs, services, plan, progress).</summary>
    /// <value>Default null.</value>
    public InformationCategories? ReviewMinimum { get; set; }

    /// <summary>SHARE-02: what a report that names the child holds, or null for the default (identity, needs, services).</summary>
    /// <value>Default null.</value>
    public InformationCategories? ReportingMinimum { get; set; }

    internal IEnumerable<(SharingPurpose Purpose, InformationCategories? Categories)> Configured()
    {
        yield return (SharingPurpose.Assessment, AssessmentMinimum);
        yield return (SharingPurpose.PlanDelivery, PlanDeliveryMinimum);
        yield return (SharingPurpose.Panel, PanelMinimum);
        yield return (SharingPurpose.Review, ReviewMinimum);
        yield return (SharingPurpose.Reporting, ReportingMinimum);
    }

    internal void Validate(ICollection<string> problems)
    {
        foreach (var (purpose, categories) in Configured())
        {
            if (categories is { } set && SharingMinimum.Problem(purpose + "Minimum", purpose, set) is { } problem)
            {
                problems.Add(problem);
            }
        }

        if (StatutoryDutyFrom is { } from && from < Enacted)
        {
            problems.Add($"Sharing.StatutoryDutyFrom must not be before 2026-04-29 (LAW-02: the Act that inserts the duty was enacted that day; it applies from its commencement); got {from:yyyy-MM-dd}.");
        }
    }
}
