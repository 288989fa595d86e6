using System;
using System.Collections.Immutable;
using System.Linq;
using Caf.Core.Closure;
using Caf.Core.Consent;
using Caf.Core.Lifecycle;
using Caf.Core.Primitives;
using FsCheck;
using FsCheck.Fluent;
using Result = Caf.Core.Primitives.Result;

namespace Caf.Core.Tests.Support;

/// <summary>A named command on an episode, valid or not in any given state, for property tests.</summary>
public sealed record EpisodeCommand(string Name, Func<CafEpisode, Result> Run)
{
    public override string ToString() => Name;
}

/// <summary>FsCheck generators: random sequences of commands, valid and invalid.</summary>
public static class EpisodeCommands
{
    private static readonly Actor Teacher = Seeds.Teacher;
    private static readonly PractitionerId Supervisor = new("pr-supervisor");

    public static readonly ImmutableArray<EpisodeCommand> All =
    [
        new("consent: mother verbal", e => e.RecordConsent(Teacher, Seeds.MotherVerbal())),
        new("consent: mother written", e => e.RecordConsent(Teacher, Seeds.MotherWritten())),
        new("consent: mother written excluding CAMHS", e => e.RecordConsent(Teacher, Seeds.MotherWritten(TestIds.Camhs))),
        new("consent: mother refuses", e => e.RecordConsent(Teacher, Seeds.MotherVerbal() with { Decision = ConsentDecision.Refused })),
        new("start assessment", e => e.StartAssessment(Teacher)),
        new("complete assessment", e => e.CompleteAssessment(Teacher, Seeds.Level3)),
        new("choose NFA", e => e.ChooseNextStep(Teacher, NextStep.NoFurtherAction, "met")),
        new("choose family action", e => e.ChooseNextStep(Teacher, NextStep.FamilyAction, "family")),
        new("choose single agency", e => e.ChooseNextStep(Teacher, NextStep.SingleAgencySupport, "school")),
        new("choose multi-agency", e => e.ChooseNextStep(Teacher, NextStep.MultiAgencySupport, "many")),
        new("refer to panel", e => e.ReferToPanel(Teacher, "MAAG North", "complex")),
        new("appoint health visitor", e => e.AppointLeadProfessional(Teacher, Caf.Core.Tests.Support.Seeds.Nominee(TestIds.HealthVisitor, TestIds.HealthVisiting), Supervisor, "agreed", "weekly contact")),
        new("appoint CAMHS worker", e => e.AppointLeadProfessional(Teacher, Caf.Core.Tests.Support.Seeds.Nominee(new PractitionerId("pr-camhs"), TestIds.Camhs), Supervisor, "agreed", "therapy")),
        new("nominate health visitor", e => e.NominateLeadProfessional(Teacher, Caf.Core.Tests.Support.Seeds.Nominee(TestIds.HealthVisitor, TestIds.HealthVisiting), "weekly contact")),
        new("nominate CAMHS worker", e => e.NominateLeadProfessional(Teacher, Caf.Core.Tests.Support.Seeds.Nominee(new PractitionerId("pr-camhs"), TestIds.Camhs), "therapy")),
        new("supervisor confirms", e => e.ConfirmNomination(Teacher, Supervisor)),
        new("family agrees", e => e.RecordFamilyAgreement(Teacher, "mother agreed")),
        new("appoint without supervisor", e => e.AppointLeadProfessional(Teacher, Caf.Core.Tests.Support.Seeds.Nominee(TestIds.Teacher, TestIds.School), null, "agreed", "x")),
        new("agree plan: school", e => e.AgreePlan(Teacher, ["attends"], [TestIds.School], false, new DateOnly(2026, 6, 1))),
        new("agree plan: school + health", e => e.AgreePlan(Teacher, ["attends", "gains weight"], [TestIds.School, TestIds.HealthVisiting], false, new DateOnly(2026, 6, 1))),
        new("agree plan: family", e => e.AgreePlan(Teacher, ["routines"], [], true, new DateOnly(2026, 6, 1))),
        new("agree plan: CAMHS", e => e.AgreePlan(Teacher, ["calmer"], [TestIds.Camhs], false, new DateOnly(2026, 6, 1))),
        new("review: sufficient", e => e.HoldReview(Teacher, ReviewProgress.Sufficient, "ok", new DateOnly(2026, 8, 1))),
        new("review: insufficient", e => e.HoldReview(Teacher, ReviewProgress.Insufficient, "stuck", new DateOnly(2026, 8, 1))),
        new("review: no next date", e => e.HoldReview(Teacher, ReviewProgress.Sufficient, "ok", null)),
        new("require reassessment", e => e.RequireReassessment(Teacher, "no progress")),
        new("step up", e => e.StepUp(Teacher, "CSC", "significant harm")),
        new("withdraw consent", e => e.WithdrawConsent(Teacher, new ConsentWithdrawal(ConsentGiverRole.ParentWithParentalResponsibility, "moving on"))),
        new("override consent", e => e.OverrideConsent(Teacher, new ConsentOverride("risk of neglect", new PractitionerId("pr-dsl")))),
        new("close: resolved other", e => e.Close(Teacher, ClosureOutcome.ResolvedOther, "declined")),
        new("close: multi-agency", e => e.Close(Teacher, ClosureOutcome.ResolvedMultiAgency, "outcomes met")),
        new("close: single service", e => e.Close(Teacher, ClosureOutcome.ResolvedSingleService, "outcomes met")),
        new("close: family", e => e.Close(Teacher, ClosureOutcome.ResolvedFamilyActions, "outcomes met")),
        new("close: consent withdrawn", e => e.Close(Teacher, ClosureOutcome.ConsentWithdrawn, "withdrawn")),
        new("close: stepped up", e => e.Close(Teacher, ClosureOutcome.SteppedUp, "x")),
        new("transfer out", e => e.TransferOut(Teacher, "Leeds", "moved")),
        new("link family", e => e.LinkToFamily(Teacher, "family-smith")),
    ];

