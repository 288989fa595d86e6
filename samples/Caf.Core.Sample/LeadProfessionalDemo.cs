using System;
using System.Collections.Immutable;
using Caf.Core.Consent;
using Caf.Core.LeadProfessional;
using Caf.Core.Primitives;
using Microsoft.Extensions.DependencyInjection;

/// <summary>
/// Choosing the lead professional (DESIGN.md §3): three practitioners from different agencies work with the
/// family; the family excluded the youth service from sharing (partial consent, CONS-05), so it can never
/// hold the role (LP-11). Prints each candidate's explanation and the chosen LP.
/// </summary>
internal static class LeadProfessionalDemo
{
    public static void Run()
    {
        // The consent area's real ISharingService is being written in parallel; until it is registered by
        // AddCafCore, this sample supplies a tiny one that honours partial consent (SHARE-01, CONS-05).
        using var services = new ServiceCollection()
            .AddSingleton<ISharingService>(new PartialConsentSharing())
            .AddCafCore()
            .BuildServiceProvider();
        var selector = services.GetRequiredService<LeadProfessionalSelector>();

        var school = new AgencyId("oakfield-primary");
        var health = new AgencyId("health-visiting");
        var youth = new AgencyId("youth-service");
        var teacher = new PractitionerId("ms-jones");
        var healthVisitor = new PractitionerId("mr-patel");
        var youthWorker = new PractitionerId("ms-khan");

        var consent = ConsentState.Empty.With(new ConsentRecord(
            ConsentGiverRole.ParentWithParentalResponsibility, "Ms Smith", ConsentDecision.Given, ConsentForm.Written, [youth]));

        var request = new LeadProfessionalSelectionRequest(new EpisodeId("episode-0042"), consent, new Actor(teacher, school))
        {
            Candidates =
            [
                new(teacher, school, AgencyKind.School, "Learning mentor", true, ContactFrequency.Daily, ["attendance", "behaviour"], 3),
                new(healthVisitor, health, AgencyKind.Health, "Health visitor", true, ContactFrequency.Fortnightly, ["sleep", "speech"], 1),
                new(youthWorker, youth, AgencyKind.YouthService, "Youth worker", true, ContactFrequency.Weekly, ["behaviour"], 0),
            ],
            PlanNeeds = ["attendance", "behaviour", "sleep", "speech"],
            // Leicestershire today: most lead professionals are school staff (LP-07).
            LeadRolesByAgency = ImmutableDictionary<AgencyId, int>.Empty.Add(school, 9).Add(health, 2),
        };

        var selection = selector.Select(request);

        Console.WriteLine();
        Console.WriteLine("Lead professional selection (LP-03..LP-11); the youth service is excluded by partial consent:");
        foreach (var candidate in selection.Ranked)
        {
            Console.WriteLine(candidate.Explain());
        }

        Console.WriteLine(selection.Chosen is { } chosen
            ? $"Chosen lead professional: {chosen.Candidate.Practitioner} ({chosen.Candidate.Role}, {chosen.Candidate.Agency}); " +
              "next the family agrees (LP-05) and the supervisor confirms (LP-06)."
            : $"Nobody eligible: {selection.Escalation!.ToRefusal()}");
    }

    /// <summary>Sample-only sharing decision: refuses an agency the family excluded, grants the rest.</summary>
    private sealed class PartialConsentSharing : ISharingService
    {
        public SharingDecision Decide(EpisodeId episode, ConsentState consent, AgencyId agency, SharingPurpose purpose, Actor requestedBy) =>
            consent.Excludes(agency)
                ? new SharingDecision(false, "CONS-05", "the family excluded this agency")
                : new SharingDecision(true, "SHARE-01", "covered by the recorded consent");
    }
}
