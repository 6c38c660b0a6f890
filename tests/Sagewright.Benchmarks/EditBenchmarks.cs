using BenchmarkDotNet.Attributes;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Sagewright.Compiler.Generator;

namespace Sagewright.Benchmarks;

/// <summary>The IDE's path: N three-step pipelines plus one file without Sagewright attributes, generator step
/// tracking on (<c>trackIncrementalGeneratorSteps: true</c>). A driver that has run once on the project is reused
/// (it is immutable, so every invocation starts from the same warm state) on: a keystroke in one step's string literal,
/// a keystroke in the unrelated file, and the same compilation again. Each edit forks the warm compilation with
/// <see cref="Compilation.ReplaceSyntaxTree"/> inside the measured call (cheap and lazy, and what the IDE does), so the
/// edited compilation's symbols are unbound every time, as after a real edit. The cold row is a fresh compilation with
/// a new driver, tracking on too.</summary>
[MemoryDiagnoser]
public class EditBenchmarks
{
    private SyntaxTree[] _trees = null!;
    private CSharpCompilation _compilation = null!;
    private SyntaxTree _stepTree = null!;
    private SyntaxTree _stepTreeEdited = null!;
    private SyntaxTree _unrelatedTree = null!;
    private SyntaxTree _unrelatedTreeEdited = null!;
    private GeneratorDriver _warmDriver = null!;

    [Params(200)]
    public int Pipelines { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        var project = EditProject.Create(Pipelines);
        (_trees, _stepTree, _stepTreeEdited, _unrelatedTree, _unrelatedTreeEdited) =
            (project.Trees, project.StepTree, project.StepTreeEdited, project.UnrelatedTree, project.UnrelatedTreeEdited);
        _compilation = BenchProject.Compile(_trees);
        BenchProject.EnsureClean(_compilation, NewDriver(), Pipelines, "edit benchmark");
        BenchProject.EnsureClean(_compilation.ReplaceSyntaxTree(_stepTree, _stepTreeEdited), NewDriver(), Pipelines, "after the keystroke");
        _warmDriver = NewDriver().RunGenerators(_compilation);

        // Once, for the notes: how much of the generator's work a keystroke in one step redoes.
        Console.WriteLine(KeystrokeCheck.Report(_compilation, _warmDriver, _stepTree, _stepTreeEdited));
    }

    [Benchmark(Description = "generator, cold (fresh compilation, tracking on)")]
    public GeneratorDriver Cold() => NewDriver().RunGenerators(BenchProject.Compile(_trees));

    [Benchmark(Description = "generator, keystroke in one step's literal")]
    public GeneratorDriver Keystroke() => _warmDriver.RunGenerators(_compilation.ReplaceSyntaxTree(_stepTree, _stepTreeEdited));

    [Benchmark(Description = "generator, keystroke in an unrelated file")]
    public GeneratorDriver Unrelated() => _warmDriver.RunGenerators(_compilation.ReplaceSyntaxTree(_unrelatedTree, _unrelatedTreeEdited));

    [Benchmark(Description = "generator, no edit (same compilation)")]
    public GeneratorDriver NoEdit() => _warmDriver.RunGenerators(_compilation);

    private static GeneratorDriver NewDriver() => BenchProject.SagewrightDriver(track: true);
}

/// <summary>The project of <see cref="EditBenchmarks"/>: the pipelines, the unrelated file, and the edited versions of
/// one pipeline's file (the middle one) and of the unrelated file.</summary>
internal sealed record EditProject(SyntaxTree[] Trees, SyntaxTree StepTree, SyntaxTree StepTreeEdited, SyntaxTree UnrelatedTree, SyntaxTree UnrelatedTreeEdited)
{
    public static EditProject Create(int pipelines)
    {
        var edited = pipelines / 2;
        var unrelated = BenchProject.Parse(BenchProject.Unrelated(0), "/bench/Other.cs");
        SyntaxTree[] trees = [.. BenchProject.PipelineTrees(pipelines, steps: 3), unrelated];
        var stepTree = trees[edited];
        var stepTreeEdited = stepTree.WithChangedText(Microsoft.CodeAnalysis.Text.SourceText.From(BenchProject.Keystroke(stepTree.ToString())));
        var unrelatedEdited = unrelated.WithChangedText(Microsoft.CodeAnalysis.Text.SourceText.From(BenchProject.Unrelated(1)));
        return new EditProject(trees, stepTree, stepTreeEdited, unrelated, unrelatedEdited);
    }
}

/// <summary>What a keystroke in one step makes the generator redo: per tracked step, how many outputs were new,
/// modified, unchanged or cached, and how many generated files' text actually changed.</summary>
internal static class KeystrokeCheck
{
    private static readonly string[] Steps =
    [
        TrackingNames.Pipelines, TrackingNames.ProcessingSteps, TrackingNames.TrainingSteps, TrackingNames.AllSteps,
        TrackingNames.Compiled, TrackingNames.Sources,
    ];

    /// <summary>The console mode <c>keystroke-check [pipelines]</c>.</summary>
    public static int Run(string[] args)
    {
        var pipelines = args.Length > 0 ? int.Parse(args[0], System.Globalization.CultureInfo.InvariantCulture) : 200;
        var project = EditProject.Create(pipelines);
        var compilation = BenchProject.Compile(project.Trees);
        var warm = BenchProject.SagewrightDriver(track: true).RunGenerators(compilation);
        Console.WriteLine(Report(compilation, warm, project.StepTree, project.StepTreeEdited));
        return 0;
    }

    public static string Report(Compilation compilation, GeneratorDriver warm, SyntaxTree before, SyntaxTree after)
    {
        var edited = warm.RunGenerators(compilation.ReplaceSyntaxTree(before, after)).GetRunResult();
        var result = edited.Results.Single();
        var lines = new List<string> { $"Keystroke check: one character of one step's literal in 1 of {warm.GetRunResult().GeneratedTrees.Length} pipelines" };
        foreach (var name in Steps)
        {
            if (!result.TrackedSteps.TryGetValue(name, out var runs))
            {
                lines.Add($"  {name,-16} (not run)");
                continue;
            }

            var reasons = runs.SelectMany(r => r.Outputs).GroupBy(o => o.Reason).OrderBy(g => g.Key).Select(g => $"{g.Key} {g.Count()}");
            lines.Add($"  {name,-16} {runs.Length,4} runs; outputs: {string.Join(", ", reasons)}");
        }

        foreach (var (name, runs) in result.TrackedOutputSteps)
        {
            var reasons = runs.SelectMany(r => r.Outputs).GroupBy(o => o.Reason).OrderBy(g => g.Key).Select(g => $"{g.Key} {g.Count()}");
            lines.Add($"  output {name,-9} {runs.Length,4} runs; outputs: {string.Join(", ", reasons)}");
        }

        var old = warm.GetRunResult().Results.Single().GeneratedSources.ToDictionary(s => s.HintName, s => s.SourceText.ToString(), StringComparer.Ordinal);
        var changed = result.GeneratedSources.Count(s => !old.TryGetValue(s.HintName, out var text) || text != s.SourceText.ToString());
        lines.Add($"  generated files whose text changed: {changed} of {result.GeneratedSources.Length}");
        return string.Join(Environment.NewLine, lines);
    }
}
