using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Caf.Core.Consent;
using Caf.Core.Events;
using Caf.Core.LeadProfessional;
using Caf.Core.Lifecycle;
using Caf.Core.Lifecycle.Events;
using Caf.Core.Primitives;
using Caf.Core.Testing;
using Caf.Core.Tests.Support;
using Caf.Core.Thresholds;
using FsCheck.Fluent;
using Xunit.Abstractions;

namespace Caf.Core.Tests.Adversarial;

/// <summary>
/// Reader fuzzing: seeded mutations of valid snapshots (truncation at every position of one, byte flips, deleted,
/// duplicated and retyped members, reordered and foreign events, swapped values). The oracle is independent of
/// the reader: it replays the parsed history through the public commands, each at its event's time, and accepts
/// only when every command succeeds and makes exactly the stored event. The reader must agree on every input,
/// and refuse only with a <see cref="JsonException"/> that names a path.
/// </summary>
public class ReaderFuzzTests(ITestOutputHelper output)
{
    private const int Seed = 20261201;

    [Trait("Rule", "LIFE-11")]
    [Trait("Rule", "LIFE-12")]
    [Fact]
    public void Reader_accepts_exactly_the_histories_the_commands_can_produce()
    {
        var clock = new SettableClock(Seeds.Start);
        var policy = EpisodePolicy.Default(clock, new InMemorySharingAuditLog());
        var random = new Random(Seed);
        var bases = ValidSnapshots(policy, clock);
        var (tried, accepted, rejected) = (0, 0, 0);

        foreach (var json in Inputs(bases, random))
        {
            tried++;
            var oracle = Oracle(json);
            CafEpisode? read = null;
            try
            {
                read = EpisodeJson.Deserialize(EpisodeOracle.Policy, json);
            }
            catch (JsonException ex)
            {
                Assert.False(string.IsNullOrEmpty(ex.Path), $"a JsonException without a path: {ex.Message}");
                // The serializer's own JsonException may carry its reader's InvalidOperationException; ours never hides one.
                var hidden = ex.InnerException is NullReferenceException or IndexOutOfRangeException or KeyNotFoundException
                    || (ex.InnerException is InvalidOperationException && ex.InnerException.TargetSite?.DeclaringType?.Namespace?.StartsWith("System.Text.Json", StringComparison.Ordinal) != true);
                Assert.False(hidden,
                    $"the reader hid a {ex.InnerException?.GetType().Name}: {ex.InnerException?.Message}\n{ex.InnerException?.StackTrace}\n{json}");
            }

            if ((read is not null) != oracle)
            {
                Assert.Fail($"reader {(read is null ? "refused" : "accepted")} but the commands {(oracle ? "produce" : "cannot produce")} it:\n{json}");
            }

            if (read is not null)
            {
                accepted++;
                Assert.Equal(Normalise(json), EpisodeJson.Serialize(read));
            }
            else
            {
                rejected++;
            }
        }

        output.WriteLine($"Reader fuzzing: {tried} inputs, {rejected} rejected, {accepted} accepted, 0 disagreements with the command oracle.");
        Assert.True(tried >= 10_000, $"only {tried} inputs");
        Assert.True(accepted > bases.Count, "the mutations should produce some valid variants too");
    }

    [Trait("Rule", "THR-01")]
    [Fact]
    public void Framework_loader_never_throws_and_names_a_path_for_every_problem()
    {
        var loader = new ThresholdFrameworkLoader();
        var valid = loader.DefaultJson();
        var random = new Random(Seed);
        var (tried, rejected) = (0, 0);
        foreach (var json in Mutations(valid, random, 1500))
        {
            tried++;
            var result = loader.Load(json);
            if (!result.IsSuccess)
            {
                rejected++;
                Assert.NotEmpty(result.Problems);
                Assert.All(result.Problems, p => Assert.StartsWith("$", p.Path, StringComparison.Ordinal));
            }
        }

        output.WriteLine($"Framework fuzzing: {tried} inputs, {rejected} rejected, {tried - rejected} accepted.");
    }

