using BenchmarkDotNet.Attributes;
using Microsoft.CodeAnalysis;
using Sagewright.Compiler.Analyzers;

namespace Sagewright.Benchmarks;

/// <summary>How the cold generator (a fresh compilation per invocation) and the analyzer
/// (<see cref="PipelineAnalyzer"/> through CompilationWithAnalyzers) grow with the project. Two classes, so that
/// <c>--filter '*PipelineCurve*'</c> or <c>--filter '*StepCurve*'</c> picks one curve.</summary>
public abstract class CurveBenchmarks
{
    private SyntaxTree[] _trees = null!;

    protected abstract int PipelineCount { get; }

    protected abstract int StepCount { get; }

    [GlobalSetup]
    public void Setup()
    {
        _trees = BenchProject.PipelineTrees(PipelineCount, StepCount);
        BenchProject.EnsureClean(BenchProject.Compile(_trees), BenchProject.SagewrightDriver(track: false), PipelineCount, $"{PipelineCount} × {StepCount} steps",
            everySourceContains: StepCount > 3 ? $"Stage{StepCount - 3}" : "Evaluate");
    }

    [Benchmark(Description = "generator, cold (fresh compilation)")]
    public GeneratorDriver GeneratorCold() => BenchProject.SagewrightDriver(track: false).RunGenerators(BenchProject.Compile(_trees));

    [Benchmark(Description = "PipelineAnalyzer (fresh compilation)")]
    public int Analyzer() => BenchProject.Analyze(BenchProject.Compile(_trees), new PipelineAnalyzer());
}

/// <summary>1, 50, 200 and 1000 pipelines of 3 steps.</summary>
[MemoryDiagnoser]
public class PipelineCurve : CurveBenchmarks
{
    [Params(1, 50, 200, 1000)]
    public int Pipelines { get; set; }

    protected override int PipelineCount => Pipelines;

    protected override int StepCount => 3;
}

/// <summary>50 pipelines of 3, 10 and 50 steps.</summary>
[MemoryDiagnoser]
public class StepCurve : CurveBenchmarks
{
    [Params(3, 10, 50)]
    public int Steps { get; set; }

    protected override int PipelineCount => 50;

    protected override int StepCount => Steps;
}
