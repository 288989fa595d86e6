using System;
using System.Collections.Immutable;
using Ardalis.GuardClauses;
using Caf.Core.Primitives;

namespace Caf.Core.Consent;

/// <content>Construction by role, so the competence judgement (CONS-02, CONS-03) follows from the role chosen.</content>
public sealed partial record ConsentRecord
{
    /// <summary>
    /// CONS-01: consent given by a parent or other person with parental responsibility. No competence judgement
    /// is recorded (it applies only to a young person).
    /// </summary>
    /// <param name="name">The parent's name as recorded (CONS-04).</param>
    /// <param name="form">Verbal or written (CONS-04: written to share at a panel).</param>
    /// <param name="excluded">Agencies the parent refused sharing with (CONS-05); none for full consent.</param>
    /// <returns>The record (validate it with <see cref="ConsentPolicy.ValidateRecord"/> or record it on the episode).</returns>
    /// <exception cref="ArgumentException">A blank name, an undefined form, a null list or a default agency id.</exception>
    public static ConsentRecord Parent(string name, ConsentForm form, params AgencyId[] excluded) =>
        Given(ConsentGiverRole.ParentWithParentalResponsibility, name, form, excluded, null);

    /// <summary>
    /// CONS-02: consent given by a young person under the self-consent age (13 to 15 by default), with the
    /// practitioner's judgement of whether they have sufficient knowledge, understanding and intelligence. The
    /// judgement must be given: <c>true</c>, their consent counts; <c>false</c>, it is recorded but a parent's is
    /// needed. From the self-consent age use <see cref="YoungPersonSelf"/>.
    /// </summary>
    /// <param name="name">The young person's name as recorded (CONS-04).</param>
    /// <param name="form">Verbal or written.</param>
    /// <param name="sufficientUnderstanding">The practitioner's recorded judgement (CONS-02).</param>
    /// <param name="excluded">Agencies the young person refused sharing with (CONS-05).</param>
    /// <returns>The record.</returns>
    /// <exception cref="ArgumentException">A blank name, an undefined form, a null list or a default agency id.</exception>
    public static ConsentRecord YoungPerson(string name, ConsentForm form, bool sufficientUnderstanding, params AgencyId[] excluded) =>
        Given(ConsentGiverRole.YoungPerson, name, form, excluded, sufficientUnderstanding);

    /// <summary>
    /// CONS-03: consent given by a young person at or over the self-consent age (16 by default), who consents for
    /// themselves: capacity is presumed, so no competence judgement is recorded. Under that age use
    /// <see cref="YoungPerson"/>.
    /// </summary>
    /// <param name="name">The young person's name as recorded (CONS-04).</param>
    /// <param name="form">Verbal or written.</param>
    /// <param name="excluded">Agencies the young person refused sharing with (CONS-05).</param>
    /// <returns>The record.</returns>
    /// <exception cref="ArgumentException">A blank name, an undefined form, a null list or a default agency id.</exception>
    public static ConsentRecord YoungPersonSelf(string name, ConsentForm form, params AgencyId[] excluded) =>
        Given(ConsentGiverRole.YoungPerson, name, form, excluded, null);

    /// <summary>CONS-08: consent given by the expectant parent, for an unborn baby. No competence judgement is recorded.</summary>
    /// <param name="name">The expectant parent's name as recorded (CONS-04).</param>
    /// <param name="form">Verbal or written.</param>
    /// <param name="excluded">Agencies the expectant parent refused sharing with (CONS-05).</param>
    /// <returns>The record.</returns>
    /// <exception cref="ArgumentException">A blank name, an undefined form, a null list or a default agency id.</exception>
    public static ConsentRecord ExpectantParent(string name, ConsentForm form, params AgencyId[] excluded) =>
        Given(ConsentGiverRole.ExpectantParent, name, form, excluded, null);

    private static ConsentRecord Given(ConsentGiverRole role, string name, ConsentForm form, AgencyId[] excluded, bool? sufficientUnderstanding)
    {
        Guard.Against.NullOrWhiteSpace(name);
        Guard.Against.EnumOutOfRange(form);
        Guard.Against.Null(excluded);
        foreach (var agency in excluded)
        {
            if (agency.IsDefault)
            {
                throw new ArgumentException("An excluded agency must not be default(AgencyId).", nameof(excluded));
            }
        }

        return new ConsentRecord(role, name, ConsentDecision.Given, form, ImmutableArray.Create(excluded), sufficientUnderstanding);
    }
}