    [Trait("Rule", "LIFE-11")]
    [Fact]
    public void Event_reader_refuses_with_a_path_and_round_trips_what_it_accepts()
    {
        var clock = new SettableClock(Seeds.Start);
        var policy = EpisodePolicy.Default(clock, new InMemorySharingAuditLog());
        var random = new Random(Seed + 1);
        var events = ValidSnapshots(policy, clock).SelectMany(j => JsonNode.Parse(j)!["events"]!.AsArray().Select(e => e!.ToJsonString())).Distinct().ToArray();
        var tried = 0;
        foreach (var json in events.SelectMany(e => Mutations(e, random, 40)))
        {
            tried++;
            try
            {
                var e = EpisodeJson.DeserializeEvent(json);
                Assert.Equal(e, EpisodeJson.DeserializeEvent(EpisodeJson.SerializeEvent(e)));
            }
            catch (JsonException ex)
            {
                Assert.False(string.IsNullOrEmpty(ex.Path), ex.Message);
            }
        }

        output.WriteLine($"Event fuzzing: {tried} inputs.");
    }

    // ----- Inputs -----

    internal static List<string> ValidSnapshots(EpisodePolicy policy, SettableClock clock)
    {
        var list = new List<string>();
        var seeds = new Seeds();
        list.Add(EpisodeJson.Serialize(seeds.PlanActive()));
        var s2 = new Seeds();
        var e2 = s2.Assessed();
        Seeds.Ok(e2.RecordConsent(Seeds.Teacher, Seeds.MotherWritten(TestIds.Camhs), "Consent to assess and share with partner agencies."));
        Seeds.Ok(e2.ChooseNextStep(Seeds.Teacher, NextStep.SingleAgencySupport, "The school can meet the needs."));
        Seeds.Ok(Caf.Core.Tests.Panels.PanelFixtures.Refer(e2, Seeds.Teacher));
        list.Add(EpisodeJson.Serialize(e2));
        // PANEL-05, PANEL-06, LP-08: re-presented, then two services allocated with the health visitor recommended and appointed.
        var s6 = new Seeds();
        var e6 = s6.Assessed();
        Seeds.Ok(Caf.Core.Tests.Panels.PanelFixtures.Refer(e6, Seeds.Teacher));
        s6.Time.Advance(TimeSpan.FromDays(14));
        Seeds.Ok(e6.RecordPanelDecision(Seeds.Teacher, EpisodePanels.RePresent(e6)));
        s6.Time.Advance(TimeSpan.FromDays(14));
        Seeds.Ok(e6.RecordPanelDecision(Seeds.Teacher, EpisodePanels.Allocate(e6, EpisodePanels.HealthVisitorLead,
            EpisodePanels.HealthVisitingService, EpisodePanels.Youth)));
        Seeds.Ok(e6.AppointLeadProfessional(Seeds.Teacher, Seeds.Nominee(TestIds.HealthVisitor, TestIds.HealthVisiting), new PractitionerId("pr-supervisor"), new FamilyAgreement("Mum agreed."), "Recommended by the panel (LP-08)."));
        Seeds.Ok(e6.ConfirmServiceStart(Seeds.Teacher, new Caf.Core.Panels.PanelReferralId("ref-1"), TestIds.YouthService, s6.Today.AddDays(7)));
        list.Add(EpisodeJson.Serialize(e6));
        var s3 = new Seeds();
        var e3 = s3.PlanActive();
        Seeds.Ok(e3.RecordOutcomesQuestionnaire(Seeds.HealthVisitor, Questionnaire(s3.Today, Caf.Core.Outcomes.OutcomesRespondent.Child, Caf.Core.Outcomes.OutcomesRating.NotGood)));
        s3.Time.Advance(TimeSpan.FromDays(42));
        Seeds.Ok(e3.RecordOutcomesQuestionnaire(Seeds.HealthVisitor, Questionnaire(s3.Today.AddDays(-1), Caf.Core.Outcomes.OutcomesRespondent.Together, Caf.Core.Outcomes.OutcomesRating.Good, "Going to the homework club.")));
        Seeds.Ok(e3.HoldReview(Seeds.HealthVisitor, EpisodePlans.Review(e3.Plan!, s3.Today, ReviewProgress.Insufficient, Caf.Core.Planning.ActionProgress.NotCarriedOut) with { Barriers = ["Mum's shifts changed"] }));
        Seeds.Ok(e3.RevisePlan(Seeds.HealthVisitor, EpisodePlans.Revised(e3.Plan!, s3.Today) with { Actions = [.. e3.Plan!.Actions, EpisodePlans.Family(s3.Today.AddDays(21)) with { Id = "a-dad" }] }, "Dad does the Tuesday school run."));
        Seeds.Ok(e3.WithdrawConsent(Seeds.HealthVisitor, new ConsentWithdrawal(ConsentGiverRole.ParentWithParentalResponsibility, "No reason given.") { Name = "Ms Smith" }));
        list.Add(EpisodeJson.Serialize(e3));
        var s4 = new Seeds();
        var e4 = CafEpisode.RegisterPotentialFromStepDown(s4.Policy, new EpisodeId("ep-sd"), Seeds.NineYearOld, Seeds.Teacher, EpisodePlans.StepDown(), TestIds.HealthVisitor);
        Seeds.Ok(e4.RecordConsent(Seeds.Teacher, Seeds.MotherVerbal(TestIds.YouthService), "Consent to assess and share with partner agencies."));
        Seeds.Ok(e4.RecordStepDownTacDecision(Seeds.Teacher, Caf.Core.StepDown.StepDownTacDecision.Close(true, true), "Learning shared; the family know who to go to."));
        list.Add(EpisodeJson.Serialize(e4));
        var s5 = new Seeds();
        var e5 = CafEpisode.RegisterPotentialFromStepDown(s5.Policy, new EpisodeId("ep-sd2"), Seeds.NineYearOld, Seeds.Teacher, EpisodePlans.StepDown());
        Seeds.Ok(e5.RecordConsent(Seeds.Teacher, Seeds.MotherWritten(), "Consent to share the step-down information and plan."));
        Seeds.Ok(e5.RecordStepDownTacDecision(Seeds.Teacher, Caf.Core.StepDown.StepDownTacDecision.ContinueWith(CafCatalogue.Nominee(Seeds.HealthVisitor), CafCatalogue.Supervisor, new FamilyAgreement("Mum agreed at the step-down meeting."), EpisodePlans.MultiAgency(s5.Today), true, true), "Ongoing support is required."));
        s5.Time.Advance(TimeSpan.FromDays(42));
        Seeds.Ok(e5.HoldReview(Seeds.HealthVisitor, EpisodePlans.Closing(e5.Plan!, s5.Today)));
        Seeds.Ok(e5.Close(Seeds.HealthVisitor, EpisodePlans.MostOutcomesAchieved("resolvedMultiAgency")));
        list.Add(EpisodeJson.Serialize(e5));

        // LAW-03: a child with an NHS number, so mutations reach the identifier and its check digit.
        var sNhs = new Seeds();
        var eNhs = CafEpisode.IdentifyConcern(sNhs.Policy, new EpisodeId("ep-nhs"), Seeds.NineYearOld with { NhsNumber = new NhsNumber("943 476 5919") }, Seeds.Teacher, "Attendance.");
        Seeds.Ok(eNhs.RecordConsent(Seeds.Teacher, Seeds.MotherWritten(), "Consent to assess and share with partner agencies."));
        list.Add(EpisodeJson.Serialize(eNhs));

        // Random valid episodes of the Caf.Core.Testing generator (fixed seed): one with an active plan, one closed after a plan.
        var generated = Caf.Core.Testing.CafGen.EpisodeGenerator().Sample(400, new FsCheck.Rnd(Seed), 30);
        list.Add(EpisodeJson.Serialize(generated.First(g => g.Episode.State == EpisodeState.PlanActive && g.Episode.ReviewCount > 0).Episode));
        list.Add(EpisodeJson.Serialize(generated.First(g => g.Episode.State == EpisodeState.Closed && g.Episode.Plan is not null).Episode));
        return list;
    }

