using System;
using System.Collections.Generic;
using Caf.Core.Configuration;
using Caf.Core.Consent;
using Caf.Core.Lifecycle;
using Caf.Core.Primitives;
using Caf.Core.Register;
using Caf.Core.Register.Specifications;
using Caf.Core.Thresholds;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

// NativeAOT smoke test: the paths a host runs, compiled ahead of time. Exits 1 on the first failure.
var failures = new List<string>();
void Check(bool ok, string what)
{
    Console.WriteLine((ok ? "ok   " : "FAIL ") + what);
    if (!ok)
    {
        failures.Add(what);
    }
}

var config = new ConfigurationBuilder()
    .AddInMemoryCollection([new KeyValuePair<string, string?>("Caf:Retention:RetentionYears", "6")])
    .Build();
using var services = new ServiceCollection()
    .AddSingleton<TimeProvider>(new FixedClock(new DateTimeOffset(2026, 1, 12, 9, 0, 0, TimeSpan.Zero)))
    .AddSingleton<ISharingAuditLog>(new InMemorySharingAuditLog())
    .AddSingleton<Caf.Core.Reads.IReadAuditLog>(new Caf.Core.Reads.InMemoryReadAuditLog()) // LAW-04
    .AddCafCore(config.GetSection(CafOptions.SectionName))
    .AddCafInMemoryEpisodeStore()
    .BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true });
services.GetRequiredService<IStartupValidator>().Validate();
var policy = services.GetRequiredService<EpisodePolicy>();
Check(policy.RetentionYears == 6, "options bound from configuration (Caf:Retention:RetentionYears = 6)");

// Open an episode, serialise it, read it back.
var teacher = new Actor(new PractitionerId("ms-jones"), new AgencyId("oakfield-primary"));
var child = new ChildDetails(new ChildId("child-amy"), new DateOnly(2016, 9, 1));
var episode = CafEpisode.IdentifyConcern(policy, new EpisodeId("ep-aot-1"), child, teacher, "Often late, withdrawn in class");
var json = EpisodeJson.Serialize(episode);
var back = EpisodeJson.Deserialize(policy, json);
Check(back.Id == episode.Id && back.State == EpisodeState.Identified && back.Version == episode.Version, "episode JSON round trip");
Check(EpisodeJson.Serialize(back) == json, "episode JSON is stable");

// Register, save a command through ExecuteAsync, list with a ready specification (Ardalis.Specification in memory).
var register = services.GetRequiredService<CafRegister>();
var ben = new ChildDetails(new ChildId("child-ben"), new DateOnly(2015, 3, 1));
var registered = await register.IdentifyConcernAsync(new EpisodeId("ep-aot-2"), ben, teacher, "Frequent absences");
var consented = await register.ExecuteAsync(new EpisodeId("ep-aot-2"), e => e.RecordConsent(teacher, ConsentRecord.Parent("Ms Brown", ConsentForm.Written) with { SharingExplained = true }, "Consent recorded with the family."));
var listed = await services.GetRequiredService<IEpisodeRepository>().ListAsync(new OpenEpisodesByLeadProfessionalAgencySpec(teacher.Agency));
Check(registered.OpenedNewEpisode && consented.IsSuccess && listed.Count == 1 && listed[0].Version == 2,
    "register: command saved by ExecuteAsync, listed by a ready specification");
Check(new OpenEpisodesOfChildSpec(ben.Id).IsSatisfiedBy(listed[0]), "ready specification IsSatisfiedBy (cached compiled criteria)");

// Match thresholds with the default framework (THR-02): LEI-01 is a level-2 need, CAF single agency.
var matcher = services.GetRequiredService<ThresholdMatcher>();
var assessed = matcher.Assess(["LEI-01"]);
Check(assessed.IsSuccess && assessed.Value.Route == ThresholdRoute.CafSingleAgency, "default thresholds: LEI-01 -> CAF single agency");
Check(matcher.Assess(["NO-SUCH-INDICATOR"]).IsRefused, "unknown indicator refused (THR-03)");

Console.WriteLine(failures.Count == 0 ? "AOT smoke: all checks passed" : $"AOT smoke: {failures.Count} check(s) failed");
return failures.Count == 0 ? 0 : 1;

/// <summary>A clock that never moves (no clock reads in the smoke test).</summary>
internal sealed class FixedClock(DateTimeOffset now) : TimeProvider
{
    public override DateTimeOffset GetUtcNow() => now;
}
