using System.Diagnostics;
using System.Globalization;
using System.Text;

namespace Sagewright.Benchmarks;

/// <summary>The console mode <c>build-overhead</c> (not BenchmarkDotNet): what Sagewright adds to <c>dotnet build</c>.
/// It copies samples/FraudDetection and writes a generated project of 50 pipelines × 10 steps into a temporary folder,
/// each twice: with Sagewright, wired as the NuGet package wires it (annotations as a reference, compiler and model as
/// analyzers, Sagewright.props/.targets and the MSBuild task, all copied from this build's output so nothing rebuilds
/// them mid-run), and without (the same sources and the annotations reference, no analyzers, no props/targets). After a
/// warm-up build of each (which restores; compiler server and MSBuild nodes on, as by default), it times, round after
/// round and alternating which variant goes first, a clean build (<c>--no-incremental</c>) and a no-change build of
/// every project, and reports medians and the ratio. Bounded: at most <c>--rounds</c> rounds (5), at least one, and no
/// new round that would end after <c>--budget</c> seconds (180) from the start; every build is killed after 180 s. A
/// loaded machine gets fewer rounds (the report says how many; on a 2-core machine at load 35, one round in 216 s).
/// Options: <c>--rounds N</c>, <c>--budget S</c>, <c>--keep</c> (keep the temporary folder).</summary>
internal static class BuildOverhead
{
    private static readonly TimeSpan BuildTimeout = TimeSpan.FromSeconds(180);

    public static int Run(string[] args)
    {
        var rounds = IntOption(args, "--rounds", 5);
        var budget = TimeSpan.FromSeconds(IntOption(args, "--budget", 180));
        var keep = args.Contains("--keep");
        var repo = FindRepository();
        var dotnet = DotnetExecutable();
        var total = Stopwatch.StartNew();
        var work = Directory.CreateTempSubdirectory("sagewright-build-overhead-").FullName;
        Console.WriteLine($"build-overhead: repository {repo}, dotnet {dotnet}, work folder {work}");
        try
        {
            var package = StagePackage(repo, Path.Combine(work, "sagewright"));
            var projects = new List<Project>
            {
                CreateProject(work, package, "FraudDetection", expectedPipelines: 1, directory => CopySample(Path.Combine(repo, "samples", "FraudDetection"), directory)),
                CreateProject(work, package, "Generated50x10", expectedPipelines: 50, directory => WriteGenerated(directory, pipelines: 50, steps: 10)),
            };

            // Warm-up (unmeasured), which also restores: the compiler server, MSBuild nodes, the task host, the file cache.
            var variants = projects.SelectMany(p => new[] { p.WithSagewright, p.Without }).ToList();
            foreach (var variant in variants)
            {
                Build(dotnet, variant, "warm-up restore and build", ["build", variant.ProjectFile, "-nologo", "-v:q", "-clp:NoSummary", "-p:UseSharedCompilation=true"]);
                CheckArtifacts(variant);
            }

            var times = new Dictionary<(string Project, string Mode, bool Sagewright), List<double>>();
            var measuring = Stopwatch.StartNew();
            var done = 0;
            for (var round = 0; round < rounds; round++)
            {
                if (round > 0 && total.Elapsed + (measuring.Elapsed / round) > budget)
                {
                    Console.WriteLine($"  (stopping after {round} rounds: another would exceed the {budget.TotalSeconds:0} s budget)");
                    break;
                }

                foreach (var project in projects)
                {
                    Project.Variant[] order = round % 2 == 0 ? [project.WithSagewright, project.Without] : [project.Without, project.WithSagewright];
                    foreach (var (mode, arguments) in new (string, Func<Project.Variant, string[]>)[] { ("clean build", CleanBuild), ("no-change build", NoChangeBuild) })
                    {
                        foreach (var variant in order)
                        {
                            var seconds = Build(dotnet, variant, mode, arguments(variant));
                            var key = (project.Name, mode, variant.Sagewright);
                            (times.TryGetValue(key, out var list) ? list : times[key] = []).Add(seconds);
                        }
                    }
                }

                done = round + 1;
                Console.WriteLine($"  round {done} done ({total.Elapsed.TotalSeconds:0} s from the start)");
            }

            Console.WriteLine();
            Console.WriteLine($"Build overhead, {done} interleaved round(s) in {total.Elapsed.TotalSeconds:0} s, median wall-clock seconds of `dotnet build` (Debug, compiler server on):");
            Console.WriteLine();
            Console.WriteLine("| project | build | with Sagewright (s) | without (s) | ratio | overhead (s) |");
            Console.WriteLine("|---|---|---:|---:|---:|---:|");
            foreach (var project in projects)
            {
                foreach (var mode in new[] { "clean build", "no-change build" })
                {
                    var with = Median(times[(project.Name, mode, true)]);
                    var without = Median(times[(project.Name, mode, false)]);
                    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                        $"| {project.Description} | {mode} | {with:0.00} | {without:0.00} | {with / without:0.00}× | {with - without:+0.00;-0.00} |"));
                }
            }

