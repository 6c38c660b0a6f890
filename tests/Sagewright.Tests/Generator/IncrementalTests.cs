using System.Reflection;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Sagewright.Compiler.Generator;
using Sagewright.Tests.Infrastructure;

namespace Sagewright.Tests.Generator;

/// <summary>The generator's caching: unrelated edits must not re-run the pipeline work, equivalent edits must
/// stop at an Unchanged step, real edits must show Modified; and the model carries no Roslyn objects.</summary>
public class IncrementalTests
{
    private static readonly string[] TrackedSteps =
    [
        TrackingNames.Pipelines, TrackingNames.ProcessingSteps, TrackingNames.TrainingSteps, TrackingNames.ConditionSteps,
        TrackingNames.FailSteps, TrackingNames.RegisterModelSteps, TrackingNames.AllSteps,
        TrackingNames.Settings, TrackingNames.CodeFiles, TrackingNames.StepsByPipeline, TrackingNames.PipelineInputs,
        TrackingNames.Compiled, TrackingNames.Sources, TrackingNames.Endpoints, TrackingNames.AllEndpoints,
    ];

    private static (GeneratorDriver Driver, CSharpCompilation Compilation) FirstRun()
    {
        var compilation = TestProject.Compilation(Samples.Sources("FraudDetection"));
        var driver = TestProject.CreateDriver(Samples.Options("FraudDetection")).RunGenerators(compilation);
        return (driver, compilation);
    }

    private static CSharpCompilation Edit(CSharpCompilation compilation, string from, string to)
    {
        var tree = compilation.SyntaxTrees.Single(t => t.FilePath.EndsWith("FraudDetection.cs", StringComparison.Ordinal));
        var text = tree.GetText().ToString();
        Assert.Contains(from, text, StringComparison.Ordinal);
        return compilation.ReplaceSyntaxTree(tree, tree.WithChangedText(Microsoft.CodeAnalysis.Text.SourceText.From(text.Replace(from, to, StringComparison.Ordinal))));
    }

    private static Dictionary<string, IncrementalStepRunReason[]> Reasons(GeneratorDriver driver) =>
        driver.GetRunResult().Results.Single().TrackedSteps
            .Where(s => TrackedSteps.Contains(s.Key))
            .ToDictionary(s => s.Key, s => s.Value.SelectMany(r => r.Outputs).Select(o => o.Reason).ToArray());

    [Fact]
    public void Every_tracked_step_runs_and_holds_no_roslyn_objects()
    {
        var (driver, _) = FirstRun();
        var steps = driver.GetRunResult().Results.Single().TrackedSteps;
        foreach (var name in TrackedSteps)
        {
            Assert.True(steps.ContainsKey(name), $"tracked step '{name}' did not run");
            foreach (var output in steps[name].SelectMany(r => r.Outputs))
            {
                AssertNoRoslynObjects(output.Value, name, new HashSet<object>(ReferenceEqualityComparer.Instance));
            }
        }
    }

    [Fact]
    public void Rerun_on_a_cloned_compilation_is_entirely_cached()
    {
        var (driver, compilation) = FirstRun();
        driver = driver.RunGenerators(compilation.Clone());
        foreach (var (step, reasons) in Reasons(driver))
        {
            Assert.All(reasons, r => Assert.True(r is IncrementalStepRunReason.Cached or IncrementalStepRunReason.Unchanged, $"{step}: {r}"));
        }
    }

    [Fact]
    public void Unrelated_edit_leaves_every_tracked_step_cached_or_unchanged()
    {
        var (driver, compilation) = FirstRun();
        var edited = compilation.AddSyntaxTrees(CSharpSyntaxTree.ParseText(
            "namespace Other { public static class Helper { public static int Twice(int x) => 2 * x; } }", TestProject.ParseOptions, "/src/project/Helper.cs"));
        driver = driver.RunGenerators(edited);
        var reasons = Reasons(driver);
        foreach (var (step, values) in reasons)
        {
            Assert.All(values, r => Assert.True(r is IncrementalStepRunReason.Cached or IncrementalStepRunReason.Unchanged, $"{step}: {r}"));
        }
    }

    [Fact]
    public void Reformatting_an_attribute_is_an_equivalent_edit_that_stops_at_unchanged()
    {
        var (driver, compilation) = FirstRun();
        driver = driver.RunGenerators(Edit(compilation, "[Instance(\"ml.g4dn.xlarge\")]", "[Instance(  \"ml.g4dn.xlarge\"  )]"));
        var reasons = Reasons(driver);
        // The training step is bound again and compares equal to the old model, so nothing downstream re-runs.
        Assert.Contains(IncrementalStepRunReason.Unchanged, reasons[TrackingNames.TrainingSteps]);
        Assert.DoesNotContain(IncrementalStepRunReason.Modified, reasons.SelectMany(r => r.Value));
        Assert.All(reasons[TrackingNames.Sources], r => Assert.Equal(IncrementalStepRunReason.Cached, r));
    }

