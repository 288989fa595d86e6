using System;
using Caf.Core.Consent;
using Caf.Core.Lifecycle;
using Caf.Core.Primitives;
using Caf.Core.Reads;
using Caf.Core.Register;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

using var services = new ServiceCollection()
    .AddSingleton<ISharingAuditLog, PrintingAuditLog>()  // every sharing decision is recorded (SHARE-03): yours goes to your database
    .AddSingleton<IReadAuditLog, InMemoryReadAuditLog>()  // every read of a child's record too (LAW-04): yours goes to your database
    .AddCafCore(o => o.Retention.RetentionYears = 6)      // local policy; invalid options are listed at once
    .AddCafInMemoryEpisodeStore()                         // or register your own IEpisodeRepository
    .BuildServiceProvider();
services.GetRequiredService<IStartupValidator>().Validate(); // a generic host does this when it starts

var register = services.GetRequiredService<CafRegister>();
var teacher = new Actor(new PractitionerId("ms-jones"), new AgencyId("oakfield-primary"));
var amy = new ChildDetails(new ChildId("child-amy"), new DateOnly(2016, 9, 1));

// LIFE-03: the register is checked first; with no open episode a new one is opened and stored.
var registration = await register.IdentifyConcernAsync(new EpisodeId("ep-amy-1"), amy, teacher, "Often late, withdrawn in class");
Console.WriteLine(registration.Explanation);
var id = registration.Opened!.Id;

// Commands go through ExecuteAsync: it loads the episode, runs the command and saves it (retrying on a conflict).
var refused = await register.ExecuteAsync(id, e => e.StartAssessment(teacher, "The family agreed to an assessment."));
Console.WriteLine($"Start without consent: {refused}");                  // refused [LIFE-05]; nothing saved

var consent = ConsentRecord.Parent("Ms Smith", ConsentForm.Written) with { SharingExplained = true }; // CONS-09
Console.WriteLine($"Consent: {await register.ExecuteAsync(id, e => e.RecordConsent(teacher, consent, "Consent recorded with the family."))}");
Console.WriteLine($"Start: {await register.ExecuteAsync(id, e => e.StartAssessment(teacher, "The family agreed to an assessment."))}");

var held = await register.FindOpenForCoordinatorAsync(amy.Id);
Console.WriteLine($"The register holds {held!.Id}: {held.State}, version {held.Version}");

// A second practitioner's concern: contribute to the open episode, whose lead professional is named (audited).
var healthVisitor = new Actor(new PractitionerId("mr-patel"), new AgencyId("health-visiting"));
var second = await register.IdentifyConcernAsync(new EpisodeId("ep-amy-2"), amy, healthVisitor, "Weight loss");
Console.WriteLine(second.Explanation);

/// <summary>An audit log that prints each sharing decision (a real one appends to durable storage).</summary>
internal sealed class PrintingAuditLog : ISharingAuditLog
{
    public void Record(SharingAuditEntry entry) =>
        Console.WriteLine($"  audit: {entry.Purpose} with {entry.Agency}: {(entry.Decision.Granted ? "granted" : "refused")} [{entry.Decision.RuleId}]");
}
