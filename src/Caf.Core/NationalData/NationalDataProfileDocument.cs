using System;
using System.Collections.Immutable;
using Caf.Core.Annotations;
using Caf.Core.Primitives;

namespace Caf.Core.NationalData;

/// <summary>
/// NAT-01, NAT-02, NAT-03: a national-data profile as written in JSON, member for member, not yet validated: how
/// closure outcomes map to early-help end reasons, the start reasons, the Children in Need census links and the
/// CIN census factor code list. Load one with <see cref="NationalDataProfileLoader"/>, which checks it strictly
/// and builds a <see cref="NationalDataProfile"/>; the format is documented in <c>docs/national-data.md</c>.
/// </summary>
/// <threadsafety>This type is immutable and thread-safe.</threadsafety>
[Immutable]
public sealed record NationalDataProfileDocument
{
    /// <summary>Stable id of the profile (e.g. <c>bradford-national-data</c>).</summary>
    public string Id { get; init => field = value ?? ""; } = "";

    /// <summary>Version of the profile (e.g. <c>2026.1</c>).</summary>
    public string Version { get; init => field = value ?? ""; } = "";

    /// <summary>Human title.</summary>
    public string Title { get; init => field = value ?? ""; } = "";

    /// <summary>Optional description: who publishes it and for which return.</summary>
    public string? Description { get; init; }

    /// <summary>NAT-01: the end reason for each canonical closure category, and for no further action and transfers.</summary>
    public NationalEndReasons EndReasons { get; init => field = value ?? new(); } = new();

    /// <summary>NAT-01: optional end reasons for single canonical outcomes, taking precedence over their category's.</summary>
    public ImmutableArray<NationalOutcomeEndReason> OutcomeEndReasons { get; init => field = ValueEquality.OrEmpty(value); } = [];

    /// <summary>NAT-01: optional end reasons for an authority's own closure codes (CLOSE-10), taking precedence over the canonical outcome's.</summary>
    public ImmutableArray<NationalCodeEndReason> CodeEndReasons { get; init => field = ValueEquality.OrEmpty(value); } = [];

    /// <summary>The start reasons written for an episode opened from a concern (LIFE-01) or from a step-down (LIFE-02).</summary>
    public NationalStartReasons StartReasons { get; init => field = value ?? new(); } = new();

    /// <summary>NAT-02: the Children in Need census codes carried by step-downs into CAF and step-ups out of it.</summary>
    public NationalCinLinks CinLinks { get; init => field = value ?? new(); } = new();

    /// <summary>NAT-03: the CIN census "factors identified at the end of assessment" code list, in return order.</summary>
    public ImmutableArray<NationalFactorCode> FactorCodes { get; init => field = ValueEquality.OrEmpty(value); } = [];

    /// <summary>NAT-03, NAT-16: the code for "no factors identified" (<c>21</c>); one of <see cref="FactorCodes"/>, never combined with others.</summary>
    public string NoFactorsCode { get; init => field = value ?? ""; } = "";

    /// <inheritdoc />
    public bool Equals(NationalDataProfileDocument? other) =>
        other is not null && Id == other.Id && Version == other.Version && Title == other.Title && Description == other.Description
        && EndReasons == other.EndReasons && StartReasons == other.StartReasons && CinLinks == other.CinLinks
        && NoFactorsCode == other.NoFactorsCode
        && ValueEquality.Equal(OutcomeEndReasons, other.OutcomeEndReasons) && ValueEquality.Equal(CodeEndReasons, other.CodeEndReasons)
        && ValueEquality.Equal(FactorCodes, other.FactorCodes);

    /// <inheritdoc />
    public override int GetHashCode() =>
        HashCode.Combine(Id, Version, Title, EndReasons, NoFactorsCode, ValueEquality.Hash(FactorCodes), ValueEquality.Hash(CodeEndReasons));
}

