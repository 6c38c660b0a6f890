using System.Collections.Immutable;
using System.Globalization;
using System.Reflection;
using System.Text.RegularExpressions;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Sagewright.Compiler.Analyzers;
using Sagewright.Compiler.Diagnostics;
using Sagewright.Model.Rules;
using Sagewright.Tests.Infrastructure;
using RuleSet = Sagewright.Model.Rules.RuleSet;

namespace Sagewright.Tests.Analyzers;

/// <summary>The rules of <c>Sagewright.Model/Rules</c>: each is in <see cref="RuleSet"/> once, has a descriptor whose
/// message format is the rule's <c>Format</c> const and a docs page, and every message the analyzer renders for it is
/// that format filled with the finding's arguments.</summary>
public class RuleSetTests
{
    private static readonly Regex Placeholder = new(@"\{(\d+)\}", RegexOptions.CultureInvariant);

    public static TheoryData<string> Ids() => new(RuleSet.All.Select(r => r.Id));

    [Fact]
    public void Every_rule_is_listed_once_in_ID_order()
    {
        var ids = RuleSet.All.Select(r => r.Id).ToList();
        Assert.Equal(ids.Count, ids.Distinct(StringComparer.Ordinal).Count());
        Assert.Equal(ids.Order(StringComparer.Ordinal), ids);

        var classes = typeof(PipelineRule).Assembly.GetTypes()
            .Where(t => !t.IsAbstract && typeof(PipelineRule).IsAssignableFrom(t))
            .Select(t => t.FullName)
            .Order(StringComparer.Ordinal);
        Assert.Equal(classes, RuleSet.All.Select(r => r.GetType().FullName).Order(StringComparer.Ordinal));
    }

    [Theory]
    [MemberData(nameof(Ids))]
    public void Rule_has_a_descriptor_with_its_format_and_a_docs_page(string id)
    {
        var rule = RuleSet.All.Single(r => r.Id == id);
        var constant = rule.GetType().GetField("Format", BindingFlags.Public | BindingFlags.Static);
        Assert.True(constant is { IsLiteral: true }, rule.GetType().Name + " must declare its message format as a public const Format");
        Assert.Equal(rule.MessageFormat, (string)constant!.GetRawConstantValue()!);

        Assert.True(Descriptors.ById.TryGetValue(id, out var descriptor), "No descriptor for " + id);
        Assert.Equal(rule.MessageFormat, descriptor!.MessageFormat.ToString(CultureInfo.InvariantCulture));
        Assert.Contains(descriptor, new PipelineAnalyzer().SupportedDiagnostics);
        Assert.True(File.Exists(Path.Combine(Paths.RepoRoot, "docs", "rules", id + ".md")), "Missing docs/rules/" + id + ".md");

        // Placeholders {0}…{n-1}, each used, and no stray braces.
        var indices = Placeholder.Matches(rule.MessageFormat).Select(m => int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture)).Distinct().Order().ToList();
        Assert.NotEmpty(indices);
        Assert.Equal(Enumerable.Range(0, indices.Count), indices);
        Assert.DoesNotContain('{', Placeholder.Replace(rule.MessageFormat, string.Empty));
        Assert.DoesNotContain('}', Placeholder.Replace(rule.MessageFormat, string.Empty));
    }

    /// <summary>Pipelines that, with the samples, make every rule report (the IAM and network rules have no sample), most
    /// message variants included.</summary>
    private static readonly string[] Sources =
    [
        Src.WithPipeline("[Pipeline(\"Demo\", Roles = RoleLayout.Merged)]\n[AttachManagedPolicy(\"arn:aws:iam::aws:policy/AmazonSageMakerFullAccess\")]") + """
            [TrainingStep(typeof(Demo))]
            [Image(Images.Training), Instance("ml.g4dn.xlarge", Count = 2)]
            [Network(Subnets = new[] { "subnet-0123456789abcdef0" }, SecurityGroupIds = new[] { "sg-0123456789abcdef0" })]
            [Grant("dynamodb:*", "arn:aws:dynamodb:us-east-1:123456789012:table/*")]
            [Grant("iam:PassRole", "*")]
            [Grant("sagemaker:CreateTrainingJob", "*")]
            public sealed class Train;

            [CreateModelStep(typeof(Demo))]
            [Image("123456789012.dkr.ecr.us-east-1.amazonaws.com/serve:1.0")]
            public sealed class Model;
            """,
        Src.Demo + """
            [TrainingStep(typeof(Demo))]
            [Image(Images.Training), Instance("ml.g4dn.xlarge")]
            [RunAs("ml-shared")]
            public sealed class Train;

            [CreateModelStep(typeof(Demo))]
            [Image("123456789012.dkr.ecr.us-east-1.amazonaws.com/serve:1.0")]
            [RunAs("ml-shared")]
            [Network(EnableNetworkIsolation = false)]
            public sealed class Model;
            """,
    ];

    [Fact]
    public async Task Every_rendered_message_is_the_rule_format_filled_with_the_finding_arguments()
    {
        var inputs = Samples.Names.Append(Samples.AntiPatterns)
            .Select(sample => (Name: sample, Compilation: TestProject.Compilation(Samples.Sources(sample)), Options: Samples.Options(sample)))
            .Concat(Sources.Select((source, i) => (Name: "source " + i, Compilation: TestProject.Compilation(source), Options: ProjectOptions.Default)));
        var rules = RuleSet.All.ToDictionary(r => r.Id, StringComparer.Ordinal);
        var reported = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (name, compilation, options) in inputs)
        {
            // The analyzer alone, without the generator or TestProject (whose runs go to the output corpus).
            var analyzerOptions = new AnalyzerOptions(options.AdditionalTexts, options.OptionsProvider);
            var diagnostics = await compilation.WithAnalyzers(
                    ImmutableArray.Create<DiagnosticAnalyzer>(new PipelineAnalyzer()),
                    new CompilationWithAnalyzersOptions(analyzerOptions, onAnalyzerException: null, concurrentAnalysis: false, logAnalyzerExecutionTime: false, reportSuppressedDiagnostics: true))
                .GetAnalyzerDiagnosticsAsync();
            foreach (var finding in PipelineAnalysis.Findings(compilation, analyzerOptions, CancellationToken.None).Where(f => rules.ContainsKey(f.Id)))
            {
                var rule = rules[finding.Id];
                var count = Placeholder.Matches(rule.MessageFormat).Select(m => m.Groups[1].Value).Distinct().Count();
                Assert.True(count == finding.Arguments.Count, $"{name}: {finding.Id} has {finding.Arguments.Count} arguments for {count} placeholders");
                var expected = string.Format(CultureInfo.InvariantCulture, rule.MessageFormat, finding.Arguments.Cast<object>().ToArray());
                var location = PipelineAnalysis.Locate(compilation, finding.Origin, CancellationToken.None);
                Assert.NotNull(location);
                Assert.True(
                    diagnostics.Any(d => d.Id == finding.Id && d.Location == location && d.GetMessage(CultureInfo.InvariantCulture) == expected),
                    $"{name}: no {finding.Id} at {location} with the message\n  {expected}\nbut:\n  "
                    + string.Join("\n  ", diagnostics.Where(d => d.Id == finding.Id).Select(d => d.Location + ": " + d.GetMessage(CultureInfo.InvariantCulture))));
                reported.Add(finding.Id);
            }
        }

        Assert.Equal(rules.Keys.Order(StringComparer.Ordinal), reported.Order(StringComparer.Ordinal));
    }
}
