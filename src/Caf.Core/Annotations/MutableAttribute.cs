using System;

namespace Caf.Core.Annotations;

/// <summary>
/// Marks a type whose instances change state (an aggregate, an options object, an in-memory store).
/// Read the type's own documentation for its thread-safety.
/// </summary>
/// <threadsafety>This attribute type is immutable and thread-safe.</threadsafety>
[Immutable]
[AttributeUsage(AttributeTargets.Class | AttributeTargets.Struct, Inherited = false)]
public sealed class MutableAttribute : Attribute
{
}
