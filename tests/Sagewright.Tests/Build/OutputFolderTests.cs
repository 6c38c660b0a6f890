using Sagewright.Build;
using Sagewright.Tests.Infrastructure;

namespace Sagewright.Tests.Build;

/// <summary>The folders Sagewright writes into go away with its files, after a rename (the writer) and after
/// <c>dotnet clean</c> (<see cref="RemoveSagewrightOutput"/>), and a folder that holds anything else stays.</summary>
public class OutputFolderTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("sagewright-folders-").FullName;

    public void Dispose() => Directory.Delete(_root, recursive: true);

    private string OutDir => Path.Combine(_root, "bin", "sagemaker");

    private void Write(params string[] files)
    {
        foreach (var file in files)
        {
            var path = Path.Combine([OutDir, .. file.Split('/')]);
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            File.WriteAllText(path, "previous");
        }
    }

    private IEnumerable<string> Left() =>
        Directory.Exists(OutDir)
            ? Directory.GetFileSystemEntries(OutDir, "*", SearchOption.AllDirectories).Select(p => Path.GetRelativePath(OutDir, p).Replace('\\', '/')).Order(StringComparer.Ordinal)
            : [];

    [Fact]
    public void A_renamed_pipeline_leaves_no_folder_behind_whatever_the_order_of_the_state_file()
    {
        var output = TestProject.Generate(Analyzers.Src.Demo + """
            [ProcessingStep(typeof(Demo))]
            [Image(Images.Processing), Instance("ml.m5.xlarge")]
            public sealed class Prep;
            """);
        var generated = Path.Combine(_root, "obj", "generated");
        Directory.CreateDirectory(generated);
        foreach (var source in output.Result.Results.SelectMany(r => r.GeneratedSources))
        {
            File.WriteAllText(Path.Combine(generated, source.HintName), source.SourceText.ToString());
        }

        // Listed deepest last and out of order, with a folder holding nothing but another folder.
        var old = new[] { "Old/pipeline.json", "Old/iam/deep/x.json", "Old/iam/roles.json", "Kept/iam/roles.json", "Kept/pipeline.json" };
        Write(old);
        Write("Kept/iam/user-notes.txt");
        var state = Path.Combine(_root, "obj", "sagewright.files.txt");
        File.WriteAllText(state, string.Concat(old.Select(f => f + "\n")));

        var engine = new WriteArtifactsTaskTests.RecordingBuildEngine();
        Assert.True(new WriteSagemakerArtifacts { GeneratedDirectory = generated, OutputDirectory = OutDir, StateFile = state, BuildEngine = engine }.Execute(), string.Join("\n", engine.Errors));
        Assert.Equal(
            new[] { "Demo", "Kept", "Kept/iam", "Kept/iam/user-notes.txt" }.Concat(output.Files().Keys).Concat(["Demo/iam"]).Order(StringComparer.Ordinal),
            Left());
    }

    [Fact]
    public void Clean_removes_the_listed_files_and_every_folder_that_is_then_empty_the_output_folder_included()
    {
        var files = new[] { "A/pipeline.json", "A/iam/roles.json", "A/iam/A-job.policy.json", "B/artifacts.json", "B/iam/roles.json" };
        Write(files);
        var engine = new WriteArtifactsTaskTests.RecordingBuildEngine();
        Assert.True(new RemoveSagewrightOutput { OutputDirectory = OutDir, Files = files, BuildEngine = engine }.Execute());
        Assert.False(Directory.Exists(OutDir), "nothing is left: " + string.Join(", ", Left()));
        Assert.True(Directory.Exists(Path.Combine(_root, "bin")), "the folder above the output folder is not Sagewright's");
    }

    [Fact]
    public void Clean_keeps_a_folder_with_a_file_sagewright_did_not_write_and_never_touches_that_file()
    {
        var files = new[] { "A/pipeline.json", "A/iam/roles.json", "B/pipeline.json", "B/iam/roles.json" };
        Write(files);
        Write("A/iam/notes.md");
        var engine = new WriteArtifactsTaskTests.RecordingBuildEngine();
        // Files already deleted by the clean, an unsafe line and a path outside the output folder are all harmless.
        Assert.True(new RemoveSagewrightOutput { OutputDirectory = OutDir, Files = [.. files, "Gone/pipeline.json", "../escape.json", "/etc/passwd"], BuildEngine = engine }.Execute());
        Assert.Equal(["A", "A/iam", "A/iam/notes.md"], Left());
        Assert.Empty(engine.Errors);
    }
}
