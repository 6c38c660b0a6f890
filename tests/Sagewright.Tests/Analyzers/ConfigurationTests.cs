using Microsoft.CodeAnalysis;
using Sagewright.Tests.Infrastructure;

namespace Sagewright.Tests.Analyzers;

/// <summary>How users configure and suppress Sagewright diagnostics: severities from .editorconfig (applied as
/// the compiler applies them), and #pragma / [SuppressMessage] at the exact location, both for the pipeline
/// rules (reported through PipelineAnalysis.Locate) and for SGW201 (reported at the string).</summary>
public class ConfigurationTests
{
    /// <summary>The [Spot] of step TrainA: no MaxWaitSeconds (SGW101); otherwise by the book.</summary>
    private const string SpotA = """Spot(MaxRunSeconds = 3600, CheckpointS3Uri = $"s3://my-bucket/checkpoints/a/{nameof(Execution.PipelineExecutionId)}")""";

    private const string SpotB = """Spot(MaxRunSeconds = 3600, CheckpointS3Uri = $"s3://my-bucket/checkpoints/b/{nameof(Execution.PipelineExecutionId)}")""";

    /// <summary>Two training steps that each have SGW101 (Spot without MaxWaitSeconds) at their [Spot], and
    /// nothing else a rule would report, and an access key (SGW201).</summary>
    private const string TwoSpotSteps = Src.Demo + $$"""
        [TrainingStep(typeof(Demo))]
        [Image(Images.Training), Instance("ml.g4dn.xlarge")]
        [Encryption(OutputKmsKeyId = "arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab")]
        [{|SGW101:{{SpotA}}|}]
        [Retry(RetryOn.CapacityError, MaxAttempts = 3, IntervalSeconds = 60)]
        public sealed class TrainA;

        [TrainingStep(typeof(Demo))]
        [Image(Images.Training), Instance("ml.g4dn.xlarge")]
        [Encryption(OutputKmsKeyId = "arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab")]
        [{|SGW101:{{SpotB}}|}]
        [Retry(RetryOn.CapacityError, MaxAttempts = 3, IntervalSeconds = 60)]
        public sealed class TrainB;

        public static class Keys
        {
            public const string A = {|SGW201:"AKIAQ2RTVWXY3Z4ABCDE"|};
        }
        """;

    private static ProjectOptions WithEditorConfig(string text) => ProjectOptions.Default with { EditorConfigFile = text };

    private static IEnumerable<(string Id, DiagnosticSeverity Severity)> Severities(IReadOnlyList<Diagnostic> diagnostics) =>
        diagnostics.Select(d => (d.Id, d.Severity)).OrderBy(d => d.Id, StringComparer.Ordinal);

    // ---- severities from .editorconfig ---------------------------------------------------------

    [Fact]
    public void Default_severities_are_the_catalog_ones()
    {
        var diagnostics = Markup.Verify(TwoSpotSteps);
        Assert.Equal([("SGW101", DiagnosticSeverity.Error), ("SGW101", DiagnosticSeverity.Error), ("SGW201", DiagnosticSeverity.Error)], Severities(diagnostics));
    }

    [Theory]
    [InlineData("warning", DiagnosticSeverity.Warning)]
    [InlineData("suggestion", DiagnosticSeverity.Info)]
    [InlineData("error", DiagnosticSeverity.Error)]
    public void EditorConfig_changes_a_pipeline_rules_severity(string setting, DiagnosticSeverity expected)
    {
        var diagnostics = Markup.Verify(TwoSpotSteps, WithEditorConfig($"""
            root = true

            [*.cs]
            dotnet_diagnostic.SGW101.severity = {setting}
            """));
        Assert.Equal([("SGW101", expected), ("SGW101", expected), ("SGW201", DiagnosticSeverity.Error)], Severities(diagnostics));
    }

