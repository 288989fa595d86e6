using System;
using System.Text;

namespace Caf.Core.Consent;

/// <summary>
/// Display texts for every consent and sharing value (the UI port): plain English a practitioner or a
/// family reads. Hosts that localise map the enum values themselves.
/// </summary>
public static class ConsentDisplayText
{
    /// <summary>The text for who gave or refused consent.</summary>
    /// <param name="role">The role.</param>
    /// <returns>The display text.</returns>
    /// <exception cref="ArgumentOutOfRangeException">The value is not defined.</exception>
    public static string For(ConsentGiverRole role) => role switch
    {
        ConsentGiverRole.ParentWithParentalResponsibility => "Parent or carer with parental responsibility",
        ConsentGiverRole.YoungPerson => "Young person",
        ConsentGiverRole.ExpectantParent => "Expectant parent (unborn baby)",
        _ => throw new ArgumentOutOfRangeException(nameof(role), role, "Unknown consent giver role."),
    };

    /// <summary>The text for how consent was given.</summary>
    /// <param name="form">The form.</param>
    /// <returns>The display text.</returns>
    /// <exception cref="ArgumentOutOfRangeException">The value is not defined.</exception>
    public static string For(ConsentForm form) => form switch
    {
        ConsentForm.Verbal => "Verbal",
        ConsentForm.Written => "Written (signed)",
        _ => throw new ArgumentOutOfRangeException(nameof(form), form, "Unknown consent form."),
    };

    /// <summary>The text for a consent decision.</summary>
    /// <param name="decision">The decision.</param>
    /// <returns>The display text.</returns>
    /// <exception cref="ArgumentOutOfRangeException">The value is not defined.</exception>
    public static string For(ConsentDecision decision) => decision switch
    {
        ConsentDecision.Given => "Consent given",
        ConsentDecision.Refused => "Consent refused",
        _ => throw new ArgumentOutOfRangeException(nameof(decision), decision, "Unknown consent decision."),
    };

    /// <summary>The text for a sharing purpose.</summary>
    /// <param name="purpose">The purpose.</param>
    /// <returns>The display text.</returns>
    /// <exception cref="ArgumentOutOfRangeException">The value is not defined.</exception>
    public static string For(SharingPurpose purpose) => purpose switch
    {
        SharingPurpose.Assessment => "Contributing to the assessment",
        SharingPurpose.PlanDelivery => "Delivering the action plan",
        SharingPurpose.LeadProfessional => "Acting as lead professional",
        SharingPurpose.Panel => "Panel referral or allocation (MAF/MAAG)",
        SharingPurpose.Review => "Reviewing the plan",
        SharingPurpose.Reporting => "A report that names the child",
        SharingPurpose.EpisodeWork => "Recording work on the episode",
        SharingPurpose.RegisterCheck => "Checking the CAF register",
        SharingPurpose.Transfer => "Transferring the record to another authority",
        SharingPurpose.FamilyLink => "Linking siblings' episodes as a family",
        _ => throw new ArgumentOutOfRangeException(nameof(purpose), purpose, "Unknown sharing purpose."),
    };

