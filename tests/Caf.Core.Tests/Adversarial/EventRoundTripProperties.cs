using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json;
using System.Text.Json.Nodes;
using Caf.Core.Consent;
using Caf.Core.Events;
using Caf.Core.Lifecycle;
using Caf.Core.Lifecycle.Events;
using Caf.Core.Tests.Support;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;

namespace Caf.Core.Tests.Adversarial;

/// <summary>
/// The event reader and writer agree (LIFE-11): over every event type and every member (nested ones too), each
/// value replaced by every JSON shape (null, empty object, empty array, strings, numbers, booleans, nested
/// shapes), an event <see cref="EpisodeJson.DeserializeEvent"/> accepts writes with
/// <see cref="EpisodeJson.SerializeEvent"/> and reads back equal; anything it refuses is a <see cref="JsonException"/>.
/// </summary>
public class EventRoundTripProperties
{
    private static readonly Lazy<(string Type, string Json, string[] Paths)[]> Bases = new(BuildBases);

    private static readonly JsonNode?[] Shapes =
    [
        null, new JsonObject(), new JsonArray(), "", " ", "x", "2026-03-02", "2026-03-02T09:00:00+00:00", 0, -1, 1, 2.5, 1e300,
        long.MaxValue, true, false, new JsonObject { ["x"] = 1 }, new JsonArray((JsonNode?)null), new JsonArray(new JsonObject()),
        new JsonArray("x"), new JsonObject { ["practitioner"] = "pr-x" }, new JsonObject { ["agency"] = "ag-x" },
    ];

    [Trait("Rule", "LIFE-11")]
    [Fact]
    public void The_bases_hold_every_event_type()
    {
        var all = typeof(CafEvent).Assembly.GetExportedTypes().Where(t => typeof(CafEvent).IsAssignableFrom(t) && !t.IsAbstract).Select(t => t.Name);
        var covered = Bases.Value.Select(b => b.Type).ToHashSet();
        Assert.Empty(all.Where(t => !covered.Contains(t)).Order());
    }

    /// <summary>The escalation of issue 23: <c>raisedBy</c> as an empty object was read, then written as a form that could not be read back.</summary>
    [Trait("Rule", "LIFE-11")]
    [Trait("Rule", "REV-04")]
    [Fact]
    public void An_escalation_raised_by_an_empty_object_is_refused_with_its_path()
    {
        var review = Bases.Value.First(b => b.Type == nameof(ReviewHeld) && b.Json.Contains("\"raisedBy\"", StringComparison.Ordinal)).Json;
        var node = JsonNode.Parse(review)!;
        node["escalations"]![0]!["raisedBy"] = new JsonObject();
        var ex = Assert.Throws<JsonException>(() => EpisodeJson.DeserializeEvent(node.ToJsonString()));
        Assert.Equal("$.escalations[0].raisedBy", ex.Path);
    }

    [Trait("Rule", "LIFE-11")]
    [Property(MaxTest = 3000)]
    public Property An_event_read_writes_and_reads_back_equal_and_a_refusal_is_a_JsonException()
    {
        var bases = Bases.Value;
        var gen =
            from b in Gen.Choose(0, bases.Length - 1)
            from p in Gen.Choose(0, bases[b].Paths.Length - 1)
            from s in Gen.Choose(0, Shapes.Length - 1)
            select (Base: b, Path: p, Shape: s);
        return Prop.ForAll(Arb.From(gen), pick =>
        {
            var (type, json, paths) = bases[pick.Base];
            var mutated = Replace(json, paths[pick.Path], Shapes[pick.Shape]);
            CafEvent read;
            try
            {
                read = EpisodeJson.DeserializeEvent(mutated);
            }
            catch (JsonException)
            {
                return true.Label("refused");
            }

            string written;
            try
            {
                written = EpisodeJson.SerializeEvent(read);
            }
            catch (Exception ex)
            {
                throw new Xunit.Sdk.XunitException($"{type} {paths[pick.Path]} = {Shapes[pick.Shape]?.ToJsonString() ?? "null"} was read but does not write: {ex.GetType().Name}: {ex.Message}\n{mutated}");
            }

            CafEvent back;
            try
            {
                back = EpisodeJson.DeserializeEvent(written);
            }
            catch (JsonException ex)
            {
                throw new Xunit.Sdk.XunitException($"{type} {paths[pick.Path]} = {Shapes[pick.Shape]?.ToJsonString() ?? "null"} was read and written but does not read back: {ex.Message}\n{written}");
            }

            return (back.Equals(read) && EpisodeJson.SerializeEvent(back) == written).Label($"{type} {paths[pick.Path]}: read back equal");
        });
    }