    [Theory]
    [InlineData(null, DiagnosticSeverity.Warning)]
    [InlineData("error", DiagnosticSeverity.Error)]
    [InlineData("suggestion", DiagnosticSeverity.Info)]
    [InlineData("none", null)]
    public void EditorConfig_changes_a_best_practice_warning(string? setting, DiagnosticSeverity? expected)
    {
        var (source, _) = Markup.Parse(Src.Demo + """
            [TrainingStep(typeof(Demo))]
            [Image(Images.Training), Instance("ml.g4dn.xlarge")]
            [Spot(MaxRunSeconds = 3600, MaxWaitSeconds = 7200)]
            public sealed class Train;
            """);
        var options = setting is null ? ProjectOptions.Default : WithEditorConfig($"""
            [*.cs]
            dotnet_diagnostic.SGW100.severity = {setting}
            """);
        var sgw100 = TestProject.Analyze(TestProject.Generate(TestProject.Compilation(source), options).Compilation, options).Where(d => d.Id == "SGW100").ToList();
        Assert.Equal(expected is null ? [] : [expected.Value], sgw100.Select(d => d.Severity));
    }

    [Fact]
    public void EditorConfig_severity_none_removes_the_rule()
    {
        var (source, _) = Markup.Parse(TwoSpotSteps);
        var options = WithEditorConfig("""
            [*.cs]
            dotnet_diagnostic.SGW101.severity = none
            dotnet_diagnostic.SGW201.severity = none
            """);
        Assert.Empty(TestProject.Analyze(TestProject.Generate(TestProject.Compilation(source), options).Compilation, options));
    }

    [Fact]
    public void EditorConfig_raises_a_warning_rule_to_an_error()
    {
        var diagnostics = Markup.Verify("""
            {|SGW900:#pragma warning disable SGW201|}
            public static class Keys { }
            """, WithEditorConfig("""
            [*.cs]
            dotnet_diagnostic.SGW900.severity = error
            """));
        Assert.Equal(DiagnosticSeverity.Error, Assert.Single(diagnostics).Severity);
        Assert.Equal(DiagnosticSeverity.Warning, Markup.Verify("""
            {|SGW900:#pragma warning disable SGW201|}
            public static class Keys { }
            """).Single().Severity);
    }

    [Fact]
    public void EditorConfig_category_setting_applies_to_every_rule_of_the_category()
    {
        var diagnostics = Markup.Verify(TwoSpotSteps, WithEditorConfig("""
            [*.cs]
            dotnet_analyzer_diagnostic.category-Sagewright.Security.severity = warning
            """));
        Assert.Equal([("SGW101", DiagnosticSeverity.Error), ("SGW101", DiagnosticSeverity.Error), ("SGW201", DiagnosticSeverity.Warning)], Severities(diagnostics));
    }

    [Fact]
    public void EditorConfig_section_applies_only_to_the_files_it_matches()
    {
        var options = WithEditorConfig("""
            [tests/**.cs]
            dotnet_diagnostic.SGW201.severity = none
            """);
        var compilation = TestProject.Compilation(
            ("/src/project/Keys.cs", """public static class Keys { public const string A = "AKIAQ2RTVWXY3Z4ABCDE"; }"""),
            ("/src/project/tests/Fixtures.cs", """public static class Fixtures { public const string A = "AKIAQ2RTVWXY3Z4ABCDE"; }"""));
        var diagnostic = Assert.Single(TestProject.Analyze(compilation, options));
        Assert.Equal("/src/project/Keys.cs", diagnostic.Location.SourceTree!.FilePath);
    }

    // ---- #pragma and [SuppressMessage] at the exact location -----------------------------------

