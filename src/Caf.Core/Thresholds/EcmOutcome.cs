namespace Caf.Core.Thresholds;

/// <summary>The five Every Child Matters outcomes (002 intro; 004 context).</summary>
/// <remarks>JSON names (camel case): <c>beHealthy</c>, <c>staySafe</c>, <c>enjoyAndAchieve</c>,
/// <c>makeAPositiveContribution</c>, <c>achieveEconomicWellBeing</c>.</remarks>
[System.Text.Json.Serialization.JsonConverter(typeof(Caf.Core.Primitives.StrictEnumConverter<EcmOutcome>))]
public enum EcmOutcome
{
    /// <summary>Be healthy.</summary>
    BeHealthy = 0,

    /// <summary>Stay safe.</summary>
    StaySafe = 1,

    /// <summary>Enjoy and achieve.</summary>
    EnjoyAndAchieve = 2,

    /// <summary>Make a positive contribution.</summary>
    MakeAPositiveContribution = 3,

    /// <summary>Achieve economic well-being.</summary>
    AchieveEconomicWellBeing = 4,
}