    private static string Replace(string json, string path, JsonNode? shape)
    {
        var root = JsonNode.Parse(json)!;
        var parts = path.Split('/');
        var node = root;
        for (var i = 0; i < parts.Length - 1; i++)
        {
            node = int.TryParse(parts[i], out var index) && node is JsonArray a ? a[index]! : node[parts[i]]!;
        }

        var last = parts[^1];
        if (int.TryParse(last, out var at) && node is JsonArray array)
        {
            array[at] = shape?.DeepClone();
        }
        else
        {
            node[last] = shape?.DeepClone();
        }

        return root.ToJsonString();
    }

    // Every member and element below the root, as a path of names and indexes (the discriminator "type" excluded:
    // a different type is a different event, which the reader fuzzing covers).
    private static IEnumerable<string> PathsOf(JsonNode? node, string prefix)
    {
        switch (node)
        {
            case JsonObject o:
                foreach (var (key, value) in o)
                {
                    if (prefix.Length == 0 && key == "type")
                    {
                        continue;
                    }

                    var path = prefix.Length == 0 ? key : prefix + "/" + key;
                    yield return path;
                    foreach (var inner in PathsOf(value, path))
                    {
                        yield return inner;
                    }
                }

                break;
            case JsonArray a:
                for (var i = 0; i < a.Count; i++)
                {
                    var path = prefix + "/" + i;
                    yield return path;
                    foreach (var inner in PathsOf(a[i], path))
                    {
                        yield return inner;
                    }
                }

                break;
        }
    }

    private static (string Type, string Json, string[] Paths)[] BuildBases()
    {
        var clock = new SettableClock(Seeds.Start);
        var policy = EpisodePolicy.Default(clock, new InMemorySharingAuditLog());
        var snapshots = ReaderFuzzTests.ValidSnapshots(policy, clock);
        snapshots.AddRange(Extra());
        return
        [
            .. snapshots
                .SelectMany(s => JsonNode.Parse(s)!["events"]!.AsArray().Select(e => e!.ToJsonString()))
                .Distinct()
                .Select(json => (EpisodeJson.DeserializeEvent(json).GetType().Name, json, PathsOf(JsonNode.Parse(json), "").ToArray())),
        ];
    }

