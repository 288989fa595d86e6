using System;
using System.Text.Json.Serialization;
using Caf.Core.Annotations;
using Caf.Core.Primitives;

namespace Caf.Core.Lifecycle;

/// <summary>
/// The child an episode is about: the host's id and the date of birth, or none for an unborn baby
/// (the national CAF form covers unborn babies; consent then comes from the expectant parent, CONS-08), and the
/// child's consistent identifier when the host has it (LAW-03, <see cref="NhsNumber"/>).
/// </summary>
/// <param name="Id">The child's id.</param>
/// <param name="DateOfBirth">The date of birth, or null for an unborn baby.</param>
/// <threadsafety>This type is immutable and thread-safe.</threadsafety>
[Immutable]
public sealed record ChildDetails(ChildId Id, DateOnly? DateOfBirth)
{
    /// <summary>
    /// LAW-03: the child's NHS number, the consistent identifier (Children Act 2004 s16LC), or null when the host has
    /// none (optional until commenced; an unborn baby has none yet). Checked when made (<see cref="Primitives.NhsNumber"/>:
    /// a wrong check digit throws <see cref="ArgumentException"/> naming <c>nhsNumber</c>); carried into national extracts
    /// and used by the register to find a child's episodes. Histories stored without it read as null.
    /// </summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public NhsNumber? NhsNumber { get; init; }

    /// <summary>The child's id only: the date of birth and the NHS number are personal data and are left out.</summary>
    /// <returns>For example <c>ChildDetails { Id = child-1 }</c>.</returns>
    public override string ToString() => $"ChildDetails {{ Id = {Id} }}";

    /// <summary>True for an unborn baby.</summary>
    [JsonIgnore]
    public bool IsUnborn => DateOfBirth is null;

    /// <summary>Age in whole years on a date, or null for an unborn baby.</summary>
    /// <param name="on">The date.</param>
    /// <returns>The age in years, or null.</returns>
    public int? AgeOn(DateOnly on)
    {
        if (DateOfBirth is not { } born)
        {
            return null;
        }

        var age = on.Year - born.Year;
        if (on < born.AddYears(age))
        {
            age--;
        }

        return Math.Max(age, 0);
    }
}
