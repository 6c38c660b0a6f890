using System.Text.Json.Nodes;
using Sagewright.Tests.Infrastructure;

namespace Sagewright.Tests.Build;

/// <summary>Packs the Sagewright NuGet package, builds a throwaway consumer project from it with
/// <c>dotnet build</c>, and checks what the build wrote. One fixture: packing is the slow part.</summary>
public sealed class PackageFixture : IDisposable
{
    public PackageFixture()
    {
        Root = Directory.CreateTempSubdirectory("sagewright-it-").FullName;
        Feed = Path.Combine(Root, "feed");
        // A version no earlier run used, so no NuGet cache can hand back a stale package.
        Version = "0.0.0-it." + DateTime.UtcNow.ToString("yyyyMMddHHmmss", System.Globalization.CultureInfo.InvariantCulture) + "." + Guid.NewGuid().ToString("N")[..8];
        PackOutput = DotNet.Run(Paths.RepoRoot, null,
            "pack", Path.Combine("src", "Sagewright.Package", "Sagewright.Package.csproj"),
            "-c", "Release", "-o", Feed, "-p:SagewrightVersion=" + Version).ShouldSucceed().Output;
    }

    public string Root { get; }

    public string Feed { get; }

    public string Version { get; }

    public string PackOutput { get; }

    /// <summary>Creates a consumer project that references the package and copies the FraudDetection sample into it.</summary>
    public string CreateConsumer(string name)
    {
        var directory = Path.Combine(Root, name);
        Directory.CreateDirectory(Path.Combine(directory, "scripts"));
        File.WriteAllText(Path.Combine(directory, "nuget.config"), $"""
            <?xml version="1.0" encoding="utf-8"?>
            <configuration>
              <packageSources>
                <clear />
                <add key="local" value="{Feed}" />
              </packageSources>
            </configuration>
            """);
        File.WriteAllText(Path.Combine(directory, name + ".csproj"), $"""
            <Project Sdk="Microsoft.NET.Sdk">
              <PropertyGroup>
                <TargetFramework>net10.0</TargetFramework>
                <TreatWarningsAsErrors>true</TreatWarningsAsErrors>
                <SagewrightAccountId>123456789012</SagewrightAccountId>
                <SagewrightRegion>us-east-1</SagewrightRegion>
              </PropertyGroup>
              <ItemGroup>
                <PackageReference Include="Sagewright" Version="{Version}" PrivateAssets="all" />
              </ItemGroup>
            </Project>
            """);
        File.Copy(Paths.Samples("FraudDetection", "FraudDetection.cs"), Path.Combine(directory, "FraudDetection.cs"));
        foreach (var script in Directory.GetFiles(Paths.Samples("FraudDetection", "scripts")))
        {
            File.Copy(script, Path.Combine(directory, "scripts", Path.GetFileName(script)));
        }

        return directory;
    }

    public DotNet.Result Build(string consumer, params string[] extra) =>
        DotNet.Run(consumer, new Dictionary<string, string> { ["NUGET_PACKAGES"] = Path.Combine(Root, "packages") }, ["build", .. extra]);

    public void Dispose()
    {
        try
        {
            Directory.Delete(Root, recursive: true);
        }
        catch (IOException)
        {
            // A leftover temp folder is harmless.
        }
    }
}

[Trait("Category", "Slow")]
[Collection(nameof(PackageCollection))]
public class PackageIntegrationTests(PackageFixture package)
{
    private static string Definition(string consumer) =>
        Path.Combine(consumer, "bin", "Debug", "net10.0", "sagemaker", "FraudDetection", "pipeline.json");

    [Fact]
    public void Package_has_the_documented_layout()
    {
        using var archive = System.IO.Compression.ZipFile.OpenRead(Path.Combine(package.Feed, $"Sagewright.{package.Version}.nupkg"));
        var entries = archive.Entries.Select(e => e.FullName).ToHashSet(StringComparer.Ordinal);
        Assert.Contains("lib/netstandard2.0/Sagewright.Annotations.dll", entries);
        Assert.Contains("analyzers/dotnet/cs/Sagewright.Compiler.dll", entries);
        Assert.Contains("analyzers/dotnet/cs/Sagewright.Model.dll", entries);
        Assert.Contains("analyzers/dotnet/cs/Sagewright.CodeFixes.dll", entries);
        Assert.Contains("tasks/netstandard2.0/Sagewright.Build.dll", entries);
        Assert.Contains("build/Sagewright.props", entries);
        Assert.Contains("build/Sagewright.targets", entries);
        // No Roslyn, Workspaces or other third-party assembly rides along with the analyzers.
        Assert.Equal(3, entries.Count(e => e.StartsWith("analyzers/", StringComparison.Ordinal) && e.EndsWith(".dll", StringComparison.Ordinal)));
    }

