using BenchmarkDotNet.Running;

namespace Caf.Core.Benchmarks;

/// <summary>
/// Entry point: <c>dotnet run -c Release --project benchmarks/Caf.Core.Benchmarks -- --filter '*'</c>.
/// Every class compares against a baseline in the same run; read Ratio and Alloc Ratio.
/// </summary>
public static class Program
{
    public static void Main(string[] args) => BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
}
