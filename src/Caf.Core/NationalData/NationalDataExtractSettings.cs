using Ardalis.GuardClauses;
using Caf.Core.Annotations;
using Caf.Core.Closure;
using Caf.Core.Thresholds;

namespace Caf.Core.NationalData;

/// <summary>How <see cref="EarlyHelpExtract"/> builds rows (NAT-01..NAT-05): the profile, the authority's closure taxonomy and thresholds framework, and the optional pseudonymiser.</summary>
/// <threadsafety>This type is immutable and thread-safe.</threadsafety>
[Immutable]
public sealed record NationalDataExtractSettings
{
    /// <summary>The shipped defaults: default profile and taxonomy, the shipped thresholds framework, ids as the host's.</summary>
    public static NationalDataExtractSettings Default { get; } = new();

    /// <summary>The national-data profile (NAT-01..NAT-03). Default <see cref="NationalDataProfile.Default"/>.</summary>
    public NationalDataProfile Profile { get; init => field = Guard.Against.Null(value, nameof(Profile)); } = NationalDataProfile.Default;

    /// <summary>The authority's closure taxonomy, to resolve its own codes to canonical outcomes (CLOSE-10). Default <see cref="ClosureTaxonomy.Default"/>.</summary>
    public ClosureTaxonomy Taxonomy { get; init => field = Guard.Against.Null(value, nameof(Taxonomy)); } = ClosureTaxonomy.Default;

    /// <summary>The thresholds framework whose indicators carry the factor codes (NAT-03), for rows built from episodes; null means the shipped default framework (THR-02).</summary>
    public ThresholdFramework? Framework { get; init; }

    /// <summary>NAT-05: when set, person ids are replaced by their keyed hash; null writes the host's ids.</summary>
    public PersonIdPseudonymiser? Pseudonymiser { get; init; }
}
