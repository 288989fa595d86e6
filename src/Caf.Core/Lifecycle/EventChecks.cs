using System;
using System.Collections.Immutable;
using Caf.Core.Consent;
using Caf.Core.Events;
using Caf.Core.Lifecycle.Events;
using Caf.Core.Primitives;

namespace Caf.Core.Lifecycle;

/// <summary>
/// The content checks of an event, whoever made it: what a command's argument guards ensure live, checked
/// again on every stored event (LIFE-11: who, when and why; non-empty texts, valid ids, defined enum values,
/// timestamps in order and within a sane range). A stored history that fails any is refused, never half-read.
/// </summary>
internal static partial class EventChecks
{
    /// <summary>The earliest time an event may carry.</summary>
    public static readonly DateTimeOffset Earliest = new(1900, 1, 1, 0, 0, 0, TimeSpan.Zero);

    /// <summary>The first time an event may no longer carry.</summary>
    public static readonly DateTimeOffset Latest = new(2200, 1, 1, 0, 0, 0, TimeSpan.Zero);

    public static bool IsSaneTime(DateTimeOffset t) => t >= Earliest && t < Latest;

    /// <summary>
    /// A clock reading cut to whole microseconds, the finest time PostgreSQL's <c>timestamptz</c> keeps: events are
    /// recorded at this precision, so the episode, its stored columns and its replay agree on every database. Stored
    /// events with finer times (written before) still replay: their own times are judged as they are.
    /// </summary>
    public static DateTimeOffset ToStoredPrecision(DateTimeOffset t) =>
        new(t.Ticks - (t.Ticks % TimeSpan.TicksPerMicrosecond), t.Offset);

    /// <summary>Checks an opening event (concern identified or potential CAF registered).</summary>
    public static Refusal? Opening(CafEvent e)
    {
        if (Common(e, e.EpisodeId) is { } common)
        {
            return common;
        }

        var (child, links) = e switch
        {
            ConcernIdentified c => (c.Child, c.PreviousEpisodes),
            PotentialCafRegistered p => (p.Child, p.PreviousEpisodes),
            _ => (null, default),
        };
        if (child is null || child.Id.IsDefault)
        {
            return Bad("The opening event needs the child and the child's id.", "child");
        }

        if (child.DateOfBirth is { } born && born > DateOnly.FromDateTime(e.OccurredAt.UtcDateTime))
        {
            return Bad("The child's date of birth is after the episode opened.", "child.dateOfBirth");
        }

        if (SortedDistinctIds(links) is { } linkProblem)
        {
            return Bad("Linked earlier episodes " + linkProblem, "previousEpisodes");
        }

        return e switch
        {
            ConcernIdentified c => Text(c.Concern, "concern"),
            PotentialCafRegistered p => StepDown(p.Information)
                ?? (p.FamilyPreferredLeadProfessional is { IsDefault: true } ? Bad("The preferred lead professional needs an id.", "familyPreferredLeadProfessional") : null),
            _ => null,
        };
    }

