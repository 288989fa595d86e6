using System;
using System.Collections.Immutable;
using Ardalis.GuardClauses;
using Caf.Core.Annotations;
using Caf.Core.Primitives;

namespace Caf.Core.StepDown;

/// <summary>
/// STEP-01, STEP-02: the step-down information a specialist service supplies to register a potential CAF.
/// "Step Down information provided by the specialist service will take the place of the CAF assessment. It
/// will always contain the core information required to register a potential CAF" (002 §3): the seven
/// core items below, from one of the documents of <see cref="StepDownDocumentType"/>.
/// </summary>
/// <remarks>
/// An item not supplied is null (or empty); <see cref="MissingItems"/> names every one by field, and
/// <see cref="Validate"/> refuses with all of them in one STEP-01 refusal.
/// </remarks>
/// <threadsafety>This type is immutable and thread-safe.</threadsafety>
[Immutable]
public sealed record StepDownInformation
{
    /// <summary>The field names of the seven core items, in the order of 002 §3.</summary>
    public static ImmutableArray<string> CoreItems { get; } =
    [
        "familyConsentsToShare",
        "holisticViewOfNeeds",
        "reasonForInvolvementAndDisengaging",
        "strengthsAndWhatWorked",
        "unmetNeedsAgreedWithFamily",
        "needsFamilyWantToWorkOn",
        "familyLeadProfessionalPreference",
    ];

    /// <summary>STEP-02: the document that takes the place of the assessment.</summary>
    public required StepDownDocumentType DocumentType { get; init => field = Guard.Against.EnumOutOfRange(value, nameof(DocumentType)); }

    /// <summary>The specialist service stepping down (e.g. "CAMHS Bradford North").</summary>
    public required string SpecialistService { get; init => field = Guard.Against.NullOrWhiteSpace(value, nameof(SpecialistService)); }

    /// <summary>1. "consent from the family for the information to be shared".</summary>
    public bool FamilyConsentsToShare { get; init; }

    /// <summary>2. "holistic view of the child's needs".</summary>
    public string? HolisticViewOfNeeds { get; init; }

    /// <summary>3. "reason for specialist involvement and rationale for disengaging".</summary>
    public string? ReasonForInvolvementAndDisengaging { get; init; }

    /// <summary>4. "strengths of the child and family, successful intervention methods and reasons for them, summarised".</summary>
    public string? StrengthsAndWhatWorked { get; init; }

    /// <summary>5. "needs that have not been met by their intervention agreed by the family and the agency".</summary>
    public string? UnmetNeedsAgreedWithFamily { get; init; }

    /// <summary>6. "those needs that the family want to work on".</summary>
    public string? NeedsFamilyWantToWorkOn { get; init; }

    /// <summary>7. "family preferences for a Lead Professional (LP), if any": record "none" when the family has no preference.</summary>
    public string? FamilyLeadProfessionalPreference { get; init; }

    /// <summary>STEP-01: the field names of every core item missing, in the order of <see cref="CoreItems"/>; empty when complete.</summary>
    /// <returns>The missing items.</returns>
    public ImmutableArray<string> MissingItems()
    {
        var missing = ImmutableArray.CreateBuilder<string>();
        if (!FamilyConsentsToShare)
        {
            missing.Add(CoreItems[0]);
        }

        AddIfBlank(HolisticViewOfNeeds, CoreItems[1], missing);
        AddIfBlank(ReasonForInvolvementAndDisengaging, CoreItems[2], missing);
        AddIfBlank(StrengthsAndWhatWorked, CoreItems[3], missing);
        AddIfBlank(UnmetNeedsAgreedWithFamily, CoreItems[4], missing);
        AddIfBlank(NeedsFamilyWantToWorkOn, CoreItems[5], missing);
        AddIfBlank(FamilyLeadProfessionalPreference, CoreItems[6], missing);
        return missing.ToImmutable();
    }

    /// <summary>
    /// STEP-01: whether the information can register a potential CAF. Refused when any core item is
    /// missing, naming every missing item: the refusal's field lists them, comma separated.
    /// </summary>
    /// <returns>Success, or one STEP-01 refusal naming every missing item.</returns>
    public Result Validate()
    {
        var missing = MissingItems();
        return missing.IsEmpty
            ? Result.Ok
            : Result.Refused(
                "STEP-01",
                $"Step-down information always contains the core information required to register a potential CAF; missing {missing.Length} of 7: {string.Join(", ", missing)}.",
                string.Join(", ", missing));
    }

    private static void AddIfBlank(string? value, string item, ImmutableArray<string>.Builder missing)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            missing.Add(item);
        }
    }
}
