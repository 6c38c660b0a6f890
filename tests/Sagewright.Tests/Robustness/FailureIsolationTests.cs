using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Sagewright.Compiler.Binding;
using Sagewright.Compiler.Generator;
using Sagewright.Tests.Analyzers;
using Sagewright.Tests.Infrastructure;

namespace Sagewright.Tests.Robustness;

/// <summary>Issue 16: an internal failure in one pipeline is SGW012 on that pipeline, and the other pipelines still
/// generate and report; cancellation is never turned into a diagnostic.</summary>
public class FailureIsolationTests
{
    private const string TwoPipelines = """
        [ProcessingStep(typeof(Demo))]
        [Image(Images.Processing), Instance("ml.m5.large")]
        public sealed class Prep;

        [Pipeline("Other")]
        [Tag("env", "test"), Tag("team", "ml"), Tag("pipeline", "other")]
        public static partial class Other;

        [ProcessingStep(typeof(Other))]
        [Image(Images.Processing), Instance("ml.m5.large")]
        public sealed class OtherPrep;
        """;

    private static T WithFault<T>(string failingType, Func<T> run, Exception? fault = null)
    {
        FaultInjection.OnBind.Value = name => name == failingType ? fault ?? new InvalidOperationException("boom\nsecond line") : null;
        try
        {
            return run();
        }
        finally
        {
            FaultInjection.OnBind.Value = null;
        }
    }

    [Theory]
    [InlineData("Other")]
    [InlineData("OtherPrep")]
    public void A_pipeline_that_fails_internally_is_SGW012_and_the_other_pipeline_still_generates_and_reports(string failingType)
    {
        var markup = Src.Demo + TwoPipelines.Replace("[Pipeline(\"Other\")]", "[{|SGW012:Pipeline(\"Other\")|}]", StringComparison.Ordinal)
            + """

            [ProcessingStep(typeof(Demo))]
            [Image(Images.Processing), Instance("ml.m5.large")]
            [Input({|SGW005:"s3:/bad"|}, "/opt/ml/processing/input")]
            public sealed class Broken;
            """;
        var diagnostics = WithFault(failingType, () => Markup.Verify(markup));
        Assert.Equal(
            "Sagewright could not compile pipeline 'Other': System.InvalidOperationException: boom; its files are not written (the build keeps those of the last successful build); please report this",
            Src.Single(diagnostics, "SGW012"));

        var (source, _) = Markup.Parse(markup.Replace("{|SGW005:\"s3:/bad\"|}", "\"s3://my-bucket/in/\"", StringComparison.Ordinal));
        var output = WithFault(failingType, () => TestProject.Generate(source));
        var files = output.Files();
        Assert.Contains("Demo/pipeline.json", files.Keys);
        Assert.DoesNotContain(files.Keys, k => k.StartsWith("Other/", StringComparison.Ordinal));
        Assert.Equal("System.InvalidOperationException: boom", output.Manifest().Failed["Other"]);
    }

    [Fact]
    public void Cancellation_is_rethrown_not_reported()
    {
        var compilation = TestProject.Compilation(Src.Demo);
        var driver = WithFault("Demo", () => TestProject.CreateDriver().RunGeneratorsAndUpdateCompilation(compilation, out _, out _), new OperationCanceledException());
        var exception = Assert.Single(driver.GetRunResult().Results).Exception;
        Assert.IsType<OperationCanceledException>(exception);
    }

    [Fact]
    public void Cancellation_in_the_analyzer_is_rethrown_not_reported_as_SGW012()
    {
        var compilation = TestProject.Generate(Src.Demo).Compilation;
        var options = ProjectOptions.Default;
        var withAnalyzers = compilation.WithAnalyzers(TestProject.Analyzers, new CompilationWithAnalyzersOptions(
            new AnalyzerOptions(options.AdditionalTexts, options.OptionsProvider), null, false, false));

        // The analyzer lets the exception through (the analyzer driver handles it as a cancellation): no SGW012.
        var diagnostics = WithFault("Demo", () => withAnalyzers.GetAllDiagnosticsAsync().GetAwaiter().GetResult(), new OperationCanceledException());
        Assert.DoesNotContain(diagnostics, d => d.Id == "SGW012");

        // The same failure as any other exception is SGW012.
        diagnostics = WithFault("Demo", () => compilation.WithAnalyzers(TestProject.Analyzers, new CompilationWithAnalyzersOptions(
            new AnalyzerOptions(options.AdditionalTexts, options.OptionsProvider), null, false, false)).GetAllDiagnosticsAsync().GetAwaiter().GetResult());
        Assert.Contains(diagnostics, d => d.Id == "SGW012");
    }
}
