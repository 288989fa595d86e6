using System.Linq;
using System.Text;
using Caf.Core.Lifecycle;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;

namespace Caf.Core.Tests.Lifecycle;

/// <summary>
/// Issue 26: a snapshot's schema version is read from its first characters when they settle it, not from a UTF-8 copy
/// of the whole text; the answer must be the whole text's on any object: the version first, later, nested, missing,
/// not a number, members long enough to cross the prefix, non-ASCII text at the cut, and text that is not JSON.
/// </summary>
public class SchemaVersionPeekProperties
{
    private static Gen<string> Member() => Gen.OneOf(
        Gen.Choose(0, 12).Select(v => $"\"schemaVersion\":{v}"),
        Gen.Constant("\"schemaVersion\":\"2\""),
        Gen.Choose(0, 400).Select(n => $"\"pad\":\"{new string('x', n)}\""),
        Gen.Choose(0, 200).Select(n => $"\"name\":\"{string.Concat(Enumerable.Repeat("é😀", n))}\""),
        Gen.Choose(0, 100).Select(n => $"\"events\":[{string.Join(",", Enumerable.Repeat("{\"schemaVersion\":9,\"a\":[1,2,{\"b\":null}]}", n))}]"),
        Gen.Constant("\"n\":12.5"));

    private static Gen<string> Texts() =>
        from members in Member().ListOf()
        from broken in Gen.Frequency((6, Gen.Constant(0)), (1, Gen.Choose(1, 3)))
        let text = "{" + string.Join(",", members) + "}"
        select broken switch
        {
            1 => text[..(text.Length / 2)],
            2 => "[" + text + "]",
            3 => text.Replace(",", ",,"),
            _ => text,
        };

    [Property(MaxTest = 500)]
    public Property The_version_read_from_the_start_is_the_whole_texts() =>
        Prop.ForAll(Texts().ToArbitrary(), text =>
            EpisodeUpcasting.PeekVersion(text) == EpisodeUpcasting.PeekVersion(Encoding.UTF8.GetBytes(text)));
}