    private static readonly string[] HappyPath =
    [
        "consent: mother written", "start assessment", "complete assessment", "choose multi-agency",
        "appoint health visitor", "agree plan: school + health", "review: insufficient", "review: sufficient",
    ];

    // Ending commands are rare so that sequences reach the later states before they end.
    private static readonly string[] Endings =
    [
        "choose NFA", "step up", "override consent", "transfer out", "close: resolved other", "close: multi-agency",
        "close: single service", "close: family", "close: consent withdrawn", "withdraw consent",
    ];

    private static EpisodeCommand Named(string name) => All.Single(c => c.Name == name);

    /// <summary>
    /// A random prefix of the happy path, with random commands interleaved, then a random tail: valid and
    /// invalid commands in every state, including the late ones.
    /// </summary>
    public static Arbitrary<EpisodeCommand[]> Sequences()
    {
        var any = Gen.Frequency(
            (12, Gen.Elements(All.Where(c => !Endings.Contains(c.Name)).AsEnumerable())),
            (1, Gen.Elements(All.Where(c => Endings.Contains(c.Name)).AsEnumerable())));
        var step = Gen.Frequency((3, Gen.Constant(Array.Empty<EpisodeCommand>())), (1, any.Select(c => new[] { c })));
        var gen =
            from prefixLength in Gen.Choose(0, HappyPath.Length)
            from noise in step.ArrayOf(prefixLength)
            from tail in any.ArrayOf()
            select HappyPath.Take(prefixLength).Select(Named).Zip(noise, (h, n) => n.Prepend(h)).SelectMany(x => x)
                .Concat(tail.Take(30)).ToArray();
        return Arb.From(gen);
    }

    /// <summary>Whether to start from a concern or from a step-down.</summary>
    public static Arbitrary<bool> Bools() => ArbMap.Default.ArbFor<bool>();
}
