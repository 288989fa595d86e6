using System.Text.Json;
using System.Text.Json.Serialization;
using Caf.Core.Closure;
using Caf.Core.Lifecycle;
using Caf.Core.Planning;
using Caf.Core.StepDown;
using Caf.Core.Tests.Support;
using static Caf.Core.Tests.Planning.PlanFixtures;

namespace Caf.Core.Tests.Planning;

/// <summary>
/// The new values read back from strict source-generated JSON unchanged, so the episode can carry them in
/// its events and snapshot (options as in the library's contexts).
/// </summary>
public class PlanJsonTests
{
    [Fact]
    public void Plans_reviews_closure_requests_and_step_down_values_round_trip_through_strict_JSON()
    {
        var plan = MultiAgencyPlan();
        var review = Review(plan, AgreedOn.AddDays(42), ReviewProgress.Insufficient, ActionProgress.NotCarriedOut, "sleep") with
        {
            Barriers = ["Mum's shifts changed"],
            NewActions = [new PlanAction("a-dad", "Dad does the Tuesday school run", ActionOwner.Family, AgreedOn.AddDays(70))],
        };
        var request = new ClosureRequest
        {
            Criteria = [ClosureCriterion.PractitionersAgreeNoFurtherInvolvement],
            OutcomeCode = "resolvedMultiAgency",
            HowWillYouKnow = "Attendance is 97%.",
            PractitionersAgreement = new([TestIds.Teacher, TestIds.HealthVisitor], "No further involvement needed."),
            AdultServicesTransfer = new("Adult social care", true),
        };
        var stepDown = new StepDownInformation { DocumentType = StepDownDocumentType.SenTransitionReview, SpecialistService = "SEN", HolisticViewOfNeeds = "x" };
        var tac = StepDownTacDecision.Continue(TestIds.TeacherAtSchool, plan, true, true);
        var history = PlanHistory.Empty.Add(plan).Add(plan.Revise(AgreedOn.AddDays(90)));

        Assert.Equal(plan, RoundTrip(plan, TestJsonContext.Default.ActionPlan));
        Assert.Equal(review, RoundTrip(review, TestJsonContext.Default.ReviewRecord));
        Assert.Equal(request, RoundTrip(request, TestJsonContext.Default.ClosureRequest));
        Assert.Equal(stepDown, RoundTrip(stepDown, TestJsonContext.Default.StepDownInformation));
        Assert.Equal(tac, RoundTrip(tac, TestJsonContext.Default.StepDownTacDecision));
        Assert.Equal(history, RoundTrip(history, TestJsonContext.Default.PlanHistory));
    }

    [Fact]
    public void A_mis_shaped_owner_in_JSON_is_refused()
    {
        const string json = """{ "kind": "Practitioner", "practitioner": "pr-x", "agency": null }""";

        Assert.ThrowsAny<System.Exception>(() => JsonSerializer.Deserialize(json, TestJsonContext.Default.ActionOwner));
    }

    private static T RoundTrip<T>(T value, System.Text.Json.Serialization.Metadata.JsonTypeInfo<T> info) =>
        JsonSerializer.Deserialize(JsonSerializer.Serialize(value, info), info)!;
}

[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
    RespectNullableAnnotations = true,
    RespectRequiredConstructorParameters = true,
    AllowDuplicateProperties = false,
    UseStringEnumConverter = true)]
[JsonSerializable(typeof(ActionPlan))]
[JsonSerializable(typeof(ReviewRecord))]
[JsonSerializable(typeof(ClosureRequest))]
[JsonSerializable(typeof(StepDownInformation))]
[JsonSerializable(typeof(StepDownTacDecision))]
[JsonSerializable(typeof(PlanHistory))]
[JsonSerializable(typeof(ActionOwner))]
internal sealed partial class TestJsonContext : JsonSerializerContext
{
}
