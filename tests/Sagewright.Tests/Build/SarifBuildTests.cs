using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.CodeAnalysis;
using Sagewright.Model.Validation;
using Sagewright.Tests.Infrastructure;

namespace Sagewright.Tests.Build;

/// <summary>Builds samples/AntiPatterns with <c>dotnet build -p:ErrorLog=&lt;file&gt;,version=2.1</c>, the way CI
/// collects diagnostics for code scanning, using the in-repository projects as the samples do. The project is
/// built from a copy in a temporary folder (whose Directory.Build.props/targets import the repository's
/// samples/ ones) so that an .editorconfig can lower one rule to a suggestion: the log then has all three
/// SARIF levels. One build for all the assertions: it is the slow part.</summary>
public sealed class AntiPatternsBuildFixture : IDisposable
{
    /// <summary>SGW101 (an error by default) as a suggestion, so the build reports a note too.</summary>
    public const string EditorConfig = """
        root = true

        [*.cs]
        dotnet_diagnostic.SGW101.severity = suggestion
        """;

    public AntiPatternsBuildFixture()
    {
        Root = Directory.CreateTempSubdirectory("sagewright-sarif-").FullName;
        Project = Path.Combine(Root, Samples.AntiPatterns);
        CopyDirectory(Paths.Samples(Samples.AntiPatterns), Project);
        File.WriteAllText(Path.Combine(Project, ".editorconfig"), EditorConfig);
        File.WriteAllText(Path.Combine(Root, "Directory.Build.props"),
            $"""<Project><Import Project="{Paths.Samples("Directory.Build.props")}" /></Project>""");
        File.WriteAllText(Path.Combine(Root, "Directory.Build.targets"),
            $"""<Project><Import Project="{Paths.Samples("Directory.Build.targets")}" /></Project>""");
        Log = Path.Combine(Root, "build.sarif");
        // The quotes keep MSBuild from splitting the value at the comma into a second property.
        Build = DotNet.Run(Project, null, "build", "-p:ErrorLog=\"" + Log + ",version=2.1\"");
    }

    public string Root { get; }

    public string Project { get; }

    public string Log { get; }

    public DotNet.Result Build { get; }

    private static void CopyDirectory(string from, string to)
    {
        Directory.CreateDirectory(to);
        foreach (var file in Directory.GetFiles(from))
        {
            File.Copy(file, Path.Combine(to, Path.GetFileName(file)));
        }

        foreach (var directory in Directory.GetDirectories(from).Where(d => Path.GetFileName(d) is not ("bin" or "obj")))
        {
            CopyDirectory(directory, Path.Combine(to, Path.GetFileName(directory)));
        }
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(Root, recursive: true);
        }
        catch (IOException)
        {
            // A leftover temp folder is harmless.
        }
    }
}

[Trait("Category", "Slow")]
public class SarifBuildTests(AntiPatternsBuildFixture build) : IClassFixture<AntiPatternsBuildFixture>
{
    /// <summary>What a diagnostic looks like in both worlds: rule, file name, line, SARIF level, suppressed in source.</summary>
    private sealed record Result(string Id, string File, int Line, string Level, bool Suppressed)
    {
        public override string ToString() => $"{Id} {File}:{Line} {Level}{(Suppressed ? " (suppressed)" : string.Empty)}";
    }

    private JsonObject Run => (JsonObject)JsonNode.Parse(File.ReadAllText(build.Log))!["runs"]![0]!;

    private List<Result> SarifResults() =>
        Run["results"]!.AsArray()
            .Select(r => r!.AsObject())
            .Where(r => ((string)r["ruleId"]!).StartsWith("SGW", StringComparison.Ordinal))
            .Select(r =>
            {
                var location = r["locations"]![0]!["physicalLocation"]!;
                return new Result((string)r["ruleId"]!, Path.GetFileName(new Uri((string)location["artifactLocation"]!["uri"]!).LocalPath),
                    (int)location["region"]!["startLine"]!, (string)r["level"]!, r["suppressions"] is JsonArray { Count: > 0 });
            })
            .OrderBy(r => r.ToString(), StringComparer.Ordinal)
            .ToList();

    /// <summary>The same sample analysed in memory with the same .editorconfig, suppressed diagnostics included.</summary>
    private static List<Result> InMemoryResults()
    {
        var options = Samples.Options(Samples.AntiPatterns) with { EditorConfigFile = AntiPatternsBuildFixture.EditorConfig };
        var output = Samples.Generate(Samples.AntiPatterns);
        return TestProject.Analyze(output.Compilation, options, includeSuppressed: true)
            .Select(d => new Result(d.Id, Path.GetFileName(d.Location.SourceTree!.FilePath), d.Location.GetLineSpan().StartLinePosition.Line + 1,
                d.Severity switch
                {
                    DiagnosticSeverity.Error => "error",
                    DiagnosticSeverity.Warning => "warning",
                    _ => "note",
                },
                d.IsSuppressed))
            .OrderBy(r => r.ToString(), StringComparer.Ordinal)
            .ToList();
    }

    private static int Line(string file, string text) => SampleExpectations.LineOf(Samples.AntiPatterns, file, text);

    [Fact]
    public void Build_fails_on_the_errors_and_writes_a_sarif_2_1_log()
    {
        Assert.NotEqual(0, build.Build.ExitCode);
        Assert.True(File.Exists(build.Log), "No SARIF log was written. Build output:\n" + build.Build.Output);
        var log = JsonNode.Parse(File.ReadAllText(build.Log))!;
        Assert.Equal("2.1.0", (string)log["version"]!);
        Assert.Contains("sarif-2.1.0", (string)log["$schema"]!, StringComparison.Ordinal);
    }

