using System;
using System.Linq;
using System.Text.Json;
using System.Text.Json.Nodes;
using Caf.Core.Consent;
using Caf.Core.Events;
using Caf.Core.LeadProfessional;
using Caf.Core.Lifecycle;
using Caf.Core.Lifecycle.Events;
using Caf.Core.Outcomes;
using Caf.Core.Primitives;
using Caf.Core.Testing;
using Caf.Core.Tests.Support;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using static Caf.Core.Tests.Support.Seeds;

namespace Caf.Core.Tests.Outcomes;

/// <summary>
/// OUTQ-01 on the episode: a completion of "How have you been doing?" (000 appendix 3) is recorded with its date and
/// who answered, while the CAF is being worked; the episode gives the distance travelled from the first to the latest.
/// </summary>
public class EpisodeOutcomesTests
{
    // Amy (9) at her assessment: not getting on well, OK at home, good with her teacher, not good with other children,
    // OK at being organised, great at asking for help, not good about the future.
    private static readonly OutcomesRating[] AtAssessment =
        [OutcomesRating.NotGood, OutcomesRating.Ok, OutcomesRating.Good, OutcomesRating.NotGood, OutcomesRating.Ok, OutcomesRating.Great, OutcomesRating.NotGood];

    // At the review: good, OK, great, OK, not good, great, good.
    private static readonly OutcomesRating[] AtReview =
        [OutcomesRating.Good, OutcomesRating.Ok, OutcomesRating.Great, OutcomesRating.Ok, OutcomesRating.NotGood, OutcomesRating.Great, OutcomesRating.Good];

    private static OutcomesCompletion Completion(DateOnly on, OutcomesRespondent who, OutcomesRating[] ratings, string? comment = null) =>
        OutcomesCompletion.Create(on, who, OutcomesQuestionnaire.Questions.Select((q, i) => new OutcomesAnswer(q, ratings[i])), comment).Value;

    private static OutcomesCompletion Same(DateOnly on, OutcomesRating rating) => Completion(on, OutcomesRespondent.Child, [.. Enumerable.Repeat(rating, 7)]);

    [Trait("Rule", "OUTQ-01")]
    [Fact]
    public void OUTQ01_a_completion_at_assessment_and_one_at_review_give_the_distance_travelled()
    {
        var seeds = new Seeds();
        var e = seeds.Assessed();                                        // assessed on 12 March 2026
        Ok(e.RecordOutcomesQuestionnaire(Teacher, Completion(seeds.Today, OutcomesRespondent.Child, AtAssessment, "I don't like playtime.")));
        Assert.Null(e.OutcomesDistanceTravelled);                        // one completion: nothing to compare yet

        Ok(e.ChooseNextStep(Teacher, NextStep.MultiAgencySupport, "Needs span school and health."));
        Ok(e.AppointLeadProfessional(Teacher, Nominee(TestIds.HealthVisitor, TestIds.HealthVisiting), new PractitionerId("pr-supervisor"), new FamilyAgreement("Mother agreed."), "Sees the family weekly."));
        Ok(e.AgreePlan(Teacher, EpisodePlans.MultiAgency(seeds.Today), "Agreed with Mum and Amy at the TAC meeting."));
        seeds.Time.Advance(TimeSpan.FromDays(42));                       // 23 April 2026
        Ok(e.RecordOutcomesQuestionnaire(HealthVisitor, Completion(seeds.Today, OutcomesRespondent.Child, AtReview)));

        var d = e.OutcomesDistanceTravelled!;
        Assert.Equal(2, e.OutcomesCompletions.Length);
        Assert.Equal((new DateOnly(2026, 3, 12), new DateOnly(2026, 4, 23)), (d.From, d.To));
        // By hand: Not good→Good +2, OK→OK 0, Good→Great +1, Not good→OK +1, OK→Not good −1, Great→Great 0, Not good→Good +2.
        Assert.Equal(new[] { 2, 0, 1, 1, -1, 0, 2 }, d.Questions.Select(q => q.Change));
        Assert.Equal(5, d.Overall);
        Assert.True(d.SameRespondent);
        Assert.Equal("I don't like playtime.", e.OutcomesCompletions[0].FurtherComments);
        Assert.IsType<OutcomesQuestionnaireRecorded>(e.Events[^1]);
        Assert.Equal(HealthVisitor, e.Events[^1].Actor);
    }

