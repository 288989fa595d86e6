using Caf.Core.Primitives;

namespace Caf.Core.Tests.Support;

/// <summary>Readable ids for the seed situations used across tests.</summary>
internal static class TestIds
{
    public static readonly AgencyId School = new("school-oakfield-primary");
    public static readonly AgencyId HealthVisiting = new("health-visiting");
    public static readonly AgencyId YouthService = new("youth-service");
    public static readonly AgencyId Camhs = new("camhs");
    public static readonly PractitionerId Teacher = new("pr-teacher-jones");
    public static readonly PractitionerId HealthVisitor = new("pr-hv-patel");
    public static readonly Actor TeacherAtSchool = new(Teacher, School);
    public static readonly ChildId Child = new("child-001");
}