    // OUTQ-01: a completion rating every question the same, except the future one OK, with an optional closing comment.
    private static Caf.Core.Outcomes.OutcomesCompletion Questionnaire(DateOnly on, Caf.Core.Outcomes.OutcomesRespondent by, Caf.Core.Outcomes.OutcomesRating rating, string? comment = null) =>
        Caf.Core.Outcomes.OutcomesCompletion.Create(
            on,
            by,
            Caf.Core.Outcomes.OutcomesQuestionnaire.Questions.Select(q => new Caf.Core.Outcomes.OutcomesAnswer(
                q, q == Caf.Core.Outcomes.OutcomesQuestion.Future ? Caf.Core.Outcomes.OutcomesRating.Ok : rating, q == Caf.Core.Outcomes.OutcomesQuestion.Family ? "Dad helps more." : null)),
            comment).Value;

    private static IEnumerable<string> Inputs(List<string> bases, Random random)
    {
        var shortest = bases.OrderBy(b => b.Length).First();
        for (var i = 0; i <= shortest.Length; i++)
        {
            yield return shortest[..i]; // truncation at every position
        }

        foreach (var b in bases)
        {
            yield return b;
            foreach (var m in Mutations(b, random, 2000))
            {
                yield return m;
            }

            foreach (var m in EventMutations(b, bases, random, 400))
            {
                yield return m;
            }
        }
    }

