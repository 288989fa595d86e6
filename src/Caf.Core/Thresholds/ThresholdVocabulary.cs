using System;

namespace Caf.Core.Thresholds;

/// <summary>The JSON names of routes and outcomes (THR-01): the document stores names, the matcher enums.</summary>
internal static class ThresholdVocabulary
{
    internal const string RouteNames = "universal, cafSingleAgency, cafMultiAgency, panel, specialistReferral, safeguarding";
    internal const string OutcomeNames = "beHealthy, staySafe, enjoyAndAchieve, makeAPositiveContribution, achieveEconomicWellBeing";

    internal static bool TryParseRoute(string? name, out ThresholdRoute route)
    {
        route = name switch
        {
            "universal" => ThresholdRoute.Universal,
            "cafSingleAgency" => ThresholdRoute.CafSingleAgency,
            "cafMultiAgency" => ThresholdRoute.CafMultiAgency,
            "panel" => ThresholdRoute.Panel,
            "specialistReferral" => ThresholdRoute.SpecialistReferral,
            "safeguarding" => ThresholdRoute.Safeguarding,
            _ => (ThresholdRoute)(-1),
        };
        return route >= 0;
    }

    internal static bool TryParseOutcome(string? name, out EcmOutcome outcome)
    {
        outcome = name switch
        {
            "beHealthy" => EcmOutcome.BeHealthy,
            "staySafe" => EcmOutcome.StaySafe,
            "enjoyAndAchieve" => EcmOutcome.EnjoyAndAchieve,
            "makeAPositiveContribution" => EcmOutcome.MakeAPositiveContribution,
            "achieveEconomicWellBeing" => EcmOutcome.AchieveEconomicWellBeing,
            _ => (EcmOutcome)(-1),
        };
        return outcome >= 0;
    }

    internal static string Describe(ThresholdRoute route) => route switch
    {
        ThresholdRoute.Universal => "universal services, no CAF",
        ThresholdRoute.CafSingleAgency => "CAF with single-agency or family action",
        ThresholdRoute.CafMultiAgency => "CAF with multi-agency support / team around the child",
        ThresholdRoute.Panel => "CAF to a multi-agency panel (MAF/MAAG)",
        ThresholdRoute.SpecialistReferral => "referral to specialist (tier 3/4) services",
        ThresholdRoute.Safeguarding => "safeguarding procedures immediately",
        _ => throw new ArgumentOutOfRangeException(nameof(route)),
    };

    internal static string Describe(EcmOutcome outcome) => outcome switch
    {
        EcmOutcome.BeHealthy => "Be healthy",
        EcmOutcome.StaySafe => "Stay safe",
        EcmOutcome.EnjoyAndAchieve => "Enjoy and achieve",
        EcmOutcome.MakeAPositiveContribution => "Make a positive contribution",
        EcmOutcome.AchieveEconomicWellBeing => "Achieve economic well-being",
        _ => throw new ArgumentOutOfRangeException(nameof(outcome)),
    };
}
