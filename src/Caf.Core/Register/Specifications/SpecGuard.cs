using System;
using System.Runtime.CompilerServices;
using Caf.Core.Annotations;
using Caf.Core.Primitives;

namespace Caf.Core.Register.Specifications;

/// <summary>Argument checks shared by the ready specifications.</summary>
[Immutable]
internal static class SpecGuard
{
    internal static ChildId Child(ChildId child, [CallerArgumentExpression(nameof(child))] string? name = null) =>
        child.IsDefault ? throw new ArgumentException("ChildId must not be default.", name) : child;

    internal static AgencyId Agency(AgencyId agency, [CallerArgumentExpression(nameof(agency))] string? name = null) =>
        agency.IsDefault ? throw new ArgumentException("AgencyId must not be default.", name) : agency;
}
