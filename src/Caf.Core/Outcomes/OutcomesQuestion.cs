namespace Caf.Core.Outcomes;

/// <summary>The seven questions of the "How have you been doing?" questionnaire (OUTQ-01, Leicestershire 000 appendix 3), in form order.</summary>
[System.Text.Json.Serialization.JsonConverter(typeof(Caf.Core.Primitives.StrictEnumConverter<OutcomesQuestion>))]
public enum OutcomesQuestion
{
    /// <summary>1. "Do you think you are getting on well?"</summary>
    GettingOnWell = 1,

    /// <summary>2. "How are you getting on with your family?"</summary>
    Family = 2,

    /// <summary>3. "How are you getting on with your teachers and helpers?"</summary>
    TeachersAndHelpers = 3,

    /// <summary>4. "How do you get along with children and young people."</summary>
    OtherChildren = 4,

    /// <summary>5. "Are you organised in school and at home?"</summary>
    Organised = 5,

    /// <summary>6. "How do you feel about asking for help?"</summary>
    AskingForHelp = 6,

    /// <summary>7. "How do you feel about your future?"</summary>
    Future = 7,
}
