using System;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Filters;
using BenchmarkDotNet.Running;

namespace Caf.Core.Benchmarks;

/// <summary>
/// Entry point: <c>dotnet run -c Release --project benchmarks/Caf.Core.Benchmarks -- --filter '*'</c>.
/// Every class compares against a baseline in the same run; read Ratio and Alloc Ratio. The PostgreSQL cases of the
/// store benchmarks run when CAF_BENCH_POSTGRES (or CAF_TEST_POSTGRES) holds a connection string whose user may create
/// databases; otherwise they are left out, and this says so.
/// </summary>
public static class Program
{
    public static void Main(string[] args)
    {
        IConfig config = DefaultConfig.Instance;
        if (BenchStore.PostgresConnection is null)
        {
            Console.WriteLine("PostgreSQL store benchmarks skipped: CAF_BENCH_POSTGRES (or CAF_TEST_POSTGRES) is not set to a connection string whose user may create databases.");
            config = config.AddFilter(new SimpleFilter(b => !b.Descriptor.WorkloadMethod.Name.StartsWith("Postgres", StringComparison.Ordinal)));
        }

        BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args, config);
    }
}
