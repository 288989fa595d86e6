using Caf.Core.Annotations;

namespace Caf.Core.DependencyInjection;

/// <summary>
/// The ports a host must register, checked when the host starts: an options type with nothing to bind
/// whose validator (<see cref="CafStartupCheckValidator"/>) looks at the built container, registered with
/// <c>ValidateOnStart</c>, so the generic host (and <c>IStartupValidator.Validate()</c> without one) fails
/// before the first request with a message that says what to register.
/// </summary>
/// <remarks>Kept apart from <c>CafOptions</c> so resolving one domain service never needs every port.</remarks>
[Immutable]
internal sealed class CafStartupCheck
{
}
