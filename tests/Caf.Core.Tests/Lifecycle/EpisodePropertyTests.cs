using System;
using System.Linq;
using Caf.Core.Lifecycle;
using Caf.Core.Primitives;
using Caf.Core.Tests.Support;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using EpisodePlans = Caf.Core.Testing.EpisodePlans;

namespace Caf.Core.Tests.Lifecycle;

/// <summary>Random sequences of commands, valid and invalid, never break the lifecycle's invariants.</summary>
[Properties(Arbitrary = [typeof(EpisodeCommands)], MaxTest = 300)]
public class EpisodePropertyTests
{
    private static CafEpisode Open(Seeds seeds, bool fromStepDown) => fromStepDown
        ? CafEpisode.RegisterPotentialFromStepDown(seeds.Policy, new EpisodeId("ep-p"), Seeds.NineYearOld, Seeds.Teacher, EpisodePlans.StepDown("CSC"))
        : seeds.Identified();

    [Trait("Rule", "LIFE-12")]
    [Property]
    public Property LIFE12_a_refused_command_changes_nothing(bool fromStepDown, EpisodeCommand[] commands)
    {
        var seeds = new Seeds();
        var e = Open(seeds, fromStepDown);
        foreach (var command in commands)
        {
            var before = EpisodeJson.Serialize(e);
            var (state, version) = (e.State, e.Version);
            seeds.Time.Advance(TimeSpan.FromHours(1));
            var result = command.Run(e);
            if (result.IsRefused)
            {
                if (e.State != state || e.Version != version || EpisodeJson.Serialize(e) != before)
                {
                    return false.Label($"'{command}' was refused ({result.Refusal}) but changed the episode");
                }

                if (!result.Refusal.RuleId.Contains('-', StringComparison.Ordinal))
                {
                    return false.Label($"'{command}' refusal has no rule id: {result.Refusal}");
                }
            }
            else if (e.Version <= version)
            {
                return false.Label($"'{command}' succeeded without recording an event (LIFE-11)");
            }
        }

        return true.ToProperty();
    }

    [Trait("Rule", "LIFE-10")]
    [Property]
    public Property LIFE10_closed_is_terminal_and_unchanged_by_any_command(bool fromStepDown, EpisodeCommand[] commands)
    {
        var seeds = new Seeds();
        var e = Open(seeds, fromStepDown);
        string? closedAs = null;
        foreach (var command in commands)
        {
            var result = command.Run(e);
            if (closedAs is not null)
            {
                if (result.IsSuccess || result.Refusal.RuleId != "LIFE-10" || EpisodeJson.Serialize(e) != closedAs)
                {
                    return false.Label($"'{command}' on a closed episode: {result}");
                }
            }
            else if (e.State == EpisodeState.Closed)
            {
                closedAs = EpisodeJson.Serialize(e);
                if (e.Closure is null || e.IsOpen)
                {
                    return false.Label("closed without a closure record");
                }
            }
        }

        return true.ToProperty();
    }

    [Property]
    public bool Rebuilding_from_events_gives_the_live_state(bool fromStepDown, EpisodeCommand[] commands)
    {
        var seeds = new Seeds();
        var e = Open(seeds, fromStepDown);
        foreach (var command in commands)
        {
            seeds.Time.Advance(TimeSpan.FromDays(1));
            command.Run(e);
        }

        var rebuilt = CafEpisode.Rebuild(seeds.Policy, e.Events);
        return EpisodeJson.Serialize(rebuilt) == EpisodeJson.Serialize(e)
            && rebuilt.Closure == e.Closure
            && rebuilt.LeadProfessionalHistory.SequenceEqual(e.LeadProfessionalHistory)
            && rebuilt.Consent.Records.SequenceEqual(e.Consent.Records)
            && (rebuilt.IsReassessmentRequired, rebuilt.ReviewCount, rebuilt.NextStep, rebuilt.Plan, rebuilt.Plans, rebuilt.Assessment, rebuilt.ClosureDecision, rebuilt.NextReviewDue)
               == (e.IsReassessmentRequired, e.ReviewCount, e.NextStep, e.Plan, e.Plans, e.Assessment, e.ClosureDecision, e.NextReviewDue)
            && rebuilt.Escalations.SequenceEqual(e.Escalations)
            && rebuilt.PermittedActions.SequenceEqual(e.PermittedActions);
    }

