using System;
using Caf.Core.Configuration;
using Caf.Core.Primitives;
using Microsoft.Extensions.DependencyInjection;

// The Caf.Core "main job": one CAF episode walked end to end. It grows issue by issue.
using var services = new ServiceCollection()
    .AddCafCore(options => options.Retention.RetentionYears = 5)
    .BuildServiceProvider();

var options = services.GetRequiredService<CafOptions>();
Console.WriteLine("Caf.Core sample: one child's CAF episode");
Console.WriteLine($"Policy: consent from young people over {options.Consent.CompetenceAgeExclusiveLowerBound}, " +
                  $"self-consent at {options.Consent.SelfConsentAge}, assessment within {options.Lifecycle.AssessmentTimescaleMonths} month(s), " +
                  $"records kept {options.Retention.RetentionYears} years after closure.");

var refusal = Result.Refused("LIFE-05", "An assessment starts only with consent recorded.", "consent");
Console.WriteLine($"A refused request reads: {refusal.Refusal}");
Caf.Core.Sample.ThresholdsDemo.Run(services);
ConsentDemo.Run();
LeadProfessionalDemo.Run();
return 0;