    private static readonly JsonNode?[] Retypes = [null, JsonValue.Create(0), JsonValue.Create(-1), JsonValue.Create("x"), JsonValue.Create(""), JsonValue.Create(true), new JsonArray(), new JsonObject(), JsonValue.Create(2.5), JsonValue.Create("camhs"), JsonValue.Create("9999-12-31T23:59:59+00:00"), JsonValue.Create("Closed")];

    // Member-level and byte-level mutations of one document.
    private static IEnumerable<string> Mutations(string json, Random random, int count)
    {
        for (var n = 0; n < count; n++)
        {
            var kind = random.Next(5);
            if (kind == 0)
            {
                var bytes = Encoding.UTF8.GetBytes(json);
                bytes[random.Next(bytes.Length)] ^= (byte)(1 << random.Next(8));
                yield return Encoding.UTF8.GetString(bytes);
                continue;
            }

            var root = JsonNode.Parse(json)!;
            var objects = Descendants(root).OfType<JsonObject>().Where(o => o.Count > 0).ToArray();
            var target = objects[random.Next(objects.Length)];
            var property = target.ElementAt(random.Next(target.Count));
            switch (kind)
            {
                case 1:
                    target.Remove(property.Key);
                    yield return root.ToJsonString();
                    break;
                case 2:
                    target[property.Key] = Retypes[random.Next(Retypes.Length)]?.DeepClone();
                    yield return root.ToJsonString();
                    break;
                case 3:
                    // A duplicated member, textually (JsonNode cannot hold two).
                    var text = root.ToJsonString();
                    var token = $"\"{property.Key}\":";
                    var at = text.IndexOf(token, StringComparison.Ordinal);
                    yield return at < 0 ? text : text.Insert(at, $"{token}{property.Value?.ToJsonString() ?? "null"},");
                    break;
                default:
                    // A value swapped for another value of the document (ids, names, enum names, dates).
                    var values = Descendants(root).OfType<JsonValue>().ToArray();
                    target[property.Key] = values[random.Next(values.Length)].DeepClone();
                    yield return root.ToJsonString();
                    break;
            }
        }
    }

    // Event-level mutations: reorder, drop, duplicate, or splice in an event of another episode (re-addressed).
    private static IEnumerable<string> EventMutations(string json, List<string> bases, Random random, int count)
    {
        for (var n = 0; n < count; n++)
        {
            var root = JsonNode.Parse(json)!;
            var events = root["events"]!.AsArray();
            var i = random.Next(events.Count);
            switch (random.Next(4))
            {
                case 0:
                    var j = random.Next(events.Count);
                    (events[i], events[j]) = (events[j]!.DeepClone(), events[i]!.DeepClone());
                    break;
                case 1:
                    events.RemoveAt(i);
                    break;
                case 2:
                    events.Insert(i, events[i]!.DeepClone());
                    break;
                default:
                    var other = JsonNode.Parse(bases[random.Next(bases.Count)])!["events"]!.AsArray();
                    var foreign = other[random.Next(other.Count)]!.DeepClone();
                    foreign["episodeId"] = root["episodeId"]!.DeepClone();
                    if (random.Next(2) == 0)
                    {
                        foreign["occurredAt"] = events[^1]!["occurredAt"]!.DeepClone();
                    }

                    events.Insert(random.Next(1, events.Count + 1), foreign);
                    break;
            }

            if (random.Next(3) > 0)
            {
                root["version"] = events.Count; // usually keep the count consistent, so replay is reached
            }

            yield return root.ToJsonString();
        }
    }

    private static IEnumerable<JsonNode> Descendants(JsonNode node)
    {
        yield return node;
        IEnumerable<JsonNode?> children = node switch
        {
            JsonObject o => o.Select(p => p.Value),
            JsonArray a => a,
            _ => [],
        };
        foreach (var child in children.Where(c => c is not null))
        {
            foreach (var d in Descendants(child!))
            {
                yield return d;
            }
        }
    }

    private static string Normalise(string json) =>
        EpisodeJson.Serialize(EpisodeJson.Deserialize(EpisodeOracle.Policy, json));

    // ----- The oracle: replay through the public commands -----

    private static bool Oracle(string json)
    {
        EpisodeSnapshot? snapshot;
        try
        {
            snapshot = JsonSerializer.Deserialize(json, EpisodeJsonContext.Default.EpisodeSnapshot);
        }
        catch (Exception ex) when (ex is JsonException or NotSupportedException or ArgumentException or InvalidOperationException)
        {
            return false; // not a document this release writes at all
        }

        return snapshot is not null && EpisodeOracle.Produces(snapshot);
    }
}
