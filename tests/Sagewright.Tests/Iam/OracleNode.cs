using System.Diagnostics;
using System.Text;
using System.Text.Json.Nodes;
using Sagewright.Tests.Infrastructure;

namespace Sagewright.Tests.Iam;

/// <summary>
/// Runs the test-only node scripts in <c>tests/iam-oracle</c> (the offline IAM simulator and the IAM reference data).
/// Setup happens here, at most once per test run: when <c>node_modules</c> is missing or older than
/// <c>package-lock.json</c>, the first oracle test runs <c>npm ci</c> under a file lock, so parallel test classes and
/// concurrent test runs in the same checkout install once and never see a half-written <c>node_modules</c>.
/// </summary>
/// <remarks>
/// Why here and not in an MSBuild target: a target runs only when the test project builds, so
/// <c>dotnet test --no-build</c> (or a build made before the lock file changed) would skip it; a build target would
/// also make every <c>dotnet build</c> of the solution need the npm registry, and its failure would break the build
/// of everything instead of failing the oracle tests with npm's own message. <c>.ci/run</c> runs <c>npm ci</c> before
/// the tests, so in CI this finds <c>node_modules</c> fresh and does nothing.
/// </remarks>
public static class OracleNode
{
    /// <summary><c>tests/iam-oracle</c>: package.json, package-lock.json and the scripts.</summary>
    public static string Folder { get; } = Path.Combine(Paths.RepoRoot, "tests", "iam-oracle");

    public static string? NodePath { get; } = FindOnPath(OperatingSystem.IsWindows() ? "node.exe" : "node");

    public static bool IsAvailable => NodePath is not null;

    /// <summary>Per tool folder (<c>tests/iam-oracle</c>, <c>tests/cfn-spec</c>): null when its node_modules is ready,
    /// otherwise why it is not.</summary>
    private static readonly System.Collections.Concurrent.ConcurrentDictionary<string, Lazy<string?>> InstallProblems = new(StringComparer.Ordinal);

    /// <summary>Runs <paramref name="script"/> (a file in <see cref="Folder"/>) with <paramref name="input"/> as its
    /// standard input and returns what it printed, parsed.</summary>
    public static JsonNode Run(string script, JsonNode input) => RunIn(Folder, script, input);

    /// <summary>Runs <paramref name="script"/> of the test-only tool folder <paramref name="folder"/> (installed from its
    /// package-lock.json the same way) with <paramref name="input"/> as its standard input.</summary>
    public static JsonNode RunIn(string folder, string script, JsonNode input) => RunIn(folder, script, input.ToJsonString());

    /// <inheritdoc cref="RunIn(string, string, JsonNode)"/>
    public static JsonNode RunIn(string folder, string script, string input)
    {
        if (NodePath is null)
        {
            throw new InvalidOperationException(
                "node is not on PATH: the IAM oracle tests need Node.js 20 or later (the scripts in tests/iam-oracle run the offline IAM simulator).");
        }

        if (InstallProblems.GetOrAdd(folder, f => new Lazy<string?>(() => Install(f), LazyThreadSafetyMode.ExecutionAndPublication)).Value is { } problem)
        {
            throw new InvalidOperationException(problem);
        }

        var (exitCode, stdout, stderr) = Execute(folder, NodePath, [Path.Combine(folder, script)], input, TimeSpan.FromMinutes(5));
        if (exitCode != 0)
        {
            throw new InvalidOperationException($"node {script} failed with exit code {exitCode}:\n{stderr}\n{stdout}");
        }

        try
        {
            return JsonNode.Parse(stdout) ?? throw new InvalidOperationException($"node {script} printed nothing.");
        }
        catch (System.Text.Json.JsonException e)
        {
            throw new InvalidOperationException($"node {script} printed something that is not JSON ({e.Message}):\n{stdout}\n{stderr}", e);
        }
    }