    [Fact]
    public void Sarif_log_has_the_diagnostics_the_analyzers_report_with_their_levels_and_suppressions()
    {
        var sarif = SarifResults();
        Assert.Equal(InMemoryResults(), sarif);

        // Spelled out, so the comparison above cannot pass by both sides being empty or wrong together.
        const string suppression = "SuppressionWithoutJustification.cs";
        Assert.Contains(new Result("SGW101", "SpotWithoutMaxWait.cs", Line("SpotWithoutMaxWait.cs", "// expect: SGW101"), "note", false), sarif); // lowered by .editorconfig
        Assert.Contains(new Result("SGW201", "HardCodedKeys.cs", Line("HardCodedKeys.cs", "[Environment(\"AWS_ACCESS_KEY_ID\""), "error", false), sarif);
        Assert.Contains(new Result("SGW900", suppression, Line(suppression, "// expect-next-line: SGW900") + 1, "warning", false), sarif);
        Assert.Contains(new Result("SGW201", suppression, Line(suppression, "[Environment(\"AWS_ACCESS_KEY_ID\""), "error", true), sarif); // #pragma
        Assert.Contains(new Result("SGW201", suppression, Line(suppression, "[Environment(\"AWS_SECRET_ACCESS_KEY\""), "error", true), sarif); // [SuppressMessage]
        Assert.Contains(new Result("SGW203", "NoKmsKey.cs", Line("NoKmsKey.cs", "[ProcessingStep("), "note", false), sarif);
        Assert.Equal(["error", "note", "warning"], sarif.Select(r => r.Level).Distinct().Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Sarif_results_point_at_the_argument_with_a_full_region()
    {
        var result = Run["results"]!.AsArray().Single(r => (string)r!["ruleId"]! == "SGW201"
            && ((string)r["locations"]![0]!["physicalLocation"]!["artifactLocation"]!["uri"]!).EndsWith("/HardCodedKeys.cs", StringComparison.Ordinal)
            && (int)r["locations"]![0]!["physicalLocation"]!["region"]!["startLine"]! == Line("HardCodedKeys.cs", "[Environment(\"AWS_ACCESS_KEY_ID\""))!;
        var location = result["locations"]![0]!["physicalLocation"]!;
        Assert.Equal(new Uri(Path.Combine(build.Project, "HardCodedKeys.cs")).AbsoluteUri, (string)location["artifactLocation"]!["uri"]!);
        var region = location["region"]!;
        var lineNumber = Line("HardCodedKeys.cs", "[Environment(\"AWS_ACCESS_KEY_ID\"");
        var line = File.ReadAllLines(Path.Combine(build.Project, "HardCodedKeys.cs"))[lineNumber - 1];
        var start = (int)region["startColumn"]! - 1;
        var end = (int)region["endColumn"]! - 1;
        Assert.Equal(lineNumber, (int)region["endLine"]!);
        Assert.Equal("\"AKIAIOSFODNN7EXAMPLE\"", line[start..end]);
        var message = (string)result["message"]!["text"]!;
        Assert.StartsWith("String contains an AWS access key ID (AKIA…, 20 characters", message, StringComparison.Ordinal);
        Assert.DoesNotContain("IOSFODNN7", message, StringComparison.Ordinal);
    }

    [Fact]
    public void Sarif_rules_carry_the_help_links_and_categories()
    {
        var rules = Run["tool"]!["driver"]!["rules"]!.AsArray().Select(r => r!.AsObject()).ToList();
        foreach (var id in SarifResults().Select(r => r.Id).Distinct())
        {
            var rule = Assert.Single(rules, r => (string)r["id"]! == id);
            Assert.Equal(DiagnosticCatalog.HelpLink(id), (string)rule["helpUri"]!);
            Assert.StartsWith("Sagewright.", (string)rule["properties"]!["category"]!, StringComparison.Ordinal);
        }

        // Each result's ruleIndex points at its rule.
        foreach (var result in Run["results"]!.AsArray().Where(r => ((string)r!["ruleId"]!).StartsWith("SGW", StringComparison.Ordinal)))
        {
            Assert.Equal((string)result!["ruleId"]!, (string)rules[(int)result["ruleIndex"]!]["id"]!);
        }

        Assert.Equal("Sagewright.Security", (string)rules.Single(r => (string)r["id"]! == "SGW201")["properties"]!["category"]!);
        Assert.Equal("Sagewright.Suppression", (string)rules.Single(r => (string)r["id"]! == "SGW900")["properties"]!["category"]!);
    }

    [Fact]
    public void Build_output_shows_the_errors_and_warnings_at_their_lines_with_help_links()
    {
        var output = build.Build.Output;
        foreach (var result in SarifResults().Where(r => !r.Suppressed && r.Level is "error" or "warning"))
        {
            var pattern = $@"{Regex.Escape(result.File)}\({result.Line},\d+\): {result.Level} {result.Id}: .+\({Regex.Escape(DiagnosticCatalog.HelpLink(result.Id))}\)";
            Assert.Matches(pattern, output);
        }

        // Suppressed diagnostics and the suggestion do not appear as errors or warnings.
        Assert.DoesNotMatch(@"SuppressionWithoutJustification\.cs\(\d+,\d+\): error SGW201", output);
        Assert.DoesNotMatch(@"(error|warning) SGW101", output);
        Assert.Contains("error SGW201", output, StringComparison.Ordinal);
        Assert.Contains("warning SGW900", output, StringComparison.Ordinal);
    }
}
