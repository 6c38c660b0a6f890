using System.Diagnostics;

namespace Sagewright.Cli.Tests.Aws;

/// <summary>Runs the AWS CLI against the fake (<c>--endpoint-url</c>), with the dummy credentials, no profile, no
/// config file, no instance metadata and one attempt.</summary>
internal static class AwsCli
{
    private static readonly Lazy<string?> Executable = new(() =>
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Select(dir => Path.Combine(dir, OperatingSystem.IsWindows() ? "aws.cmd" : "aws"))
            .FirstOrDefault(File.Exists));

    public static bool IsAvailable => Executable.Value is not null;

    public static bool IsCi => string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase);

    public const string SkipReason = "needs the AWS CLI (`aws`) on PATH for the parity tests (absent here; with CI=true this fails instead)";

    public static (int ExitCode, string Stdout, string Stderr) Run(string workingDirectory, string endpoint, params string[] arguments)
    {
        var start = new ProcessStartInfo(Executable.Value ?? throw new InvalidOperationException(SkipReason))
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments.Concat(["--endpoint-url", endpoint, "--cli-connect-timeout", "5", "--cli-read-timeout", "10", "--output", "json"]))
        {
            start.ArgumentList.Add(argument);
        }

        var none = Path.Combine(workingDirectory, "no-such-aws-config");
        foreach (var (key, value) in new Dictionary<string, string>
        {
            ["AWS_ACCESS_KEY_ID"] = FakeAws.AccessKey,
            ["AWS_SECRET_ACCESS_KEY"] = FakeAws.SecretKey,
            ["AWS_DEFAULT_REGION"] = "us-east-1",
            ["AWS_REGION"] = "us-east-1",
            ["AWS_EC2_METADATA_DISABLED"] = "true",
            ["AWS_MAX_ATTEMPTS"] = "1",
            ["AWS_RETRY_MODE"] = "standard",
            ["AWS_PAGER"] = string.Empty,
            ["AWS_CONFIG_FILE"] = none,
            ["AWS_SHARED_CREDENTIALS_FILE"] = none,
            ["NO_PROXY"] = "127.0.0.1",
        })
        {
            start.Environment[key] = value;
        }

        foreach (var name in new[] { "AWS_PROFILE", "AWS_SESSION_TOKEN", "HTTP_PROXY", "HTTPS_PROXY", "http_proxy", "https_proxy" })
        {
            start.Environment.Remove(name);
        }

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
}

/// <summary>A theory that runs the AWS CLI: skipped when <c>aws</c> is missing, except under CI (<c>CI=true</c>),
/// where a missing CLI fails.</summary>
public sealed class AwsCliTheoryAttribute : TheoryAttribute
{
    public AwsCliTheoryAttribute()
    {
        if (!AwsCli.IsAvailable && !AwsCli.IsCi)
        {
            Skip = AwsCli.SkipReason;
        }
    }
}