            Console.WriteLine();
            Console.WriteLine("All runs (s): " + string.Join("; ", times.Select(t =>
                $"{t.Key.Project} {t.Key.Mode} {(t.Key.Sagewright ? "with" : "without")}: " + string.Join(" ", t.Value.Select(v => v.ToString("0.00", CultureInfo.InvariantCulture))))));
            return 0;
        }
        finally
        {
            if (keep)
            {
                Console.WriteLine($"kept {work}");
            }
            else
            {
                try
                {
                    Directory.Delete(work, recursive: true);
                }
                catch (IOException e)
                {
                    Console.WriteLine($"could not delete {work}: {e.Message}");
                }
            }
        }
    }

    private static string[] CleanBuild(Project.Variant variant) => ["build", variant.ProjectFile, "--no-restore", "--no-incremental", "-nologo", "-v:q", "-clp:NoSummary", "-p:UseSharedCompilation=true"];

    private static string[] NoChangeBuild(Project.Variant variant) => ["build", variant.ProjectFile, "--no-restore", "-nologo", "-v:q", "-clp:NoSummary", "-p:UseSharedCompilation=true"];

    private static double Median(List<double> values)
    {
        var sorted = values.Order().ToList();
        return sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[(sorted.Count / 2) - 1] + sorted[sorted.Count / 2]) / 2;
    }

    /// <summary>Runs dotnet with <paramref name="arguments"/> in the variant's folder; returns the wall-clock seconds.</summary>
    private static double Build(string dotnet, Project.Variant variant, string what, string[] arguments)
    {
        var start = new ProcessStartInfo(dotnet)
        {
            WorkingDirectory = variant.Directory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        start.Environment["DOTNET_NOLOGO"] = "1";
        start.Environment["DOTNET_SKIP_FIRST_TIME_EXPERIENCE"] = "1";
        // Set when this program is started by `dotnet run`; the builds must find their own SDK.
        foreach (var name in new[] { "MSBuildExtensionsPath", "MSBuildSDKsPath", "MSBUILD_EXE_PATH", "MSBuildLoadMicrosoftTargetsReadOnly" })
        {
            start.Environment.Remove(name);
        }

        var output = new StringBuilder();
        var watch = Stopwatch.StartNew();
        using var process = Process.Start(start) ?? throw new InvalidOperationException("dotnet did not start");
        process.OutputDataReceived += (_, e) => { lock (output) { output.AppendLine(e.Data); } };
        process.ErrorDataReceived += (_, e) => { lock (output) { output.AppendLine(e.Data); } };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        if (!process.WaitForExit(BuildTimeout))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{what} of {variant.ProjectFile} took more than {BuildTimeout.TotalSeconds:0} s:\n{output}");
        }

        process.WaitForExit();
        var seconds = watch.Elapsed.TotalSeconds;
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{what} of {variant.ProjectFile} failed (exit code {process.ExitCode}):\n{output}");
        }

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {seconds,6:0.00} s  {what}, {Path.GetFileName(variant.Directory)}"));
        return seconds;
    }

    /// <summary>The Sagewright variant wrote one folder of pipeline files per pipeline; the other wrote none.</summary>
    private static void CheckArtifacts(Project.Variant variant)
    {
        var output = Path.Combine(variant.Directory, "bin", "Debug", "net10.0", "sagemaker");
        var pipelines = Directory.Exists(output) ? Directory.GetDirectories(output).Length : 0;
        var expected = variant.Sagewright ? variant.ExpectedPipelines : 0;
        if (pipelines != expected)
        {
            throw new InvalidOperationException($"{variant.Directory}: {pipelines} pipeline folders under {output}, expected {expected}.");
        }
    }

    /// <summary>The package's layout, from this build's output (compiler, model, annotations) and the repository
    /// (the MSBuild task's build output and the props/targets).</summary>
    private static string StagePackage(string repo, string package)
    {
        var analyzers = Directory.CreateDirectory(Path.Combine(package, "analyzers")).FullName;
        var lib = Directory.CreateDirectory(Path.Combine(package, "lib")).FullName;
        var tasks = Directory.CreateDirectory(Path.Combine(package, "tasks")).FullName;
        var build = Directory.CreateDirectory(Path.Combine(package, "build")).FullName;
        var here = AppContext.BaseDirectory;
        File.Copy(Path.Combine(here, "Sagewright.Compiler.dll"), Path.Combine(analyzers, "Sagewright.Compiler.dll"));
        File.Copy(Path.Combine(here, "Sagewright.Model.dll"), Path.Combine(analyzers, "Sagewright.Model.dll"));
        File.Copy(Path.Combine(here, "Sagewright.Annotations.dll"), Path.Combine(lib, "Sagewright.Annotations.dll"));
        var configuration = here.Contains($"{Path.DirectorySeparatorChar}Debug{Path.DirectorySeparatorChar}", StringComparison.Ordinal) ? "Debug" : "Release";
        var task = new[] { configuration, "Release", "Debug" }
            .Select(c => Path.Combine(repo, "src", "Sagewright.Build", "bin", c, "netstandard2.0", "Sagewright.Build.dll"))
            .FirstOrDefault(File.Exists)
            ?? throw new FileNotFoundException("Sagewright.Build.dll is not built: run `dotnet build -c Release src/Sagewright.Build`.");
        File.Copy(task, Path.Combine(tasks, "Sagewright.Build.dll"));
        foreach (var file in new[] { "Sagewright.props", "Sagewright.targets" })
        {
            File.Copy(Path.Combine(repo, "src", "Sagewright.Build", "build", file), Path.Combine(build, file));
        }

        return package;
    }

    private static Project CreateProject(string work, string package, string name, int expectedPipelines, Action<string> writeSources)
    {
        Project.Variant Create(bool sagewright)
        {
            var directory = Directory.CreateDirectory(Path.Combine(work, name + (sagewright ? "-with-sagewright" : "-without"))).FullName;
            writeSources(directory);
            var relativePackage = Path.GetRelativePath(directory, package);
            // As the samples' Directory.Build.props/.targets, but from the staged package.
            File.WriteAllText(Path.Combine(directory, "Directory.Build.props"), $"""
                <Project>
                  {(sagewright ? $"<Import Project=\"{relativePackage}/build/Sagewright.props\" />" : "<!-- without Sagewright -->")}
                  <PropertyGroup>
                    <LangVersion>latest</LangVersion>
                    <Nullable>enable</Nullable>
                    <ImplicitUsings>disable</ImplicitUsings>
                    <Deterministic>true</Deterministic>
                  </PropertyGroup>
                </Project>
                """);
            var wiring = sagewright
                ? $"""
                  <PropertyGroup>
                    <SagewrightTaskAssembly>$(MSBuildThisFileDirectory){relativePackage}/tasks/Sagewright.Build.dll</SagewrightTaskAssembly>
                  </PropertyGroup>
                  <ItemGroup>
                    <Analyzer Include="{relativePackage}/analyzers/Sagewright.Compiler.dll" />
                    <Analyzer Include="{relativePackage}/analyzers/Sagewright.Model.dll" />
                  </ItemGroup>
                  <Import Project="{relativePackage}/build/Sagewright.targets" />
                """
                : "  <!-- without Sagewright -->";
            File.WriteAllText(Path.Combine(directory, "Directory.Build.targets"), $"""
                <Project>
                  <ItemGroup>
                    <Reference Include="Sagewright.Annotations" HintPath="{relativePackage}/lib/Sagewright.Annotations.dll" />
                  </ItemGroup>
                {wiring}
                </Project>
                """);
            var projectFile = Path.Combine(directory, name + ".csproj");
            File.WriteAllText(projectFile, """
                <Project Sdk="Microsoft.NET.Sdk">
                  <PropertyGroup>
                    <TargetFramework>net10.0</TargetFramework>
                    <SagewrightAccountId>123456789012</SagewrightAccountId>
                    <SagewrightRegion>us-east-1</SagewrightRegion>
                  </PropertyGroup>
                </Project>
                """);
            return new Project.Variant(directory, projectFile, sagewright, expectedPipelines);
        }

        var description = expectedPipelines == 1 ? $"{name} sample" : $"generated, {name}";
        return new Project(name, description, Create(sagewright: true), Create(sagewright: false));
    }

    /// <summary>The sample's sources and scripts, without its project file and any build output.</summary>
    private static void CopySample(string sample, string directory)
    {
        foreach (var file in Directory.EnumerateFiles(sample, "*", SearchOption.AllDirectories))
        {
            var relative = Path.GetRelativePath(sample, file);
            var first = relative.Split(Path.DirectorySeparatorChar)[0];
            if (first is "bin" or "obj" || relative.EndsWith(".csproj", StringComparison.Ordinal))
            {
                continue;
            }

            var target = Path.Combine(directory, relative);
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }
    }

    private static void WriteGenerated(string directory, int pipelines, int steps)
    {
        Directory.CreateDirectory(Path.Combine(directory, "scripts"));
        File.WriteAllText(Path.Combine(directory, "scripts", "run.py"), "print('run')\n");
        for (var i = 0; i < pipelines; i++)
        {
            File.WriteAllText(Path.Combine(directory, $"Pipeline{i}.cs"), BenchProject.Pipeline(i, steps));
        }
    }

    private static string FindRepository()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "Compiler.sln")) && Directory.Exists(Path.Combine(directory.FullName, "samples", "FraudDetection")))
            {
                return directory.FullName;
            }
        }

        throw new DirectoryNotFoundException($"No repository (Compiler.sln, samples/FraudDetection) above {AppContext.BaseDirectory}.");
    }

    /// <summary>The dotnet that runs this program: DOTNET_HOST_PATH when set, else the dotnet executable of the dotnet
    /// root three folders above the running runtime.</summary>
    private static string DotnetExecutable()
    {
        var host = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH");
        if (!string.IsNullOrEmpty(host) && File.Exists(host))
        {
            return host;
        }

        var root = Path.GetFullPath(Path.Combine(Path.GetDirectoryName(typeof(object).Assembly.Location)!, "..", "..", ".."));
        var dotnet = Path.Combine(root, OperatingSystem.IsWindows() ? "dotnet.exe" : "dotnet");
        return File.Exists(dotnet) ? dotnet : "dotnet";
    }

    private static int IntOption(string[] args, string name, int fallback)
    {
        var index = Array.IndexOf(args, name);
        return index >= 0 && index + 1 < args.Length ? int.Parse(args[index + 1], CultureInfo.InvariantCulture) : fallback;
    }

    private sealed record Project(string Name, string Description, Project.Variant WithSagewright, Project.Variant Without)
    {
        public sealed record Variant(string Directory, string ProjectFile, bool Sagewright, int ExpectedPipelines);
    }
}
