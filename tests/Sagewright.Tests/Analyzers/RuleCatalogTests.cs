using System.Reflection;
using Sagewright.Compiler.Analyzers;
using Sagewright.Model.Validation;
using Sagewright.Tests.Infrastructure;

namespace Sagewright.Tests.Analyzers;

/// <summary>Every rule ID has a page in docs/rules, every descriptor links to it, and the index lists it.</summary>
public class RuleCatalogTests
{
    private static readonly string[] AllIds = typeof(RuleIds).GetFields(BindingFlags.Public | BindingFlags.Static)
        .Where(f => f.IsLiteral)
        .Select(f => (string)f.GetRawConstantValue()!)
        .OrderBy(id => id, StringComparer.Ordinal)
        .ToArray();

    public static TheoryData<string> Ids() => new(AllIds);

    [Theory]
    [MemberData(nameof(Ids))]
    public void Every_rule_has_a_docs_page_whose_title_names_it(string id)
    {
        var page = Path.Combine(Paths.RepoRoot, "docs", "rules", id + ".md");
        Assert.True(File.Exists(page), "Missing docs page " + page);
        var title = File.ReadLines(page).First();
        Assert.StartsWith("# " + id + ":", title, StringComparison.Ordinal);
    }

    [Fact]
    public void Every_descriptor_links_to_its_docs_page()
    {
        var descriptors = new PipelineAnalyzer().SupportedDiagnostics;
        Assert.Equal(descriptors.Length, descriptors.Select(d => d.Id).Distinct().Count());
        foreach (var descriptor in descriptors)
        {
            Assert.Contains(descriptor.Id, AllIds);
            Assert.Equal(DiagnosticCatalog.HelpLink(descriptor.Id), descriptor.HelpLinkUri);
            Assert.EndsWith("/docs/rules/" + descriptor.Id + ".md", descriptor.HelpLinkUri, StringComparison.Ordinal);
            Assert.True(File.Exists(Path.Combine(Paths.RepoRoot, "docs", "rules", descriptor.Id + ".md")), descriptor.Id);
        }
    }

    [Fact]
    public void Descriptor_severities_are_the_catalog_defaults()
    {
        foreach (var descriptor in new PipelineAnalyzer().SupportedDiagnostics)
        {
            var expected = DiagnosticCatalog.DefaultSeverity(descriptor.Id) switch
            {
                RuleSeverity.Error => Microsoft.CodeAnalysis.DiagnosticSeverity.Error,
                RuleSeverity.Warning => Microsoft.CodeAnalysis.DiagnosticSeverity.Warning,
                _ => Microsoft.CodeAnalysis.DiagnosticSeverity.Info,
            };
            Assert.Equal(expected, descriptor.DefaultSeverity);
        }
    }

    [Fact]
    public void The_rules_index_lists_every_id_once()
    {
        var index = File.ReadAllLines(Path.Combine(Paths.RepoRoot, "docs", "rules", "README.md"));
        foreach (var id in AllIds)
        {
            Assert.Single(index, line => line.StartsWith("| " + id + " |", StringComparison.Ordinal));
        }
    }
}
