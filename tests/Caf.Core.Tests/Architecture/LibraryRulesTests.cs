using System;
using System.Linq;
using System.Reflection;
using System.Runtime.CompilerServices;
using Caf.Core.Annotations;
using Caf.Core.Primitives;

namespace Caf.Core.Tests.Architecture;

/// <summary>Rules about the shape of the library itself, checked by reflection over the shipped assembly.</summary>
public class LibraryRulesTests
{
    private static readonly Assembly Library = typeof(Refusal).Assembly;

    [Fact]
    public void Every_public_class_record_and_struct_is_marked_Immutable_or_Mutable()
    {
        var unmarked = Library.GetExportedTypes()
            .Where(t => (t.IsClass || (t.IsValueType && !t.IsEnum)) && !IsStatic(t) && !typeof(Delegate).IsAssignableFrom(t))
            .Where(t => !t.IsDefined(typeof(ImmutableAttribute), false) && !t.IsDefined(typeof(MutableAttribute), false))
            .Select(t => t.FullName)
            .ToList();

        Assert.True(unmarked.Count == 0, "Mark these [Immutable] or [Mutable]: " + string.Join(", ", unmarked));
    }

    [Fact]
    public void Immutable_types_have_no_public_setters_except_init()
    {
        var offenders = Library.GetExportedTypes()
            .Where(t => t.IsDefined(typeof(ImmutableAttribute), false))
            .SelectMany(t => t.GetProperties(BindingFlags.Public | BindingFlags.Instance | BindingFlags.DeclaredOnly)
                .Where(p => p.SetMethod is { IsPublic: true } setter && !IsInitOnly(setter))
                .Select(p => $"{t.Name}.{p.Name}"))
            .ToList();

        Assert.True(offenders.Count == 0, "Immutable types with public setters: " + string.Join(", ", offenders));
    }

    [Fact]
    public void Every_public_record_holding_a_collection_compares_it_by_value()
    {
        // A record's compiler-made Equals compares an ImmutableArray, a list or a dictionary by reference: two equal
        // requests, candidates or results would compare unequal. Such a record declares its own Equals(T).
        var offenders = Library.GetExportedTypes()
            .Where(t => t.GetMethod("<Clone>$") is not null) // a record class
            .Where(t => t.GetFields(BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance).Any(f => IsCollection(f.FieldType)))
            .Where(t => t.GetMethod("Equals", BindingFlags.Public | BindingFlags.Instance | BindingFlags.DeclaredOnly, [t]) is not { } equals
                || equals.IsDefined(typeof(CompilerGeneratedAttribute), false))
            .Select(t => t.FullName)
            .Order(StringComparer.Ordinal)
            .ToList();

        Assert.True(offenders.Count == 0, "Records holding collections with the compiler's reference Equals: " + string.Join(", ", offenders));
    }

    private static bool IsCollection(Type type) =>
        type != typeof(string)
        && (type.IsArray
            || (type.IsGenericType && type.GetGenericTypeDefinition() == typeof(System.Collections.Immutable.ImmutableArray<>))
            || (!type.IsValueType && typeof(System.Collections.IEnumerable).IsAssignableFrom(type)));

    [Fact]
    public void The_library_holds_no_static_mutable_state()
    {
        var offenders = Library.GetTypes()
            .Where(t => !t.IsDefined(typeof(CompilerGeneratedAttribute), false))
            .SelectMany(t => t.GetFields(BindingFlags.Static | BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.DeclaredOnly)
                .Where(f => !f.IsLiteral && !f.IsInitOnly && !f.IsDefined(typeof(CompilerGeneratedAttribute), false))
                .Select(f => $"{t.FullName}.{f.Name}"))
            .ToList();

        Assert.True(offenders.Count == 0, "Static fields that can be reassigned: " + string.Join(", ", offenders));
    }

    [Fact]
    public void Every_domain_event_is_an_immutable_record_with_no_settable_state()
    {
        var events = Library.GetExportedTypes().Where(t => typeof(Caf.Core.Events.CafEvent).IsAssignableFrom(t)).ToList();
        Assert.NotEmpty(events);
        Assert.All(events, e => Assert.True(e.IsDefined(typeof(ImmutableAttribute), false) || e.IsAbstract, e.Name));
    }

    private static bool IsStatic(Type t) => t.IsAbstract && t.IsSealed;

    private static bool IsInitOnly(MethodInfo setter) =>
        setter.ReturnParameter.GetRequiredCustomModifiers().Any(m => m == typeof(IsExternalInit));
}