    /// <summary>Null when node_modules is ready; otherwise why it is not.</summary>
    private static string? Install(string folder)
    {
        var lockFile = Path.Combine(folder, "package-lock.json");
        // npm writes node_modules/.package-lock.json last, when an install has finished.
        var marker = Path.Combine(folder, "node_modules", ".package-lock.json");
        bool Fresh() => File.Exists(marker) && File.GetLastWriteTimeUtc(marker) >= File.GetLastWriteTimeUtc(lockFile);

        if (Fresh())
        {
            return null;
        }

        using var exclusive = AcquireLock(Path.Combine(folder, ".npm-ci.lock"), TimeSpan.FromMinutes(10));
        if (Fresh())
        {
            return null; // another process installed while this one waited
        }

        var npm = FindOnPath(OperatingSystem.IsWindows() ? "npm.cmd" : "npm");
        if (npm is null)
        {
            return $"node_modules in {folder} is missing or older than package-lock.json, and npm is not on PATH to run `npm ci` there.";
        }

        var (exitCode, stdout, stderr) = Execute(folder, npm, ["ci", "--no-audit", "--no-fund"], null, TimeSpan.FromMinutes(8));
        if (exitCode != 0 || !Fresh())
        {
            return $"`npm ci` in {folder} failed (exit code {exitCode}); run it by hand to see why:\n{stderr}\n{stdout}";
        }

        return null;
    }

    private static FileStream AcquireLock(string path, TimeSpan timeout)
    {
        var watch = Stopwatch.StartNew();
        while (true)
        {
            try
            {
                // Not DeleteOnClose: a waiter could then lock a new file while a third process still holds the old one.
                return new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
            }
            catch (IOException) when (watch.Elapsed < timeout)
            {
                Thread.Sleep(250);
            }
        }
    }

    private static (int ExitCode, string Stdout, string Stderr) Execute(string folder, string fileName, string[] arguments, string? stdin, TimeSpan timeout)
    {
        var start = new ProcessStartInfo(fileName)
        {
            WorkingDirectory = folder,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            StandardInputEncoding = new UTF8Encoding(false),
            StandardOutputEncoding = Encoding.UTF8,
            StandardErrorEncoding = Encoding.UTF8,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment["NO_COLOR"] = "1";
        start.Environment["NODE_OPTIONS"] = "";

        using var process = Process.Start(start) ?? throw new InvalidOperationException("Could not start " + fileName);
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (stdin is not null)
        {
            process.StandardInput.Write(stdin);
        }

        process.StandardInput.Close();
        if (!process.WaitForExit(timeout))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{fileName} {string.Join(' ', arguments)} did not finish in {timeout.TotalMinutes} minutes.");
        }

        process.WaitForExit();
        return (process.ExitCode, stdout.Result, stderr.Result);
    }

    private static string? FindOnPath(string name) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "")
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Select(dir => Path.Combine(dir, name))
            .FirstOrDefault(File.Exists);
}

/// <summary>A fact that runs the IAM oracle: skipped with the reason when node is not installed, except under CI
/// (<c>CI=true</c>), where a missing node must fail the run.</summary>
public sealed class OracleFactAttribute : FactAttribute
{
    public OracleFactAttribute()
    {
        if (!OracleNode.IsAvailable && !ReferenceFactAttribute.IsCi)
        {
            Skip = OracleSkip.Reason;
        }
    }
}

/// <summary>The theory form of <see cref="OracleFactAttribute"/>.</summary>
public sealed class OracleTheoryAttribute : TheoryAttribute
{
    public OracleTheoryAttribute()
    {
        if (!OracleNode.IsAvailable && !ReferenceFactAttribute.IsCi)
        {
            Skip = OracleSkip.Reason;
        }
    }
}

internal static class OracleSkip
{
    public const string Reason =
        "needs node (Node.js 20+) on PATH to run the offline IAM simulator in tests/iam-oracle (absent here; with CI=true this fails instead)";
}