    [Property]
    public bool JSON_round_trip_is_lossless(bool fromStepDown, EpisodeCommand[] commands)
    {
        var seeds = new Seeds();
        var e = Open(seeds, fromStepDown);
        foreach (var command in commands)
        {
            command.Run(e);
        }

        var json = EpisodeJson.Serialize(e);
        var read = EpisodeJson.Deserialize(seeds.Policy, json);
        return EpisodeJson.Serialize(read) == json
            && read.Events.SequenceEqual(e.Events, new EventJsonComparer())
            && read.State == e.State;
    }

    [Property]
    public bool UI_port_agrees_with_the_commands_and_with_Stateless(bool fromStepDown, EpisodeCommand[] commands)
    {
        var seeds = new Seeds();
        var e = Open(seeds, fromStepDown);
        foreach (var command in commands)
        {
            command.Run(e);
        }

        var available = e.GetAvailableActions();
        return available.All(a => a.IsPermitted == e.CheckPermitted(a.Action).IsSuccess)
            && available.All(a => a.IsPermitted == e.StatelessCanFire(a.Action)) // the fast table agrees with Stateless
            && available.Where(a => a.IsPermitted).Select(a => a.Action).SequenceEqual(e.PermittedActions);
    }

    private sealed class EventJsonComparer : System.Collections.Generic.IEqualityComparer<Caf.Core.Events.CafEvent>
    {
        public bool Equals(Caf.Core.Events.CafEvent? x, Caf.Core.Events.CafEvent? y) =>
            EpisodeJson.SerializeEvent(x!) == EpisodeJson.SerializeEvent(y!);

        public int GetHashCode(Caf.Core.Events.CafEvent obj) => 0;
    }
}

/// <summary>SHARE-01 / LP-11 across random sequences of episode commands.</summary>
[Properties(Arbitrary = [typeof(EpisodeCommands)], MaxTest = 300)]
public class EpisodeSharingPropertyTests
{
    [Trait("Rule", "SHARE-01")]
    [Trait("Rule", "LP-11")]
    [Property]
    public Property SHARE01_LP11_an_agency_excluded_when_acting_never_becomes_LP_nor_delivers_the_plan(EpisodeCommand[] commands)
    {
        var seeds = new Seeds();
        var e = seeds.Identified();
        var lpCount = e.LeadProfessionalHistory.Length;
        foreach (var command in commands)
        {
            var consentBefore = e.Consent;
            var versionBefore = e.Version;
            var result = command.Run(e);
            if (result.IsRefused || e.Version == versionBefore)
            {
                continue;
            }

            switch (e.Events[^1])
            {
                case Caf.Core.Lifecycle.Events.LeadProfessionalNominated n when consentBefore.Excludes(n.Agency):
                    return false.Label($"'{command}' nominated an excluded agency {n.Agency}");
                case Caf.Core.Lifecycle.Events.PlanAgreed p when p.Plan.DeliveringAgencies.Any(consentBefore.Excludes):
                    return false.Label($"'{command}' gave the plan to an excluded agency");
                case Caf.Core.Lifecycle.Events.PlanRevised p when p.Plan.DeliveringAgencies.Any(consentBefore.Excludes):
                    return false.Label($"'{command}' gave the revised plan to an excluded agency");
                case Caf.Core.Lifecycle.Events.ReviewHeld r when r.Review.NewActions.Any(a => a.Owner.Agency is { } x && consentBefore.Excludes(x)):
                    return false.Label($"'{command}' gave a new action to an excluded agency");
            }

            if (e.LeadProfessionalHistory.Length > lpCount && consentBefore.Excludes(e.LeadProfessional.Agency))
            {
                return false.Label($"'{command}' appointed {e.LeadProfessional.Agency}, which the family had excluded");
            }

            lpCount = e.LeadProfessionalHistory.Length;
            if (e.IsLeadProfessionalExcluded != e.Consent.Excludes(e.LeadProfessional.Agency))
            {
                return false.Label("IsLeadProfessionalExcluded disagrees with the consent state");
            }
        }

        return true.ToProperty();
    }
}
