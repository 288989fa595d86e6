using Caf.Core.Annotations;
using Microsoft.Extensions.Options;

namespace Caf.Core.Configuration;

/// <summary>
/// Validates <see cref="CafOptions"/> for the options pattern with <see cref="CafOptions.Validate"/>: every
/// problem is one failure, so <see cref="OptionsValidationException.Message"/> lists them all at once.
/// Registered by <c>AddCafCore</c> and run at start-up (<c>ValidateOnStart</c>) and on first use.
/// </summary>
[Immutable]
internal sealed class CafOptionsValidator : IValidateOptions<CafOptions>
{
    /// <inheritdoc />
    public ValidateOptionsResult Validate(string? name, CafOptions options)
    {
        var problems = options.Validate();
        return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems);
    }
}
