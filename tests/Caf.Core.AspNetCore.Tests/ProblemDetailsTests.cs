using System;
using System.Security.Claims;
using Caf.Core.Primitives;
using Caf.Core.Register;
using Microsoft.AspNetCore.Http;

namespace Caf.Core.AspNetCore.Tests;

/// <summary>The mapping of refusal codes to HTTP, and the default caller port, without a host.</summary>
public sealed class ProblemDetailsTests
{
    [Theory]
    [InlineData("STORE-CONCURRENCY", "version", 409, CafProblemDetails.ConflictTitle)]
    [InlineData("STORE-DUPLICATE", "id", 409, CafProblemDetails.ConflictTitle)]
    [InlineData("STORE-HISTORY", "events", 409, CafProblemDetails.ConflictTitle)]
    [InlineData("STORE-NOT-FOUND", "id", 404, CafProblemDetails.NotFoundTitle)]
    [InlineData("LIFE-12", "state", 409, CafProblemDetails.StateTitle)]
    [InlineData("LIFE-10", "state", 409, CafProblemDetails.StateTitle)]
    [InlineData("RET-02", "state", 409, CafProblemDetails.StateTitle)]
    [InlineData("SHARE-01", "by", 403, CafProblemDetails.SharingTitle)]
    [InlineData("SHARE-01", "deliveringAgencies", 403, CafProblemDetails.SharingTitle)]
    [InlineData("LIFE-05", "consent", 422, CafProblemDetails.RuleTitle)]
    [InlineData("CONS-04", "consent", 422, CafProblemDetails.RuleTitle)]
    [InlineData("LP-11", "leadProfessional", 422, CafProblemDetails.RuleTitle)]
    public void Each_kind_of_refusal_has_its_status_and_title(string ruleId, string field, int status, string title)
    {
        var problem = CafProblemDetails.For(new Refusal(ruleId, "What is missing.", field), "/api/episodes/ep-1");

        Assert.Equal(status, CafProblemDetails.StatusCodeFor(new Refusal(ruleId, "m", field)));
        Assert.Equal(status, problem.Status);
        Assert.Equal(title, problem.Title);
        Assert.Equal("What is missing.", problem.Detail);
        Assert.Equal("/api/episodes/ep-1", problem.Instance);
        Assert.Equal(ruleId, problem.Extensions["ruleId"]);
        Assert.Equal(field, problem.Extensions["field"]);
        Assert.Equal($"https://github.com/caf-core/caf.core/blob/main/docs/rules.md#{ruleId.ToLowerInvariant()}", problem.Type);
    }

    [Fact]
    public void The_problem_type_follows_the_hosts_rulebook_address()
    {
        Assert.Equal("https://caf.example.org/rules#cons-05", CafProblemDetails.TypeFor("CONS-05", new Uri("https://caf.example.org/rules")));
        Assert.Throws<ArgumentException>(() => CafProblemDetails.TypeFor(" "));
        Assert.Throws<ArgumentException>(() => CafProblemDetails.TypeFor("CONS-05", new Uri("/rules", UriKind.Relative)));
        Assert.Throws<ArgumentNullException>(() => CafProblemDetails.For(null!));
    }

    [Fact]
    public void Result_to_IResult_success_and_refusal()
    {
        Assert.IsType<Microsoft.AspNetCore.Http.HttpResults.NoContent>(Result.Ok.ToHttpResult());
        var ok = Assert.IsType<Microsoft.AspNetCore.Http.HttpResults.Ok<int>>(Result.Success(42).ToHttpResult());
        Assert.Equal(42, ok.Value);
        var refused = Assert.IsType<Microsoft.AspNetCore.Http.HttpResults.ProblemHttpResult>(
            Result.Refused(StoreCodes.Concurrency, "Reload and try again.", "version").ToHttpResult());
        Assert.Equal(409, refused.StatusCode);
        Assert.Equal("STORE-CONCURRENCY", refused.ProblemDetails.Extensions["ruleId"]);
        Assert.Throws<InvalidOperationException>(() => default(Result).ToHttpResult());
        Assert.Throws<ArgumentNullException>(() => Result.Ok.ToHttpResult(null!));
    }

    [Fact]
    public void The_default_caller_port_reads_the_practitioner_and_agency_claims_of_an_authenticated_user()
    {
        var accessor = new ClaimsCafCallerAccessor();

        var signedIn = Context(new ClaimsIdentity([new(CafClaimTypes.Practitioner, "ms-jones"), new(CafClaimTypes.Agency, "oakfield-primary")], "test"));
        var anonymous = Context(new ClaimsIdentity([new(CafClaimTypes.Practitioner, "ms-jones"), new(CafClaimTypes.Agency, "oakfield-primary")]));
        var noAgency = Context(new ClaimsIdentity([new(CafClaimTypes.Practitioner, "ms-jones")], "test"));
        var badId = Context(new ClaimsIdentity([new(CafClaimTypes.Practitioner, " ms-jones"), new(CafClaimTypes.Agency, "oakfield-primary")], "test"));

        Assert.Equal(new Actor(new PractitionerId("ms-jones"), new AgencyId("oakfield-primary")), accessor.GetCaller(signedIn));
        Assert.Null(accessor.GetCaller(anonymous));
        Assert.Null(accessor.GetCaller(noAgency));
        Assert.Null(accessor.GetCaller(badId));
        Assert.Throws<ArgumentNullException>(() => accessor.GetCaller(null!));
    }

    private static DefaultHttpContext Context(ClaimsIdentity identity) => new() { User = new ClaimsPrincipal(identity) };
}
