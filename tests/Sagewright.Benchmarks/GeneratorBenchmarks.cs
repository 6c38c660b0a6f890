using System.Collections.Immutable;
using System.Text;
using BenchmarkDotNet.Attributes;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Text;
using Sagewright.Compiler.Analyzers;
using Sagewright.Compiler.Generator;

namespace Sagewright.Benchmarks;

/// <summary>A large generated project: N pipelines of three steps each (processing → training → evaluation),
/// compiled with the generator (cold and after an unrelated edit) and analysed with the analyzer.</summary>
[MemoryDiagnoser]
public class GeneratorBenchmarks
{
    private CSharpCompilation _compilation = null!;
    private CSharpCompilation _edited = null!;
    private GeneratorDriver _warmDriver = null!;
    private AnalyzerOptions _analyzerOptions = null!;
    private ImmutableArray<AdditionalText> _texts;
    private AnalyzerConfigOptionsProvider _options = null!;

    [Params(200)]
    public int Pipelines { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        var references = ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!)
            .Split(Path.PathSeparator)
            .Where(p => Path.GetFileName(p).StartsWith("System.", StringComparison.Ordinal) || Path.GetFileName(p) == "netstandard.dll")
            .Append(typeof(Sagewright.PipelineAttribute).Assembly.Location)
            .Select(p => (MetadataReference)MetadataReference.CreateFromFile(p));
        var trees = Enumerable.Range(0, Pipelines).Select(i => CSharpSyntaxTree.ParseText(Source(i), path: $"/bench/P{i}.cs"));
        _compilation = CSharpCompilation.Create("Bench", trees, references, new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary));
        _edited = _compilation.AddSyntaxTrees(CSharpSyntaxTree.ParseText("namespace Other { static class Edit { } }", path: "/bench/Edit.cs"));
        _texts = [new Text("/bench/scripts/run.py", "print('run')\n")];
        _options = new Options(new Dictionary<string, string>
        {
            ["build_property.SagewrightAccountId"] = "123456789012",
            ["build_property.SagewrightRegion"] = "us-east-1",
            ["build_property.MSBuildProjectDirectory"] = "/bench",
        });
        _analyzerOptions = new AnalyzerOptions(_texts, _options);
        _warmDriver = NewDriver().RunGenerators(_compilation);
    }

    [Benchmark(Description = "generator, cold run")]
    public GeneratorDriver GeneratorCold() => NewDriver().RunGenerators(_compilation);

    [Benchmark(Description = "generator, after an unrelated edit")]
    public GeneratorDriver GeneratorIncremental() => _warmDriver.RunGenerators(_edited);

    [Benchmark(Description = "analyzer, whole compilation")]
    public int Analyzer() => _compilation
        .WithAnalyzers([new PipelineAnalyzer()], new CompilationWithAnalyzersOptions(_analyzerOptions, null, concurrentAnalysis: false, logAnalyzerExecutionTime: false))
        .GetAnalyzerDiagnosticsAsync().GetAwaiter().GetResult().Length;

    private GeneratorDriver NewDriver() => CSharpGeneratorDriver.Create(
        [new PipelineGenerator().AsSourceGenerator()], _texts, (CSharpParseOptions)_compilation.SyntaxTrees.First().Options, _options,
        new GeneratorDriverOptions(IncrementalGeneratorOutputKind.None, trackIncrementalGeneratorSteps: false));

    private static string Source(int i) => $$"""
        using Sagewright;
        namespace Bench{{i}};

        [Pipeline("Pipeline{{i}}", ArtifactBucket = "bench-bucket")]
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

        [TrainingStep(typeof(Pipeline{{i}}))]
        [Image("763104351884.dkr.ecr.us-east-1.amazonaws.com/pytorch-training:2.1.0-gpu-py310"), Instance("ml.g4dn.xlarge")]
        [Spot(MaxRunSeconds = 3600, MaxWaitSeconds = 7200, CheckpointS3Uri = "s3://bench-bucket/checkpoints/{{i}}/")]
        [Channel("train", nameof(Prepare.Train))]
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

    private sealed class Text(string path, string text) : AdditionalText
    {
        public override string Path => path;

        public override SourceText GetText(CancellationToken cancellationToken = default) => SourceText.From(text, Encoding.UTF8);
    }

    private sealed class Options(Dictionary<string, string> values) : AnalyzerConfigOptionsProvider
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