    [Fact]
    public void Editing_one_step_shows_modified_for_that_step_and_the_output()
    {
        var (driver, compilation) = FirstRun();
        driver = driver.RunGenerators(Edit(compilation, "[HyperParameter(\"epochs\", \"20\")]", "[HyperParameter(\"epochs\", \"30\")]"));
        var reasons = Reasons(driver);
        Assert.Contains(IncrementalStepRunReason.Modified, reasons[TrackingNames.TrainingSteps]);
        Assert.Contains(IncrementalStepRunReason.Modified, reasons[TrackingNames.Compiled]);
        Assert.Contains(IncrementalStepRunReason.Modified, reasons[TrackingNames.Sources]);
        // The processing steps were not touched.
        Assert.DoesNotContain(IncrementalStepRunReason.Modified, reasons[TrackingNames.ProcessingSteps]);
    }

    [Fact]
    public void Editing_the_register_step_shows_modified_for_it_and_leaves_the_other_steps_alone()
    {
        var (driver, compilation) = FirstRun();
        driver = driver.RunGenerators(Edit(compilation, "[TransformInstances(\"ml.m5.large\")]", "[TransformInstances(\"ml.m5.xlarge\")]"));
        var reasons = Reasons(driver);
        Assert.Contains(IncrementalStepRunReason.Modified, reasons[TrackingNames.RegisterModelSteps]);
        Assert.Contains(IncrementalStepRunReason.Modified, reasons[TrackingNames.Compiled]);
        Assert.DoesNotContain(IncrementalStepRunReason.Modified, reasons[TrackingNames.ProcessingSteps]);
        Assert.DoesNotContain(IncrementalStepRunReason.Modified, reasons[TrackingNames.TrainingSteps]);
        Assert.DoesNotContain(IncrementalStepRunReason.Modified, reasons[TrackingNames.ConditionSteps]);
    }

    [Fact]
    public void Editing_the_endpoint_shows_modified_for_it_and_leaves_the_steps_alone()
    {
        var (driver, compilation) = FirstRun();
        driver = driver.RunGenerators(Edit(compilation, "[AutoScaling(2, 6, 70,", "[AutoScaling(2, 8, 70,"));
        var reasons = Reasons(driver);
        Assert.Contains(IncrementalStepRunReason.Modified, reasons[TrackingNames.Endpoints]);
        Assert.Contains(IncrementalStepRunReason.Modified, reasons[TrackingNames.Compiled]);
        Assert.Contains(IncrementalStepRunReason.Modified, reasons[TrackingNames.Sources]);
        foreach (var step in new[] { TrackingNames.ProcessingSteps, TrackingNames.TrainingSteps, TrackingNames.RegisterModelSteps, TrackingNames.ConditionSteps, TrackingNames.AllSteps })
        {
            Assert.DoesNotContain(IncrementalStepRunReason.Modified, reasons[step]);
        }
    }

    [Fact]
    public void Editing_an_endpoint_of_one_pipeline_recompiles_only_that_pipeline()
    {
        static string Pipeline(string name, int max) => $$"""
            using Sagewright;
            namespace Demo{{name}};
            [Pipeline("{{name}}")]
            public static partial class {{name}} { }
            [TrainingStep(typeof({{name}})), Image("763104351884.dkr.ecr.us-east-1.amazonaws.com/pytorch-training:2.1.0-gpu-py310"), Instance("ml.m5.xlarge")]
            public sealed class Train;
            [RegisterModelStep(typeof({{name}}), "{{name}}-models"), Image("763104351884.dkr.ecr.us-east-1.amazonaws.com/pytorch-inference:2.1.0-cpu-py310"), ModelData(typeof(Train))]
            public sealed class Register;
            [Endpoint(typeof(Register)), ProductionVariant("ml.m5.large", InitialInstanceCount = 2), DataCapture("s3://my-bucket/capture/"), AutoScaling(2, {{max}}, 70)]
            public sealed class Serving;
            """;
        var compilation = TestProject.Compilation(("/src/project/A.cs", Pipeline("PipelineA", 4)), ("/src/project/B.cs", Pipeline("PipelineB", 4)));
        var driver = TestProject.CreateDriver().RunGenerators(compilation);
        var tree = compilation.SyntaxTrees.Single(t => t.FilePath.EndsWith("A.cs", StringComparison.Ordinal));
        driver = driver.RunGenerators(compilation.ReplaceSyntaxTree(tree, tree.WithChangedText(Microsoft.CodeAnalysis.Text.SourceText.From(Pipeline("PipelineA", 6)))));

        var steps = driver.GetRunResult().Results.Single().TrackedSteps;
        var units = steps[TrackingNames.PipelineInputs].Select(r => (Reason: r.Outputs.Single().Reason, Unit: (PipelineUnit)r.Outputs.Single().Value)).ToList();
        Assert.Equal(IncrementalStepRunReason.Modified, units.Single(u => u.Unit.Input.Name == "PipelineA").Reason);
        Assert.NotEqual(IncrementalStepRunReason.Modified, units.Single(u => u.Unit.Input.Name == "PipelineB").Reason);
        Assert.Single(units.Single(u => u.Unit.Input.Name == "PipelineB").Unit.Endpoints);
        Assert.Single(steps[TrackingNames.Compiled].SelectMany(r => r.Outputs), o => o.Reason == IncrementalStepRunReason.Cached);
        Assert.Single(steps[TrackingNames.Compiled].SelectMany(r => r.Outputs), o => o.Reason == IncrementalStepRunReason.Modified);
    }

