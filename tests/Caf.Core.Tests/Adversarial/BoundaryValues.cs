using System;
using System.Collections;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.IO;
using System.Linq;
using System.Linq.Expressions;
using System.Reflection;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using Caf.Core.Consent;
using Caf.Core.Events;
using Caf.Core.LeadProfessional;
using Caf.Core.Lifecycle;
using Caf.Core.Lifecycle.Events;
using Caf.Core.Outcomes;
using Caf.Core.Primitives;
using Caf.Core.Register;
using Caf.Core.Register.Specifications;
using Caf.Core.Testing;
using Caf.Core.Tests.Support;
using Caf.Core.Thresholds;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Caf.Core.Tests.Adversarial;

/// <summary>
/// One call's world for the boundary sweep: a fresh clock, audit log and policy, a register holding two
/// siblings' episodes (ep-1 and ep-2, the mother's written consent recorded), and valid values for every
/// parameter type of Caf.Core's public API.
/// </summary>
internal sealed class BoundaryWorld
{
    public static readonly string Big = new('x', 1 << 20); // a 1 MB string
    public static readonly ThresholdFrameworkLoader Loader = new();
    public static readonly ChildDetails Sibling = new(new ChildId("child-002"), new DateOnly(2018, 4, 1));

    private static readonly Lazy<ThresholdMatcher> LazyMatcher = new(() => Loader.LoadDefault());
    private InMemoryEpisodeRepository? _repository;
    private CafRegister? _register;

    public BoundaryWorld() => Seeds = new Seeds();

    public static ThresholdMatcher Matcher => LazyMatcher.Value;

    public Seeds Seeds { get; }

    public EpisodePolicy Policy => Seeds.Policy;

    public InMemorySharingAuditLog Audit => Seeds.Audit;

    public InMemoryEpisodeRepository Repository => _repository ??= NewRepository();

    public CafRegister Register => _register ??= new CafRegister(Repository, Policy);

    public int Grants => Audit.Entries.Count(e => e.Decision.Granted);

    private InMemoryEpisodeRepository NewRepository()
    {
        // With the report read model (REP-01), as AddCafInMemoryEpisodeStore builds it, so its members are exercised too.
        var store = new InMemoryEpisodeRepository(Policy, new Caf.Core.Reporting.EpisodeReportProjector(
            new Caf.Core.Thresholds.ThresholdFrameworkLoader().LoadDefault().Framework, _ => Caf.Core.Reporting.InitiatingSetting.Other));
        var first = Seeds.Identified();
        Seeds.Ok(first.RecordConsent(Seeds.Teacher, Seeds.MotherWritten(), "Consent to assess and share with partner agencies."));
        var second = CafEpisode.IdentifyConcern(Policy, new EpisodeId("ep-2"), Sibling, Seeds.Teacher, "Sibling: withdrawn at nursery.");
        Seeds.Ok(second.RecordConsent(Seeds.Teacher, Seeds.MotherWritten(), "Consent to assess and share with partner agencies."));
        Seeds.Ok(store.AddAsync(first).AsTask().GetAwaiter().GetResult());
        Seeds.Ok(store.AddAsync(second).AsTask().GetAwaiter().GetResult());
        return store;
    }

    /// <summary>The episodes the sweep calls instance methods on: one per state a host can hold.</summary>
    public static readonly ImmutableArray<(string Label, Func<BoundaryWorld, CafEpisode> Make)> EpisodeStates =
    [
        ("identified", w => w.Seeds.Identified()),
        ("potential from step-down", w => CafEpisode.RegisterPotentialFromStepDown(
            w.Policy, new EpisodeId("ep-1"), Seeds.NineYearOld, Seeds.Teacher, EpisodePlans.StepDown(), TestIds.HealthVisitor)),
        ("LP's agency excluded", w => { var e = w.Seeds.Identified(); Seeds.Ok(e.RecordConsent(Seeds.Teacher, Seeds.MotherWritten(TestIds.School), "Consent to assess and share with partner agencies.")); return e; }),
        ("assessing", w => w.Seeds.Assessing()),
        ("assessed", w => w.Seeds.Assessed()),
        ("panel referred", w => { var e = w.Seeds.Assessed(); Seeds.Ok(Panels.PanelFixtures.Refer(e, Seeds.Teacher)); return e; }),
        ("plan active", w => w.Seeds.PlanActive()),
        ("consent withdrawn", w =>
        {
            var e = w.Seeds.PlanActive();
            Seeds.Ok(e.WithdrawConsent(Seeds.Teacher, new ConsentWithdrawal(ConsentGiverRole.ParentWithParentalResponsibility, "Moving on") { Name = "Ms Smith" }));
            return e;
        }),
        ("closed", w => { var e = w.Seeds.Assessing(); Seeds.Ok(e.StepUp(Seeds.Teacher, new SpecialistService("CSC"), "Significant harm")); return e; }),
        ("transferred out", w => { var e = w.Seeds.Assessing(); Seeds.Ok(e.TransferOut(Seeds.Teacher, new LocalAuthority("Leeds"), "Moved")); return e; }),
    ];

