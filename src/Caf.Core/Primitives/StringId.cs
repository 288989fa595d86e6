using System;

namespace Caf.Core.Primitives;

/// <summary>Shared validation for the string-backed strongly typed ids.</summary>
internal static class StringId
{
    /// <summary>Longest id accepted; hosts' keys (GUIDs, NHS numbers, database keys) fit well inside.</summary>
    internal const int MaxLength = 128;

    internal static string Validate(string? value, string typeName, string parameterName)
    {
        if (value is null)
        {
            throw new ArgumentNullException(parameterName, $"A {typeName} needs a value.");
        }

        if (value.Length == 0 || value.Length > MaxLength || string.IsNullOrWhiteSpace(value)
            || char.IsWhiteSpace(value[0]) || char.IsWhiteSpace(value[value.Length - 1]))
        {
            throw new ArgumentException(
                $"A {typeName} must be 1 to {MaxLength} characters with no leading or trailing white space; got '{value}'.",
                parameterName);
        }

        return value;
    }
}
