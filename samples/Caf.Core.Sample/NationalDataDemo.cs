using System;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Security.Cryptography;
using System.Text;
using System.Threading;
using Caf.Core.NationalData;
using Caf.Core.Reporting;

namespace Caf.Core.Sample;

/// <summary>National data (NAT-01..NAT-05): a generated cohort exported as a Standard Safeguarding Dataset CSV, read back and validated census-style.</summary>
internal static class NationalDataDemo
{
    /// <summary>Exports a year's generated cohort with pseudonymised person ids, validates the file and prints one line.</summary>
    public static void Run()
    {
        var rows = CafCohortGenerator.ForDefaultFramework().Generate(seed: 2009, count: 1200, new DateOnly(2025, 4, 1), new DateOnly(2026, 4, 1));
        // NAT-05: a real host takes its key from a secret store; the sample derives a fixed one so its output is stable.
        var key = SHA256.HashData(Encoding.UTF8.GetBytes("Caf.Core sample key: never use a key written in code"));
        var settings = NationalDataExtractSettings.Default with { Pseudonymiser = new PersonIdPseudonymiser(key) };

        var path = Path.Combine(Path.GetTempPath(), $"caf-early-help-{Environment.ProcessId}.csv");
        try
        {
            long written;
            using (var file = new StreamWriter(path, append: false, new UTF8Encoding(false)))
            {
                Console.WriteLine();
                written = EarlyHelpCsv.Write(file, EarlyHelpExtract.From(rows, settings),   // streamed: one row in memory
                    new ConsoleProgress("National data, writing the extract"), CancellationToken.None);
            }

            using var reader = new StreamReader(path, Encoding.UTF8);
            var report = new NationalDataValidator(settings.Profile).Validate(EarlyHelpCsv.Read(reader));
            var size = new FileInfo(path).Length;

            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"National data: {written} early-help episodes exported as SSD-shaped CSV ({size / 1024} KB, person ids pseudonymised), read back and validated: {report}."));
        }
        finally
        {
            File.Delete(path);
        }
    }
}
