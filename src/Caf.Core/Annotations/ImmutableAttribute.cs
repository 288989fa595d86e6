using System;

namespace Caf.Core.Annotations;

/// <summary>
/// Marks a type whose instances never change after construction. Instances are safe to share across
/// threads and to cache. Every public class, record and struct of Caf.Core carries this attribute or
/// <see cref="MutableAttribute"/>; a test fails the build otherwise (NodaTime's habit).
/// </summary>
/// <threadsafety>This type is immutable and thread-safe.</threadsafety>
[Immutable]
[AttributeUsage(AttributeTargets.Class | AttributeTargets.Struct, Inherited = false)]
public sealed class ImmutableAttribute : Attribute
{
}
