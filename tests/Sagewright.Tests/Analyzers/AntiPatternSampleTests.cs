using System.Text.RegularExpressions;
using Microsoft.CodeAnalysis;
using Sagewright.Compiler.Diagnostics;
using Sagewright.Tests.Infrastructure;

namespace Sagewright.Tests.Analyzers;

/// <summary>samples/AntiPatterns documents itself: each line that should get a diagnostic says so in an
/// <c>// expect: SGWnnn</c> comment. Compiled with the generator and every analyzer, the sample must get
/// exactly those diagnostics (ID, file, line), info ones included, no more and no fewer.</summary>
public class AntiPatternSampleTests
{
    private static IReadOnlyList<Diagnostic> Analyze()
    {
        var output = Samples.Generate(Samples.AntiPatterns);
        var errors = output.Compilation.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error).ToList();
        Assert.True(errors.Count == 0, "The sample does not compile:\n" + string.Join("\n", errors));
        return TestProject.Analyze(output.Compilation, Samples.Options(Samples.AntiPatterns));
    }

    private static Expectation Describe(Diagnostic diagnostic) =>
        new(diagnostic.Id, SampleExpectations.RelativePath(diagnostic.Location.SourceTree!.FilePath),
            diagnostic.Location.GetLineSpan().StartLinePosition.Line + 1);

    [Fact]
    public void Sample_gets_exactly_the_diagnostics_its_comments_expect()
    {
        var expected = SampleExpectations.Read(Samples.AntiPatterns).Select(e => e.ToString()).Order(StringComparer.Ordinal).ToList();
        var diagnostics = Analyze();
        var actual = diagnostics.Select(d => Describe(d).ToString()).Order(StringComparer.Ordinal).ToList();
        Assert.True(expected.SequenceEqual(actual),
            "Expected:\n  " + string.Join("\n  ", expected)
            + "\nActual:\n  " + string.Join("\n  ", diagnostics.OrderBy(d => Describe(d).ToString(), StringComparer.Ordinal)
                .Select(d => Describe(d) + ": " + d.GetMessage(System.Globalization.CultureInfo.InvariantCulture))));
    }

    [Fact]
    public void Sample_shows_each_best_practice_and_security_rule_it_is_about()
    {
        var ids = SampleExpectations.Read(Samples.AntiPatterns).Select(e => e.Id).ToHashSet(StringComparer.Ordinal);
        Assert.Superset(
            new HashSet<string>(StringComparer.Ordinal)
            {
                "SGW100", "SGW101", "SGW102", "SGW103", "SGW104", "SGW105", "SGW106", "SGW107", "SGW108", "SGW109", "SGW110", "SGW111", "SGW112",
                "SGW113", "SGW114", "SGW115",
                "SGW201", "SGW203", "SGW204", "SGW207", "SGW900",
            },
            ids);
    }

    [Fact]
    public void Every_file_is_one_pipeline_named_after_the_rule_it_demonstrates()
    {
        var expectations = SampleExpectations.Read(Samples.AntiPatterns);
        foreach (var (path, text) in Samples.Sources(Samples.AntiPatterns).Where(s => !s.Path.EndsWith("/Shared.cs", StringComparison.Ordinal)))
        {
            var file = SampleExpectations.RelativePath(path);
            var header = Regex.Match(text, @"^// (?<id>SGW\d{3}): ", RegexOptions.Multiline);
            Assert.True(header.Success, $"{file} must start its explanation with '// SGWnnn: ' naming the rule it demonstrates");
            var id = header.Groups["id"].Value;
            Assert.True(Descriptors.ById.ContainsKey(id), $"{file} names {id}, which is not in the catalog");
            Assert.Contains(expectations, e => e.File == file && e.Id == id);
            Assert.Single(Regex.Matches(text, @"^\[Pipeline\(", RegexOptions.Multiline));
        }
    }

    [Fact]
    public void Expect_comments_are_read_with_their_lines()
    {
        Assert.Equal(
            [new Expectation("SGW100", "A.cs", 2), new Expectation("SGW900", "A.cs", 4), new Expectation("SGW107", "A.cs", 5), new Expectation("SGW109", "A.cs", 5)],
            SampleExpectations.Read("A.cs", "x\n[Spot] // expect: SGW100\n// expect-next-line: SGW900\n#pragma warning disable SGW201\n[Image] //expect: SGW107, SGW109\n// expect: nothing\n"));
    }

    [Fact]
    public void Sample_is_outside_the_solution_and_the_clean_samples()
    {
        Assert.DoesNotContain("AntiPatterns", File.ReadAllText(Path.Combine(Paths.RepoRoot, "Compiler.sln")), StringComparison.Ordinal);
        Assert.DoesNotContain(Samples.AntiPatterns, Samples.Names);
        Assert.True(File.Exists(Paths.Samples(Samples.AntiPatterns, Samples.AntiPatterns + ".csproj")));
    }
}
