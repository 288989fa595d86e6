namespace Caf.Core.Outcomes;

/// <summary>Who answered a completion of the questionnaire (OUTQ-01).</summary>
[System.Text.Json.Serialization.JsonConverter(typeof(Caf.Core.Primitives.StrictEnumConverter<OutcomesRespondent>))]
public enum OutcomesRespondent
{
    /// <summary>The child or young person.</summary>
    Child = 1,

    /// <summary>A parent or carer.</summary>
    Parent = 2,

    /// <summary>The child and a parent or carer together.</summary>
    Together = 3,
}
