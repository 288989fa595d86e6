namespace Caf.Core.EntityFrameworkCore.Tests;

internal static class Placeholder
{
}
