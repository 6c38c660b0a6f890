using System.Reflection;
using System.Text.RegularExpressions;
using Sagewright.Compiler.Analyzers;
using Sagewright.Compiler.Diagnostics;
using Sagewright.Model.Validation;
using Sagewright.Tests.Infrastructure;

namespace Sagewright.Tests.Analyzers;

/// <summary>Every rule ID has a page in docs/rules, a descriptor and an analyzer release entry; every descriptor links
/// to its page, and the index lists it.</summary>
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

    [Fact]
    public void Every_rule_id_has_a_descriptor_unless_the_index_says_it_is_not_applicable_yet()
    {
        var index = File.ReadAllLines(Path.Combine(Paths.RepoRoot, "docs", "rules", "README.md"));
        foreach (var id in AllIds)
        {
            var row = Assert.Single(index, line => line.StartsWith("| " + id + " |", StringComparison.Ordinal));
            if (!row.Contains("not applicable yet", StringComparison.Ordinal))
            {
                Assert.True(Descriptors.ById.ContainsKey(id), "No descriptor for " + id);
            }
        }
    }

    [Fact]
    public void Every_descriptor_has_an_analyzer_release_entry_with_its_category_severity_and_title()
    {
        var entries = new[] { "AnalyzerReleases.Shipped.md", "AnalyzerReleases.Unshipped.md" }
            .SelectMany(file => File.ReadAllLines(Path.Combine(Paths.RepoRoot, "src", "Sagewright.Compiler", file)))
            .Where(line => line.StartsWith("SGW", StringComparison.Ordinal))
            .Select(line => line.Split('|').Select(cell => cell.Trim()).ToArray())
            .ToList();
        foreach (var descriptor in Descriptors.All)
        {
            var entry = Assert.Single(entries, e => e[0] == descriptor.Id);
            Assert.Equal(descriptor.Category, entry[1]);
            Assert.Equal(descriptor.DefaultSeverity.ToString(), entry[2]);
            Assert.Equal(descriptor.Title.ToString(System.Globalization.CultureInfo.InvariantCulture), entry[3]);
        }
    }

    [Fact]
    public void The_rule_pages_tables_render()
    {
        var separator = new Regex(@"^\|(\s*:?-+:?\s*\|)+\s*$");
        var problems = new List<string>();
        foreach (var page in Directory.GetFiles(Path.Combine(Paths.RepoRoot, "docs", "rules"), "*.md").Append(Path.Combine(Paths.RepoRoot, "docs", "release-notes.md")))
        {
            var lines = File.ReadAllLines(page);
            var fenced = false;
            var columns = -1;
            for (var i = 0; i < lines.Length; i++)
            {
                if (lines[i].StartsWith("```", StringComparison.Ordinal))
                {
                    fenced = !fenced;
                }

                if (fenced || !lines[i].StartsWith('|'))
                {
                    columns = -1;
                    continue;
                }

                var where = Path.GetFileName(page) + ":" + (i + 1).ToString(System.Globalization.CultureInfo.InvariantCulture);
                if (columns < 0)
                {
                    columns = Cells(lines[i]);
                    if (i + 1 >= lines.Length || !separator.IsMatch(lines[i + 1]) || Cells(lines[i + 1]) != columns)
                    {
                        problems.Add(where + ": the header row is not followed by a separator row of the same width");
                    }

                    i++;
                }
                else if (separator.IsMatch(lines[i]))
                {
                    problems.Add(where + ": a separator row inside the table");
                }
                else if (Cells(lines[i]) != columns)
                {
                    problems.Add(where + ": " + Cells(lines[i]).ToString(System.Globalization.CultureInfo.InvariantCulture) + " cells, the header has "
                        + columns.ToString(System.Globalization.CultureInfo.InvariantCulture));
                }
            }
        }

        Assert.True(problems.Count == 0, string.Join("\n", problems));
    }

    /// <summary>The cells of a table row: pipes outside code spans and not escaped separate them.</summary>
    private static int Cells(string row)
    {
        var count = 0;
        var code = false;
        var text = row.Trim();
        for (var i = 0; i < text.Length; i++)
        {
            if (text[i] == '\\')
            {
                i++;
            }
            else if (text[i] == '`')
            {
                code = !code;
            }
            else if (text[i] == '|' && !code)
            {
                count++;
            }
        }

        return count - 1;
    }
}