    // Events the reader fuzzing's snapshots may not hold: an escalation (REV-04), a lifted exclusion, a transfer, an unlink (REG-03).
    private static IEnumerable<string> Extra()
    {
        var s = new Seeds();
        var e = s.PlanActive();
        s.Time.Advance(TimeSpan.FromDays(42));
        Seeds.Ok(e.HoldReview(Seeds.HealthVisitor, Caf.Core.Testing.EpisodePlans.Review(e.Plan!, s.Today, Caf.Core.Lifecycle.ReviewProgress.Insufficient, Caf.Core.Planning.ActionProgress.NotCarriedOut) with { Barriers = ["Mum's shifts changed"] }));
        Seeds.Ok(e.RecordConsent(Seeds.HealthVisitor, Seeds.MotherWritten(TestIds.Camhs), "Mum does not want CAMHS involved."));
        Seeds.Ok(e.LiftExclusion(Seeds.HealthVisitor, new ConsentExclusionLift(TestIds.Camhs, ConsentGiverRole.ParentWithParentalResponsibility, "Ms Smith", "Mum changed her mind.")));
        Seeds.Ok(e.TransferOut(Seeds.HealthVisitor, new LocalAuthority("Leeds"), "The family moved to Leeds."));
        yield return EpisodeJson.Serialize(e);

        var s2 = new Seeds();
        var linked = s2.Assessing();
        Seeds.Ok(linked.LinkToFamily(Seeds.Teacher, "family-smith"));
        s2.Time.Advance(TimeSpan.FromDays(1));
        Seeds.Ok(linked.UnlinkFromFamily(Seeds.Teacher, TestIds.Camhs, "REG-03", "Revoked (REG-03): the sibling's family excluded CAMHS."));
        Seeds.Ok(linked.LinkToFamily(Seeds.Teacher, "family-smith"));
        var part = new Caf.Core.Register.FamilyAssessment("caf-core-default", "1.0.0", ["BFD-09", "BFD-12"], "Damp flat; money tight since the move.");
        Seeds.Ok(linked.RecordFamilyAssessment(Seeds.Teacher, part, "Home visit with both children.")); // REG-03: the family part, fuzzed too
        Seeds.Ok(linked.ReuseFamilyAssessment(Seeds.HealthVisitor, new Caf.Core.Primitives.EpisodeId("ep-sibling"),
            new Caf.Core.Lifecycle.Events.FamilyAssessmentRecorded(new Caf.Core.Primitives.EpisodeId("ep-sibling"), s2.Time.GetUtcNow().AddHours(-1), Seeds.HealthVisitor, "family-smith", part with { }, "Recorded on the sister's CAF."),
            "The family's part, told once."));
        Seeds.Ok(linked.StepUp(Seeds.Teacher, new SpecialistService("Children's social care"), "Disclosure of significant harm."));
        yield return EpisodeJson.Serialize(linked);

        // Issue 29 (RET-02): both sides of a transfer between two authorities of one host.
        var s10 = new Seeds();
        var sending = s10.Assessing();
        var kirklees = new Caf.Core.Primitives.AuthorityId("kirklees");
        Seeds.Ok(sending.TransferToAuthority(Seeds.Teacher, kirklees, Caf.Core.Register.AuthorityTransfer.ReceivingId(sending.Id, kirklees),
            new Caf.Core.Primitives.AgencyId("kirklees-early-help"), "The family moved.", InformationCategories.Identity | InformationCategories.Needs));
        yield return EpisodeJson.Serialize(sending);
        var sent = (Caf.Core.Lifecycle.Events.EpisodeTransferredToAuthority)sending.Events[^1] with { ReceivingAuthority = "default" };
        yield return EpisodeJson.Serialize(CafEpisode.OpenFromTransfer(s10.Policy, new Caf.Core.Primitives.AuthorityId("leeds"), sent, sending.Child, "Missing school."));

        // Issue 28: the next-steps review (LIFE-14), the CAF as a referral (LIFE-13), the family's copy (CONS-09).
        var s9 = new Seeds();
        var referred = s9.Assessing();
        Seeds.Ok(referred.ReviewNextSteps(Seeds.Teacher, new Caf.Core.Primitives.PractitionerId("pr-head-of-year"), new Caf.Core.Primitives.PractitionerId("pr-caf-lead"), s9.Today, "Refer to the youth service."));
        Seeds.Ok(referred.CompleteAssessment(Seeds.Teacher, Seeds.Level3, Caf.Core.Lifecycle.AbsentParentInvolvement.NotInvolved("Not safe."), "Needs identified."));
        Seeds.Ok(referred.ReferToAgencyWithCaf(Seeds.Teacher, "Mentoring", TestIds.YouthService, "Amy asked for a mentor."));
        Seeds.Ok(referred.GiveFamilyCopy(Seeds.Teacher, "Ms Smith", true, null, "By hand."));
        yield return EpisodeJson.Serialize(referred);

        var s3 = new Seeds();
        var overridden = s3.Identified();
        Seeds.Ok(overridden.RecordConsent(Seeds.Teacher, Seeds.MotherWritten() with { Decision = ConsentDecision.Refused }, "Mum refused."));
        Seeds.Ok(overridden.OverrideConsent(Seeds.Teacher, new ConsentOverride("Risk of neglect: the safeguarding lead decided to share.", new Caf.Core.Primitives.PractitionerId("pr-dsl"))));
        yield return EpisodeJson.Serialize(overridden);

        // Issue 28: the step-down TAC request (STEP-04) and the panel case's aftercare events (PANEL-06..10).
        foreach (var scenario in Caf.Core.Tests.Golden.GoldenScenarios.All.Where(x => x.Name is "step-down-tac-requested" or "panel-aftercare"))
        {
            yield return EpisodeJson.Serialize(scenario.Build(Caf.Core.Testing.CafTestWorld.Create()));
        }
    }
}
