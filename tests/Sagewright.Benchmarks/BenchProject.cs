using System.Collections.Immutable;
using System.Text;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Text;
using Sagewright.Compiler.Generator;

namespace Sagewright.Benchmarks;

/// <summary>What every benchmark shares: the generated sources (pipelines of any number of steps, plain classes),
/// references, the generator's options and additional files, drivers and the checks that a benchmark project compiles
/// without errors (a benchmark of a broken project measures the error path, not the real one).</summary>
internal static class BenchProject
{
    private static readonly Lazy<ImmutableArray<MetadataReference>> LazyReferences = new(() => [.. ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!)
        .Split(Path.PathSeparator)
        .Where(p => Path.GetFileName(p).StartsWith("System.", StringComparison.Ordinal) || Path.GetFileName(p) == "netstandard.dll")
        .Append(typeof(Sagewright.PipelineAttribute).Assembly.Location)
        .Select(p => (MetadataReference)MetadataReference.CreateFromFile(p))]);

    public static ImmutableArray<MetadataReference> References => LazyReferences.Value;

    public static ImmutableArray<AdditionalText> Texts { get; } = [new Text("/bench/scripts/run.py", "print('run')\n")];

    public static AnalyzerConfigOptionsProvider Options { get; } = new OptionsProvider(new Dictionary<string, string>
    {
        ["build_property.SagewrightAccountId"] = "123456789012",
        ["build_property.SagewrightRegion"] = "us-east-1",
        ["build_property.MSBuildProjectDirectory"] = "/bench",
    });

    public static AnalyzerOptions AnalyzerOptions { get; } = new(Texts, Options);

    public static SyntaxTree Parse(string text, string path) => CSharpSyntaxTree.ParseText(text, path: path);

    /// <summary>A new compilation: none of its symbols are bound yet, as in a real build or after an IDE edit.</summary>
    public static CSharpCompilation Compile(IEnumerable<SyntaxTree> trees) =>
        CSharpCompilation.Create("Bench", trees, References, new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary));

    /// <summary><paramref name="pipelines"/> pipelines of <paramref name="steps"/> steps each, one file per pipeline.</summary>
    public static SyntaxTree[] PipelineTrees(int pipelines, int steps) =>
        [.. Enumerable.Range(0, pipelines).Select(i => Parse(Pipeline(i, steps), $"/bench/P{i}.cs"))];

    public static GeneratorDriver Driver(bool track, params IIncrementalGenerator[] generators) => CSharpGeneratorDriver.Create(
        [.. generators.Select(g => g.AsSourceGenerator())], Texts, CSharpParseOptions.Default, Options,
        new GeneratorDriverOptions(IncrementalGeneratorOutputKind.None, trackIncrementalGeneratorSteps: track));

    public static GeneratorDriver SagewrightDriver(bool track) => Driver(track, new PipelineGenerator());

    public static int Analyze(Compilation compilation, params DiagnosticAnalyzer[] analyzers) => compilation
        .WithAnalyzers([.. analyzers], new CompilationWithAnalyzersOptions(AnalyzerOptions, null, concurrentAnalysis: false, logAnalyzerExecutionTime: false))
        .GetAnalyzerDiagnosticsAsync().GetAwaiter().GetResult().Length;

    /// <summary>Throws unless the compilation, the generator's diagnostics and the generated code are free of errors
    /// and the generator added <paramref name="expectedSources"/> files (null: at least one), every one of them containing
    /// <paramref name="everySourceContains"/> when given (e.g. the last step of a long pipeline).</summary>
    public static void EnsureClean(Compilation compilation, GeneratorDriver driver, int? expectedSources, string what, string? everySourceContains = null)
    {
        driver = driver.RunGeneratorsAndUpdateCompilation(compilation, out var output, out var diagnostics);
        var run = driver.GetRunResult();
        // The output compilation holds the input's trees too; the input alone may not compile (a JsonSerializerContext
        // is only complete with its generated part).
        var errors = diagnostics
            .Concat(run.Diagnostics)
            .Concat(output.GetDiagnostics())
            .Where(d => d.Severity == DiagnosticSeverity.Error)
            .Distinct()
            .ToList();
        // Sagewright's index of its pipeline sources is one more file, not a pipeline.
        var trees = run.GeneratedTrees.Where(t => !t.FilePath.EndsWith("Sagewright.Outputs.g.cs", StringComparison.Ordinal)).ToList();
        var sources = trees.Count;
        var missing = everySourceContains is null ? 0 : trees.Count(t => !t.ToString().Contains(everySourceContains, StringComparison.Ordinal));
        if (missing > 0)
        {
            var first = trees.First(t => !t.ToString().Contains(everySourceContains!, StringComparison.Ordinal)).ToString();
            throw new InvalidOperationException($"The benchmark project ({what}): {missing} of {sources} generated files do not contain {everySourceContains}; the first:\n"
                + first[..Math.Min(first.Length, 600)]);
        }

        if (errors.Count > 0 || (expectedSources is { } expected ? sources != expected : sources == 0))
        {
            throw new InvalidOperationException(
                $"The benchmark project ({what}) is not what it should be: {sources} generated files (expected {expectedSources?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "some"}), " +
                $"{errors.Count} errors:\n" + string.Join("\n", errors.Take(10)));
        }
    }

    /// <summary>The attribute arguments of a pipeline's file: the size of the peer (System.Text.Json) types.</summary>
    public static int AttributeArguments(SyntaxTree tree) => tree.GetRoot().DescendantNodes().OfType<AttributeArgumentSyntax>().Count();

    /// <summary>A pipeline of <paramref name="steps"/> steps (at least 3): processing → (steps − 3 processing stages, each
    /// reading the previous one's output) → training → evaluation. With 3 steps it is the benchmark's original pipeline; over
    /// 10 steps it has a role per step.</summary>
    public static string Pipeline(int i, int steps)
    {
        if (steps < 3)
        {
            throw new ArgumentOutOfRangeException(nameof(steps), steps, "A benchmark pipeline has at least 3 steps.");
        }

        var stages = new StringBuilder();
        var previous = "Prepare.Train";
        for (var s = 1; s <= steps - 3; s++)
        {
            stages.Append($$"""

                [ProcessingStep(typeof(Pipeline{{i}}))]
                [Framework("sklearn", "1.2-1"), Instance("ml.m5.large")]
                [Code("scripts/run.py")]
                [Input(nameof({{previous}}), "/opt/ml/processing/input")]
                public sealed class Stage{{s}}
                {
                    [Output("/opt/ml/processing/output")] public const string Train = "stage{{s}}";
                }

                """);
            previous = $"Stage{s}.Train";
        }

        // One role for 50 steps would exceed IAM's 10,240 characters of inline policy (SGW010): long pipelines get a role per step.
        var roles = steps > 10 ? ", Roles = RoleLayout.PerStep" : "";
        return $$"""
            using Sagewright;
            namespace Bench{{i}};

            [Pipeline("Pipeline{{i}}", ArtifactBucket = "bench-bucket"{{roles}})]
            [Tag("team", "ml")]
            public static partial class Pipeline{{i}}
            {
                [Parameter] public const string InputData = "s3://bench-bucket/raw/{{i}}/";
                [Parameter] public const int Epochs = 10;
            }

            [ProcessingStep(typeof(Pipeline{{i}}))]
            [Framework("sklearn", "1.2-1"), Instance("ml.m5.large")]
            [Code("scripts/run.py")]
            [Input(nameof(Pipeline{{i}}.InputData), "/opt/ml/processing/input")]
            public sealed class Prepare
            {
                [Output("/opt/ml/processing/train")] public const string Train = "train";
                [Output("/opt/ml/processing/test")] public const string Test = "test";
            }
            {{stages}}
            [TrainingStep(typeof(Pipeline{{i}}))]
            [Image("763104351884.dkr.ecr.us-east-1.amazonaws.com/pytorch-training:2.1.0-gpu-py310"), Instance("ml.g4dn.xlarge")]
            [Spot(MaxRunSeconds = 3600, MaxWaitSeconds = 7200, CheckpointS3Uri = "s3://bench-bucket/checkpoints/{{i}}/")]
            [Channel("train", nameof({{previous}}))]
            [HyperParameter("epochs", nameof(Pipeline{{i}}.Epochs))]
            public sealed class Train;

            [ProcessingStep(typeof(Pipeline{{i}}))]
            [Framework("sklearn", "1.2-1"), Instance("ml.m5.large")]
            [Code("scripts/run.py")]
            [Input(typeof(Train), "/opt/ml/processing/model")]
            [Input(nameof(Prepare.Test), "/opt/ml/processing/test")]
            public sealed class Evaluate
            {
                [Output("/opt/ml/processing/evaluation")] public const string Report = "evaluation";
            }
            """;
    }

    /// <summary>The keystroke: one character of one literal in one step (the training step's checkpoint URI) differs.</summary>
    public static string Keystroke(string pipelineSource)
    {
        const string Before = "s3://bench-bucket/checkpoints/", After = "s3://bench-bucket/checkpointz/";
        if (!pipelineSource.Contains(Before, StringComparison.Ordinal))
        {
            throw new InvalidOperationException("The keystroke's literal is not in the pipeline source.");
        }

        return pipelineSource.Replace(Before, After, StringComparison.Ordinal);
    }

    /// <summary>A file with no Sagewright attribute, for the unrelated edit; <paramref name="version"/> changes one literal.</summary>
    public static string Unrelated(int version) => $$"""
        namespace Other;

        public static class Edit
        {
            public const string Message = "unrelated edit {{version}}";

            public static int Length() => Message.Length;
        }
        """;

    private sealed class Text(string path, string text) : AdditionalText
    {
        public override string Path => path;

        public override SourceText GetText(CancellationToken cancellationToken = default) => SourceText.From(text, Encoding.UTF8);
    }

    private sealed class OptionsProvider(Dictionary<string, string> values) : AnalyzerConfigOptionsProvider
    {
        public override AnalyzerConfigOptions GlobalOptions { get; } = new Values(values);

        public override AnalyzerConfigOptions GetOptions(SyntaxTree tree) => new Values([]);

        public override AnalyzerConfigOptions GetOptions(AdditionalText textFile) => new Values([]);

        private sealed class Values(Dictionary<string, string> values) : AnalyzerConfigOptions
        {
            public override bool TryGetValue(string key, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out string? value) => values.TryGetValue(key, out value);
        }
    }
}
