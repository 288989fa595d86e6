using System.Linq;
using Caf.Core.Lifecycle;
using Caf.Core.Planning;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;

namespace Caf.Core.Tests.Planning;

/// <summary>
/// REV-03 (002 §6): "Where there has been insufficient progress after 4 reviews of an action plan the
/// assessment will need to be re-considered and a new Action Plan negotiated."
/// </summary>
public class ReassessmentRuleTests
{
    private const ReviewProgress S = ReviewProgress.Sufficient;
    private const ReviewProgress I = ReviewProgress.Insufficient;

    private static ReviewProgress[] Parse(string pattern) => [.. pattern.Select(c => c == 'I' ? I : S)];

    [Trait("Rule", "REV-03")]
    [Theory]
    [InlineData("", false)]
    [InlineData("III", false)]      // three reviews: not yet "after 4 reviews"
    [InlineData("IIIS", false)]     // the 4th review found progress sufficient
    [InlineData("IIII", true)]
    [InlineData("SSSI", true)]      // the 4th review finds insufficient progress: not only in a row
    [InlineData("SSSSSSI", true)]   // any later review
    [InlineData("SSSSSS", false)]
    public void REV03_the_fourth_or_any_later_review_finding_insufficient_progress_requires_reassessment(string pattern, bool required)
    {
        Assert.Equal(required, ReassessmentRule.IsRequired(Parse(pattern), new ReviewOptions()));
    }

    [Trait("Rule", "REV-03")]
    [Fact]
    public void REV03_nine_insufficient_reviews_out_of_twelve_trigger_it_but_not_under_the_consecutive_reading()
    {
        var twelve = Parse("IIISIIISIIIS");
        Assert.Equal(9, twelve.Count(p => p == I));

        Assert.True(ReassessmentRule.IsRequired(twelve, 4));
        Assert.Equal(5, ReassessmentRule.TriggeringReview(twelve, 4));
        Assert.False(ReassessmentRule.IsRequired(twelve, new ReviewOptions { CountConsecutiveOnly = true }));
        Assert.True(ReassessmentRule.IsRequired(Parse("SIIIIS"), 4, consecutiveOnly: true));
    }

    [Trait("Rule", "REV-03")]
    [Fact]
    public void REV03_the_count_is_an_option()
    {
        Assert.True(ReassessmentRule.IsRequired(Parse("SI"), new ReviewOptions { InsufficientProgressReviewLimit = 2 }));
        Assert.False(ReassessmentRule.IsRequired(Parse("SSSI"), new ReviewOptions { InsufficientProgressReviewLimit = 5 }));
        Assert.ThrowsAny<System.ArgumentException>(() => ReassessmentRule.IsRequired(Parse("I"), 0));
    }

    public static class Arbitraries
    {
        public static Arbitrary<ReviewProgress[]> Reviews() =>
            Arb.From(Gen.ArrayOf(Gen.Elements(S, I)).Select(a => a.Take(20).ToArray()));
    }

    // Oracle from the rule text: some review numbered N or later found insufficient progress.
    private static bool Oracle(ReviewProgress[] reviews, int n) => reviews.Skip(n - 1).Contains(I);

    // Oracle for the consecutive reading: N insufficient reviews in a row somewhere.
    private static bool ConsecutiveOracle(ReviewProgress[] reviews, int n) =>
        Enumerable.Range(0, reviews.Length).Any(start => start + n <= reviews.Length && reviews.Skip(start).Take(n).All(p => p == I));

    [Trait("Rule", "REV-03")]
    [Property(Arbitrary = [typeof(Arbitraries)], MaxTest = 500)]
    public bool REV03_required_exactly_when_the_Nth_or_a_later_review_is_insufficient(ReviewProgress[] reviews, PositiveInt count)
    {
        var n = (count.Get % 6) + 1;
        return ReassessmentRule.IsRequired(reviews, n) == Oracle(reviews, n)
            && ReassessmentRule.IsRequired(reviews, n, consecutiveOnly: true) == ConsecutiveOracle(reviews, n);
    }

    [Trait("Rule", "REV-03")]
    [Property(Arbitrary = [typeof(Arbitraries)], MaxTest = 500)]
    public bool REV03_once_required_further_reviews_of_the_same_plan_never_undo_it(ReviewProgress[] reviews, ReviewProgress[] more, bool consecutive)
    {
        return !ReassessmentRule.IsRequired(reviews, 4, consecutive) || ReassessmentRule.IsRequired([.. reviews, .. more], 4, consecutive);
    }

    [Trait("Rule", "REV-03")]
    [Property(Arbitrary = [typeof(Arbitraries)], MaxTest = 500)]
    public bool REV03_more_than_N_minus_1_insufficient_reviews_always_trigger_it(ReviewProgress[] reviews)
    {
        // Only N-1 reviews come before the Nth, so N or more insufficient ones must reach it (9 of 12 for N = 4).
        return reviews.Count(p => p == I) < 4 || ReassessmentRule.IsRequired(reviews, 4);
    }
}
