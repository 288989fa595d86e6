using System;
using System.Text.Json.Serialization;
using Caf.Core.Annotations;
using Caf.Core.Primitives;

namespace Caf.Core.Lifecycle;

/// <summary>
/// The child an episode is about: the host's id and the date of birth, or none for an unborn baby
/// (the national CAF form covers unborn babies; consent then comes from the expectant parent, CONS-08).
/// </summary>
/// <param name="Id">The child's id.</param>
/// <param name="DateOfBirth">The date of birth, or null for an unborn baby.</param>
/// <threadsafety>This type is immutable and thread-safe.</threadsafety>
[Immutable]
public sealed record ChildDetails(ChildId Id, DateOnly? DateOfBirth)
{
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
