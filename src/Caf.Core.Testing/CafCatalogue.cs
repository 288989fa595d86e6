using System.Collections.Immutable;
using Caf.Core.Annotations;
using Caf.Core.LeadProfessional;
using Caf.Core.Primitives;

namespace Caf.Core.Testing;

/// <summary>
/// The practitioners and agencies the generators draw from: a primary school, health visiting, CAMHS, the youth
/// service, children's social care, a GP practice, police and housing, each with one practitioner, named like the
/// seed situations (Bradford 002: a teacher identifies needs for a nine-year-old; the health visitor leads).
/// </summary>
/// <threadsafety>This type is immutable and thread-safe.</threadsafety>
[Immutable]
public static class CafCatalogue
{
    /// <summary>The primary school where the teacher works.</summary>
    public static readonly AgencyId School = new("school-oakfield-primary");

    /// <summary>Health visiting.</summary>
    public static readonly AgencyId HealthVisiting = new("health-visiting");

    /// <summary>Child and adolescent mental health services.</summary>
    public static readonly AgencyId Camhs = new("camhs");

    /// <summary>The youth service.</summary>
    public static readonly AgencyId YouthService = new("youth-service");

    /// <summary>Children's social care.</summary>
    public static readonly AgencyId SocialCare = new("childrens-social-care");

    /// <summary>A GP practice.</summary>
    public static readonly AgencyId GpPractice = new("gp-practice-north");

    /// <summary>The police.</summary>
    public static readonly AgencyId Police = new("police");

    /// <summary>Housing.</summary>
    public static readonly AgencyId Housing = new("housing");

    /// <summary>The teacher who identifies the concern (and the usual actor of generated commands).</summary>
    public static readonly Actor Teacher = new(new PractitionerId("pr-teacher-jones"), School);

    /// <summary>The health visitor, the usual lead professional.</summary>
    public static readonly Actor HealthVisitor = new(new PractitionerId("pr-hv-patel"), HealthVisiting);

    /// <summary>A CAMHS practitioner (the agency a family most often excludes in the seeds).</summary>
    public static readonly Actor CamhsWorker = new(new PractitionerId("pr-camhs"), Camhs);

    /// <summary>A youth worker.</summary>
    public static readonly Actor YouthWorker = new(new PractitionerId("pr-youth-ali"), YouthService);

    /// <summary>A social worker.</summary>
    public static readonly Actor SocialWorker = new(new PractitionerId("pr-sw-okafor"), SocialCare);

    /// <summary>A GP.</summary>
    public static readonly Actor Gp = new(new PractitionerId("pr-gp-reid"), GpPractice);

    /// <summary>A police officer.</summary>
    public static readonly Actor PoliceOfficer = new(new PractitionerId("pr-pc-hart"), Police);

    /// <summary>A housing officer.</summary>
    public static readonly Actor HousingOfficer = new(new PractitionerId("pr-housing-lee"), Housing);

    /// <summary>The supervisor who confirms nominations (LP-06).</summary>
    public static readonly PractitionerId Supervisor = new("pr-supervisor");

    /// <summary>Every practitioner with the kind of their agency.</summary>
    public static ImmutableArray<(Actor Actor, AgencyKind Kind, string Role)> Practitioners { get; } =
    [
        (Teacher, AgencyKind.School, "Class teacher"),
        (HealthVisitor, AgencyKind.Health, "Health visitor"),
        (CamhsWorker, AgencyKind.Health, "CAMHS practitioner"),
        (YouthWorker, AgencyKind.YouthService, "Youth worker"),
        (SocialWorker, AgencyKind.SocialCare, "Social worker"),
        (Gp, AgencyKind.Health, "GP"),
        (PoliceOfficer, AgencyKind.Other, "Police officer"),
        (HousingOfficer, AgencyKind.Housing, "Housing officer"),
    ];

    /// <summary>Every agency of the catalogue.</summary>
    public static ImmutableArray<AgencyId> Agencies { get; } = [School, HealthVisiting, Camhs, YouthService, SocialCare, GpPractice, Police, Housing];

    /// <summary>A practitioner as a lead-professional nominee: working with the family, trained, weekly contact, room on their caseload.</summary>
    /// <param name="actor">The practitioner.</param>
    /// <returns>The candidate.</returns>
    public static LeadProfessionalCandidate Nominee(Actor actor) =>
        new(actor.Practitioner, actor.Agency, AgencyKind.Other, "Practitioner", true, ContactFrequency.Weekly, [], 0);
}
