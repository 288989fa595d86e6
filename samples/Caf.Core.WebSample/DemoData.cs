using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Threading.Tasks;
using Caf.Core.Consent;
using Caf.Core.DependencyInjection;
using Caf.Core.LeadProfessional;
using Caf.Core.Lifecycle;
using Caf.Core.Primitives;
using Caf.Core.Register;
using Microsoft.Extensions.DependencyInjection;

namespace Caf.Core.WebSample;

/// <summary>
/// A practitioner of the demo's directory (what a host's own staff directory holds): who they are, their agency, and
/// what lead-professional selection needs to know of them (LP-03, LP-04, LP-06).
/// </summary>
public sealed record DemoPractitioner(PractitionerId Id, string Name, AgencyId Agency, string AgencyName)
{
    /// <summary>The practitioner as the episode records them.</summary>
    public Actor Actor => new(Id, Agency);

    /// <summary>The local authority the practitioner works in (issue 29): their sign-in names it, and they see its children only.</summary>
    public AuthorityId Authority { get; init; } = AuthorityId.Default;

    /// <summary>The kind of agency (LP-07 spreads the role across kinds).</summary>
    public AgencyKind Kind { get; init; }

    /// <summary>Their role, in the directory's words.</summary>
    public string Role { get; init; } = "Practitioner";

    /// <summary>Whether they are trained for the lead professional role (LP-04).</summary>
    public bool IsLeadProfessionalTrained { get; init; } = true;

    /// <summary>How often they see the family (LP-04).</summary>
    public ContactFrequency Contact { get; init; } = ContactFrequency.Weekly;

    /// <summary>The needs their service addresses (LP-04).</summary>
    public ImmutableArray<string> Addresses { get; init; } = [];

    /// <summary>Their supervisor (LP-06 confirms they can take the role).</summary>
    public required DemoSupervisor Supervisor { get; init; }

    /// <summary>The practitioner as a lead-professional candidate working with the family (LP-03).</summary>
    public LeadProfessionalCandidate Candidate(int currentLeadCaseload = 0) =>
        new(Id, Agency, Kind, Role, IsLeadProfessionalTrained, Contact, Addresses, currentLeadCaseload);
}

/// <summary>A practitioner's supervisor in the demo's directory.</summary>
public sealed record DemoSupervisor(PractitionerId Id, string Name);

/// <summary>A child of the demo: the host holds names; the library holds ids.</summary>
public sealed record DemoChild(ChildId Id, string Name, DateOnly DateOfBirth, EpisodeId Episode)
{
    /// <summary>The local authority whose register holds the child's CAF (issue 29): only its practitioners see the child.</summary>
    public AuthorityId Authority { get; init; } = AuthorityId.Default;
}

/// <summary>The demo's people (a host's own directory) and its four episodes (Sam's and Chloe's: <see cref="DemoAftercare"/>).</summary>
public static class DemoData
{
    /// <summary>Ms Jones, a primary-school teacher (she identifies Amy's needs).</summary>
    public static readonly DemoPractitioner Teacher = new(new("ms-jones"), "Ms Jones", new("oakfield-primary"), "Oakfield Primary School")
    {
        Kind = AgencyKind.School,
        Role = "Class teacher",
        Contact = ContactFrequency.Daily,
        Addresses = ["attendance", "learning"],
        Supervisor = new(new("mrs-hughes"), "Mrs Hughes, head teacher"),
    };

    /// <summary>Mr Patel, a health visitor (he identifies Ben's needs).</summary>
    public static readonly DemoPractitioner HealthVisitor = new(new("mr-patel"), "Mr Patel", new("health-visiting"), "Health visiting")
    {
        Kind = AgencyKind.Health,
        Role = "Health visitor",
        Contact = ContactFrequency.Weekly,
        Addresses = ["health", "attendance"],
        Supervisor = new(new("ms-osei"), "Ms Osei, health visiting team lead"),
    };

    /// <summary>Dr Khan, of the child and adolescent mental health service: Ben's family excluded that agency (CONS-05).</summary>
    public static readonly DemoPractitioner Camhs = new(new("dr-khan"), "Dr Khan", new("camhs"), "CAMHS")
    {
        Kind = AgencyKind.Health,
        Role = "Clinical psychologist",
        Contact = ContactFrequency.Monthly,
        Addresses = ["emotional-wellbeing"],
        Supervisor = new(new("dr-reid"), "Dr Reid, CAMHS service lead"),
    };

    /// <summary>
    /// The second local authority the sample serves (issue 29), with its own thresholds framework and its own register;
    /// the first is the default authority (<see cref="AuthorityId.Default"/>), Northshire. Both keep their rows in the
    /// sample's SQLite file, each authority's stores scoped to its own rows.
    /// </summary>
    public static readonly AuthorityId Southvale = new("southvale");

    /// <summary>Ms Evans, a teacher in Southvale: she sees Southvale's children only (Dylan), never Northshire's.</summary>
    public static readonly DemoPractitioner SouthvaleTeacher = new(new("ms-evans"), "Ms Evans", new("brook-lane-primary"), "Brook Lane Primary School")
    {
        Authority = Southvale,
        Kind = AgencyKind.School,
        Role = "Class teacher",
        Contact = ContactFrequency.Daily,
        Addresses = ["attendance", "learning"],
        Supervisor = new(new("mr-lloyd"), "Mr Lloyd, head teacher"),
    };