    /// <summary>Checks an event after the opening one against the episode it would join.</summary>
    public static Refusal? Following(CafEvent e, EpisodeId episode, DateTimeOffset previous)
    {
        if (Common(e, episode) is { } common)
        {
            return common;
        }

        if (e.OccurredAt < previous)
        {
            return Bad($"Events are recorded in time order: this one ({e.OccurredAt:u}) is earlier than the one before it ({previous:u}).", "occurredAt");
        }

        return e switch
        {
            ConsentRecorded c => Record(c.Record) ?? Text(c.Reason, "reason"),
            AssessmentStarted s => Text(s.Reason, "reason"),
            ConsentExclusionLifted l => l.Lift is null ? Bad("The lift is missing.", "lift")
                : l.Lift.Agency.IsDefault ? Bad("The lifted agency needs an id.", "lift.agency")
                : Defined(l.Lift.LiftedBy, "lift.liftedBy") ?? Text(l.Lift.GiverName, "lift.giverName") ?? Text(l.Lift.Reason, "lift.reason"),
            AssessmentCompleted a => a.Summary is null ? Bad("The assessment summary is missing.", "summary") : Summary(a.Summary) ?? Text(a.Reason, "reason"),
            NextStepChosen n => Defined(n.Step, "step") ?? Text(n.Reason, "reason"),
            ReferredToPanel r => Referral(r),
            PanelDecisionRecorded d => PanelDecision(d),
            PanelServiceStartConfirmed c => ServiceStart(c),
            LeadProfessionalNominated n => n.Practitioner.IsDefault ? Bad("The nominee needs an id.", "practitioner")
                : n.Agency.IsDefault ? Bad("The nominee's agency needs an id.", "agency")
                : n.CurrentLeadCaseload < 0 ? Bad("A caseload cannot be negative.", "currentLeadCaseload")
                : Text(n.Reason, "reason"),
            NominationConfirmedBySupervisor c => c.Supervisor.IsDefault ? Bad("The supervisor needs an id.", "supervisor") : Text(c.Reason, "reason"),
            NominationAgreedByFamily a => Text(a.Agreement, "agreement"),
            PlanAgreed p => p.Plan is null ? Bad("The plan is missing.", "plan") : Text(p.Reason, "reason"),
            PlanRevised p => p.Plan is null ? Bad("The plan is missing.", "plan") : Text(p.Reason, "reason"),
            ReviewHeld r => r.Review is null ? Bad("The review is missing.", "review")
                : r.Escalations.IsDefault ? Bad("The escalations must be a list.", "escalations")
                : r.PlanVersion < 1 ? Bad("The review names the plan version it reviews.", "planVersion")
                : Escalations(r.Escalations),
            StepDownTacDecided d => d.Decision is null ? Bad("The decision is missing.", "decision") : Text(d.Reason, "reason"),
            ReassessmentRequired r => Text(r.Reason, "reason"),
            SteppedUp s => Text(s.SpecialistService, "specialistService") ?? Text(s.Reason, "reason"),
            ConsentWithdrawalRecorded w => w.Withdrawal is null ? Bad("The withdrawal is missing.", "withdrawal")
                : Defined(w.Withdrawal.WithdrawnBy, "withdrawal.withdrawnBy")
                ?? (w.Withdrawal.Reason is null ? Bad("The withdrawal's reason must be text (it may be empty).", "withdrawal.reason") : null),
            ConsentOverrideRecorded o => o.Override is null ? Bad("The override is missing.", "override")
                : o.Override.DecidedBy.IsDefault ? Bad("The override names who decided.", "override.decidedBy")
                : Text(o.Override.SafeguardingJustification, "override.safeguardingJustification"),
            EpisodeClosed c => c.Request is null ? Bad("The closure request is missing.", "request")
                : Defined(c.Outcome, "outcome") ?? Text(c.Request.OutcomeCode, "request.outcomeCode"),
            EpisodeTransferredOut t => Text(t.ReceivingAuthority, "receivingAuthority") ?? Text(t.Reason, "reason"),
            EpisodeTransferredToAuthority t => Authority(t.ReceivingAuthority, "receivingAuthority")
                ?? (t.ReceivingEpisode.IsDefault || t.ReceivingEpisode == t.EpisodeId ? Bad("The transfer names the receiving authority's new episode.", "receivingEpisode") : null)
                ?? (t.ReceivingService.IsDefault ? Bad("The transfer names the receiving authority's service.", "receivingService") : null)
                ?? Text(t.Reason, "reason") ?? Received(t.Shared, "shared"),
            EpisodeTransferredIn t => Authority(t.SendingAuthority, "sendingAuthority")
                ?? (t.SendingEpisode.IsDefault || t.SendingEpisode == t.EpisodeId ? Bad("The transfer names the sending authority's episode.", "sendingEpisode") : null)
                ?? Received(t.Received, "received"),
            LinkedToFamilyGroup f => Text(f.FamilyGroup, "familyGroup"),
            UnlinkedFromFamilyGroup u => Text(u.FamilyGroup, "familyGroup")
                ?? (u.Agency.IsDefault ? Bad("The unlink names the agency the link may no longer reach.", "agency") : null)
                ?? Text(u.RuleId, "ruleId") ?? Text(u.Reason, "reason"),
            OutcomesQuestionnaireRecorded q => Completion(q.Completion),
            _ when CafEpisode.IsPanelAftercare(e) => CafEpisode.AftercareContent(e),
            ReferredToAgencyWithCaf r => r.Agency.IsDefault ? Bad("The referral names the agency.", "agency") : Text(r.Service, "service") ?? Text(r.Reason, "reason"),
            NextStepsReviewed r => r.Supervisor.IsDefault ? Bad("The review names the supervisor.", "supervisor")
                : r.CafLead.IsDefault ? Bad("The review names the local CAF lead.", "cafLead") : Text(r.Agreed, "agreed"),
            FamilyCopyGiven c => Text(c.GivenTo, "givenTo") ?? Text(c.How, "how"),

            FamilyAssessmentRecorded f => Text(f.FamilyGroup, "familyGroup") ?? FamilyPart(f.Part) ?? Text(f.Reason, "reason"),
            FamilyAssessmentReused r => Text(r.FamilyGroup, "familyGroup")
                ?? (r.Source.IsDefault || r.Source == r.EpisodeId ? Bad("The part is reused from another episode of the family group.", "source") : null)
                ?? (r.RecordedBy.IsDefault ? Bad("The reused part names who recorded it.", "recordedBy") : null)
                ?? (!IsSaneTime(r.RecordedAt) || r.RecordedAt > r.OccurredAt ? Bad("The part was recorded before it was reused.", "recordedAt") : null)
                ?? FamilyPart(r.Part) ?? Text(r.Reason, "reason"),
            _ => null,
        };
    }