    /// <summary>Analyzes with suppressed diagnostics included, so a test can tell "suppressed here" from
    /// "not reported at all": (ID, reported text, suppressed?) in source order.</summary>
    private static List<(string Id, string Text, bool Suppressed)> WithSuppressions(string source)
    {
        var compilation = TestProject.Generate(TestProject.Compilation(source)).Compilation;
        var errors = compilation.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error && d.Id.StartsWith("CS", StringComparison.Ordinal)).ToList();
        Assert.True(errors.Count == 0, string.Join("\n", errors));
        return TestProject.Analyze(compilation, includeSuppressed: true)
            .OrderBy(d => d.Location.SourceSpan.Start)
            .Select(d => (d.Id, source.Substring(d.Location.SourceSpan.Start, d.Location.SourceSpan.Length), d.IsSuppressed))
            .ToList();
    }

    [Fact]
    public void Pragma_suppresses_a_pipeline_rule_at_that_attribute_only()
    {
        var source = Markup.Parse(TwoSpotSteps).Source.Replace(
            "[" + SpotA + "]",
            "#pragma warning disable SGW101 // capacity is reserved for this job\n[" + SpotA + "]\n#pragma warning restore SGW101",
            StringComparison.Ordinal);
        Assert.Equal(
        [
            ("SGW101", SpotA, true),
            ("SGW101", SpotB, false),
            ("SGW201", "\"AKIAQ2RTVWXY3Z4ABCDE\"", false),
        ], WithSuppressions(source));
    }

    [Fact]
    public void SuppressMessage_on_a_step_class_suppresses_its_pipeline_rule_only()
    {
        var source = Markup.Parse(TwoSpotSteps).Source.Replace(
            "public sealed class TrainB;",
            "[System.Diagnostics.CodeAnalysis.SuppressMessage(\"Sagewright.BestPractice\", \"SGW101:Spot training with MaxWait missing or below MaxRun\", Justification = \"reserved capacity\")]\npublic sealed class TrainB;",
            StringComparison.Ordinal);
        Assert.Equal([false, true, false], WithSuppressions(source).Select(d => d.Suppressed));
    }

    [Fact]
    public void Assembly_level_SuppressMessage_with_a_target_suppresses_a_pipeline_rule_and_SGW201()
    {
        var source = Markup.Parse(TwoSpotSteps).Source.Replace("using Sagewright;\n", """
            using Sagewright;
            [assembly: System.Diagnostics.CodeAnalysis.SuppressMessage("Sagewright.BestPractice", "SGW101", Scope = "type", Target = "~T:TrainA", Justification = "reserved capacity")]
            [assembly: System.Diagnostics.CodeAnalysis.SuppressMessage("Sagewright.Security", "SGW201", Scope = "member", Target = "~F:Keys.A", Justification = "fixture")]

            """, StringComparison.Ordinal);
        Assert.Contains("[assembly:", source, StringComparison.Ordinal);
        Assert.Equal(
        [
            ("SGW101", true),
            ("SGW101", false),
            ("SGW201", true),
        ], WithSuppressions(source).Select(d => (d.Id, d.Suppressed)));
    }

    [Fact]
    public void Pragma_and_SuppressMessage_suppress_SGW201_at_that_string_only()
    {
        var diagnostics = WithSuppressions("""
            using System.Diagnostics.CodeAnalysis;

            public static class Keys
            {
            #pragma warning disable SGW201 // parser fixture: AWS's documentation example key
                public const string Fixture = "AKIAIOSFODNN7EXAMPLE";
            #pragma warning restore SGW201
                public const string Real = "AKIAQ2RTVWXY3Z4ABCDE";

                [SuppressMessage("Sagewright.Security", "SGW201:Hard-coded AWS credentials", Justification = "parser fixture")]
                public const string Attributed = "ASIAQ2RTVWXY3Z4ABCDE";

                public static string Method()
                {
                    var a = "ABIAQ2RTVWXY3Z4ABCDE"; // not suppressed
            #pragma warning disable SGW201 // parser fixture
                    var b = "ACCAQ2RTVWXY3Z4ABCDE";
            #pragma warning restore SGW201
                    return a + b;
                }
            }
            """);
        Assert.Equal(
        [
            ("SGW201", "\"AKIAIOSFODNN7EXAMPLE\"", true),
            ("SGW201", "\"AKIAQ2RTVWXY3Z4ABCDE\"", false),
            ("SGW201", "\"ASIAQ2RTVWXY3Z4ABCDE\"", true),
            ("SGW201", "\"ABIAQ2RTVWXY3Z4ABCDE\"", false),
            ("SGW201", "\"ACCAQ2RTVWXY3Z4ABCDE\"", true),
        ], diagnostics);
    }
}
