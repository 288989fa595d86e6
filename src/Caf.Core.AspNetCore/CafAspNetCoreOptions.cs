using System;

namespace Caf.Core.AspNetCore;

/// <summary>Settings of the ASP.NET Core adapter (<c>services.AddCafAspNetCore(o =&gt; ...)</c>).</summary>
public sealed class CafAspNetCoreOptions
{
    /// <summary>The documentation address of the rulebook.</summary>
    public const string DefaultRuleDocumentation = "https://github.com/caf-core/caf.core/blob/main/docs/rules.md";

    /// <summary>
    /// Where a problem's <c>type</c> points: the rule id, lower case, is appended as a fragment
    /// (<c>…/docs/rules.md#life-05</c>), so every rule id has its own problem type (RFC 9457 §3.1.1). In the default,
    /// docs/rules.md, each fragment is an anchor: every rule's row and every storage code
    /// (<c>#store-not-found</c>, ...) has one, so the link lands on it. A host that points this at its own copy of the
    /// rulebook keeps the anchors (<c>id="life-05"</c>) for its links to land.
    /// </summary>
    public Uri RuleDocumentation { get; set; } = new(DefaultRuleDocumentation);

    /// <summary>
    /// SHARE-03, SHARE-04: record a granted read in the audit log (who saw the episode, for what, what was shown).
    /// Refused reads are always recorded. Default true.
    /// </summary>
    public bool AuditGrantedReads { get; set; } = true;
}