    /// <summary>How to build the instances an instance member is called on (label, factory); empty when none can be built.</summary>
    public static IEnumerable<(string Label, Func<BoundaryWorld, object?> Make)> InstancesOf(Type type)
    {
        if (type == typeof(CafEpisode))
        {
            return EpisodeStates.Select(s => (s.Label, (Func<BoundaryWorld, object?>)(w => s.Make(w))));
        }

        if (type == typeof(Result))
        {
            return [("ok", _ => Result.Ok), ("refused", _ => Result.Refused("X-01", "No.", "f")), ("default", _ => default(Result))];
        }

        if (type == typeof(Result<string>))
        {
            return [("success", _ => Result<string>.Success("v")), ("refused", _ => Result<string>.Refused("X-01", "No.", "f")), ("default", _ => default(Result<string>))];
        }

        if (type == typeof(ThresholdLoadResult))
        {
            return [("loaded", _ => BoundaryWorld.Loader.Load(BoundaryWorld.Loader.DefaultJson())), ("failed", _ => BoundaryWorld.Loader.Load("{}"))];
        }

        return new BoundaryWorld().Valid(type, null, null, 0) is null ? [] : [("valid", w => w.Valid(type, null, null, 0))];
    }

    /// <summary>A valid value for a parameter (by its type, and for strings by its name and method); null if none.</summary>
    public object? Valid(Type t, ParameterInfo? p, MethodBase? m, int depth)
    {
        var name = p?.Name ?? "";
        if (t == typeof(string))
        {
            return (m?.DeclaringType?.Name, m?.Name, name) switch
            {
                (nameof(EpisodeJson), nameof(EpisodeJson.Deserialize), _) => EpisodeJson.Serialize(Seeds.PlanActive()),
                (nameof(EpisodeJson), nameof(EpisodeJson.DeserializeEvent), _) => EpisodeJson.SerializeEvent(AnEvent()),
                (nameof(ThresholdFrameworkLoader), _, "json") => BoundaryWorld.Loader.DefaultJson(),
                (_, _, "familyGroup") => "family-smith",
                (_, _, "value") => "id-001",
                (_, _, "ruleId" or "RuleId") => "X-01",
                (_, _, "indicatorId") => "LEI-01",
                _ => "Amy goes to school every day.",
            };
        }

        if (Nullable.GetUnderlyingType(t) is { } inner)
        {
            return Valid(inner, p, m, depth);
        }

        if (t.IsEnum)
        {
            return Enum.GetValues(t).GetValue(0);
        }

        var known = Known(t, name);
        if (known is not null)
        {
            return known;
        }

        if (t.IsGenericType && t.GetGenericTypeDefinition() == typeof(ImmutableArray<>))
        {
            var element = t.GetGenericArguments()[0];
            return MakeImmutableArray(element, [Valid(element, null, m, depth + 1)]);
        }

        if (EnumerableElement(t) is { } el)
        {
            if (el == typeof(CafEvent))
            {
                return Seeds.PlanActive().Events.ToArray();
            }

            if (el == typeof(EpisodeId) && name == "episodes")
            {
                return new[] { new EpisodeId("ep-1"), new EpisodeId("ep-2") };
            }

            var array = Array.CreateInstance(el, 1);
            array.SetValue(Valid(el, null, m, depth + 1), 0);
            return array;
        }

