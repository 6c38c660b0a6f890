using System.Diagnostics;
using Sagewright.Tests.Infrastructure;

namespace Sagewright.Tests.Deploy;

/// <summary>Runs the AWS CLI (v1 or v2) against a dead loopback endpoint, with dummy credentials and no profile, so
/// that a command gets as far as sending its request (the CLI has parsed and validated every parameter against its
/// model) and then fails to connect. Nothing reaches AWS and no real credential or configuration is read.</summary>
internal static class AwsCli
{
    /// <summary>Port 9 (discard) on loopback: nothing listens, so the connection is refused at once.</summary>
    public const string DeadEndpoint = "http://127.0.0.1:9";

    public const string ConnectionFailure = "Could not connect to the endpoint URL";

    private static readonly Lazy<string?> Executable = new(() => FindOnPath("aws"));

    public static bool IsAvailable => Executable.Value is not null;

    /// <summary>Runs <c>aws &lt;arguments&gt; --endpoint-url http://127.0.0.1:9</c> in <paramref name="workingDirectory"/>.</summary>
    public static (int ExitCode, string Stdout, string Stderr) Run(string workingDirectory, params string[] arguments)
    {
        var executable = Executable.Value ?? throw new InvalidOperationException(AwsCliSkip.Reason);
        var start = new ProcessStartInfo(executable)
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        foreach (var argument in new[] { "--endpoint-url", DeadEndpoint, "--cli-connect-timeout", "2", "--cli-read-timeout", "2" })
        {
            start.ArgumentList.Add(argument);
        }

        var none = Path.Combine(workingDirectory, "no-such-aws-config");
        foreach (var (key, value) in new Dictionary<string, string>
        {
            ["AWS_ACCESS_KEY_ID"] = "AKIAIOSFODNN7EXAMPLE",
            ["AWS_SECRET_ACCESS_KEY"] = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY",
            ["AWS_DEFAULT_REGION"] = "us-east-1",
            ["AWS_REGION"] = "us-east-1",
            ["AWS_EC2_METADATA_DISABLED"] = "true",
            ["AWS_MAX_ATTEMPTS"] = "1",
            ["AWS_RETRY_MODE"] = "standard",
            ["AWS_PAGER"] = string.Empty,
            ["AWS_CONFIG_FILE"] = none,
            ["AWS_SHARED_CREDENTIALS_FILE"] = none,
        })
        {
            start.Environment[key] = value;
        }

        start.Environment.Remove("AWS_PROFILE");
        start.Environment.Remove("AWS_SESSION_TOKEN");
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(TimeSpan.FromMinutes(2)))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException("aws " + string.Join(' ', arguments) + " did not finish in 2 minutes.");
        }

        process.WaitForExit();
        return (process.ExitCode, stdout.Result, stderr.Result);
    }

    /// <summary>Asserts that the command failed at the connection and not before: every parameter was accepted.</summary>
    public static void ShouldFailOnlyToConnect(string workingDirectory, params string[] arguments)
    {
        var (exitCode, stdout, stderr) = Run(workingDirectory, arguments);
        var what = "aws " + string.Join(' ', arguments) + $" (exit code {exitCode})\nstdout: {stdout}\nstderr: {stderr}";
        foreach (var rejection in new[] { "Parameter validation failed", "Unknown parameter", "Unknown options", "Invalid type for parameter", "usage:", "Error parsing parameter" })
        {
            Assert.False(stderr.Contains(rejection, StringComparison.Ordinal), "The CLI rejected the input: " + what);
        }

        Assert.True(exitCode != 0 && stderr.Contains(ConnectionFailure, StringComparison.Ordinal), "Expected only a connection failure: " + what);
    }

    private static string? FindOnPath(string name) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "")
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .SelectMany(dir => OperatingSystem.IsWindows() ? new[] { Path.Combine(dir, name + ".exe"), Path.Combine(dir, name + ".cmd") } : new[] { Path.Combine(dir, name) })
            .FirstOrDefault(File.Exists);
}

/// <summary>A fact that runs the AWS CLI: skipped with the reason when <c>aws</c> is not installed, except under CI
/// (<c>CI=true</c>), where a missing CLI must fail the run.</summary>
public sealed class AwsCliFactAttribute : FactAttribute
{
    public AwsCliFactAttribute()
    {
        if (!AwsCli.IsAvailable && !ReferenceFactAttribute.IsCi)
        {
            Skip = AwsCliSkip.Reason;
        }
    }
}

/// <summary>The theory form of <see cref="AwsCliFactAttribute"/>.</summary>
public sealed class AwsCliTheoryAttribute : TheoryAttribute
{
    public AwsCliTheoryAttribute()
    {
        if (!AwsCli.IsAvailable && !ReferenceFactAttribute.IsCi)
        {
            Skip = AwsCliSkip.Reason;
        }
    }
}

internal static class AwsCliSkip
{
    public const string Reason =
        "needs the AWS CLI (`aws`, v1 or v2) on PATH to check that it accepts the generated requests (absent here; with CI=true this fails instead)";
}
