using System.Linq;
using System.Threading.Tasks;
using Ardalis.Specification;
using Caf.Core.Consent;
using Caf.Core.EntityFrameworkCore.Tests.Support;
using Caf.Core.Primitives;
using Caf.Core.Register;
using Caf.Core.Register.Specifications;
using static Caf.Core.EntityFrameworkCore.Tests.Support.Episodes;

namespace Caf.Core.EntityFrameworkCore.Tests;

/// <summary>SHARE-01 in the store: consent-gated specifications run in SQL and agree with the in-memory store.</summary>
public abstract partial class EpisodeStoreContract
{
    // Ids whose JSON tokens need escaping, and one that the school's id is a prefix of.
    private static readonly AgencyId Annexe = new("school-oakfield-primary-annexe");
    private static readonly AgencyId Quoted = new("St \"Mary's\" <Health> & Care, é");

    [Trait("Rule", "SHARE-01")]
    [Trait("Rule", "LP-07")]
    [StoreFact]
    public async Task SHARE01_an_agencys_caseload_leaves_out_episodes_whose_consent_excludes_it()
    {
        var reference = new InMemoryEpisodeRepository(Policy);
        foreach (var store in new IEpisodeRepository[] { Host.Repository, reference })
        {
            var kept = Identified(Policy, "ep-1", "child-1"); // the school leads (interim), no exclusion
            Ok(kept.RecordConsent(Teacher, MotherWritten(), "Consent to assess and share with partner agencies."));
            var excluded = Identified(Policy, "ep-2", "child-2"); // the school still leads, but the family excluded it since
            Ok(excluded.RecordConsent(Teacher, MotherWritten(), "Consent to assess and share with partner agencies."));
            Ok(excluded.RecordConsent(Teacher, MotherWritten(School), "Mum no longer wants the school involved."));
            var others = Identified(Policy, "ep-3", "child-3"); // other agencies excluded: ids that contain the school's, or need escaping
            Ok(others.RecordConsent(Teacher, MotherWritten(Annexe, Quoted), "Consent, but not the annexe or St Mary's."));
            foreach (var e in new[] { kept, excluded, others })
            {
                Ok(await store.AddAsync(e));
            }
        }

        ISpecification<EpisodeSummary>[] specs = [new OpenEpisodesByLeadProfessionalAgencySpec(School), new ExcludedFrom(Quoted), new ExcludedFrom(Annexe), new ExcludedFrom(School)];
        string[][] expected = [["ep-1", "ep-3"], ["ep-3"], ["ep-3"], ["ep-2"]];
        for (var i = 0; i < specs.Length; i++)
        {
            var stored = await Host.Repository.ListAsync(specs[i]);
            Assert.Equal(expected[i], stored.Select(s => s.Id.Value));
            Assert.Equal(await reference.ListAsync(specs[i]), stored);
        }
    }

    [Trait("Rule", "SHARE-01")]
    [Trait("Rule", "CONS-07")]
    [StoreFact]
    public async Task SHARE01_each_outbox_envelope_says_which_agencies_its_event_may_reach_under_the_consent_then()
    {
        var e = Identified(Policy, "ep-1"); // no consent yet: the opening reaches no other agency
        Ok(await Host.Repository.AddAsync(e));
        Ok(e.RecordConsent(Teacher, MotherWritten(HealthVisiting, Quoted), "Consent, but not health visiting or St Mary's."));
        Ok(await Host.Repository.UpdateAsync(e, 1));
        Ok(e.WithdrawConsent(Teacher, new ConsentWithdrawal(ConsentGiverRole.ParentWithParentalResponsibility, "No more.") { Name = "Ms Smith" }));
        Ok(await Host.Repository.UpdateAsync(e, 2));

        await Host.Outbox.DispatchPendingAsync();

        var envelopes = Publisher.Delivered.OrderBy(d => d.Sequence).ToArray();
        Assert.Equal(3, envelopes.Length);
        Assert.Equal(new OutboxConsentScope(SharingBasis.None, []), envelopes[0].Consent);
        // Sorted by ordinal id ("St..." before "health...").
        Assert.Equal(new OutboxConsentScope(SharingBasis.Consent, [Quoted, HealthVisiting]), envelopes[1].Consent);
        Assert.Equal(new OutboxConsentScope(SharingBasis.None, [Quoted, HealthVisiting]), envelopes[2].Consent);
        Assert.Equal([false, true, false], envelopes.Select(x => x.MayReach(School)));
        Assert.Equal([false, false, false], envelopes.Select(x => x.MayReach(HealthVisiting)));
        Assert.False(envelopes[1].MayReach(Quoted));
    }

    // A host's own consent criterion, written against the list itself.
    private sealed class ExcludedFrom : Specification<EpisodeSummary>
    {
        public ExcludedFrom(AgencyId agency) => Query.Where(s => s.ExcludedAgencies.Contains(agency)).OrderBy(s => s.Id);
    }
}