        if (typeof(Delegate).IsAssignableFrom(t))
        {
            return Lambda(t).Compile();
        }

        if (t.IsGenericType && t.GetGenericTypeDefinition() == typeof(Expression<>))
        {
            return Lambda(t.GetGenericArguments()[0]);
        }

        if (t.IsValueType)
        {
            return Activator.CreateInstance(t);
        }

        return depth < 4 ? Construct(t, depth) : null;
    }

    private static LambdaExpression Lambda(Type delegateType)
    {
        var invoke = delegateType.GetMethod("Invoke")!;
        var parameters = invoke.GetParameters().Select(q => Expression.Parameter(q.ParameterType, q.Name)).ToArray();
        Expression body = invoke.ReturnType == typeof(void) ? Expression.Empty()
            : invoke.ReturnType == typeof(bool) ? Expression.Constant(true)
            : invoke.ReturnType == typeof(Result) ? Expression.Constant(Result.Ok, typeof(Result)) // default(Result) is documented misuse
            : Expression.Default(invoke.ReturnType);
        return Expression.Lambda(delegateType, body, parameters);
    }

    // The largest public constructor with valid arguments.
    private object? Construct(Type t, int depth)
    {
        if (t.IsAbstract || t.IsInterface || t.ContainsGenericParameters)
        {
            return null;
        }

        foreach (var ctor in t.GetConstructors().OrderByDescending(c => c.GetParameters().Length))
        {
            if (ctor.GetParameters().Any(q => q.ParameterType.IsByRefLike || q.ParameterType.IsByRef))
            {
                continue;
            }

            var args = ctor.GetParameters().Select(q => Valid(q.ParameterType, q, ctor, depth + 1)).ToArray();
            if (args.Any(a => a is null))
            {
                continue; // a parameter this world cannot make validly: a null there would not be a valid instance
            }

            try
            {
                var made = ctor.Invoke(args);
                FillUnset(made, depth);
                return made;
            }
            catch (TargetInvocationException)
            {
                // try a smaller constructor
            }
        }

        return null;
    }

    // Required and init-only members that reflection left null or default (C# would have required them): set valid values.
    private void FillUnset(object made, int depth)
    {
        foreach (var property in made.GetType().GetProperties().Where(q => q.SetMethod is { IsPublic: true } && q.GetIndexParameters().Length == 0))
        {
            var current = property.GetValue(made);
            var unset = current is null
                || (property.PropertyType.IsGenericType && property.PropertyType.GetGenericTypeDefinition() == typeof(ImmutableArray<>)
                    && (bool)property.PropertyType.GetProperty("IsDefault")!.GetValue(current)!);
            if (unset && Nullable.GetUnderlyingType(property.PropertyType) is null
                && Valid(property.PropertyType, null, null, depth + 1) is { } value)
            {
                property.SetValue(made, value);
            }
        }
    }

