using System.IO.Compression;
using System.Reflection;
using System.Xml.Linq;
using Sagewright.Cli.Tests.Infrastructure;

namespace Sagewright.Cli.Tests.Packaging;

/// <summary>The tool as users get it: packs the already-built CLI into a throwaway feed, installs it as
/// a local tool from there (isolated package cache, no other source) and runs it as a real process.</summary>
[Trait("Category", "Slow")]
public sealed class ToolPackageTests : IDisposable
{
    private readonly TempDir _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public void The_packed_tool_installs_locally_and_runs()
    {
        var configuration = typeof(ToolPackageTests).Assembly.GetCustomAttribute<AssemblyConfigurationAttribute>()?.Configuration ?? "Debug";
        var version = "0.0.0-it." + Guid.NewGuid().ToString("N")[..12];
        var feed = Path.Combine(_dir.Path, "feed");
        ChildProcess.Run("dotnet", RepoPaths.Root, null,
            "pack", Path.Combine("src", "Sagewright.Cli", "Sagewright.Cli.csproj"), "--no-build", "-c", configuration,
            "-o", feed, "-p:PackageVersion=" + version, "-nodeReuse:false").ShouldSucceed();

        // The package: a DotnetTool named Sagewright.Cli whose command is "sagewright", carrying its own
        // dependencies, and nothing of the analyzer package.
        var nupkg = Path.Combine(feed, $"Sagewright.Cli.{version}.nupkg");
        using (var zip = ZipFile.OpenRead(nupkg))
        {
            var names = zip.Entries.Select(e => e.FullName).ToArray();
            Assert.Contains("tools/net10.0/any/Sagewright.Cli.dll", names);
            Assert.Contains("tools/net10.0/any/System.CommandLine.dll", names);
            Assert.Contains("tools/net10.0/any/Spectre.Console.dll", names);
            Assert.Contains("cli.md", names);
            Assert.DoesNotContain(names, n => n.StartsWith("analyzers/", StringComparison.Ordinal) || n.Contains("Sagewright.Compiler", StringComparison.Ordinal));

            using var settings = zip.GetEntry("tools/net10.0/any/DotnetToolSettings.xml")!.Open();
            var command = XDocument.Load(settings).Descendants("Command").Single();
            Assert.Equal("sagewright", command.Attribute("Name")!.Value);

            using var nuspecStream = zip.Entries.Single(e => e.FullName.EndsWith(".nuspec", StringComparison.Ordinal)).Open();
            var nuspec = XDocument.Load(nuspecStream);
            Assert.Equal("Sagewright.Cli", nuspec.Descendants().Single(e => e.Name.LocalName == "id").Value);
            Assert.Contains(nuspec.Descendants(), e => e.Name.LocalName == "packageType" && e.Attribute("name")?.Value == "DotnetTool");
            Assert.DoesNotContain(nuspec.Descendants(), e => e.Name.LocalName == "dependency");
        }

        var consumer = Path.Combine(_dir.Path, "consumer");
        Directory.CreateDirectory(Path.Combine(consumer, ".config"));
        File.WriteAllText(Path.Combine(consumer, ".config", "dotnet-tools.json"), """{"version": 1, "isRoot": true, "tools": {}}""");
        File.WriteAllText(Path.Combine(consumer, "nuget.config"), $"""
            <?xml version="1.0" encoding="utf-8"?>
            <configuration>
              <packageSources>
                <clear />
                <add key="local" value="{feed}" />
              </packageSources>
            </configuration>
            """);
        var environment = new Dictionary<string, string> { ["NUGET_PACKAGES"] = Path.Combine(_dir.Path, "packages"), ["NO_COLOR"] = "1" };
        ChildProcess.Run("dotnet", consumer, environment, "tool", "install", "--local", "Sagewright.Cli", "--version", version).ShouldSucceed();

        var policies = new TempDir();
        try
        {
            Scenario.Write(policies);
            var diff = ChildProcess.Run("dotnet", consumer, environment, "tool", "run", "sagewright", "--",
                "policy", "diff", Path.Combine(policies.Path, "old"), Path.Combine(policies.Path, "new"));
            Assert.Equal(1, diff.ExitCode);
            Assert.StartsWith("FraudDetection-job.policy.json (modified): 2 added, 2 removed, 1 widening\n", diff.Stdout, StringComparison.Ordinal);
            Assert.DoesNotContain("\u001b", diff.Stdout, StringComparison.Ordinal);
            Assert.Equal("widening: 3 changes widen what a role may do; review them, or pass --allow-widening to accept them.\n", diff.Stderr);

            var same = ChildProcess.Run("dotnet", consumer, environment, "tool", "run", "sagewright", "--",
                "policy", "diff", Path.Combine(policies.Path, "old"), Path.Combine(policies.Path, "old"));
            Assert.Equal((0, "No policy changes (3 files compared).\n"), (same.ExitCode, same.Stdout));

            var usage = ChildProcess.Run("dotnet", consumer, environment, "tool", "run", "sagewright", "--", "policy", "diff");
            Assert.Equal(2, usage.ExitCode);
        }
        finally
        {
            policies.Dispose();
        }
    }

    [Fact]
    public void No_shipped_project_references_the_cli()
    {
        // The tool is its own package: the compiler, model, build task and the Sagewright package never load it.
        foreach (var project in Directory.EnumerateFiles(Path.Combine(RepoPaths.Root, "src"), "*.csproj", SearchOption.AllDirectories))
        {
            if (Path.GetFileName(project) == "Sagewright.Cli.csproj")
            {
                continue;
            }

            var references = XDocument.Load(project).Descendants("ProjectReference").Select(e => e.Attribute("Include")!.Value);
            Assert.DoesNotContain(references, r => r.Contains("Sagewright.Cli", StringComparison.Ordinal));
        }
    }
}
