using System.Collections.Immutable;
using Caf.Core.Consent;
using Caf.Core.Primitives;

namespace Caf.Core.Tests.Consent;

/// <summary>Short builders for consent records in the seeds' situations.</summary>
internal static class ConsentFixtures
{
    public static readonly ConsentPolicy DefaultPolicy = new(new ConsentOptions());

    public static ConsentRecord Parent(ConsentDecision decision = ConsentDecision.Given, ConsentForm form = ConsentForm.Verbal, params AgencyId[] excluded) =>
        new ConsentRecord(ConsentGiverRole.ParentWithParentalResponsibility, "Sarah Hughes", decision, form, [.. excluded]) with { SharingExplained = true };

    public static ConsentRecord YoungPerson(ConsentDecision decision = ConsentDecision.Given, bool? sufficientUnderstanding = true, ConsentForm form = ConsentForm.Verbal, params AgencyId[] excluded) =>
        new ConsentRecord(ConsentGiverRole.YoungPerson, "Jordan Hughes", decision, form, [.. excluded], sufficientUnderstanding) with { SharingExplained = true };

    public static ConsentRecord Expectant(ConsentDecision decision = ConsentDecision.Given, ConsentForm form = ConsentForm.Verbal, params AgencyId[] excluded) =>
        new ConsentRecord(ConsentGiverRole.ExpectantParent, "Amy Clarke", decision, form, [.. excluded]) with { SharingExplained = true };

    public static ConsentState State(params ConsentRecord[] records)
    {
        var state = ConsentState.Empty;
        foreach (var record in records)
        {
            state = state.With(record);
        }

        return state;
    }

    public static ConsentOverride Override() =>
        new("Disclosure of neglect: sharing with health visiting is needed to protect the baby.", new PractitionerId("pr-manager-khan"));
}