    private object? Known(Type t, string name) => t switch
    {
        _ when t == typeof(ChildId) => TestIds.Child,
        _ when t == typeof(EpisodeId) => new EpisodeId("ep-1"),
        _ when t == typeof(AgencyId) => name == "agency" ? TestIds.HealthVisiting : TestIds.School,
        _ when t == typeof(PractitionerId) => new PractitionerId("pr-supervisor"),
        _ when t == typeof(Actor) => Seeds.Teacher,
        _ when t == typeof(int) => 1,
        _ when t == typeof(long) => 1L,
        _ when t == typeof(double) => 1.0,
        _ when t == typeof(bool) => true,
        _ when t == typeof(DateOnly) => new DateOnly(2026, 6, 1),
        _ when t == typeof(DateTimeOffset) => Seeds.Start.AddDays(30),
        _ when t == typeof(DateTime) => Seeds.Start.AddDays(30).UtcDateTime,
        _ when t == typeof(CancellationToken) => CancellationToken.None,
        _ when t == typeof(object) => "an object",
        _ when t == typeof(Type) => typeof(string),
        _ when t == typeof(ChildDetails) => Seeds.NineYearOld,
        _ when t == typeof(ConsentRecord) => Seeds.MotherWritten(),
        _ when t == typeof(ConsentState) => ConsentState.Empty.With(Seeds.MotherWritten()),
        _ when t == typeof(ConsentWithdrawal) => new ConsentWithdrawal(ConsentGiverRole.ParentWithParentalResponsibility, "Moving on") { Name = "Ms Smith" },
        _ when t == typeof(ConsentOverride) => new ConsentOverride("Risk of neglect", new PractitionerId("pr-dsl")),
        _ when t == typeof(ConsentExclusionLift) => new ConsentExclusionLift(TestIds.Camhs, ConsentGiverRole.ParentWithParentalResponsibility, "Ms Smith", "Changed her mind"),
        _ when t == typeof(ConsentPolicy) => Policy.Consent,
        _ when t == typeof(EpisodePolicy) => Policy,
        _ when t == typeof(TimeProvider) => Seeds.Time,
        _ when t == typeof(ISharingService) => Policy.Sharing,
        _ when t == typeof(SharingService) => new SharingService(Audit, Seeds.Time),
        _ when t == typeof(ISharingAuditLog) || t == typeof(InMemorySharingAuditLog) => Audit,
        _ when t == typeof(CafEpisode) => Seeds.PlanActive(),
        _ when t == typeof(Caf.Core.Planning.ActionPlan) => Seeds.PlanActive().Plan, // a plan the episode accepted, so members reach past the plan's guard
        _ when t == typeof(EpisodeSnapshot) => EpisodeJson.ToSnapshot(Seeds.PlanActive()),
        _ when t == typeof(EpisodeSummary) => EpisodeSummary.Of(Seeds.PlanActive()),
        _ when t == typeof(EpisodeUpdate) => new EpisodeUpdate(Seeds.PlanActive(), 1),
        _ when t == typeof(IEpisodeRepository) || t == typeof(InMemoryEpisodeRepository) => Repository,
        _ when t == typeof(CafRegister) => Register,
        _ when t == typeof(Registration) => Register.IdentifyConcernAsync(new EpisodeId("ep-3"), Seeds.NineYearOld, Seeds.HealthVisitor, "Weight loss").AsTask().GetAwaiter().GetResult(),
        _ when t == typeof(RegisterAnswer) => Register.FindOpenAsync(TestIds.Child, Seeds.HealthVisitor).AsTask().GetAwaiter().GetResult(),
        _ when t == typeof(CafEvent) => AnEvent(),
        _ when t == typeof(LeadProfessionalCandidate) => Seeds.Nominee(TestIds.HealthVisitor, TestIds.HealthVisiting),
        _ when t == typeof(LeadProfessionalSelectionRequest) => Request(),
        _ when t == typeof(LeadProfessionalSelector) => new LeadProfessionalSelector(new LeadProfessionalOptions(), Policy.Sharing),
        _ when t == typeof(LeadProfessionalSelection) => new LeadProfessionalSelector(new LeadProfessionalOptions(), Policy.Sharing).Select(Request()),
        _ when t == typeof(RankedCandidate) => new LeadProfessionalSelector(new LeadProfessionalOptions(), Policy.Sharing).Select(Request()).Ranked[0],
        _ when t == typeof(IPractitionerDirectory) => new Directory(),
        _ when t == typeof(ThresholdMatcher) => Matcher,
        _ when t == typeof(ThresholdResult) => Matcher.Assess(["LEI-01", "LEI-07", "LEI-10", "BFD-09"]).Value,
        _ when t == typeof(ThresholdFramework) => Matcher.Framework,
        _ when t == typeof(ThresholdLoadResult) => BoundaryWorld.Loader.Load(BoundaryWorld.Loader.DefaultJson()),
        _ when t == typeof(AssessmentSummary) => Seeds.Level3,
        _ when t == typeof(SpecialistService) => new SpecialistService("Children's social care"),
        _ when t == typeof(LocalAuthority) => new LocalAuthority("Leeds City Council"),
        _ when t == typeof(FamilyAgreement) => new FamilyAgreement("Ms Smith and Amy agreed at the TAC meeting."),
        _ when t == typeof(Refusal) => new Refusal("X-01", "Refused.", "field"),
        _ when t == typeof(Result) => Result.Ok,
        _ when t == typeof(Ardalis.Specification.ISpecification<EpisodeSummary>) => new OpenEpisodesByLeadProfessionalAgencySpec(Support.TestIds.School),
        _ when t == typeof(IServiceCollection) => new ServiceCollection(),
        _ when t == typeof(OutcomesAnswer) => new OutcomesAnswer(OutcomesQuestion.GettingOnWell, OutcomesRating.Ok, "Better at school."),
        _ when t == typeof(OutcomesCompletion) => Completion(DateOnly.FromDateTime(Seeds.Start.UtcDateTime), OutcomesRespondent.Child, OutcomesRating.NotGood),
        _ when t == typeof(ImmutableArray<OutcomesRating>) => ImmutableArray.CreateRange(Enumerable.Repeat(OutcomesRating.Ok, 7)),
        _ when t == typeof(DistanceTravelled) => DistanceTravelled.Between(
            Completion(new DateOnly(2026, 3, 2), OutcomesRespondent.Child, OutcomesRating.NotGood), Completion(new DateOnly(2026, 6, 1), OutcomesRespondent.Child, OutcomesRating.Good)).Value,
        _ when t == typeof(Caf.Core.Reporting.ReportOutcomes) => new Caf.Core.Reporting.ReportOutcomes(
            2, new DateOnly(2026, 6, 1), new DateOnly(2026, 6, 1), true, [.. Enumerable.Repeat(OutcomesRating.NotGood, 7)], [.. Enumerable.Repeat(OutcomesRating.Good, 7)]),
        _ when t == typeof(Stream) => new MemoryStream(Encoding.UTF8.GetBytes(BoundaryWorld.Loader.DefaultJson())),
        _ when t == typeof(Caf.Core.Panels.PanelReferralId) => new Caf.Core.Panels.PanelReferralId("ref-1"),
        _ when t == typeof(Caf.Core.Panels.PanelId) => Panels.PanelFixtures.North.Id,
        _ when t == typeof(Caf.Core.Panels.PanelSlotId) => new Caf.Core.Panels.PanelSlotId("ref-1"),
        _ when t == typeof(Caf.Core.Panels.Panel) => Panels.PanelFixtures.North,
        _ when t == typeof(Caf.Core.Panels.PanelReferral) => PanelReferral(),
        _ when t == typeof(Caf.Core.Panels.PanelBooking) => PanelBooking(),
        _ when t == typeof(Caf.Core.Panels.PanelDecision) => Caf.Core.Panels.PanelDecision.Allocate(PanelBooking(), EpisodePanels.Chair,
            [EpisodePanels.HealthVisitingService, EpisodePanels.Youth], EpisodePanels.HealthVisitorLead).Value,
        _ => null,
    };