    // REV-04: what ReviewRecord.EscalationsAgainst makes: an action id, its owner and agency, raised by a practitioner of an agency.
    private static Refusal? Escalations(ImmutableArray<Caf.Core.Planning.ActionEscalation> escalations)
    {
        for (var i = 0; i < escalations.Length; i++)
        {
            var field = $"escalations[{i}]";
            if (escalations[i] is not { } escalation)
            {
                return Bad("An escalation is missing.", field);
            }

            if (Text(escalation.ActionId, field + ".actionId") is { } action)
            {
                return action;
            }

            if (escalation.Owner.IsDefault || escalation.Agency.IsDefault)
            {
                return Bad("An escalation names the action's owner and agency.", field + (escalation.Owner.IsDefault ? ".owner" : ".agency"));
            }

            if (escalation.RaisedBy.IsDefault)
            {
                return Bad("An escalation is raised by a practitioner of an agency (the lead professional).", field + ".raisedBy");
            }
        }

        return null;
    }

    private static Refusal? Common(CafEvent e, EpisodeId episode)
    {
        if (e.EpisodeId.IsDefault || e.EpisodeId != episode)
        {
            return Bad($"The event belongs to episode {e.EpisodeId}, not {episode}.", "episodeId");
        }

        if (e.Actor.IsDefault)
        {
            return Bad("Every event records who made it: a practitioner and an agency.", "actor");
        }

        if (e.IdempotencyKey is { IsDefault: true })
        {
            return Bad("An idempotency key, when present, needs a value.", "idempotencyKey");
        }

        return IsSaneTime(e.OccurredAt)
            ? null
            : Bad($"The event's time {e.OccurredAt:u} is outside {Earliest.Year}–{Latest.Year - 1}.", "occurredAt");
    }

    private static Refusal? Record(ConsentRecord? r)
    {
        if (r is null)
        {
            return Bad("The consent record is missing.", "record");
        }

        if ((Defined(r.GiverRole, "record.giverRole") ?? Defined(r.Decision, "record.decision") ?? Defined(r.Form, "record.form")
            ?? Text(r.GiverName, "record.giverName")) is { } problem)
        {
            return problem;
        }

        if (r.RecordedBy is { IsDefault: true })
        {
            return Bad("The practitioner who recorded consent needs an id.", "record.recordedBy");
        }

        if (r.RecordedAt is { } at && !IsSaneTime(at))
        {
            return Bad($"The consent's time {at:u} is outside {Earliest.Year}–{Latest.Year - 1}.", "record.recordedAt");
        }

        foreach (var agency in r.ExcludedAgencies)
        {
            if (agency.IsDefault)
            {
                return Bad("Every excluded agency needs an id.", "record.excludedAgencies");
            }
        }

        return null;
    }