    /// <summary>Everyone who can sign in.</summary>
    public static readonly ImmutableArray<DemoPractitioner> Practitioners = [Teacher, HealthVisitor, Camhs, SouthvaleTeacher];

    /// <summary>Amy, nine: her episode waits for consent.</summary>
    public static readonly DemoChild Amy = new(new("child-amy"), "Amy Smith", new DateOnly(2016, 9, 1), new("ep-amy-1"));

    /// <summary>Ben, thirteen: his mother consented, excluding CAMHS.</summary>
    public static readonly DemoChild Ben = new(new("child-ben"), "Ben Okafor", new DateOnly(2012, 5, 14), new("ep-ben-1"));

    /// <summary>Sam, ten: stepped down from children's social care; a potential CAF.</summary>
    public static readonly DemoChild Sam = new(new("child-sam"), "Sam Taylor", new DateOnly(2016, 5, 1), new("ep-sam-1"));

    /// <summary>Chloe, eleven: the panel allocated home visits and CAMHS support.</summary>
    public static readonly DemoChild Chloe = new(new("child-chloe"), "Chloe Lewis", new DateOnly(2015, 3, 9), new("ep-chloe-1"));

    /// <summary>Dylan, eight: a Southvale child; his CAF is on Southvale's register, out of Northshire's reach.</summary>
    public static readonly DemoChild Dylan = new(new("child-dylan"), "Dylan Price", new DateOnly(2017, 11, 20), new("ep-dylan-1")) { Authority = Southvale };

    /// <summary>The demo's children.</summary>
    public static readonly ImmutableArray<DemoChild> Children = [Amy, Ben, Sam, Chloe, Dylan];

    /// <summary>An authority's name, for the pages.</summary>
    public static string AuthorityName(AuthorityId authority) =>
        authority == Southvale ? "Southvale Borough Council" : authority == AuthorityId.Default ? "Northshire County Council" : authority.Value;

    /// <summary>The practitioner with an id, if the demo knows them.</summary>
    public static DemoPractitioner? Practitioner(string? id) => Practitioners.FirstOrDefault(p => p.Id.Value == id);

    /// <summary>A practitioner's name and agency, or the ids when the demo does not know them.</summary>
    public static string NameOf(string practitioner, string agency) =>
        Practitioner(practitioner) is { } p ? $"{p.Name}, {p.AgencyName}" : $"{practitioner} ({agency})";

    /// <summary>The agency's name, or its id.</summary>
    public static string AgencyName(string agency) => Practitioners.FirstOrDefault(p => p.Agency.Value == agency)?.AgencyName ?? agency;

    /// <summary>The child of an episode, if the demo knows it.</summary>
    public static DemoChild? ChildOf(string childId) => Children.FirstOrDefault(c => c.Id.Value == childId);

    /// <summary>Opens the two episodes when the register does not hold them yet.</summary>
    public static async Task SeedAsync(IServiceProvider services)
    {
        ArgumentNullException.ThrowIfNull(services);
        await using var scope = services.CreateAsyncScope();
        var repository = scope.ServiceProvider.GetRequiredService<IEpisodeRepository>();
        var register = scope.ServiceProvider.GetRequiredService<CafRegister>();
        if (await repository.GetAsync(Amy.Episode) is null)
        {
            await register.IdentifyConcernAsync(Amy.Episode, new ChildDetails(Amy.Id, Amy.DateOfBirth), Teacher.Actor, "Often late, withdrawn in class.");
        }

        if (await repository.GetAsync(Ben.Episode) is null)
        {
            await register.IdentifyConcernAsync(Ben.Episode, new ChildDetails(Ben.Id, Ben.DateOfBirth), HealthVisitor.Actor, "Missed health appointments; low mood.");
            var consent = ConsentRecord.Parent("Mrs Okafor", ConsentForm.Written, Camhs.Agency) with { SharingExplained = true };
            await register.ExecuteAsync(Ben.Episode, e => e.RecordConsent(HealthVisitor.Actor, consent, "Consent to assess and share, except with CAMHS."));
        }

        await DemoAftercare.SeedAsync(services); // a step-down case (STEP-04) and a case the panel decided (PANEL-08..10)

        // Southvale's register (its own stores over the same file, its own policy): Dylan's CAF, opened by Ms Evans once.
        var southvale = scope.ServiceProvider.GetRequiredService<CafAuthorities>().Get(Southvale);
        if (await southvale.Repository.GetAsync(Dylan.Episode) is null)
        {
            await southvale.Register.IdentifyConcernAsync(Dylan.Episode, new ChildDetails(Dylan.Id, Dylan.DateOfBirth), SouthvaleTeacher.Actor, "Often hungry; falls asleep in class.");
        }
    }

    /// <summary>The display texts of the consent givers a form offers.</summary>
    public static IEnumerable<(ConsentGiverRole Role, string Text)> GiverRoles =>
        Enum.GetValues<ConsentGiverRole>().Select(r => (r, ConsentDisplayText.For(r)));

    /// <summary>The display texts of the consent forms a form offers.</summary>
    public static IEnumerable<(ConsentForm Form, string Text)> Forms =>
        Enum.GetValues<ConsentForm>().Select(f => (f, ConsentDisplayText.For(f)));
}
