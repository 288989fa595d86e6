using System;
using System.Linq;
using Caf.Core.Closure;
using Caf.Core.Lifecycle;
using Caf.Core.Primitives;
using Caf.Core.Register;
using Caf.Core.Testing;
using Caf.Core.Tests.Support;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;

namespace Caf.Core.Tests.Register;

public class RegisterPropertyTests
{
    public enum Op { Identify, StepDown, Close, StepUp, Transfer }

    public static class Arbitraries
    {
        public static Arbitrary<(Op Op, int Child)[]> Ops() =>
            Arb.From(Gen.Zip(Gen.Elements(Enum.GetValues<Op>().AsEnumerable()), Gen.Choose(0, 3)).ArrayOf());
    }

    [Trait("Rule", "REG-01")]
    [Property(Arbitrary = [typeof(Arbitraries)], MaxTest = 200)]
    public bool REG01_at_most_one_open_episode_per_child_across_random_register_operations((Op Op, int Child)[] ops)
    {
        var seeds = new Seeds();
        var store = new InMemoryEpisodeRepository(seeds.Policy);
        var register = new CafRegister(store, seeds.Policy);
        var n = 0;
        foreach (var (op, childNo) in ops)
        {
            var child = new ChildDetails(new ChildId($"child-{childNo}"), new DateOnly(2015, 1, 1));
            var id = new EpisodeId($"ep-{n++}");
            switch (op)
            {
                case Op.Identify:
                    register.IdentifyConcernAsync(id, child, Seeds.Teacher, "concern").AsTask().Wait();
                    break;
                case Op.StepDown:
                    register.RegisterStepDownAsync(id, child, Seeds.Teacher, EpisodePlans.StepDown("CSC")).AsTask().Wait();
                    break;
                default:
                    var open = register.FindOpenForCoordinatorAsync(child.Id).AsTask().Result;
                    if (open is null)
                    {
                        break;
                    }

                    var e = store.GetAsync(open.Id).AsTask().Result!;
                    var version = e.Version;
                    var r = op switch
                    {
                        Op.Close => e.Close(Seeds.Teacher, EpisodePlans.PractitionersAgree("resolvedOther", TestIds.Teacher)),
                        Op.StepUp => e.StepUp(Seeds.Teacher, new SpecialistService("CSC"), "harm"),
                        _ => e.TransferOut(Seeds.Teacher, new LocalAuthority("Leeds"), "moved"),
                    };
                    if (r.IsSuccess)
                    {
                        store.UpdateAsync(e, version).AsTask().Wait();
                    }

                    break;
            }

            var all = store.ListAsync(new AdHocSpec()).AsTask().Result;
            if (all.Where(s => s.IsOpen).GroupBy(s => s.Child).Any(g => g.Count() > 1))
            {
                return false;
            }
        }

        return true;
    }
}