    // OUTQ-01: what OutcomesCompletion.Create makes: a defined respondent and the seven answers in question order.
    private static Refusal? Completion(Caf.Core.Outcomes.OutcomesCompletion? c)
    {
        if (c is null)
        {
            return Bad("The completion is missing.", "completion");
        }

        if (Defined(c.AnsweredBy, "completion.answeredBy") is { } respondent)
        {
            return respondent;
        }

        var questions = Caf.Core.Outcomes.OutcomesQuestionnaire.Questions;
        if (c.Answers.IsDefault || c.Answers.Length != questions.Length)
        {
            return Bad($"A completion holds exactly {questions.Length} answers.", "completion.answers");
        }

        for (var i = 0; i < questions.Length; i++)
        {
            if (c.Answers[i].Question != questions[i] || !Enum.IsDefined(c.Answers[i].Rating))
            {
                return Bad($"Answer {i + 1} must answer question {i + 1} with a defined rating.", "completion.answers");
            }
        }

        return null;
    }

    private static Refusal? Summary(AssessmentSummary s)
    {
        foreach (var id in s.IndicatorIds)
        {
            if (string.IsNullOrWhiteSpace(id))
            {
                return Bad("Every observed indicator needs an id.", "summary.indicatorIds");
            }
        }

        return null;
    }

    private static Refusal? StepDown(Caf.Core.StepDown.StepDownInformation? information)
    {
        if (information is null)
        {
            return Bad("The step-down information is missing.", "information");
        }

        // STEP-01: a stored registration holds every core item, as the command requires.
        var complete = information.Validate();
        return complete.IsRefused ? new Refusal("STEP-01", complete.Refusal.Message, "information") : null;
    }

    // The commands store id lists sorted and distinct; anything else was not made by a command.
    private static string? SortedDistinctIds<TId>(ImmutableArray<TId> ids)
        where TId : struct, IComparable<TId>, IEquatable<TId>
    {
        if (ids.IsDefault)
        {
            return "must be a list.";
        }

        for (var i = 0; i < ids.Length; i++)
        {
            if (ids[i].Equals(default))
            {
                return "need valid ids.";
            }

            if (i > 0 && ids[i - 1].CompareTo(ids[i]) >= 0)
            {
                return "must be sorted and distinct.";
            }
        }

        return null;
    }

    private static Refusal? Text(string? value, string field) =>
        string.IsNullOrWhiteSpace(value) ? Bad("The text must not be empty (LIFE-11: every event says why).", field) : null;

    private static Refusal? Defined<TEnum>(TEnum value, string field)
        where TEnum : struct, Enum =>
        Enum.IsDefined(value) ? null : Bad($"{Convert.ToInt64(value, System.Globalization.CultureInfo.InvariantCulture)} is not a {typeof(TEnum).Name}.", field);

    private static Refusal Bad(string message, string field) => new("LIFE-11", message, field);

    // RET-02: an authority id as AuthorityId keeps it (lower case, docs/authorities.md).
    private static Refusal? Authority(string? value, string field) =>
        AuthorityId.IsValid(value) && new AuthorityId(value!).Value == value ? null : Bad($"'{value}' is not an authority id as stored (docs/authorities.md).", field);

    // SHARE-02: what a transfer hands over always identifies the child, and names only known categories.
    private static Refusal? Received(Caf.Core.Consent.InformationCategories categories, string field) =>
        (categories & Caf.Core.Consent.InformationCategories.Identity) == 0 || (categories & ~AllCategories) != 0
            ? Bad("A transfer hands over the child's identity and only known information categories.", field)
            : null;

    private static readonly Caf.Core.Consent.InformationCategories AllCategories = System.Linq.Enumerable.Aggregate(
        Enum.GetValues<Caf.Core.Consent.InformationCategories>(), Caf.Core.Consent.InformationCategories.None, (a, b) => a | b);

    // REG-03: the family and environmental part as the constructor makes it (a stored one may lack what it guards).
    private static Refusal? FamilyPart(Caf.Core.Register.FamilyAssessment? part) =>
        part is null ? Bad("The family and environmental part is missing.", "part")
        : Text(part.FrameworkId, "part.frameworkId") ?? Text(part.FrameworkVersion, "part.frameworkVersion") ?? Text(part.Summary, "part.summary")
        ?? (part.IndicatorIds.IsDefault || System.Linq.Enumerable.Any(part.IndicatorIds, string.IsNullOrWhiteSpace) ? Bad("The part's indicator ids must be a list of ids.", "part.indicatorIds") : null);
}
