using System.Diagnostics;
using System.Globalization;
using Microsoft.CodeAnalysis;

namespace Sagewright.Benchmarks;

/// <summary>The console mode <c>edit-times [pipelines] [runs]</c>: the edit benchmarks' three cases with step tracking
/// off, as the compiler and the IDE run generators (<see cref="EditBenchmarks"/> turns tracking on to check caching,
/// and recording every cached entry then dominates a no-edit run). Prints the median of <c>runs</c> warm runs of each:
/// no edit, a keystroke in one step's literal, a keystroke in an unrelated file. Not BenchmarkDotNet: a quick check
/// of the orders of magnitude, with the machine's load in mind.</summary>
internal static class EditTimes
{
    public static int Run(string[] args)
    {
        var pipelines = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 200;
        var runs = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 9;
        var project = EditProject.Create(pipelines);
        var compilation = BenchProject.Compile(project.Trees);
        var warm = BenchProject.SagewrightDriver(track: false).RunGenerators(compilation);
        var cases = new (string Name, Func<Compilation> Edit)[]
        {
            ("no edit (same compilation)", () => compilation),
            ("keystroke in one step's literal", () => compilation.ReplaceSyntaxTree(project.StepTree, project.StepTreeEdited)),
            ("keystroke in an unrelated file", () => compilation.ReplaceSyntaxTree(project.UnrelatedTree, project.UnrelatedTreeEdited)),
        };
        Console.WriteLine($"edit-times: {pipelines} pipelines, step tracking off, median of {runs} warm runs (the edited compilation is made inside the timed call)");
        foreach (var (name, edit) in cases)
        {
            warm.RunGenerators(edit()); // warm-up
            var times = new List<double>();
            for (var i = 0; i < runs; i++)
            {
                var watch = Stopwatch.StartNew();
                warm.RunGenerators(edit());
                times.Add(watch.Elapsed.TotalMilliseconds);
            }

            times.Sort();
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {name,-34} {times[times.Count / 2],8:F1} ms  (min {times[0]:F1}, max {times[^1]:F1})"));
        }

        return 0;
    }
}
