using System;
using System.Threading.Tasks;

namespace Caf.Core.Docs.Tests;

/// <summary>One C# block of a document: where it is, how it is checked, and (for a whole program) how to run it.</summary>
/// <param name="File">The document, relative to the repository root.</param>
/// <param name="Line">The line of the opening fence.</param>
/// <param name="Kind"><c>program</c>, <c>fragment</c>, <c>members</c> or <c>not compiled</c>.</param>
/// <param name="Reason">Why a block is not compiled, or not run; null otherwise.</param>
/// <param name="Run">The program's top-level statements; null unless the block is a program that is run.</param>
public sealed record DocBlock(string File, int Line, string Kind, string? Reason, Func<string[], Task>? Run)
{
    /// <summary>How the check's listing names the block.</summary>
    public override string ToString() =>
        $"{File}:{Line} {Kind}{(Run is null ? "" : ", run")}{(Reason is null ? "" : $" ({Reason})")}";
}