    // PANEL-01, PANEL-02: a complete referral of ep-1 (the sweep's episodes) to MAAG North, dated at the seeds' start.
    private static Caf.Core.Panels.PanelReferral PanelReferral() =>
        new(new Caf.Core.Panels.PanelReferralId("ref-1"), new EpisodeId("ep-1"), "north", Seeds.Teacher, Seeds.Start)
        {
            Reason = Caf.Core.Panels.PanelReferralReason.VariedOrComplexNeeds,
            WrittenConsentToShare = true,
            IdentifiedNeeds = ["Falling attendance"],
            DesiredOutcome = "Amy attends school every day.",
            SmartGoals = ["Attendance above 95% by the end of term"],
        };

    // ref-1 on a MAAG North meeting on the seeds' first day (so a decision is recorded on or after it).
    private static Caf.Core.Panels.PanelBooking PanelBooking() =>
        new(new Caf.Core.Panels.PanelSlotRequest(new Caf.Core.Panels.PanelSlotId("ref-1"), new Caf.Core.Panels.PanelReferralId("ref-1"), new EpisodeId("ep-1"), "north",
                Caf.Core.Panels.PanelSlotOrigin.Referral, Seeds.Start, Panels.PanelFixtures.MaagMembers),
            new Caf.Core.Panels.PanelMeeting(Panels.PanelFixtures.North.Id, "north", DateOnly.FromDateTime(Seeds.Start.UtcDateTime)), 20);

