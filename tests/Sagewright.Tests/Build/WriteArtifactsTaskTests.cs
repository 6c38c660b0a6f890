using Microsoft.Build.Framework;
using Sagewright.Build;
using Sagewright.Tests.Infrastructure;

namespace Sagewright.Tests.Build;

public class WriteArtifactsTaskTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("sagewright-task-").FullName;

    public void Dispose() => Directory.Delete(_root, recursive: true);

    [Theory]
    [InlineData("FraudDetection/pipeline.json", true)]
    [InlineData("a/b/c.json", true)]
    [InlineData("../escape.json", false)]
    [InlineData("/etc/passwd", false)]
    [InlineData("a/./b.json", false)]
    [InlineData("a//b.json", false)]
    [InlineData("a\\b.json", false)]
    [InlineData("", false)]
    public void Only_plain_relative_paths_are_written(string path, bool safe) =>
        Assert.Equal(safe, WriteSagemakerArtifacts.IsSafeRelativePath(path));

    [Fact]
    public void Writes_utf8_without_bom_and_only_when_content_changes()
    {
        var path = Path.Combine(_root, "x", "pipeline.json");
        Assert.True(WriteSagemakerArtifacts.WriteIfChanged(path, "{\"é\": 1}\n"));
        Assert.Equal([(byte)'{', (byte)'"', 0xC3, 0xA9], File.ReadAllBytes(path)[..4]);
        var stamp = new DateTime(2000, 1, 1, 0, 0, 0, DateTimeKind.Utc);
        File.SetLastWriteTimeUtc(path, stamp);
        Assert.False(WriteSagemakerArtifacts.WriteIfChanged(path, "{\"é\": 1}\n"));
        Assert.Equal(stamp, File.GetLastWriteTimeUtc(path));
        Assert.True(WriteSagemakerArtifacts.WriteIfChanged(path, "{}\n"));
        Assert.Equal("{}\n", File.ReadAllText(path));
        Assert.Empty(Directory.GetFiles(Path.GetDirectoryName(path)!, "*.tmp-*"));
    }

    [Fact]
    public void Task_writes_the_embedded_files_and_removes_stale_ones()
    {
        var output = Samples.Generate("FraudDetection");
        var assembly = Path.Combine(_root, "Sample.dll");
        using (var stream = File.Create(assembly))
        {
            Assert.True(output.Compilation.Emit(stream).Success);
        }

        var outDir = Path.Combine(_root, "bin", "sagemaker");
        var state = Path.Combine(_root, "obj", "sagewright.files.txt");
        Directory.CreateDirectory(Path.GetDirectoryName(state)!);
        File.WriteAllText(state, "Old/pipeline.json\n");
        Directory.CreateDirectory(Path.Combine(outDir, "Old"));
        File.WriteAllText(Path.Combine(outDir, "Old", "pipeline.json"), "{}");
        File.WriteAllText(Path.Combine(outDir, "user-notes.txt"), "not ours");

        var engine = new RecordingBuildEngine();
        var task = new WriteSagemakerArtifacts { Assembly = assembly, OutputDirectory = outDir, StateFile = state, BuildEngine = engine };
        Assert.True(task.Execute(), string.Join("\n", engine.Errors));

        Assert.Equal(output.Files()["FraudDetection/pipeline.json"], File.ReadAllText(Path.Combine(outDir, "FraudDetection", "pipeline.json")));
        var generated = output.Files();
        Assert.Equal(generated.Count, task.Files.Length);
        Assert.Contains("FraudDetection/iam/roles.json", generated.Keys);
        foreach (var (path, content) in generated)
        {
            Assert.Equal(content, File.ReadAllText(Path.Combine(outDir, path)));
        }

        Assert.False(Directory.Exists(Path.Combine(outDir, "Old")), "a pipeline that is no longer generated is removed");
        Assert.True(File.Exists(Path.Combine(outDir, "user-notes.txt")), "files the task did not write are left alone");
        Assert.Equal(string.Concat(generated.Keys.OrderBy(k => k, StringComparer.Ordinal).Select(k => k + "\n")), File.ReadAllText(state));
    }

    [Fact]
    public void Missing_assembly_is_an_error_with_a_code()
    {
        var engine = new RecordingBuildEngine();
        var task = new WriteSagemakerArtifacts { Assembly = Path.Combine(_root, "nope.dll"), OutputDirectory = _root, StateFile = Path.Combine(_root, "s.txt"), BuildEngine = engine };
        Assert.False(task.Execute());
        Assert.Contains(engine.Errors, e => e.Code == "SGWB001");
    }

    [Fact]
    public void Pipeline_left_out_for_suppressed_errors_is_a_build_warning()
    {
        var source = """
            using Sagewright;

            [Pipeline("Demo")]
            public static partial class Demo { }

            [ProcessingStep(typeof(Demo))]
            [Image("123456789012.dkr.ecr.us-east-1.amazonaws.com/prep:1.0"), Instance("ml.m5.large")]
            #pragma warning disable SGW005
            [Input("s3:/not-a-uri", "/opt/ml/processing/input")]
            #pragma warning restore SGW005
            public sealed class Prep;
            """;
        var output = TestProject.Generate(source);
        Assert.Empty(Markup.WarningsAndErrors(TestProject.Analyze(output.Compilation))); // suppressed: the build would succeed
        Assert.Empty(output.Files());

        var assembly = Path.Combine(_root, "Demo.dll");
        using (var stream = File.Create(assembly))
        {
            Assert.True(output.Compilation.Emit(stream).Success);
        }

        var engine = new RecordingBuildEngine();
        var task = new WriteSagemakerArtifacts { Assembly = assembly, OutputDirectory = Path.Combine(_root, "out"), StateFile = Path.Combine(_root, "state.txt"), BuildEngine = engine };
        Assert.True(task.Execute());
        var warning = Assert.Single(engine.Warnings);
        Assert.Equal("SGWB005", warning.Code);
        Assert.Contains("pipeline 'Demo' was not written because it has errors (SGW005)", warning.Message, StringComparison.Ordinal);
    }

    private (string OutDir, string State) PreviousBuild(params string[] files)
    {
        var outDir = Path.Combine(_root, "bin", "sagemaker");
        var state = Path.Combine(_root, "obj", "sagewright.files.txt");
        Directory.CreateDirectory(Path.GetDirectoryName(state)!);
        File.WriteAllText(state, string.Concat(files.Select(f => f + "\n")));
        foreach (var file in files)
        {
            Directory.CreateDirectory(Path.GetDirectoryName(Path.Combine(outDir, file))!);
            File.WriteAllText(Path.Combine(outDir, file), "previous");
        }

        return (outDir, state);
    }

    private string Emit(Microsoft.CodeAnalysis.Compilation compilation)
    {
        var assembly = Path.Combine(_root, "Project.dll");
        using var stream = File.Create(assembly);
        Assert.True(compilation.Emit(stream).Success);
        return assembly;
    }

    [Fact]
    public void When_the_generator_did_not_run_to_completion_every_previous_file_is_kept()
    {
        // No generator output at all, as when the generator threw (CS8785): the marker it always writes is missing.
        var assembly = Emit(TestProject.Compilation("public static class Nothing;"));
        var (outDir, state) = PreviousBuild("Demo/pipeline.json", "Demo/iam/roles.json");

        var engine = new RecordingBuildEngine();
        var task = new WriteSagemakerArtifacts { Assembly = assembly, OutputDirectory = outDir, StateFile = state, BuildEngine = engine };
        Assert.True(task.Execute());

        Assert.Equal("previous", File.ReadAllText(Path.Combine(outDir, "Demo", "pipeline.json")));
        Assert.Equal("previous", File.ReadAllText(Path.Combine(outDir, "Demo", "iam", "roles.json")));
        Assert.Equal("SGWB006", Assert.Single(engine.Warnings).Code);
        Assert.Equal(2, task.Files.Length);
        Assert.Equal("Demo/iam/roles.json\nDemo/pipeline.json\n", File.ReadAllText(state));
    }

    [Fact]
    public void The_files_of_a_pipeline_that_failed_internally_are_kept_and_the_others_are_updated()
    {
        var source = """
            using Sagewright;

            [Pipeline("Demo")]
            public static partial class Demo;

            [Pipeline("Other")]
            public static partial class Other;
            """;
        Sagewright.Compiler.Binding.FaultInjection.OnBind.Value = name => name == "Other" ? new InvalidOperationException("boom") : null;
        GeneratorOutput output;
        try
        {
            output = TestProject.Generate(source);
        }
        finally
        {
            Sagewright.Compiler.Binding.FaultInjection.OnBind.Value = null;
        }

        var assembly = Emit(output.Compilation);
        var (outDir, state) = PreviousBuild("Demo/pipeline.json", "Gone/pipeline.json", "Other/pipeline.json", "Other/iam/roles.json");

        var engine = new RecordingBuildEngine();
        var task = new WriteSagemakerArtifacts { Assembly = assembly, OutputDirectory = outDir, StateFile = state, BuildEngine = engine };
        Assert.True(task.Execute());

        Assert.Equal(output.Files()["Demo/pipeline.json"], File.ReadAllText(Path.Combine(outDir, "Demo", "pipeline.json")));
        Assert.False(File.Exists(Path.Combine(outDir, "Gone", "pipeline.json")), "a pipeline that no longer exists is removed");
        Assert.Equal("previous", File.ReadAllText(Path.Combine(outDir, "Other", "pipeline.json")));
        Assert.Equal("previous", File.ReadAllText(Path.Combine(outDir, "Other", "iam", "roles.json")));
        var warning = Assert.Single(engine.Warnings);
        Assert.Equal("SGWB007", warning.Code);
        Assert.Contains("could not compile pipeline 'Other' (System.InvalidOperationException: boom)", warning.Message, StringComparison.Ordinal);
        Assert.Contains(Path.Combine(outDir, "Other", "iam", "roles.json"), task.Files.Select(f => f.ItemSpec));
        Assert.Contains("Other/pipeline.json\n", File.ReadAllText(state), StringComparison.Ordinal);
    }

    private sealed class RecordingBuildEngine : IBuildEngine
    {
        public List<BuildErrorEventArgs> Errors { get; } = [];

        public List<BuildWarningEventArgs> Warnings { get; } = [];

        public bool ContinueOnError => false;

        public int LineNumberOfTaskNode => 0;

        public int ColumnNumberOfTaskNode => 0;

        public string ProjectFileOfTaskNode => "test.proj";

        public bool BuildProjectFile(string projectFileName, string[] targetNames, System.Collections.IDictionary globalProperties, System.Collections.IDictionary targetOutputs) => false;

        public void LogCustomEvent(CustomBuildEventArgs e)
        {
        }

        public void LogErrorEvent(BuildErrorEventArgs e) => Errors.Add(e);

        public void LogMessageEvent(BuildMessageEventArgs e)
        {
        }

        public void LogWarningEvent(BuildWarningEventArgs e) => Warnings.Add(e);
    }
}