    /// <summary>The text for what an audit entry records.</summary>
    /// <param name="kind">The kind of entry.</param>
    /// <returns>The display text.</returns>
    /// <exception cref="ArgumentOutOfRangeException">The value is not defined.</exception>
    public static string For(SharingAuditKind kind) => kind switch
    {
        SharingAuditKind.Decision => "Sharing decision",
        SharingAuditKind.Revoked => "Revoked",
        SharingAuditKind.Restored => "Restored",
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "Unknown audit entry kind."),
    };

    /// <summary>The text for what a sharing decision rests on.</summary>
    /// <param name="basis">The basis.</param>
    /// <returns>The display text.</returns>
    /// <exception cref="ArgumentOutOfRangeException">The value is not defined.</exception>
    public static string For(SharingBasis basis) => basis switch
    {
        SharingBasis.None => "No consent in force",
        SharingBasis.Consent => "Recorded consent",
        SharingBasis.Override => "Consent overridden in the child's best interest",
        SharingBasis.StatutoryDuty => "The statutory duty to share (LAW-02)",
        _ => throw new ArgumentOutOfRangeException(nameof(basis), basis, "Unknown sharing basis."),
    };

    /// <summary>
    /// The text for what was shared (SHARE-04): "Nothing" for <see cref="SharedItems.None"/>, otherwise every item
    /// in declaration order, separated by commas ("The assessment, the action plan").
    /// </summary>
    /// <param name="items">The items (flags).</param>
    /// <returns>The display text.</returns>
    /// <exception cref="ArgumentOutOfRangeException">A flag is set that is not defined.</exception>
    public static string For(SharedItems items)
    {
        if (items == SharedItems.None)
        {
            return "Nothing";
        }

        var text = new StringBuilder();
        for (var bit = 1; bit != 0; bit <<= 1)
        {
            var item = (SharedItems)bit;
            if ((items & item) == 0)
            {
                continue;
            }

            var part = Single(item, items);
            text.Append(text.Length == 0 ? part : ", " + char.ToLowerInvariant(part[0]) + part[1..]);
        }

        return text.ToString();
    }

    /// <summary>
    /// The text for the categories of information a hand-over carries (SHARE-02, SHARE-04): "Nothing" for
    /// <see cref="InformationCategories.None"/>, otherwise every category in declaration order, separated by commas.
    /// </summary>
    /// <param name="categories">The categories (flags).</param>
    /// <returns>The display text.</returns>
    /// <exception cref="ArgumentOutOfRangeException">A flag is set that is not defined.</exception>
    public static string For(InformationCategories categories)
    {
        if (categories == InformationCategories.None)
        {
            return "Nothing";
        }

        var text = new StringBuilder();
        for (var bit = 1; bit != 0; bit <<= 1)
        {
            var category = (InformationCategories)bit;
            if ((categories & category) == 0)
            {
                continue;
            }

            var part = category switch
            {
                InformationCategories.Identity => "Who the child is",
                InformationCategories.Contact => "Whom to contact",
                InformationCategories.Needs => "The needs identified",
                InformationCategories.Services => "The services asked for or allocated",
                InformationCategories.Assessment => "The assessment in full",
                InformationCategories.FamilyAndEnvironment => "The family and environment",
                InformationCategories.Plan => "The whole action plan",
                InformationCategories.Progress => "Reviews and progress",
                InformationCategories.CaseRecord => "The case record",
                _ => throw new ArgumentOutOfRangeException(nameof(categories), categories, "Unknown information category."),
            };
            text.Append(text.Length == 0 ? part : ", " + char.ToLowerInvariant(part[0]) + part[1..]);
        }

        return text.ToString();
    }

    /// <summary>The text for a legal basis (LAW-01), as the family is shown it.</summary>
    /// <param name="basis">The basis.</param>
    /// <returns>The display text.</returns>
    /// <exception cref="ArgumentOutOfRangeException">The value is not defined.</exception>
    public static string For(LegalBasis basis) => basis switch
    {
        LegalBasis.Consent => "Your consent",
        LegalBasis.SafeguardingOverride => "Consent overridden to keep the child safe",
        LegalBasis.StatutoryDuty => "The legal duty to share information for safeguarding and welfare",
        _ => throw new ArgumentOutOfRangeException(nameof(basis), basis, "Unknown legal basis."),
    };

    /// <summary>The text for the ground of a disclosure under the statutory duty (LAW-02).</summary>
    /// <param name="ground">The ground.</param>
    /// <returns>The display text.</returns>
    /// <exception cref="ArgumentOutOfRangeException">The value is not defined.</exception>
    public static string For(DutyToShareGround ground) => ground switch
    {
        DutyToShareGround.Safeguarding => "Safeguarding",
        DutyToShareGround.Welfare => "Promoting welfare",
        _ => throw new ArgumentOutOfRangeException(nameof(ground), ground, "Unknown ground."),
    };

    private static string Single(SharedItems item, SharedItems items) => item switch
    {
        SharedItems.RegisterEntry => "The register entry (that a CAF exists and whom to contact)",
        SharedItems.Assessment => "The assessment",
        SharedItems.Plan => "The action plan",
        SharedItems.Review => "A review of the plan",
        SharedItems.PanelPapers => "The panel referral papers",
        SharedItems.LeadProfessionalRole => "The lead-professional role",
        SharedItems.ClosureRecord => "The closure record",
        SharedItems.EpisodeRecord => "The whole episode record",
        SharedItems.FamilyInformation => "Family and environment information",
        SharedItems.CaseNotes => "The episode's record seen while recording work on it",
        _ => throw new ArgumentOutOfRangeException(nameof(items), items, "Unknown shared items."),
    };
}