    [Trait("Rule", "OUTQ-01")]
    [Fact]
    public void OUTQ01_the_distance_is_from_the_first_to_the_latest_and_notes_a_change_of_respondent()
    {
        var seeds = new Seeds();
        var e = seeds.PlanActive();
        var day = seeds.Today;
        Ok(e.RecordOutcomesQuestionnaire(Teacher, Same(day, OutcomesRating.NotGood)));
        Ok(e.RecordOutcomesQuestionnaire(Teacher, Same(day, OutcomesRating.Great)));   // the same day, a different answer: both kept
        Ok(e.RecordOutcomesQuestionnaire(Teacher, Completion(day, OutcomesRespondent.Parent, [.. Enumerable.Repeat(OutcomesRating.Ok, 7)])));

        var d = e.OutcomesDistanceTravelled!;
        Assert.All(d.Questions, q => Assert.Equal(1, q.Change));        // Not good (1) → OK (2), the latest, not the middle one
        Assert.Equal(7, d.Overall);
        Assert.False(d.SameRespondent);                                  // child first, parent latest
    }

    [Trait("Rule", "OUTQ-01")]
    [Trait("Rule", "LIFE-12")]
    [Trait("Rule", "LIFE-10")]
    [Theory]
    [InlineData("identified", "LIFE-12")]
    [InlineData("potential from step-down", "LIFE-12")]
    [InlineData("consent withdrawn", "LIFE-12")]
    [InlineData("closed", "LIFE-10")]
    [InlineData("transferred out", "RET-02")]
    public void OUTQ01_refused_outside_the_states_the_CAF_is_worked_in_and_the_episode_is_unchanged(string state, string rule)
    {
        var seeds = new Seeds();
        var e = state switch
        {
            "identified" => seeds.Identified(),
            "potential from step-down" => CafEpisode.RegisterPotentialFromStepDown(seeds.Policy, new EpisodeId("ep-sd"), NineYearOld, Teacher, EpisodePlans.StepDown()),
            "consent withdrawn" => Withdrawn(seeds),
            "closed" => SteppedUp(seeds),
            _ => TransferredOut(seeds),
        };
        var before = EpisodeJson.Serialize(e);
        var audited = seeds.Audit.Entries.Count;

        var result = e.RecordOutcomesQuestionnaire(Teacher, Same(seeds.Today, OutcomesRating.Ok));

        Assert.True(result.IsRefused);
        Assert.Equal(rule, result.Refusal.RuleId);
        Assert.Equal("state", result.Refusal.Field);
        Assert.Equal(before, EpisodeJson.Serialize(e));
        Assert.Empty(e.OutcomesCompletions);
        Assert.Equal(audited, seeds.Audit.Entries.Count);
        Assert.DoesNotContain(EpisodeAction.RecordOutcomesQuestionnaire, e.PermittedActions);
    }

    [Trait("Rule", "OUTQ-01")]
    [Fact]
    public void OUTQ01_permitted_from_the_assessment_through_the_plan()
    {
        Assert.Contains(EpisodeAction.RecordOutcomesQuestionnaire, new Seeds().Assessing().PermittedActions);
        Assert.Contains(EpisodeAction.RecordOutcomesQuestionnaire, new Seeds().Assessed().PermittedActions);
        Assert.Contains(EpisodeAction.RecordOutcomesQuestionnaire, new Seeds().PlanActive().PermittedActions);
        var referred = new Seeds().Assessed();
        Ok(Caf.Core.Tests.Panels.PanelFixtures.Refer(referred, Teacher));
        Assert.Equal(EpisodeState.PanelReferred, referred.State);
        Ok(referred.RecordOutcomesQuestionnaire(Teacher, Same(DateOnly.FromDateTime(Seeds.Start.UtcDateTime), OutcomesRating.Ok)));
        Assert.Equal(EpisodeState.PanelReferred, referred.State);
    }

    [Trait("Rule", "OUTQ-01")]
    [Fact]
    public void OUTQ01_dates_are_checked_and_a_refusal_leaves_the_episode_unchanged()
    {
        var seeds = new Seeds();
        var e = seeds.Assessed();                                        // opened 2 March, today 12 March
        Ok(e.RecordOutcomesQuestionnaire(Teacher, Same(new DateOnly(2026, 3, 10), OutcomesRating.Ok)));
        var before = EpisodeJson.Serialize(e);

        var future = e.RecordOutcomesQuestionnaire(Teacher, Same(new DateOnly(2026, 3, 13), OutcomesRating.Ok));
        var beforeOpening = e.RecordOutcomesQuestionnaire(Teacher, Same(new DateOnly(2026, 3, 1), OutcomesRating.Ok));
        var outOfOrder = e.RecordOutcomesQuestionnaire(Teacher, Same(new DateOnly(2026, 3, 9), OutcomesRating.Good));
        var twice = e.RecordOutcomesQuestionnaire(Teacher, Same(new DateOnly(2026, 3, 10), OutcomesRating.Ok));

        Assert.Equal(("OUTQ-01", "completion.completedOn"), (future.Refusal.RuleId, future.Refusal.Field));
        Assert.Contains("after today (2026-03-12)", future.Refusal.Message, StringComparison.Ordinal);
        Assert.Equal(("OUTQ-01", "completion.completedOn"), (beforeOpening.Refusal.RuleId, beforeOpening.Refusal.Field));
        Assert.Equal(("OUTQ-01", "completion.completedOn"), (outOfOrder.Refusal.RuleId, outOfOrder.Refusal.Field));
        Assert.Equal(("OUTQ-01", "completion"), (twice.Refusal.RuleId, twice.Refusal.Field));
        Assert.Equal(before, EpisodeJson.Serialize(e));
        Ok(e.RecordOutcomesQuestionnaire(Teacher, Same(new DateOnly(2026, 3, 12), OutcomesRating.Ok)));  // today, in order: accepted
    }

