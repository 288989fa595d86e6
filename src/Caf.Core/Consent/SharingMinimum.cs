using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using Caf.Core.Annotations;

namespace Caf.Core.Consent;

/// <summary>
/// SHARE-02: what each purpose hands over — the minimum needed for it, as <see cref="InformationCategories"/>. The
/// defaults are documented in docs/consent.md ("The minimum for each purpose"); an authority narrows or widens the
/// configurable purposes (<see cref="SharingOptions"/>) only within safe bounds: never below what the purpose needs
/// (<see cref="Required"/>), never above what it may carry (<see cref="Permitted"/>). A panel referral holds the
/// minimum to identify need and services (Bedfordshire 003 §4c): never the assessment in full, the family and
/// environment, the plan or the case record.
/// </summary>
/// <threadsafety>This type is immutable and thread-safe.</threadsafety>
[Immutable]
public sealed class SharingMinimum
{
    private const InformationCategories All =
        InformationCategories.Identity | InformationCategories.Contact | InformationCategories.Needs | InformationCategories.Services
        | InformationCategories.Assessment | InformationCategories.FamilyAndEnvironment | InformationCategories.Plan
        | InformationCategories.Progress | InformationCategories.CaseRecord;

    private const InformationCategories IdentifyNeedAndServices =
        InformationCategories.Identity | InformationCategories.Contact | InformationCategories.Needs | InformationCategories.Services;

    // Per purpose (index = SharingPurpose): the default, the floor and the ceiling. Floor == ceiling: fixed.
    private static readonly ImmutableArray<(InformationCategories Default, InformationCategories Required, InformationCategories Permitted)> Bounds =
    [
        // Assessment: a contributor learns who the child is, whom to contact and what the concern is.
        (InformationCategories.Identity | InformationCategories.Contact | InformationCategories.Needs,
            InformationCategories.Identity | InformationCategories.Contact,
            IdentifyNeedAndServices | InformationCategories.Assessment | InformationCategories.FamilyAndEnvironment),
        // PlanDelivery: the agency's own actions, and the needs they meet.
        (IdentifyNeedAndServices,
            InformationCategories.Identity | InformationCategories.Contact | InformationCategories.Services,
            IdentifyNeedAndServices | InformationCategories.Assessment | InformationCategories.Plan | InformationCategories.Progress),
        // LeadProfessional: the LP holds the record (fixed).
        (All, All, All),
        // Panel: the minimum to identify need and services (003 §4c).
        (IdentifyNeedAndServices,
            InformationCategories.Identity | InformationCategories.Needs | InformationCategories.Services,
            IdentifyNeedAndServices | InformationCategories.Progress),
        // Review: the plan and progress against it.
        (IdentifyNeedAndServices | InformationCategories.Plan | InformationCategories.Progress,
            InformationCategories.Identity | InformationCategories.Contact | InformationCategories.Progress,
            All & ~InformationCategories.CaseRecord),
        // Reporting: a report that names the child.
        (InformationCategories.Identity | InformationCategories.Needs | InformationCategories.Services,
            InformationCategories.Identity,
            IdentifyNeedAndServices | InformationCategories.Progress),
        // EpisodeWork: the practitioner recording work sees the record (fixed).
        (All, All, All),
        // RegisterCheck: that a CAF exists and whom to contact (REG-02, fixed).
        (InformationCategories.Identity | InformationCategories.Contact, InformationCategories.Identity | InformationCategories.Contact, InformationCategories.Identity | InformationCategories.Contact),
        // Transfer: the whole record goes to the new authority (RET-02, fixed).
        (All, All, All),
        // FamilyLink: the family and environment, shared between siblings (REG-03, fixed).
        (InformationCategories.Identity | InformationCategories.FamilyAndEnvironment, InformationCategories.Identity | InformationCategories.FamilyAndEnvironment, InformationCategories.Identity | InformationCategories.FamilyAndEnvironment),
    ];

    private readonly ImmutableArray<InformationCategories> _minimum;

    private SharingMinimum(ImmutableArray<InformationCategories> minimum)
    {
        _minimum = minimum;
    }

    /// <summary>The documented defaults (docs/consent.md).</summary>
    public static SharingMinimum Default { get; } = new([.. Bounds.Select(b => b.Default)]);

    /// <summary>The minimum of an authority's options: the defaults, with each configured purpose's own set.</summary>
    /// <param name="options">The sharing options.</param>
    /// <returns>The minimum per purpose.</returns>
    /// <exception cref="ArgumentException">The options are null, or a configured set is outside its bounds (every problem listed).</exception>
    public static SharingMinimum From(SharingOptions options)
    {
        if (options is null)
        {
            throw new ArgumentException("The sharing options must not be null.", nameof(options));
        }

        var problems = new List<string>();
        options.Validate(problems);
        if (problems.Count > 0)
        {
            throw new ArgumentException("Invalid sharing options:" + Environment.NewLine + "- " + string.Join(Environment.NewLine + "- ", problems), nameof(options));
        }

        var minimum = Bounds.Select(b => b.Default).ToArray();
        foreach (var (purpose, categories) in options.Configured())
        {
            if (categories is { } set)
            {
                minimum[(int)purpose] = set;
            }
        }

        return new([.. minimum]);
    }

    /// <summary>What a grant for <paramref name="purpose"/> hands over (SHARE-02).</summary>
    /// <param name="purpose">The purpose.</param>
    /// <returns>The categories.</returns>
    /// <exception cref="ArgumentOutOfRangeException">The purpose is not defined.</exception>
    public InformationCategories For(SharingPurpose purpose) => _minimum[Index(purpose)];

    /// <summary>The floor: what the purpose cannot do without; an authority's set must hold it.</summary>
    /// <param name="purpose">The purpose.</param>
    /// <returns>The categories.</returns>
    /// <exception cref="ArgumentOutOfRangeException">The purpose is not defined.</exception>
    public static InformationCategories Required(SharingPurpose purpose) => Bounds[Index(purpose)].Required;

    /// <summary>The ceiling: the most the purpose may ever carry; an authority's set must stay within it.</summary>
    /// <param name="purpose">The purpose.</param>
    /// <returns>The categories.</returns>
    /// <exception cref="ArgumentOutOfRangeException">The purpose is not defined.</exception>
    public static InformationCategories Permitted(SharingPurpose purpose) => Bounds[Index(purpose)].Permitted;

    /// <summary>The problem with a configured set for a purpose, or null when it is within the bounds.</summary>
    internal static string? Problem(string option, SharingPurpose purpose, InformationCategories categories)
    {
        var (_, required, permitted) = Bounds[(int)purpose];
        if ((categories & ~All) != 0)
        {
            return $"Sharing.{option} holds a category that is not defined ({(int)categories}) (SHARE-02).";
        }

        var missing = required & ~categories;
        var beyond = categories & ~permitted;
        return missing != 0 || beyond != 0
            ? $"Sharing.{option} must hold {required} and stay within {permitted} (SHARE-02: the minimum for the purpose);"
              + (missing != 0 ? $" missing {missing}" : "") + (missing != 0 && beyond != 0 ? ";" : "") + (beyond != 0 ? $" beyond the bounds {beyond}" : "") + "."
            : null;
    }

    private static int Index(SharingPurpose purpose) => (uint)purpose < (uint)Bounds.Length
        ? (int)purpose
        : throw new ArgumentOutOfRangeException(nameof(purpose), purpose, "Unknown sharing purpose.");
}