    /// <summary>OUTQ-01: a completion with every question rated the same.</summary>
    public static OutcomesCompletion Completion(DateOnly on, OutcomesRespondent by, OutcomesRating rating) =>
        OutcomesCompletion.Create(on, by, OutcomesQuestionnaire.Questions.Select(q => new OutcomesAnswer(q, rating))).Value;

    private static ConsentRecorded AnEvent() => new(new EpisodeId("ep-1"), Seeds.Start, Seeds.Teacher, Seeds.MotherWritten(), "Consent to assess and share.");

    private static LeadProfessionalSelectionRequest Request() =>
        new(new EpisodeId("ep-1"), ConsentState.Empty.With(Seeds.MotherWritten()), Seeds.Teacher)
        {
            Candidates = [Seeds.Nominee(TestIds.HealthVisitor, TestIds.HealthVisiting), Seeds.Nominee(TestIds.Teacher, TestIds.School)],
        };

    /// <summary>The adversarial values of a type (label, value): null, default ids, empty and huge strings, out-of-range enums and dates.</summary>
    public static IEnumerable<(string Label, object? Value)> Bad(Type t)
    {
        var underlying = Nullable.GetUnderlyingType(t);
        if (!t.IsValueType || underlying is not null)
        {
            yield return ("null", null);
        }

        t = underlying ?? t;
        if (t == typeof(string))
        {
            yield return ("\"\"", "");
            yield return ("whitespace", " \t ");
            yield return ("1 MB string", Big);
        }
        else if (t.IsEnum)
        {
            yield return ("(enum)99", Enum.ToObject(t, 99));
            yield return ("(enum)-1", Enum.ToObject(t, -1));
        }
        else if (t == typeof(Actor))
        {
            yield return ("default(Actor)", default(Actor));
            yield return ("Actor with default agency", new Actor(TestIds.Teacher, default));
        }
        else if (t == typeof(ChildId) || t == typeof(EpisodeId) || t == typeof(AgencyId) || t == typeof(PractitionerId))
        {
            yield return ($"default({t.Name})", Activator.CreateInstance(t));
        }
        else if (t == typeof(int))
        {
            yield return ("-1", -1);
            yield return ("int.MinValue", int.MinValue);
            yield return ("int.MaxValue", int.MaxValue);
        }
        else if (t == typeof(long))
        {
            yield return ("long.MinValue", long.MinValue);
            yield return ("long.MaxValue", long.MaxValue);
        }
        else if (t == typeof(double))
        {
            yield return ("NaN", double.NaN);
            yield return ("-Infinity", double.NegativeInfinity);
            yield return ("+Infinity", double.PositiveInfinity);
            yield return ("-1.0", -1.0);
            yield return ("double.MaxValue", double.MaxValue);
        }
        else if (t == typeof(DateOnly))
        {
            yield return ("DateOnly.MinValue", DateOnly.MinValue);
            yield return ("DateOnly.MaxValue", DateOnly.MaxValue);
        }
        else if (t == typeof(DateTimeOffset))
        {
            yield return ("DateTimeOffset.MinValue", DateTimeOffset.MinValue);
            yield return ("DateTimeOffset.MaxValue", DateTimeOffset.MaxValue);
            yield return ("year 9999", new DateTimeOffset(9999, 12, 31, 12, 0, 0, TimeSpan.Zero));
        }
        else if (t == typeof(DateTime))
        {
            yield return ("DateTime.MinValue", DateTime.MinValue);
            yield return ("DateTime.MaxValue", DateTime.MaxValue);
        }
        else if (t == typeof(TimeProvider))
        {
            yield return ("clock at year 9999", new FakeTimeProvider(new DateTimeOffset(9999, 12, 31, 12, 0, 0, TimeSpan.Zero)));
            yield return ("clock at year 1", new FakeTimeProvider(new DateTimeOffset(1, 1, 2, 0, 0, 0, TimeSpan.Zero)));
        }
        else if (t.IsGenericType && t.GetGenericTypeDefinition() == typeof(ImmutableArray<>))
        {
            var element = t.GetGenericArguments()[0];
            yield return ("default ImmutableArray", Activator.CreateInstance(t));
            yield return ("empty ImmutableArray", MakeImmutableArray(element, []));
            yield return (element.IsValueType ? "[default]" : "[null]", MakeImmutableArray(element, [element.IsValueType ? Activator.CreateInstance(element) : null]));
        }
        else if (EnumerableElement(t) is { } el)
        {
            yield return ("empty", Array.CreateInstance(el, 0));
            yield return (el.IsValueType ? "[default]" : "[null]", Array.CreateInstance(el, 1));
        }
    }

