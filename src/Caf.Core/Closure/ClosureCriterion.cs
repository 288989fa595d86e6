namespace Caf.Core.Closure;

/// <summary>The four closure criteria; closing names at least one and every one named must hold (002 §9 "Closing a CAF").</summary>
[System.Text.Json.Serialization.JsonConverter(typeof(Caf.Core.Primitives.StrictEnumConverter<ClosureCriterion>))]
public enum ClosureCriterion
{
    /// <summary>CLOSE-C1: during a review a decision is reached that most of the intended outcomes in the plan have been achieved.</summary>
    MostOutcomesAchieved = 1,

    /// <summary>CLOSE-C2: the family no longer want to be involved and the child's progress is satisfactory.</summary>
    FamilyNoLongerWantInvolvement = 2,

    /// <summary>CLOSE-C3: the LP concludes with the other practitioners that progress is satisfactory and further involvement is not needed.</summary>
    PractitionersAgreeNoFurtherInvolvement = 3,

    /// <summary>CLOSE-C4: the young person, at 19, is transferred to adult services with their agreement.</summary>
    TransferredToAdultServices = 4,
}