    [Fact]
    public void Editing_a_script_changes_only_the_code_hash_path()
    {
        var compilation = TestProject.Compilation(Samples.Sources("FraudDetection"));
        var options = Samples.Options("FraudDetection");
        var texts = options.AdditionalTexts;
        var driver = TestProject.CreateDriver(options, texts).RunGenerators(compilation);
        var old = texts.Single(t => t.Path.EndsWith("train.py", StringComparison.Ordinal));
        var replacement = new InMemoryAdditionalText(old.Path, old.GetText()!.ToString() + "\n# tweak\n");
        driver = driver.ReplaceAdditionalText(old, replacement).RunGenerators(compilation);
        var reasons = Reasons(driver);
        Assert.Contains(IncrementalStepRunReason.Modified, reasons[TrackingNames.CodeFiles]);
        Assert.Contains(IncrementalStepRunReason.Modified, reasons[TrackingNames.Sources]);
        Assert.All(reasons[TrackingNames.ProcessingSteps], r => Assert.True(r is IncrementalStepRunReason.Cached or IncrementalStepRunReason.Unchanged, r.ToString()));
        Assert.All(reasons[TrackingNames.TrainingSteps], r => Assert.True(r is IncrementalStepRunReason.Cached or IncrementalStepRunReason.Unchanged, r.ToString()));
    }

    [Fact]
    public void Editing_a_step_of_one_pipeline_recompiles_only_that_pipeline()
    {
        static string Pipeline(string name, string instance) => $$"""
            using Sagewright;
            namespace Demo{{name}};
            [Pipeline("{{name}}")]
            public static partial class {{name}} { }
            [ProcessingStep(typeof({{name}})), Image("123456789012.dkr.ecr.us-east-1.amazonaws.com/prep:1.0"), Instance("{{instance}}")]
            public sealed class Prep
            {
                [Output("/opt/ml/processing/output")] public const string Data = "data";
            }
            """;
        var compilation = TestProject.Compilation(("/src/project/A.cs", Pipeline("PipelineA", "ml.m5.large")), ("/src/project/B.cs", Pipeline("PipelineB", "ml.m5.large")));
        var driver = TestProject.CreateDriver().RunGenerators(compilation);
        var tree = compilation.SyntaxTrees.Single(t => t.FilePath.EndsWith("A.cs", StringComparison.Ordinal));
        var edited = compilation.ReplaceSyntaxTree(tree, tree.WithChangedText(Microsoft.CodeAnalysis.Text.SourceText.From(Pipeline("PipelineA", "ml.m5.xlarge"))));
        driver = driver.RunGenerators(edited);

        var steps = driver.GetRunResult().Results.Single().TrackedSteps;
        foreach (var name in new[] { TrackingNames.PipelineInputs, TrackingNames.Compiled, TrackingNames.Sources })
        {
            var reasons = steps[name].SelectMany(r => r.Outputs).Select(o => o.Reason).ToList();
            Assert.Equal(2, reasons.Count);
            Assert.Equal(1, reasons.Count(r => r == IncrementalStepRunReason.Modified));
            Assert.Equal(1, reasons.Count(r => r is IncrementalStepRunReason.Cached or IncrementalStepRunReason.Unchanged));
        }

        // The pipeline that was not edited is compiled from the same input as before, so its compilation did not run.
        var units = steps[TrackingNames.PipelineInputs].Select(r => (Reason: r.Outputs.Single().Reason, Unit: (PipelineUnit)r.Outputs.Single().Value)).ToList();
        Assert.Equal(IncrementalStepRunReason.Modified, units.Single(u => u.Unit.Input.Name == "PipelineA").Reason);
        Assert.NotEqual(IncrementalStepRunReason.Modified, units.Single(u => u.Unit.Input.Name == "PipelineB").Reason);
        Assert.Single(steps[TrackingNames.Compiled].SelectMany(r => r.Outputs), o => o.Reason == IncrementalStepRunReason.Cached);
    }

    /// <summary>Walks an output value's object graph: no symbol, syntax node, location, compilation or semantic model.</summary>
    private static void AssertNoRoslynObjects(object? value, string step, HashSet<object> seen)
    {
        if (value is null || value is string || value.GetType().IsPrimitive || value.GetType().IsEnum || !seen.Add(value))
        {
            return;
        }

        Assert.False(value is ISymbol or SyntaxNode or SyntaxTree or Location or Compilation or SemanticModel,
            $"tracked step '{step}' holds a {value.GetType().FullName}");
        if (value is System.Collections.IEnumerable items)
        {
            foreach (var item in items)
            {
                AssertNoRoslynObjects(item, step, seen);
            }
        }

        foreach (var field in value.GetType().GetFields(BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic))
        {
            AssertNoRoslynObjects(field.GetValue(value), step, seen);
        }
    }
}
