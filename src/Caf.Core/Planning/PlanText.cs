using System;
using Caf.Core.Primitives;

namespace Caf.Core.Planning;

/// <summary>Shared argument checks for plan and review values (misuse throws; missing content is a refusal).</summary>
internal static class PlanText
{
    /// <summary>A stable id (action or intended outcome): 1 to 128 characters, not padded.</summary>
    internal static string Id(string? value, string parameterName) => StringId.Validate(value, "plan item id", parameterName);

    /// <summary>Text may be empty (validation reports it by rule and field) but never null.</summary>
    internal static string Text(string? value, string parameterName) =>
        value ?? throw new ArgumentNullException(parameterName, "Use an empty string for text not yet written; validation reports it.");

    internal static bool IsBlank(string? value) => string.IsNullOrWhiteSpace(value);
}
