using System;
using Caf.Core.Thresholds;

namespace Caf.Core.Tests.Thresholds;

/// <summary>
/// The default framework (caf-thresholds-default) written out by hand, as a developer would code it without a
/// framework document: a switch over the ids and the rules as code. The peer that <c>Classify</c> is measured against
/// (benchmarks/ThresholdPeerBenchmarks) and held to (ThresholdPeerAgreementTests). Returns null for an unknown id.
/// </summary>
internal static class HandWrittenDefaultThresholds
{
    public static ThresholdClassification? Classify(ReadOnlySpan<string> observed, ThresholdContext context)
    {
        var seen = 0UL;
        int atLeast2 = 0, atLeast3 = 0, atLeast4 = 0, parental = 0;
        int domains2 = 0, domains3 = 0;
        var harm = context.SignificantHarmConcern;
        foreach (var id in observed)
        {
            (int Bit, int Level, int Domain, bool Harm, bool Parental) i = id switch
            {
            "LEI-01" => (0, 2, 0, false, false),
            "LEI-02" => (1, 2, 1, false, false),
            "LEI-03" => (2, 3, 0, false, false),
            "LEI-04" => (3, 3, 0, false, false),
            "LEI-05" => (4, 2, 0, false, false),
            "LEI-06" => (5, 2, 0, false, false),
            "LEI-07" => (6, 2, 0, false, false),
            "LEI-08" => (7, 2, 0, false, false),
            "LEI-09" => (8, 2, 0, false, false),
            "LEI-10" => (9, 2, 0, false, false),
            "BFD-01" => (10, 2, 0, false, false),
            "BFD-02" => (11, 3, 1, false, false),
            "BFD-03" => (12, 2, 1, false, false),
            "BFD-04" => (13, 2, 0, false, false),
            "BFD-05" => (14, 3, 0, false, false),
            "BFD-06" => (15, 2, 0, false, false),
            "BFD-07" => (16, 3, 2, false, false),
            "BFD-08" => (17, 2, 2, false, false),
            "BFD-09" => (18, 2, 2, false, false),
            "BFD-10" => (19, 2, 0, false, false),
            "BFD-11" => (20, 2, 2, false, false),
            "BFD-12" => (21, 2, 2, false, false),
            "BFD-13" => (22, 2, 2, false, false),
            "BFD-14" => (23, 2, 0, false, false),
            "BFD-15" => (24, 2, 0, false, false),
            "BFD-16" => (25, 2, 1, false, true),
            "BFD-17" => (26, 2, 2, false, true),
            "BFD-18" => (27, 2, 1, false, true),
            "SPC-01" => (28, 4, 0, false, false),
            "SPC-02" => (29, 4, 0, false, false),
            "SH-01" => (30, 4, 1, true, false),
                _ => (-1, 0, 0, false, false),
            };
            if (i.Bit < 0)
            {
                return null;
            }

            if ((seen & (1UL << i.Bit)) != 0)
            {
                continue;
            }

            seen |= 1UL << i.Bit;
            harm |= i.Harm;
            parental += i.Parental ? 1 : 0;
            if (i.Level >= 2) { atLeast2++; domains2 |= 1 << i.Domain; }
            if (i.Level >= 3) { atLeast3++; domains3 |= 1 << i.Domain; }
            if (i.Level >= 4) { atLeast4++; }
        }

        if (harm)
        {
            return new ThresholdClassification(ThresholdLevel.SignificantHarm, ThresholdRoute.Safeguarding); // R-SIGNIFICANT-HARM
        }

        // The highest level any rule gives; the panel route when R-PANEL gives it.
        var level = 1;
        var panel = false;
        if (atLeast2 >= 1) { level = 2; } // R-ADDITIONAL
        if (atLeast3 >= 1 || (atLeast2 >= 3 && Pop(domains2) >= 2) || parental >= 2) { level = 3; } // R-COMPLEX, R-MULTIPLE, R-PARENTAL
        if (atLeast3 >= 2 && Pop(domains3) >= 2) { level = Math.Max(level, 3); panel = true; } // R-PANEL
        if (atLeast4 >= 1 || (context.SpecialistServicesInvolved && !context.StepDown)) { level = 4; } // R-ACUTE, R-SPECIALIST
        var route = level switch
        {
            1 => ThresholdRoute.Universal,
            2 => ThresholdRoute.CafSingleAgency,
            3 => panel ? ThresholdRoute.Panel : ThresholdRoute.CafMultiAgency,
            _ => ThresholdRoute.SpecialistReferral,
        };
        return new ThresholdClassification((ThresholdLevel)level, route);
    }

    private static int Pop(int mask) => System.Numerics.BitOperations.PopCount((uint)mask);
}
