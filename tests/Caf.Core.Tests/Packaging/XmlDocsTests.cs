using System;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Xml.Linq;
using Caf.Core.Configuration;

namespace Caf.Core.Tests.Packaging;

/// <summary>The XML docs shipped beside Caf.Core.dll document the public API only (eng/PublicXmlDocs.targets).</summary>
public class XmlDocsTests
{
    private static readonly Assembly Library = typeof(CafOptions).Assembly;

    private static XElement[] Members()
    {
        var path = Path.ChangeExtension(Library.Location, ".xml");
        Assert.True(File.Exists(path), "Caf.Core.xml should be copied beside Caf.Core.dll: " + path);
        return XDocument.Load(path).Root!.Element("members")!.Elements("member").ToArray();
    }

    private static Type? FindType(string docName) =>
        Library.GetType(docName) ?? Library.GetTypes().FirstOrDefault(t => (t.FullName ?? "").Replace('+', '.') == docName);

    [Fact]
    public void The_shipped_xml_has_no_docs_for_internal_types_or_members()
    {
        var offenders = Members().Select(m => (string)m.Attribute("name")!).Where(id =>
        {
            var kind = id[0];
            var name = id[2..];
            var paren = name.IndexOf('(', StringComparison.Ordinal);
            if (paren >= 0)
            {
                name = name[..paren];
            }

            if (kind == 'T')
            {
                return FindType(name) is not { IsVisible: true };
            }

            var dot = name.EndsWith(".#ctor", StringComparison.Ordinal) ? name.Length - 6 : name.LastIndexOf('.');
            var type = FindType(name[..dot]);
            var member = name[(dot + 1)..].Split("``")[0].Replace("#ctor", ".ctor", StringComparison.Ordinal);
            if (type is not { IsVisible: true })
            {
                return true;
            }

            if (member.Contains('#', StringComparison.Ordinal))
            {
                return false; // an explicit interface implementation, public through its interface
            }

            const BindingFlags all = BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly;
            return !type.GetMember(member, all).Any(m => m switch
            {
                MethodBase method => method.IsPublic || method.IsFamily || method.IsFamilyOrAssembly,
                FieldInfo field => field.IsPublic || field.IsFamily || field.IsFamilyOrAssembly,
                PropertyInfo property => property.GetAccessors(nonPublic: true).Any(a => a.IsPublic || a.IsFamily || a.IsFamilyOrAssembly),
                EventInfo e => e.AddMethod is { IsPublic: true },
                Type nested => nested.IsVisible,
                _ => false,
            });
        }).ToArray();

        Assert.True(offenders.Length == 0, "Docs for non-public members shipped: " + string.Join(", ", offenders.Take(20)));
    }

    [Fact]
    public void The_shipped_xml_still_documents_the_public_api()
    {
        var ids = Members().Select(m => (string)m.Attribute("name")!).ToHashSet(StringComparer.Ordinal);

        Assert.Contains("T:Caf.Core.Configuration.CafOptions", ids);
        Assert.Contains("M:Caf.Core.Configuration.CafOptions.Validate", ids);
        Assert.Contains("F:Caf.Core.Configuration.CafOptions.SectionName", ids);
        Assert.Contains("P:Caf.Core.Configuration.CafOptions.Consent", ids);
        Assert.Contains("M:Microsoft.Extensions.DependencyInjection.CafServiceCollectionExtensions.AddCafCore(Microsoft.Extensions.DependencyInjection.IServiceCollection)", ids);
        Assert.DoesNotContain("T:Caf.Core.Configuration.CafOptionsBinder", ids);
        Assert.DoesNotContain(ids, id => id.Contains("CafStartupCheckValidator", StringComparison.Ordinal));
    }
}