    [Trait("Rule", "OUTQ-01")]
    [Trait("Rule", "CONS-02")]
    [Trait("Rule", "SHARE-01")]
    [Fact]
    public void OUTQ01_who_answers_changes_no_consent_or_sharing_decision()
    {
        var audits = new int[3];
        var respondents = new[] { OutcomesRespondent.Child, OutcomesRespondent.Parent, OutcomesRespondent.Together };
        for (var i = 0; i < respondents.Length; i++)
        {
            var seeds = new Seeds();
            var e = seeds.PlanActive();
            var audited = seeds.Audit.Entries.Count;
            var consent = e.Consent;
            Ok(e.RecordOutcomesQuestionnaire(HealthVisitor, Completion(seeds.Today, respondents[i], AtAssessment)));
            audits[i] = seeds.Audit.Entries.Count - audited;
            Assert.Equal(respondents[i], e.OutcomesCompletions.Single().AnsweredBy);
            Assert.Same(consent, e.Consent);
        }

        Assert.Equal(new[] { 0, 0, 0 }, audits);                          // hands nothing to any agency, whoever answered
    }

    [Trait("Rule", "OUTQ-01")]
    [Trait("Rule", "SHARE-01")]
    [Trait("Rule", "LP-11")]
    [Fact]
    public void OUTQ01_SHARE01_LP11_an_excluded_practitioner_or_lead_professional_agency_is_refused_and_audited()
    {
        var seeds = new Seeds();
        var e = seeds.PlanActive();                                       // the health visitor leads
        Ok(e.RecordConsent(Teacher, MotherWritten(TestIds.School), "Mum does not want the school told any more."));
        var audited = seeds.Audit.Entries.Count;

        var bySchool = e.RecordOutcomesQuestionnaire(Teacher, Same(seeds.Today, OutcomesRating.Ok));

        Assert.Equal(("SHARE-01", "by"), (bySchool.Refusal.RuleId, bySchool.Refusal.Field));
        Assert.Contains(seeds.Audit.Entries.Skip(audited), a => a.Agency == TestIds.School && !a.Decision.Granted);

        var excludedLead = new Seeds();
        var f = excludedLead.PlanActive();
        Ok(f.RecordConsent(Teacher, MotherWritten(TestIds.HealthVisiting), "Mum does not want health visiting told any more."));
        var byTeacher = f.RecordOutcomesQuestionnaire(Teacher, Same(excludedLead.Today, OutcomesRating.Ok));
        Assert.Equal("LP-11", byTeacher.Refusal.RuleId);
        Assert.Empty(f.OutcomesCompletions);
    }

    [Trait("Rule", "OUTQ-01")]
    [Trait("Rule", "LIFE-11")]
    [Fact]
    public void OUTQ01_the_event_round_trips_through_JSON_and_replay_re_judges_it()
    {
        var seeds = new Seeds();
        var e = seeds.Assessed();
        var completion = Completion(seeds.Today, OutcomesRespondent.Together, AtAssessment, "We did it together.");
        Ok(e.RecordOutcomesQuestionnaire(Teacher, completion));

        var json = EpisodeJson.SerializeEvent(e.Events[^1]);
        Assert.Equal("outcomes-questionnaire-recorded", JsonNode.Parse(json)!["type"]!.GetValue<string>());
        Assert.Equal("Together", JsonNode.Parse(json)!["completion"]!["answeredBy"]!.GetValue<string>());
        Assert.Equal(e.Events[^1], EpisodeJson.DeserializeEvent(json));
        var back = EpisodeJson.Deserialize(Caf.Core.Tests.Adversarial.EpisodeOracle.Policy, EpisodeJson.Serialize(e));
        Assert.Equal(e.OutcomesCompletions.ToArray(), back.OutcomesCompletions.ToArray());

        // A stored completion dated after the day it was recorded is one the command would refuse: replay refuses it.
        CafEvent forged = new OutcomesQuestionnaireRecorded(e.Id, e.Events[^1].OccurredAt, Teacher, Same(seeds.Today.AddDays(1), OutcomesRating.Ok));
        var replay = CafEpisode.Replay(seeds.Policy, [.. e.Events, forged]);
        Assert.Null(replay.Episode);
        Assert.Equal("OUTQ-01", replay.Failure!.RuleId);

        // An answer out of question order is not what a completion holds: the reader refuses it with a path.
        var node = JsonNode.Parse(json)!;
        var answers = node["completion"]!["answers"]!.AsArray();
        (answers[0], answers[1]) = (answers[1]!.DeepClone(), answers[0]!.DeepClone());
        var ex = Assert.Throws<JsonException>(() => EpisodeJson.DeserializeEvent(node.ToJsonString()));
        Assert.False(string.IsNullOrEmpty(ex.Path));
    }