/// <summary>NAT-01: the early-help end reason written for each canonical closure category (CLOSE-10), for no further action after assessment (CLOSE-09) and for a transfer out (RET-02).</summary>
/// <threadsafety>This type is immutable and thread-safe.</threadsafety>
[Immutable]
public sealed record NationalEndReasons
{
    /// <summary>For the Resolved category (CLOSE-01..04). Default <c>Outcomes met</c>.</summary>
    public string Resolved { get; init => field = value ?? ""; } = "";

    /// <summary>For the Consent ended category (CLOSE-05). Default <c>NFA</c>.</summary>
    public string ConsentEnded { get; init => field = value ?? ""; } = "";

    /// <summary>For the Escalated category (CLOSE-06, CLOSE-07). Default <c>Step-up</c>.</summary>
    public string Escalated { get; init => field = value ?? ""; } = "";

    /// <summary>For no further action straight after assessment (CLOSE-09), whatever its category. Default <c>NFA</c>.</summary>
    public string NoFurtherAction { get; init => field = value ?? ""; } = "";

    /// <summary>For an episode transferred to another authority (RET-02): it ends here without an outcome. Default <c>NFA</c>.</summary>
    public string TransferredOut { get; init => field = value ?? ""; } = "";
}

/// <summary>NAT-01: the end reason for one canonical closure outcome.</summary>
/// <threadsafety>This type is immutable and thread-safe.</threadsafety>
[Immutable]
public sealed record NationalOutcomeEndReason
{
    /// <summary>The canonical outcome, by JSON name (<see cref="Closure.ClosureVocabulary.OutcomeNames"/>).</summary>
    public string Outcome { get; init => field = value ?? ""; } = "";

    /// <summary>The end reason written.</summary>
    public string EndReason { get; init => field = value ?? ""; } = "";
}

/// <summary>NAT-01: the end reason for one of an authority's closure codes (CLOSE-10).</summary>
/// <threadsafety>This type is immutable and thread-safe.</threadsafety>
[Immutable]
public sealed record NationalCodeEndReason
{
    /// <summary>The closure code as recorded (exact, ordinal).</summary>
    public string Code { get; init => field = value ?? ""; } = "";

    /// <summary>The end reason written.</summary>
    public string EndReason { get; init => field = value ?? ""; } = "";
}

/// <summary>The start reasons written for the two ways an episode opens.</summary>
/// <threadsafety>This type is immutable and thread-safe.</threadsafety>
[Immutable]
public sealed record NationalStartReasons
{
    /// <summary>An intent to CAF from a practitioner's concern (LIFE-01).</summary>
    public string Concern { get; init => field = value ?? ""; } = "";

    /// <summary>A potential CAF registered from a specialist service's step-down (LIFE-02).</summary>
    public string StepDown { get; init => field = value ?? ""; } = "";
}

/// <summary>NAT-02: the Children in Need census codes linking early help with children's social care.</summary>
/// <threadsafety>This type is immutable and thread-safe.</threadsafety>
[Immutable]
public sealed record NationalCinLinks
{
    /// <summary>The CIN closure reason of the social-care episode a step-down into CAF ends: <c>RC9</c> "closed after assessment, referred to early help".</summary>
    public string StepDownClosureReason { get; init => field = value ?? ""; } = "";

    /// <summary>The CIN referral source of the social-care referral a step-up out of CAF makes: <c>5D</c> "LA services – early help".</summary>
    public string StepUpReferralSource { get; init => field = value ?? ""; } = "";
}

/// <summary>NAT-03: one CIN census factor code and what it means.</summary>
/// <threadsafety>This type is immutable and thread-safe.</threadsafety>
[Immutable]
public sealed record NationalFactorCode
{
    /// <summary>The code (one or two digits and an optional capital letter, e.g. <c>1B</c>, <c>16A</c>, <c>21</c>).</summary>
    public string Code { get; init => field = value ?? ""; } = "";

    /// <summary>What the code means.</summary>
    public string Description { get; init => field = value ?? ""; } = "";
}
