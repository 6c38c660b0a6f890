using Microsoft.Build.Framework;
using Sagewright.Build;
using Sagewright.Tests.Infrastructure;

namespace Sagewright.Tests.Build;

public class WriteArtifactsTaskTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("sagewright-task-").FullName;

    public void Dispose() => Directory.Delete(_root, recursive: true);

    /// <summary>Writes the generator's sources to a folder, as the compiler does with EmitCompilerGeneratedFiles.</summary>
    private string WriteGenerated(GeneratorOutput output, string name = "generated")
    {
        var folder = Path.Combine(_root, "obj", name, "Sagewright.Compiler", "Sagewright.Compiler.Generator.PipelineGenerator");
        Directory.CreateDirectory(folder);
        foreach (var source in output.Result.Results.SelectMany(r => r.GeneratedSources))
        {
            File.WriteAllText(Path.Combine(folder, source.HintName), source.SourceText.ToString(), new System.Text.UTF8Encoding(encoderShouldEmitUTF8Identifier: true));
        }

        return folder;
    }

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
    public void Task_writes_the_generated_files_and_removes_stale_ones()
    {
        var output = Samples.Generate("FraudDetection");
        var generatedDirectory = WriteGenerated(output);
        File.WriteAllText(Path.Combine(generatedDirectory, "Sagewright.Renamed.00000000.g.cs"), "//@ file Renamed/pipeline.json\n// {}\n//@ end\n"); // a source an earlier compile left

        var outDir = Path.Combine(_root, "bin", "sagemaker");
        var state = Path.Combine(_root, "obj", "sagewright.files.txt");
        Directory.CreateDirectory(Path.GetDirectoryName(state)!);
        File.WriteAllText(state, "Old/pipeline.json\n");
        Directory.CreateDirectory(Path.Combine(outDir, "Old"));
        File.WriteAllText(Path.Combine(outDir, "Old", "pipeline.json"), "{}");
        File.WriteAllText(Path.Combine(outDir, "user-notes.txt"), "not ours");

        var engine = new RecordingBuildEngine();
        var task = new WriteSagemakerArtifacts { GeneratedDirectory = generatedDirectory, OutputDirectory = outDir, StateFile = state, BuildEngine = engine };
        Assert.True(task.Execute(), string.Join("\n", engine.Errors));

        Assert.Equal(output.Files()["FraudDetection/pipeline.json"], File.ReadAllText(Path.Combine(outDir, "FraudDetection", "pipeline.json")));
        var generated = output.Files();
        var binaries = output.Manifest().Binaries;
        Assert.Equal(generated.Count + binaries.Count, task.Files.Length);

        // The training script's sourcedir.tar.gz is written as bytes, exactly as artifacts.json hashes them.
        var archive = Assert.Single(binaries);
        Assert.Equal(Convert.FromBase64String(archive.Value), File.ReadAllBytes(Path.Combine([outDir, .. archive.Key.Split('/')])));
        Assert.Contains("FraudDetection/iam/roles.json", generated.Keys);
        Assert.Contains("FraudDetection/artifacts.json", generated.Keys);
        Assert.Contains("FraudDetection/update-pipeline.json", generated.Keys);
        Assert.Contains("FraudDetection/pipeline.template.json", generated.Keys);
        Assert.Equal(
            ["artifacts.json", "create-pipeline.json", "pipeline.json", "pipeline.template.json", "update-pipeline.json"],
            Directory.GetFiles(Path.Combine(outDir, "FraudDetection")).Select(Path.GetFileName).Order(StringComparer.Ordinal));
        foreach (var (path, content) in generated)
        {
            Assert.Equal(content, File.ReadAllText(Path.Combine(outDir, path)));
        }

        Assert.False(Directory.Exists(Path.Combine(outDir, "Old")), "a pipeline that is no longer generated is removed");
        Assert.False(Directory.Exists(Path.Combine(outDir, "Renamed")), "only the sources the index lists are read");
        Assert.True(File.Exists(Path.Combine(outDir, "user-notes.txt")), "files the task did not write are left alone");
        Assert.Equal(string.Concat(generated.Keys.Concat(binaries.Keys).OrderBy(k => k, StringComparer.Ordinal).Select(k => k + "\n")), File.ReadAllText(state));
    }

    [Theory]
    [InlineData("edited", "does not match the index")]
    [InlineData("missing", "is missing")]
    [InlineData("unsafe", "unsafe source name")]
    [InlineData("malformed", "is malformed")]
    public void A_generated_source_that_is_not_the_one_the_index_lists_is_an_error_with_a_code(string damage, string message)
    {
        var output = Samples.Generate("FraudDetection");
        var generatedDirectory = WriteGenerated(output);
        var index = Path.Combine(generatedDirectory, ArtifactReader.IndexHintName);
        var source = Directory.GetFiles(generatedDirectory).Single(f => f != index);
        switch (damage)
        {
            case "edited": File.AppendAllText(source, "// more\n"); break;
            case "missing": File.Delete(source); break;
            case "unsafe": File.WriteAllText(index, File.ReadAllText(index).Replace(" Sagewright.Contoso", " ../Sagewright.Contoso", StringComparison.Ordinal)); break;
            case "malformed": File.WriteAllText(index, "//@ sagewright-outputs 1\n//@ source abc x.g.cs\n"); break;
        }

        var engine = new RecordingBuildEngine();
        var task = new WriteSagemakerArtifacts { GeneratedDirectory = generatedDirectory, OutputDirectory = Path.Combine(_root, "out"), StateFile = Path.Combine(_root, "s.txt"), BuildEngine = engine };
        Assert.False(task.Execute());
        var error = Assert.Single(engine.Errors);
        Assert.Equal("SGWB002", error.Code);
        Assert.Contains(message, error.Message, StringComparison.Ordinal);
        Assert.False(Directory.Exists(Path.Combine(_root, "out")), "nothing is written from a damaged set");
    }

    [Fact]
    public void Text_with_csharp_line_breaks_and_backslashes_survives_the_round_trip_and_the_generated_code_compiles()
    {
        const string description = "line\rbreak\u2028separator\u2029paragraph\u0085next \\ backslash \\r not a break";
        var literal = Microsoft.CodeAnalysis.CSharp.SymbolDisplay.FormatLiteral(description, quote: true);
        var output = TestProject.Generate($$"""
            using Sagewright;

            [Pipeline("Demo", Description = {{literal}})]
            public static partial class Demo;
            """);
        var files = output.Files(); // emits the compilation: the generated code compiles
        Assert.Contains(output.GeneratedSources, s => s.Contains("\n//\\", StringComparison.Ordinal)); // some line needed escaping
        var create = System.Text.Json.Nodes.JsonNode.Parse(files["Demo/create-pipeline.json"])!;
        Assert.Equal(description, (string?)create["PipelineDescription"]);
        var generatedDirectory = WriteGenerated(output);
        var engine = new RecordingBuildEngine();
        var task = new WriteSagemakerArtifacts { GeneratedDirectory = generatedDirectory, OutputDirectory = Path.Combine(_root, "out"), StateFile = Path.Combine(_root, "s.txt"), BuildEngine = engine };
        Assert.True(task.Execute(), string.Join("\n", engine.Errors.Select(e => e.Message)));
        foreach (var (path, content) in files)
        {
            Assert.Equal(content, File.ReadAllText(Path.Combine(_root, "out", path)));
        }
    }

    [Fact]
    public void Lines_written_escaped_are_read_back_exactly()
    {
        var source = "//@ file a/b.txt\n// plain \\r stays\n//\\first\\rsecond\\u2028third \\\\ one backslash\n// \n//@ end\n";
        var index = "//@ sagewright-outputs 1\n//@ source " + Sha256(source) + " s.g.cs\n";
        var manifest = ArtifactReader.Read(index, name => name == "s.g.cs" ? source : null);
        Assert.Equal("plain \\r stays\nfirst\rsecond\u2028third \\ one backslash\n", manifest.Files["a/b.txt"]);
    }

    private static string Sha256(string text) => Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(text)));

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

        var engine = new RecordingBuildEngine();
        var task = new WriteSagemakerArtifacts { GeneratedDirectory = WriteGenerated(output), OutputDirectory = Path.Combine(_root, "out"), StateFile = Path.Combine(_root, "state.txt"), BuildEngine = engine };
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

    [Fact]
    public void When_the_generator_did_not_run_to_completion_every_previous_file_is_kept()
    {
        // No generator output at all, as when the generator threw (CS8785): the index it always writes is missing.
        var generatedDirectory = Path.Combine(_root, "obj", "generated", "Sagewright.Compiler", "Sagewright.Compiler.Generator.PipelineGenerator");
        var (outDir, state) = PreviousBuild("Demo/pipeline.json", "Demo/iam/roles.json");

        var engine = new RecordingBuildEngine();
        var task = new WriteSagemakerArtifacts { GeneratedDirectory = generatedDirectory, OutputDirectory = outDir, StateFile = state, BuildEngine = engine };
        Assert.True(task.Execute());

        Assert.Equal("previous", File.ReadAllText(Path.Combine(outDir, "Demo", "pipeline.json")));
        Assert.Equal("previous", File.ReadAllText(Path.Combine(outDir, "Demo", "iam", "roles.json")));
        Assert.Equal("SGWB006", Assert.Single(engine.Warnings).Code);
        Assert.Equal(2, task.Files.Length);
        Assert.Equal("Demo/iam/roles.json\nDemo/pipeline.json\n", File.ReadAllText(state));
    }

    [Fact]
    public void An_index_an_earlier_compile_left_is_not_read_when_the_generator_did_not_complete_this_time()
    {
        // The compiler does not delete the generated sources of an earlier compile: an index older than the start of
        // the last compile was not written by it.
        var output = TestProject.Generate("""
            using Sagewright;

            [Pipeline("Demo")]
            public static partial class Demo;
            """);
        var generatedDirectory = WriteGenerated(output);
        var earlier = DateTime.UtcNow.AddMinutes(-5);
        foreach (var file in Directory.GetFiles(generatedDirectory))
        {
            File.SetLastWriteTimeUtc(file, earlier);
        }

        var compileFile = Path.Combine(_root, "obj", "sagewright.compile.txt");
        File.WriteAllText(compileFile, DateTime.UtcNow.AddMinutes(-1).Ticks.ToString(System.Globalization.CultureInfo.InvariantCulture) + "\n");
        var (outDir, state) = PreviousBuild("Old/pipeline.json");

        var engine = new RecordingBuildEngine();
        var task = new WriteSagemakerArtifacts { GeneratedDirectory = generatedDirectory, CompileStateFile = compileFile, OutputDirectory = outDir, StateFile = state, BuildEngine = engine };
        Assert.True(task.Execute());
        Assert.Equal("SGWB006", Assert.Single(engine.Warnings).Code);
        Assert.Equal("previous", File.ReadAllText(Path.Combine(outDir, "Old", "pipeline.json")));
        Assert.False(Directory.Exists(Path.Combine(outDir, "Demo")));

        // The same index, written after the compile started, is this compile's.
        File.WriteAllText(compileFile, earlier.AddMinutes(-1).Ticks.ToString(System.Globalization.CultureInfo.InvariantCulture) + "\n");
        engine = new RecordingBuildEngine();
        task = new WriteSagemakerArtifacts { GeneratedDirectory = generatedDirectory, CompileStateFile = compileFile, OutputDirectory = outDir, StateFile = state, BuildEngine = engine };
        Assert.True(task.Execute());
        Assert.Empty(engine.Warnings);
        Assert.True(File.Exists(Path.Combine(outDir, "Demo", "pipeline.json")));
        Assert.False(Directory.Exists(Path.Combine(outDir, "Old")));
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

        var generatedDirectory = WriteGenerated(output);
        var (outDir, state) = PreviousBuild("Demo/pipeline.json", "Gone/pipeline.json", "Other/pipeline.json", "Other/iam/roles.json");

        var engine = new RecordingBuildEngine();
        var task = new WriteSagemakerArtifacts { GeneratedDirectory = generatedDirectory, OutputDirectory = outDir, StateFile = state, BuildEngine = engine };
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

    internal sealed class RecordingBuildEngine : IBuildEngine
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