    /// <summary>
    /// Instances of a Caf.Core type that its public constructors and setters accepted although one argument was
    /// adversarial (for an abstract type: of its concrete subtypes). Handed on, they must be refused or accepted
    /// downstream, never crash.
    /// </summary>
    public IEnumerable<(string Label, object? Value)> AcceptedBad(Type t)
    {
        if (t.Assembly != typeof(CafEpisode).Assembly || t.IsEnum || t.ContainsGenericParameters
            || t == typeof(CafEpisode) || t == typeof(CafRegister) || t == typeof(InMemoryEpisodeRepository))
        {
            yield break;
        }

        var types = t.IsAbstract
            ? t.Assembly.GetExportedTypes().Where(s => !s.IsAbstract && t.IsAssignableFrom(s))
            : [t];
        foreach (var type in types)
        {
            foreach (var ctor in type.GetConstructors().Where(c => c.GetParameters().Length > 0 && c.GetParameters().All(q => !q.ParameterType.IsByRefLike)))
            {
                var ps = ctor.GetParameters();
                for (var i = 0; i < ps.Length; i++)
                {
                    foreach (var (label, bad) in Bad(ps[i].ParameterType))
                    {
                        var args = ps.Select(q => Valid(q.ParameterType, q, ctor, 1)).ToArray();
                        args[i] = bad;
                        object? made;
                        try
                        {
                            made = ctor.Invoke(args);
                        }
                        catch (TargetInvocationException)
                        {
                            continue; // refused at construction: nothing to hand on
                        }

                        yield return ($"{type.Name}({ps[i].Name}={label})", made);
                    }
                }
            }

            foreach (var property in type.GetProperties().Where(q => q.SetMethod is { IsPublic: true }))
            {
                foreach (var (label, bad) in Bad(property.PropertyType))
                {
                    var made = Valid(type, null, null, 0);
                    if (made is null)
                    {
                        break;
                    }

                    try
                    {
                        property.SetValue(made, bad);
                    }
                    catch (TargetInvocationException)
                    {
                        continue;
                    }

                    yield return ($"{type.Name}{{{property.Name}={label}}}", made);
                }
            }
        }
    }

    public static Type? EnumerableElement(Type t)
    {
        if (t.IsArray)
        {
            return t.GetElementType();
        }

        if (t.IsGenericType && t.GetGenericArguments().Length == 1 && t.IsInterface
            && typeof(IEnumerable).IsAssignableFrom(t) && t.IsAssignableFrom(t.GetGenericArguments()[0].MakeArrayType()))
        {
            return t.GetGenericArguments()[0];
        }

        return null;
    }

    public static object MakeImmutableArray(Type element, object?[] items)
    {
        var array = Array.CreateInstance(element, items.Length);
        for (var i = 0; i < items.Length; i++)
        {
            array.SetValue(items[i], i);
        }

        var create = typeof(ImmutableArray).GetMethods()
            .Single(x => x.Name == nameof(ImmutableArray.Create) && x.GetParameters() is [{ ParameterType.IsArray: true }])
            .MakeGenericMethod(element);
        return create.Invoke(null, [array])!;
    }

    /// <summary>A practitioner directory for the selector's async entry point (a host port, not Caf.Core code).</summary>
    private sealed class Directory : IPractitionerDirectory
    {
        public ValueTask<ImmutableArray<LeadProfessionalCandidate>> GetCandidatesAsync(EpisodeId episode, CancellationToken cancellationToken = default) =>
            new([Seeds.Nominee(TestIds.HealthVisitor, TestIds.HealthVisiting)]);

        public ValueTask<ImmutableDictionary<AgencyId, int>> GetLeadRolesByAgencyAsync(CancellationToken cancellationToken = default) =>
            new(ImmutableDictionary<AgencyId, int>.Empty);
    }
}
