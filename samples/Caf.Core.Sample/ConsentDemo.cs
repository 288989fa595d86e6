using System;
using Caf.Core.Consent;
using Caf.Core.Primitives;
using Microsoft.Extensions.DependencyInjection;

/// <summary>
/// Consent and information sharing (CONS, SHARE): a family gives partial consent excluding one agency,
/// a 14-year-old judged competent consents too, and every sharing request is decided and audited.
/// </summary>
internal static class ConsentDemo
{
    /// <summary>Runs the demo on the sample's clock, so every decision is stamped with the sample's time.</summary>
    /// <param name="clock">The sample clock.</param>
    public static void Run(TimeProvider clock)
    {
        var auditLog = new InMemorySharingAuditLog();           // a host registers its own durable log
        using var services = new ServiceCollection()
            .AddSingleton(clock)
            .AddCafCore()
            .AddSingleton<ISharingAuditLog>(auditLog)
            .AddSingleton<Caf.Core.Reads.IReadAuditLog>(new Caf.Core.Reads.InMemoryReadAuditLog()) // LAW-04
            .BuildServiceProvider();
        var policy = services.GetRequiredService<ConsentPolicy>();
        var sharing = services.GetRequiredService<ISharingService>();

        var school = new AgencyId("oakfield-high");
        var camhs = new AgencyId("camhs");
        var youth = new AgencyId("youth-service");
        var episode = new EpisodeId("ep-2010-0042");
        var teacher = new Actor(new PractitionerId("pr-teacher-jones"), school);
        const int age = 14;

        Console.WriteLine();
        Console.WriteLine("== Consent and information sharing");

        // CONS-05: the parent consents in writing but not to sharing with CAMHS.
        var parent = new ConsentRecord(ConsentGiverRole.ParentWithParentalResponsibility, "Sarah Hughes",
            ConsentDecision.Given, ConsentForm.Written, [camhs]) with { SharingExplained = true };
        // CONS-02: Jordan is 14 and judged to have sufficient understanding; consents verbally.
        var young = new ConsentRecord(ConsentGiverRole.YoungPerson, "Jordan Hughes",
            ConsentDecision.Given, ConsentForm.Verbal, [], SufficientUnderstanding: true) with { SharingExplained = true };

        var consent = ConsentState.Empty;
        foreach (var record in new[] { parent, young })
        {
            var valid = policy.ValidateRecord(record, age);
            Console.WriteLine($"Record {record.GiverName} ({ConsentDisplayText.For(record.GiverRole)}, {ConsentDisplayText.For(record.Decision)}, " +
                              $"{ConsentDisplayText.For(record.Form)}{(record.ExcludedAgencies.IsEmpty ? "" : ", except " + string.Join(", ", record.ExcludedAgencies))}): {valid}");
            if (valid.IsSuccess)
            {
                consent = consent.With(record);
            }
        }

        Console.WriteLine($"Had Jordan been 12: {policy.ValidateRecord(young, 12)}");

        var evaluation = policy.Evaluate(consent, age);
        Console.WriteLine($"May the assessment start? {(evaluation.SufficientToStartAssessment ? "Yes" : "No")}. May it be shared at a panel? {(evaluation.SufficientToShareAtPanel ? "Yes" : "No")}.");
        foreach (var reason in evaluation.Reasons)
        {
            Console.WriteLine($"  {reason}");
        }

        // SHARE-01..04: each request is decided and recorded, granted or refused.
        Show(sharing.Decide(episode, consent, youth, SharingPurpose.PlanDelivery, teacher), youth, SharingPurpose.PlanDelivery);
        Show(sharing.Decide(episode, consent, camhs, SharingPurpose.LeadProfessional, teacher), camhs, SharingPurpose.LeadProfessional);
        Show(sharing.Decide(episode, consent, youth, SharingPurpose.Panel, teacher), youth, SharingPurpose.Panel);

        Console.WriteLine("Audit trail (SHARE-03, SHARE-04):");
        foreach (var entry in auditLog.Entries)
        {
            Console.WriteLine($"  {entry.DecidedAt:yyyy-MM-dd HH:mm} {entry.RequestedBy} asked to share with {entry.Agency} for \"{ConsentDisplayText.For(entry.Purpose)}\": {entry.Decision}");
        }
    }

    private static void Show(SharingDecision decision, AgencyId agency, SharingPurpose purpose) =>
        Console.WriteLine($"Share with {agency} for \"{ConsentDisplayText.For(purpose)}\"? {decision}");
}