    [Fact]
    public void Consumer_build_writes_the_same_definition_as_the_generator_and_clean_removes_it()
    {
        var consumer = package.CreateConsumer("Consumer");
        var build = package.Build(consumer).ShouldSucceed();
        Assert.DoesNotContain("CS8032", build.Output, StringComparison.Ordinal); // analyzer could not be loaded
        Assert.DoesNotContain("CS9057", build.Output, StringComparison.Ordinal); // analyzer built for a newer compiler
        Assert.DoesNotMatch(@"(?i)\bwarning [A-Z]+\d+", build.Output);
        Assert.Contains(" 0 Warning(s)", build.Output, StringComparison.Ordinal);
        Assert.Contains("Sagewright: wrote", build.Output, StringComparison.Ordinal);

        var written = File.ReadAllText(Definition(consumer));
        Assert.Equal(Samples.Definitions("FraudDetection")["FraudDetection"], written);
        Assert.Equal(4, JsonNode.Parse(written)!["Steps"]!.AsArray().Count); // the register and fail steps are inside CheckAuc
        var bytes = File.ReadAllBytes(Definition(consumer));
        Assert.False(bytes.Length >= 3 && bytes[0] == 0xEF && bytes[1] == 0xBB && bytes[2] == 0xBF, "pipeline.json must not start with a BOM");
        Assert.DoesNotContain((byte)'\r', bytes);
        var folder = Path.Combine(consumer, "bin", "Debug", "net10.0", "sagemaker", "FraudDetection");
        foreach (var name in new[] { "create-pipeline.json", "update-pipeline.json", "pipeline.template.json", "artifacts.json", "iam/roles.json" })
        {
            Assert.True(File.Exists(Path.Combine(folder, name)), name + " was not written");
        }

        // An unchanged rebuild leaves the file alone (same bytes, same timestamp).
        var stamp = File.GetLastWriteTimeUtc(Definition(consumer));
        Thread.Sleep(1100);
        File.AppendAllText(Path.Combine(consumer, "Unrelated.cs"), "namespace Other { internal static class Unrelated { } }\n");
        var rebuild = package.Build(consumer, "-v:detailed").ShouldSucceed();
        // The compiler gets the code fixes too (the IDE takes them from the same list) and loads them without complaint.
        Assert.Matches(@"/analyzer:\S*analyzers/dotnet/cs/Sagewright\.CodeFixes\.dll", rebuild.Output.Replace('\\', '/'));
        Assert.DoesNotContain("CS8032", rebuild.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("CS8034", rebuild.Output, StringComparison.Ordinal); // analyzer assembly could not be loaded
        Assert.Equal(stamp, File.GetLastWriteTimeUtc(Definition(consumer)));
        Assert.Equal(bytes, File.ReadAllBytes(Definition(consumer)));

        package.Build(consumer, "-t:Clean").ShouldSucceed();
        Assert.False(File.Exists(Definition(consumer)), "dotnet clean must remove pipeline.json");
        var sagemaker = Path.Combine(consumer, "bin", "Debug", "net10.0", "sagemaker");
        Assert.False(Directory.Exists(sagemaker), "dotnet clean must remove every folder Sagewright wrote; left: "
            + (Directory.Exists(sagemaker) ? string.Join(", ", Directory.GetFileSystemEntries(sagemaker, "*", SearchOption.AllDirectories)) : string.Empty));
        Assert.True(Directory.Exists(Path.Combine(consumer, "bin", "Debug", "net10.0")), "the output folder itself is not Sagewright's");
    }

    [Fact]
    public void Nothing_generated_is_in_the_assembly_and_a_build_with_nothing_new_skips_the_writer()
    {
        var consumer = package.CreateConsumer("Light");
        package.Build(consumer).ShouldSucceed();
        var dll = File.ReadAllBytes(Path.Combine(consumer, "bin", "Debug", "net10.0", "Light.dll"));
        var text = System.Text.Encoding.UTF8.GetString(dll) + System.Text.Encoding.Unicode.GetString(dll);
        Assert.DoesNotContain("2020-12-01", text, StringComparison.Ordinal); // the definition's Version
        Assert.DoesNotContain("sts:AssumeRole", text, StringComparison.Ordinal); // a trust policy
        Assert.DoesNotContain("Sagewright:", text, StringComparison.Ordinal); // the former AssemblyMetadata keys
        Assert.True(dll.Length < 16 * 1024, "the assembly is " + dll.Length + " bytes");

        var again = package.Build(consumer, "-v:detailed").ShouldSucceed();
        Assert.Contains("Skipping target \"SagewrightWriteArtifacts\" because all output files are up-to-date", again.Output, StringComparison.Ordinal);

        // A written file deleted by hand comes back on the next build, without a compile.
        File.Delete(Definition(consumer));
        var restored = package.Build(consumer, "-v:detailed").ShouldSucceed();
        Assert.Contains("Skipping target \"CoreCompile\"", restored.Output, StringComparison.Ordinal);
        Assert.Equal(Samples.Definitions("FraudDetection")["FraudDetection"], File.ReadAllText(Definition(consumer)));
    }

    [Fact]
    public void The_definition_constant_is_there_when_the_project_opts_in()
    {
        var consumer = package.CreateConsumer("Embedded");
        var project = Path.Combine(consumer, "Embedded.csproj");
        File.WriteAllText(project, File.ReadAllText(project).Replace("<TreatWarningsAsErrors>", "<SagewrightEmbedDefinition>true</SagewrightEmbedDefinition><TreatWarningsAsErrors>", StringComparison.Ordinal));
        package.Build(consumer).ShouldSucceed();
        var dll = File.ReadAllBytes(Path.Combine(consumer, "bin", "Debug", "net10.0", "Embedded.dll"));
        Assert.Contains("2020-12-01", System.Text.Encoding.Unicode.GetString(dll), StringComparison.Ordinal);
    }

    [Fact]
    public void A_project_that_turns_off_EmitCompilerGeneratedFiles_gets_one_clear_error()
    {
        var consumer = package.CreateConsumer("NoEmit");
        var failed = package.Build(consumer, "-p:EmitCompilerGeneratedFiles=false");
        Assert.NotEqual(0, failed.ExitCode);
        Assert.Contains("error SGWB009: Sagewright reads the pipeline files from the generated sources", failed.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void Renamed_pipeline_replaces_the_old_folder_and_errors_fail_the_build_at_the_argument()
    {
        var consumer = package.CreateConsumer("Renamed");
        package.Build(consumer).ShouldSucceed();
        var source = Path.Combine(consumer, "FraudDetection.cs");
        File.WriteAllText(source, File.ReadAllText(source).Replace("[Pipeline(\"FraudDetection\"", "[Pipeline(\"FraudScoring\"", StringComparison.Ordinal));
        package.Build(consumer).ShouldSucceed();
        var sagemaker = Path.Combine(consumer, "bin", "Debug", "net10.0", "sagemaker");
        Assert.True(File.Exists(Path.Combine(sagemaker, "FraudScoring", "pipeline.json")));
        Assert.False(Directory.Exists(Path.Combine(sagemaker, "FraudDetection")), "the stale pipeline folder must be removed");
        // The endpoint's nested folders and the training archive's folder move with the pipeline too.
        var trainScript = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(File.ReadAllBytes(Path.Combine(consumer, "scripts", "train.py"))));
        Assert.Equal(["FraudScoring", "FraudScoring/code", "FraudScoring/code/" + trainScript, "FraudScoring/endpoints", "FraudScoring/endpoints/fraud-detection", "FraudScoring/iam"],
            Directory.GetDirectories(sagemaker, "*", SearchOption.AllDirectories).Select(d => Path.GetRelativePath(sagemaker, d).Replace('\\', '/')).Order(StringComparer.Ordinal));

        File.WriteAllText(source, File.ReadAllText(source).Replace("\"ml.g4dn.xlarge\"", "\"ml.g4dn.huge\"", StringComparison.Ordinal));
        var failed = package.Build(consumer);
        Assert.NotEqual(0, failed.ExitCode);
        Assert.Matches(@"FraudDetection\.cs\(\d+,\d+\): error SGW006: 'ml\.g4dn\.huge' is not a training instance type", failed.Output);
    }
}

[CollectionDefinition(nameof(PackageCollection))]
public sealed class PackageCollection : ICollectionFixture<PackageFixture>;
