using Sagewright.Cli.Output;
using Sagewright.Cli.Tests.Infrastructure;

namespace Sagewright.Cli.Tests.Aws;

public sealed class AwsCommandTests : IDisposable
{
    private readonly AwsFixture _f = new();

    public void Dispose() => _f.Dispose();

    [Theory]
    [InlineData("deploy", "sagewright deploy <FOLDER> [options]")]
    [InlineData("run", "sagewright run <PIPELINE> [options]")]
    [InlineData("status", "sagewright status <EXECUTION_ARN> [options]")]
    [InlineData("watch", "sagewright watch <EXECUTION_ARN> [options]")]
    [InlineData("approve", "sagewright approve <PACKAGE> [options]")]
    [InlineData("reject", "sagewright reject <PACKAGE> [options]")]
    [InlineData("models", "sagewright models <GROUP> [options]")]
    [InlineData("endpoint", "sagewright endpoint [command] [options]")]
    [InlineData("endpoint deploy", "sagewright endpoint deploy <FOLDER> [options]")]
    public void Every_command_has_help_with_the_tool_name(string command, string usage)
    {
        var result = CliRunner.Run(_f.Project, [.. command.Split(' '), "--help"]);
        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains("\n  " + usage + "\n", result.Stdout.ReplaceLineEndings("\n"));
        if (command is not "endpoint")
        {
            Assert.Contains("--endpoint-url", result.Stdout);
            Assert.Contains("--profile", result.Stdout);
        }
    }

    [Fact]
    public void The_root_help_lists_the_aws_commands()
    {
        var result = CliRunner.Run(_f.Project, "--help");
        foreach (var command in new[] { "deploy", "run", "status", "watch", "approve", "reject", "models", "endpoint", "policy" })
        {
            Assert.Contains("\n  " + command + " ", result.Stdout.ReplaceLineEndings("\n"));
        }
    }

    [Theory]
    [InlineData("n\n", 1)]
    [InlineData("\n", 1)]
    [InlineData("y\n", 0)]
    public void On_a_terminal_a_widening_is_asked_about(string answer, int exitCode)
    {
        var environment = AwsFixture.Environment(_f.Project) with { StdoutIsTerminal = true, NoColor = "1" };
        environment = environment with { CanPrompt = true, Input = new StringReader(answer) };
        var result = CliRunner.Run(environment, "deploy", AwsFixture.RelativeFolder, "--endpoint-url", _f.Aws.Endpoint);
        Assert.Equal(exitCode, result.ExitCode);
        Assert.Contains("7 changes widen what a role may do. Deploy anyway? [y/N] ", result.Stdout);
        if (exitCode == 0)
        {
            Assert.True(_f.Aws.Pipelines.ContainsKey("FraudDetection"));
        }
        else
        {
            Assert.Equal("deploy cancelled: nothing written.\n", result.Stderr);
            Assert.Empty(_f.Aws.Writes());
        }
    }

    [Fact]
    public void Plan_output_is_coloured_only_on_a_terminal()
    {
        var terminal = AwsFixture.Environment(_f.Project) with { StdoutIsTerminal = true };
        var coloured = CliRunner.Run(terminal, "deploy", AwsFixture.RelativeFolder, "--plan", "--endpoint-url", _f.Aws.Endpoint);
        Assert.Contains('\u001b', coloured.Stdout);
        var noColor = CliRunner.Run(terminal with { NoColor = "1" }, "deploy", AwsFixture.RelativeFolder, "--plan", "--endpoint-url", _f.Aws.Endpoint);
        Assert.DoesNotContain('\u001b', noColor.Stdout);
    }

    [Fact]
    public void An_unknown_profile_is_one_line()
    {
        var result = _f.Run("deploy", AwsFixture.RelativeFolder, "--plan", "--profile", "no-such-profile");
        Assert.Equal(2, result.ExitCode);
        Assert.Equal("error: --profile no-such-profile: no such profile in the AWS config or credentials file\n", result.Stderr);
        Assert.Empty(_f.Aws.Snapshot());
    }

    [Fact]
    public void A_folder_that_is_not_a_build_output_is_refused()
    {
        var result = _f.Run("deploy", "scripts", "--plan");
        Assert.Equal(2, result.ExitCode);
        Assert.StartsWith("error: scripts: neither a built pipeline folder", result.Stderr);
        Assert.Empty(_f.Aws.Snapshot());
    }

    [Fact]
    public async Task A_session_token_is_signed_and_sent()
    {
        // Through a session with its own credentials: the process environment is shared with the other tests.
        var credentials = new Amazon.Runtime.SessionAWSCredentials(FakeAws.AccessKey, FakeAws.SecretKey, "token/with+chars=");
        using var session = Sagewright.Cli.Aws.AwsSession.CreateWith(credentials, "us-east-1", new Uri(_f.Aws.Endpoint), AwsFixture.Environment(_f.Project).AwsTuning);
        Assert.Null(await new Sagewright.Cli.Aws.IamClient(session).GetRoleAsync("nobody"));
        var request = Assert.Single(_f.Aws.Snapshot());
        Assert.True(request.SignatureValid, request.SignatureProblem);
        Assert.Equal("token/with+chars=", request.Headers["x-amz-security-token"]);
        Assert.Contains("x-amz-security-token", request.Headers["authorization"]);
    }
}
