using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using Caf.Core.Consent;
using Caf.Core.EntityFrameworkCore.Tests.Support;
using Caf.Core.Lifecycle;
using Caf.Core.Primitives;
using static Caf.Core.EntityFrameworkCore.Tests.Support.Episodes;

namespace Caf.Core.EntityFrameworkCore.Tests;

/// <summary>
/// SHARE-01 on the outbox, the standing-grant matrix's outbox row: for each way an exclusion of health visiting arises
/// (before; after, by the parent; after, by a competent 14-year-old's partial consent; exclusion, refusal, then new
/// consent; override; withdrawal), every envelope saved from the exclusion on says the event may not reach health
/// visiting, and the ones before it say it may. The seventh way, a linked sibling's exclusion, ends the family link
/// (Caf.Core.Tests FamilyLinkRevocationTests); each episode's envelopes follow that episode's own consent.
/// </summary>
public abstract partial class EpisodeStoreContract
{
    private static readonly ChildDetails Fourteen = new(new ChildId("child-14"), new DateOnly(2011, 9, 1));

    private static ConsentRecord YoungPersonWritten(params AgencyId[] excluded) =>
        new ConsentRecord(ConsentGiverRole.YoungPerson, "Amy", ConsentDecision.Given, ConsentForm.Written, [.. excluded], true) with { SharingExplained = true };

    [Trait("Rule", "SHARE-01")]
    [Trait("Rule", "CONS-05")]
    [Trait("Rule", "CONS-06")]
    [Trait("Rule", "CONS-07")]
    [StoreFact]
    public async Task SHARE01_every_envelope_from_an_exclusion_on_says_the_excluded_agency_may_not_be_reached_in_every_way()
    {
        const string Why = "Consent to assess and share with partner agencies.";
        // Each way: the commands, and the index of the first one from which health visiting is excluded.
        var ways = new (string Name, ChildDetails Child, Func<CafEpisode, Result>[] Steps, int ExcludedFrom)[]
        {
            ("before", Child("child-b"), [e => e.RecordConsent(Teacher, MotherWritten(HealthVisiting), Why), e => e.StartAssessment(Teacher, "Assessment agreed.")], 0),
            ("after, by the parent", Child("child-p"),
                [e => e.RecordConsent(Teacher, MotherWritten(), Why), e => e.StartAssessment(Teacher, "Assessment agreed."), e => e.RecordConsent(Teacher, MotherWritten(HealthVisiting), Why)], 2),
            ("after, by a competent young person", Fourteen,
                [e => e.RecordConsent(Teacher, MotherWritten(), Why), e => e.RecordConsent(Teacher, YoungPersonWritten(), Why), e => e.StartAssessment(Teacher, "Assessment agreed."),
                 e => e.RecordConsent(Teacher, YoungPersonWritten(HealthVisiting), "Amy does not want health visiting told.")], 3),
            ("exclusion, refusal, new consent", Child("child-r"),
                [e => e.RecordConsent(Teacher, MotherWritten(HealthVisiting), Why), e => e.RecordConsent(Teacher, MotherWritten() with { Decision = ConsentDecision.Refused }, "Mum refused."),
                 e => e.RecordConsent(Teacher, MotherWritten(), Why)], 0),
            ("override", Child("child-o"),
                [e => e.RecordConsent(Teacher, MotherWritten(HealthVisiting), Why), e => e.RecordConsent(Teacher, MotherWritten() with { Decision = ConsentDecision.Refused }, "Mum refused."),
                 e => e.OverrideConsent(Teacher, new ConsentOverride("Disclosure of risk; the safeguarding lead decided to share.", new PractitionerId("pr-dsl")))], 0),
            ("withdrawal", Child("child-w"),
                [e => e.RecordConsent(Teacher, MotherWritten(HealthVisiting), Why), e => e.WithdrawConsent(Teacher, new ConsentWithdrawal(ConsentGiverRole.ParentWithParentalResponsibility, "We do not want the CAF any more.") { Name = "Ms Smith" })], 0),
        };

        var ids = new Dictionary<EpisodeId, (string Name, int ExcludedFrom, int Steps)>();
        for (var w = 0; w < ways.Length; w++)
        {
            var (name, child, steps, excludedFrom) = ways[w];
            var e = CafEpisode.IdentifyConcern(Policy, new EpisodeId($"ep-way-{w}"), child, Teacher, "Falling attendance and withdrawn in class.");
            Ok(await Host.Repository.AddAsync(e));
            foreach (var step in steps)
            {
                Time.Advance(TimeSpan.FromHours(1));
                var version = e.Version;
                Ok(step(e));
                Ok(await Host.Repository.UpdateAsync(e, version));
            }

            ids.Add(e.Id, (name, excludedFrom, steps.Length));
        }

        await Host.Outbox.DispatchPendingAsync();

        foreach (var (id, (name, excludedFrom, steps)) in ids)
        {
            // Envelope 0 is the opening (no consent: reaches no other agency); envelope k is step k - 1.
            var envelopes = Publisher.Delivered.Where(d => d.Episode == id).OrderBy(d => d.Sequence).ToArray();
            Assert.Equal(steps + 1, envelopes.Length);
            Assert.False(envelopes[0].MayReach(HealthVisiting), $"{name}: the opening, before any consent");
            for (var k = 1; k < envelopes.Length; k++)
            {
                var excluded = k - 1 >= excludedFrom;
                Assert.NotNull(envelopes[k].Consent);
                Assert.Equal(excluded, envelopes[k].Consent!.ExcludedAgencies.Contains(HealthVisiting));
                if (excluded)
                {
                    Assert.False(envelopes[k].MayReach(HealthVisiting), $"{name}: envelope {k} may reach the excluded agency");
                }
            }

            var last = envelopes[^1];
            switch (name)
            {
                case "override":
                    Assert.Equal(SharingBasis.Override, last.Consent!.Basis);
                    Assert.True(last.MayReach(School)); // the override shares with the agencies not excluded
                    break;
                case "withdrawal":
                    Assert.Equal(SharingBasis.None, last.Consent!.Basis);
                    Assert.False(last.MayReach(School)); // nothing flows on consent after a withdrawal
                    break;
                case "after, by the parent" or "after, by a competent young person":
                    Assert.True(envelopes[excludedFrom].MayReach(HealthVisiting)); // before the exclusion it could
                    Assert.True(last.MayReach(School));
                    break;
                default:
                    Assert.True(last.MayReach(School));
                    break;
            }
        }
    }
}
