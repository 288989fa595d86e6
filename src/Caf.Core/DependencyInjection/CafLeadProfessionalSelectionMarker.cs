using Caf.Core.Annotations;
using Caf.Core.LeadProfessional;

namespace Caf.Core.DependencyInjection;

/// <summary>Records that the host selects lead professionals from an <see cref="IPractitionerDirectory"/>.</summary>
[Immutable]
internal sealed class CafLeadProfessionalSelectionMarker
{
}
