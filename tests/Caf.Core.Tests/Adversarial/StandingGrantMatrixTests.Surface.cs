using System;
using System.Collections;
using System.Collections.Generic;
using System.Linq;
using System.Reflection;
using Caf.Core.Analysis;
using Caf.Core.LeadProfessional;
using Caf.Core.Lifecycle;
using Caf.Core.Panels;
using Caf.Core.Register;
using Caf.Core.Register.Specifications;
using Caf.Core.Reporting;

namespace Caf.Core.Tests.Adversarial;

/// <summary>The reflection half of the matrix: the public surface that can hand over, list or assign, each with a row or a reason.</summary>
public partial class StandingGrantMatrixTests
{
    /// <summary>Types whose public methods can hand over, list or assign (plus every PolicyWhatIf* type, found by name).</summary>
    private static readonly Type[] Scanned =
    [
        typeof(CafEpisode), typeof(CafRegister), typeof(EpisodeJson),
        typeof(PanelAgenda), typeof(PanelAftercare), typeof(PanelDecision), typeof(PanelReHearing), typeof(PanelReHearingRequest),
        typeof(PanelSlotRequest), typeof(PanelScheduler), typeof(PanelSharingGate),
        typeof(LeadProfessionalSelector), typeof(CafReportBuilder), typeof(EpisodeReportRows),
        typeof(Caf.Core.Reads.AuditedEpisodeReads), typeof(Caf.Core.DependencyInjection.CafAuthorities),
    ];

    /// <summary>Public members that hand nothing to an agency, each with the reason.</summary>
    private static readonly Dictionary<string, string> SharesNothing = new(StringComparer.Ordinal)
    {
        ["CafEpisode.IdentifyConcern"] = "opens the episode: the opener holds it, and the consent that could exclude anyone comes after",
        ["CafEpisode.RegisterPotentialFromStepDown"] = "opens a potential CAF: as IdentifyConcern",
        ["CafEpisode.Escalations"] = "a record of what was escalated, kept with the plan history; it hands nothing now (a new escalation is a plan or review command, judged per owner)",
        ["CafEpisode.ReviewsOfCurrentPlan"] = "the reviews held: records, not recipients (a review's chair and new actions are judged when held: role and command rows)",
        ["CafEpisode.HoldSharingAuditUntilSaved"] = "a store's switch: the decisions already made are held until the save, to the same audit log; it decides nothing",
        ["CafEpisode.UnsavedSharingAudit"] = "the audit entries of decisions already made (to the store that saves them), not information about the child to an agency",
        ["CafEpisode.RecordUnsavedSharingAudit"] = "writes decisions already made to the episode's own audit log once saved: no agency receives anything",
        ["CafEpisode.RecordDecisionSharedWithFamily"] = "records that the referrer shared the decision sheet with the family (PANEL-08): no agency receives anything; the sheet itself went out with the decision (the panel decision row)",
        ["CafEpisode.RequestStepDownTac"] = "records the family's request for a step-down TAC meeting (STEP-04): no agency receives anything; the TAC's decision is its own row",
        ["CafEpisode.ForgetSavedSharingAudit"] = "forgets audit entries a store has written: hands nothing to anyone",
        ["CafRegister.ReadersOfAsync"] = "LAW-04: the read audit of a child's record (who read it), for the host and the family; no episode content",
        ["AuditedEpisodeReads.ReadersOfAsync"] = "LAW-04: as CafRegister.ReadersOfAsync",
        ["CafAuthorities.Serves"] = "issue 29: whether the host serves an authority; no episode content",
        ["CafAuthorities.Get"] = "issue 29: one authority's services, each judged where it hands anything over (its register, episodes, reports rows); no content itself",

        ["CafEpisode.Copy"] = "an independent copy of the episode for the store or host that holds it between commands (issue 26): no agency receives anything, and the copy's commands are judged as any other",

        ["CafEpisode.ReviewNextSteps"] = "LIFE-14: the practitioner's own record of supervision with their supervisor and the CAF lead; no agency receives the episode",
        ["CafEpisode.GiveFamilyCopy"] = "CONS-09: records the family's own copy; the family is no agency and practitioners get theirs through the assessment and plan rows",
        ["CafEpisode.FamilyCopies"] = "CONS-09: the records of copies given to the family, not recipients among agencies",
    };

    private static IEnumerable<string> EntryPoints()
    {
        var assembly = typeof(CafEpisode).Assembly;
        var types = Scanned.Concat(assembly.GetExportedTypes().Where(t => t.Name.StartsWith("PolicyWhatIf", StringComparison.Ordinal))).Distinct();
        string[] valueMembers = ["Equals", "GetHashCode", "ToString", "Deconstruct", "PrintMembers"];
        foreach (var type in types)
        {
            foreach (var m in type.GetMethods(BindingFlags.Public | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly))
            {
                if (!m.IsSpecialName && !m.Name.Contains('<', StringComparison.Ordinal) && !valueMembers.Contains(m.Name))
                {
                    yield return $"{type.Name}.{m.Name}";
                }
            }
        }

        // The episode's collections: derived lists of agencies, grants, actions, referrals, roles.
        foreach (var p in typeof(CafEpisode).GetProperties(BindingFlags.Public | BindingFlags.Instance | BindingFlags.DeclaredOnly))
        {
            if (p.SetMethod is not { IsPublic: true } && p.PropertyType != typeof(string) && typeof(IEnumerable).IsAssignableFrom(p.PropertyType))
            {
                yield return $"CafEpisode.{p.Name}";
            }
        }

        // Every ready specification a store runs.
        foreach (var spec in assembly.GetExportedTypes().Where(t => !t.IsAbstract && typeof(EpisodeSummarySpecification).IsAssignableFrom(t)))
        {
            yield return spec.Name;
        }
    }

    private static bool IsPublicMember(string name)
    {
        if (name.StartsWith("EpisodeEventEnvelope.", StringComparison.Ordinal))
        {
            return true;
        }

        var dot = name.IndexOf('.', StringComparison.Ordinal);
        var type = dot < 0 ? null : Scanned.FirstOrDefault(t => t.Name == name[..dot]);
        return type is not null && type.GetMember(name[(dot + 1)..], BindingFlags.Public | BindingFlags.Instance | BindingFlags.Static).Length > 0;
    }

    [Trait("Rule", "SHARE-01")]
    [Fact]
    public void Every_public_entry_point_has_a_row_or_says_why_it_shares_nothing()
    {
        var rows = AllRows.SelectMany(r => r.Members).ToHashSet(StringComparer.Ordinal);
        var surface = EntryPoints().ToHashSet(StringComparer.Ordinal);

        Assert.Empty(surface.Where(m => !rows.Contains(m) && !SharesNothing.ContainsKey(m)).Order(StringComparer.Ordinal));

        // And no stale name: every member a row or a reason lists is still public (the outbox is in the EF Core package).
        Assert.Empty(rows.Concat(SharesNothing.Keys).Where(m => !surface.Contains(m) && !IsPublicMember(m)).Order(StringComparer.Ordinal));
        Assert.All(SharesNothing, r => Assert.True(r.Value.Length > 20, $"{r.Key}: say why it shares nothing"));
    }
}