    [Trait("Rule", "OUTQ-01")]
    [Fact]
    public void OUTQ01_misuse_throws()
    {
        var e = new Seeds().Assessed();
        Assert.Throws<ArgumentNullException>(() => e.RecordOutcomesQuestionnaire(Teacher, null!));
        Assert.Throws<ArgumentException>(() => e.RecordOutcomesQuestionnaire(default, Same(new DateOnly(2026, 3, 2), OutcomesRating.Ok)));
        Assert.Empty(e.OutcomesCompletions);
    }

    // ----- Properties -----

    private static Gen<OutcomesRating[]> Ratings => Gen.Elements(OutcomesRating.NotGood, OutcomesRating.Ok, OutcomesRating.Good, OutcomesRating.Great).ArrayOf(7);

    private static Gen<OutcomesRespondent> Respondent => Gen.Elements(OutcomesRespondent.Child, OutcomesRespondent.Parent, OutcomesRespondent.Together);

    [Trait("Rule", "OUTQ-01")]
    [Property(MaxTest = 200)]
    public Property OUTQ01_the_distance_from_a_completion_to_itself_is_zero() =>
        Prop.ForAll(Ratings.Zip(Respondent).ToArbitrary(), x =>
        {
            var c = Completion(new DateOnly(2026, 5, 1), x.Item2, x.Item1);
            var d = DistanceTravelled.Between(c, c).Value;
            return d.Overall == 0 && d.Questions.All(q => q.Change == 0) && d.SameRespondent && d.From == d.To;
        });

    [Trait("Rule", "OUTQ-01")]
    [Property(MaxTest = 60)]
    public Property OUTQ01_the_episodes_distance_equals_the_pure_function_of_its_first_and_latest_completion() =>
        Prop.ForAll(Ratings.Zip(Respondent).Zip(Gen.Choose(0, 20)).ListOf().Where(l => l.Count is > 0 and <= 6).ToArbitrary(), steps =>
        {
            var seeds = new Seeds();
            var e = seeds.PlanActive();
            var recorded = new System.Collections.Generic.List<OutcomesCompletion>();
            foreach (var ((ratings, who), days) in steps)
            {
                seeds.Time.Advance(TimeSpan.FromDays(days));
                var c = Completion(seeds.Today, who, ratings);
                var r = e.RecordOutcomesQuestionnaire(HealthVisitor, c);
                if (r.IsSuccess)
                {
                    recorded.Add(c);
                }
                else if (r.Refusal.Field != "completion" || !recorded.Contains(c))
                {
                    return false;                                         // only an identical completion is refused
                }
            }

            var expected = recorded.Count < 2 ? null : DistanceTravelled.Between(recorded[0], recorded[^1]).Value;
            var replayed = CafEpisode.Rebuild(seeds.Policy, e.Events);
            return Equals(e.OutcomesDistanceTravelled, expected) && Equals(replayed.OutcomesDistanceTravelled, expected)
                && e.OutcomesCompletions.SequenceEqual(recorded);
        });

    // ----- Worlds -----

    private static CafEpisode Withdrawn(Seeds seeds)
    {
        var e = seeds.PlanActive();
        Ok(e.WithdrawConsent(Teacher, new ConsentWithdrawal(ConsentGiverRole.ParentWithParentalResponsibility, "We do not want the CAF any more.") { Name = "Ms Smith" }));
        return e;
    }

    private static CafEpisode SteppedUp(Seeds seeds)
    {
        var e = seeds.Assessing();
        Ok(e.StepUp(Teacher, new SpecialistService("Children's social care"), "Disclosure of harm."));
        return e;
    }

    private static CafEpisode TransferredOut(Seeds seeds)
    {
        var e = seeds.Assessing();
        Ok(e.TransferOut(Teacher, new LocalAuthority("Leeds City Council"), "Family moved."));
        return e;
    }
}
