using System;
using System.Collections.Generic;
using System.CommandLine;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Threading.Tasks;
using Sagewright.Cli.Aws;
using Sagewright.Cli.Deploy;
using Sagewright.Cli.Output;

namespace Sagewright.Cli.Commands;

/// <summary>The commands that call AWS: deploy, run, status, watch, approve, reject, models, endpoint deploy.</summary>
internal static class AwsCommands
{
    private sealed class Connection
    {
        public Option<string> Profile { get; } = new("--profile") { Description = "The AWS profile (shared config and credentials files). Default: AWS_PROFILE, then the standard chain (environment, SSO, container and instance roles)." };

        public Option<string> Region { get; } = new("--region") { Description = "The AWS region. Default: AWS_REGION, AWS_DEFAULT_REGION, then the profile's region." };

        public Option<string> EndpointUrl { get; } = new("--endpoint-url") { Description = "Send every call to this URL instead of the AWS endpoints (local emulators and tests)." };

        public void AddTo(Command command)
        {
            command.Options.Add(Profile);
            command.Options.Add(Region);
            command.Options.Add(EndpointUrl);
        }

        public AwsSession Open(ParseResult parse, CliEnvironment environment) =>
            AwsSession.Create(new AwsOptions(parse.GetValue(Profile), parse.GetValue(Region), parse.GetValue(EndpointUrl)), environment.AwsTuning, parse.InvocationConfiguration.Error);
    }

    public static IEnumerable<Command> Build(TextWriter stdout, CliEnvironment environment)
    {
        yield return DeployCommand(stdout, environment);
        yield return RunCommand(stdout, environment);
        yield return StatusCommand(stdout, environment, watch: false);
        yield return StatusCommand(stdout, environment, watch: true);
        yield return ApprovalCommand(stdout, environment, approve: true);
        yield return ApprovalCommand(stdout, environment, approve: false);
        yield return ModelsCommand(stdout, environment);
        yield return EndpointCommand(stdout, environment);
    }

    private static Command DeployCommand(TextWriter stdout, CliEnvironment environment)
    {
        var folderArgument = new Argument<string>("FOLDER")
        {
            Description = "A built pipeline folder (bin/<Configuration>/<tfm>/sagemaker/<Pipeline>), or a project (.csproj or its folder), which is built first.",
        };
        var plan = new Option<bool>("--plan") { Description = "Read the deployed state and print what a deploy would change; change nothing." };
        var allowWidening = new Option<bool>("--allow-widening") { Description = "Deploy even when a role's permissions widen (new roles, added grants); without it, a widening stops the deploy (or is asked about on a terminal)." };
        var projectDir = new Option<string>("--project-dir") { Description = "The project folder the artifacts' paths are relative to. Default: the nearest folder above FOLDER holding a .csproj." };
        var connection = new Connection();
        var command = new Command("deploy", "Deploy a built pipeline: upload the artifacts not yet in S3, create or update the roles (trust policy, inline policy, tags), then create or update the pipeline. Prints the plan first; a second deploy with nothing changed makes no write call. Exit codes: 0 deployed (or nothing to change), 1 a widening not allowed, 2 error.")
        {
            folderArgument,
            plan,
            allowWidening,
            projectDir,
        };
        connection.AddTo(command);
        command.SetAction(parse =>
        {
            var error = parse.InvocationConfiguration.Error;
            var folder = PipelineFolder.Load(parse.GetValue(folderArgument)!, environment.WorkingDirectory, error);
            using var session = connection.Open(parse, environment);
            var deployer = new Deployer(session);
            var result = deployer.PlanAsync(folder).GetAwaiter().GetResult();
            Deployer.WritePlan(result, StyledOutput.Create(stdout, environment.UseColor));
            stdout.Flush();
            if (parse.GetValue(plan))
            {
                return ExitCodes.Success;
            }

            if (!result.HasWrites)
            {
                stdout.Write("Nothing to deploy: no write call made.\n");
                return ExitCodes.Success;
            }

            if (result.Widening > 0 && !parse.GetValue(allowWidening))
            {
                var what = Words.Plural(result.Widening, "change widens", "changes widen");
                if (environment.CanPrompt && environment.Input is { } input)
                {
                    stdout.Write($"{what} what a role may do. Deploy anyway? [y/N] ");
                    stdout.Flush();
                    var answer = input.ReadLine()?.Trim();
                    if (!string.Equals(answer, "y", StringComparison.OrdinalIgnoreCase) && !string.Equals(answer, "yes", StringComparison.OrdinalIgnoreCase))
                    {
                        error.Write("deploy cancelled: nothing written.\n");
                        return ExitCodes.Widening;
                    }
                }
                else
                {
                    error.Write($"widening: {what} what a role may do; review the plan, or pass --allow-widening to deploy it. Nothing written.\n");
                    return ExitCodes.Widening;
                }
            }
            else if (result.Widening > 0)
            {
                error.Write($"warning: {Words.Plural(result.Widening, "widening change", "widening changes")} accepted with --allow-widening.\n");
            }

            stdout.Write("\n");
            deployer.ApplyAsync(result, stdout, parse.GetValue(projectDir) is { } dir ? Path.GetFullPath(dir, environment.WorkingDirectory) : null).GetAwaiter().GetResult();
            stdout.Write($"Deployed {folder.PipelineName}: {Words.Plural(session.Writes.Count, "write call", "write calls")}.\n");
            return ExitCodes.Success;
        });
        return command;
    }

    private static Command RunCommand(TextWriter stdout, CliEnvironment environment)
    {
        var pipelineArgument = new Argument<string>("PIPELINE")
        {
            Description = "The pipeline: a built pipeline folder (parameters are checked against its pipeline.json before any call) or a deployed pipeline's name.",
        };
        var parameters = new Option<string[]>("--param", "-p")
        {
            Description = "A parameter value, Name=Value (repeatable); checked against the definition's Parameters and their types (String, Integer, Float, Boolean).",
            AllowMultipleArgumentsPerToken = false,
        };
        var token = new Option<string>("--client-request-token") { Description = "The idempotency token (32 to 128 characters): a rerun with the same token starts nothing new. Default: a new random token." };
        var displayName = new Option<string>("--display-name") { Description = "The execution's display name." };
        var description = new Option<string>("--description") { Description = "The execution's description." };
        var wait = new Option<bool>("--wait") { Description = "Wait for the execution to finish, showing each step's status; the exit code says how it ended." };
        var json = new Option<bool>("--json") { Description = "Print the result as JSON (execution ARN, status, steps) instead of text." };
        var poll = PollOption();
        var timeout = TimeoutOption();
        var connection = new Connection();
        var command = new Command("run", "Start an execution of a pipeline with parameter values. Exit codes: 0 started (with --wait: succeeded), 2 error, 3 failed, 4 stopped, 5 still running at --timeout.")
        {
            timeout,
            pipelineArgument,
            parameters,
            token,
            displayName,
            description,
            wait,
            json,
            poll,
        };
        connection.AddTo(command);
        command.SetAction(parse =>
        {
            var argument = parse.GetValue(pipelineArgument)!;
            var full = Path.GetFullPath(argument, environment.WorkingDirectory);
            var values = ParseParameters(parse.GetValue(parameters) ?? []);
            string pipelineName;
            List<Parameter>? typed = null;
            if (Directory.Exists(full))
            {
                var folder = PipelineFolder.Load(argument, environment.WorkingDirectory, parse.InvocationConfiguration.Error);
                pipelineName = folder.PipelineName;
                typed = ExecutionParameters.Check(values, folder.Definition, argument + "/pipeline.json");
            }
            else
            {
                pipelineName = argument;
            }

            var requestToken = parse.GetValue(token) ?? Guid.NewGuid().ToString("N");
            if (requestToken.Length is < 32 or > 128)
            {
                throw new CliException("--client-request-token: must be 32 to 128 characters");
            }

            using var session = connection.Open(parse, environment);
            var client = new SageMakerClient(session);
            if (typed is null)
            {
                var described = client.DescribePipelineAsync(new DescribePipelineRequest(pipelineName)).GetAwaiter().GetResult();
                typed = ExecutionParameters.Check(values, described.PipelineDefinition ?? "{}", "the definition of " + pipelineName);
            }

            var started = client.StartPipelineExecutionAsync(new StartPipelineExecutionRequest(
                pipelineName, parse.GetValue(displayName), typed.Count == 0 ? null : typed, parse.GetValue(description), requestToken)).GetAwaiter().GetResult();
            var arn = started.PipelineExecutionArn ?? throw new CliException("StartPipelineExecution returned no execution ARN");
            if (!parse.GetValue(wait))
            {
                if (parse.GetValue(json))
                {
                    stdout.Write(new JsonObject { ["PipelineExecutionArn"] = arn, ["PipelineExecutionStatus"] = "Executing" }.ToJsonString(new JsonSerializerOptions { WriteIndented = true }) + "\n");
                }
                else
                {
                    stdout.Write($"started {arn}\n");
                }

                return ExitCodes.Success;
            }

            if (!parse.GetValue(json))
            {
                stdout.Write($"started {arn}\n");
            }

            return ExecutionView.Wait(client, arn, stdout, parse.InvocationConfiguration.Error, environment, parse.GetValue(json), Poll(parse, poll, environment), Timeout(parse, timeout));
        });
        return command;
    }

    private static Option<double?> PollOption() => new("--poll-interval") { Description = "Seconds between status checks while waiting (default 30)." };

    private static Option<double?> TimeoutOption() => new("--timeout") { Description = "Stop waiting after this many seconds (exit code 5; the execution goes on). Default: wait until it ends." };

    private static TimeSpan? Timeout(ParseResult parse, Option<double?> timeout) =>
        parse.GetValue(timeout) is { } seconds ? (seconds >= 0 ? TimeSpan.FromSeconds(seconds) : throw new CliException("--timeout: must not be negative")) : null;

    private static TimeSpan Poll(ParseResult parse, Option<double?> poll, CliEnvironment environment) =>
        parse.GetValue(poll) is { } seconds && seconds > 0 ? TimeSpan.FromSeconds(seconds) : environment.AwsTuning.PollInterval ?? TimeSpan.FromSeconds(30);

    private static Command StatusCommand(TextWriter stdout, CliEnvironment environment, bool watch)
    {
        var arnArgument = new Argument<string>("EXECUTION_ARN") { Description = "The pipeline execution ARN (arn:aws:sagemaker:<region>:<account>:pipeline/<name>/execution/<id>)." };
        var json = new Option<bool>("--json") { Description = "Print the result as JSON instead of text." };
        var poll = PollOption();
        var timeout = TimeoutOption();
        var connection = new Connection();
        var command = new Command(watch ? "watch" : "status", watch
            ? "Follow an execution until it finishes, showing each step's status. Exit codes: 0 succeeded, 2 error, 3 failed, 4 stopped, 5 still running at --timeout."
            : "Show an execution's status and its steps' statuses. Exit codes: 0 succeeded or still running, 2 error, 3 failed, 4 stopped.")
        {
            arnArgument,
            json,
        };
        if (watch)
        {
            command.Options.Add(poll);
            command.Options.Add(timeout);
        }

        connection.AddTo(command);
        command.SetAction(parse =>
        {
            var arn = parse.GetValue(arnArgument)!;
            if (!arn.StartsWith("arn:", StringComparison.Ordinal) || !arn.Contains("/execution/", StringComparison.Ordinal))
            {
                throw new CliException($"{arn}: not a pipeline execution ARN (arn:aws:sagemaker:<region>:<account>:pipeline/<name>/execution/<id>)");
            }

            using var session = connection.Open(parse, environment);
            var client = new SageMakerClient(session);
            return watch
                ? ExecutionView.Wait(client, arn, stdout, parse.InvocationConfiguration.Error, environment, parse.GetValue(json), Poll(parse, poll, environment), Timeout(parse, timeout))
                : ExecutionView.Show(client, arn, stdout, parse.GetValue(json));
        });
        return command;
    }

    private static Command ApprovalCommand(TextWriter stdout, CliEnvironment environment, bool approve)
    {
        var target = new Argument<string>("PACKAGE")
        {
            Description = "A model package group name (its latest PendingManualApproval version), or a model package ARN.",
        };
        var version = new Option<int?>("--version") { Description = "The version of the group to " + (approve ? "approve" : "reject") + " instead of the latest pending one." };
        var note = new Option<string>("--note") { Description = "The approval description recorded on the version (why)." };
        var connection = new Connection();
        var status = approve ? "Approved" : "Rejected";
        var command = new Command(approve ? "approve" : "reject", approve
            ? "Approve a model package version (ModelApprovalStatus Approved), by default the group's latest pending one."
            : "Reject a model package version (ModelApprovalStatus Rejected), by default the group's latest pending one.")
        {
            target,
            version,
            note,
        };
        connection.AddTo(command);
        command.SetAction(parse =>
        {
            var name = parse.GetValue(target)!;
            using var session = connection.Open(parse, environment);
            var client = new SageMakerClient(session);
            var arn = Models.Resolve(client, name, parse.GetValue(version)).GetAwaiter().GetResult();
            var current = client.DescribeModelPackageAsync(new DescribeModelPackageRequest(arn)).GetAwaiter().GetResult();
            var noteText = parse.GetValue(note);
            if (current.ModelApprovalStatus == status && (noteText is null || noteText == current.ApprovalDescription))
            {
                stdout.Write($"{arn} is already {status}: nothing to change.\n");
                return ExitCodes.Success;
            }

            client.UpdateModelPackageAsync(new UpdateModelPackageRequest(arn, status, noteText)).GetAwaiter().GetResult();
            stdout.Write($"{status.ToLowerInvariant()} {arn} (was {current.ModelApprovalStatus})\n");
            return ExitCodes.Success;
        });
        return command;
    }

    private static Command ModelsCommand(TextWriter stdout, CliEnvironment environment)
    {
        var group = new Argument<string>("GROUP") { Description = "The model package group name." };
        var json = new Option<bool>("--json") { Description = "Print the versions as JSON instead of a table." };
        var connection = new Connection();
        var command = new Command("models", "List a model package group's versions, newest first: version, approval status, package status, creation time and metrics location.")
        {
            group,
            json,
        };
        connection.AddTo(command);
        command.SetAction(parse =>
        {
            using var session = connection.Open(parse, environment);
            var client = new SageMakerClient(session);
            Models.List(client, parse.GetValue(group)!, stdout, parse.GetValue(json)).GetAwaiter().GetResult();
            return ExitCodes.Success;
        });
        return command;
    }

    private static Command EndpointCommand(TextWriter stdout, CliEnvironment environment)
    {
        var endpoint = new Command("endpoint", "Deploy the endpoints a pipeline declares ([Endpoint]).");
        var folder = new Argument<string>("FOLDER") { Description = "A built pipeline folder (bin/<Configuration>/<tfm>/sagemaker/<Pipeline>), or a project, which is built first." };
        var name = new Option<string>("--endpoint") { Description = "The endpoint (a folder of endpoints/); needed when the pipeline declares several." };
        var package = new Option<string>("--package") { Description = "The model package version ARN to serve. Default: the latest Approved version of the endpoint's model package group." };
        var wait = new Option<bool>("--wait") { Description = "Wait for the endpoint to be in service (always done: the rollback and the auto-scaling need it; accepted for symmetry with run)." };
        var allowWidening = new Option<bool>("--allow-widening") { Description = "Create or widen the endpoint's role even when its permissions widen; without it, a widening stops the deploy (or is asked about on a terminal)." };
        var timeout = TimeoutOption();
        var connection = new Connection();
        var deploy = new Command("deploy", "Deploy an endpoint from the latest approved package of its group: CreateModel and CreateEndpointConfig (names per version), CreateEndpoint or UpdateEndpoint, wait until in service, then auto-scaling. On failure, roll back to the previous endpoint configuration. A second deploy of the same version makes no write call. Exit codes: 0 in service (or nothing to change), 1 a widening of the role not allowed, 2 error, 3 failed (rolled back), 5 still updating at --timeout.")
        {
            folder,
            name,
            package,
            wait,
            timeout,
            allowWidening,
        };
        connection.AddTo(deploy);
        deploy.SetAction(parse =>
        {
            var error = parse.InvocationConfiguration.Error;
            var pipeline = PipelineFolder.Load(parse.GetValue(folder)!, environment.WorkingDirectory, error);
            var selected = EndpointFolder.Load(pipeline, parse.GetValue(name));
            using var session = connection.Open(parse, environment);
            bool Allow(int widening) => parse.GetValue(allowWidening) || Confirm(widening, stdout, error, environment);
            var code = new EndpointDeployer(session, stdout, error, environment.UseColor).DeployAsync(pipeline, selected, parse.GetValue(package), Timeout(parse, timeout), Allow).GetAwaiter().GetResult();
            stdout.Flush();
            return code;
        });
        endpoint.Subcommands.Add(deploy);
        return endpoint;
    }

    /// <summary>The widening gate of <c>deploy</c>: on a terminal ask, otherwise refuse with a one-line error.</summary>
    private static bool Confirm(int widening, TextWriter stdout, TextWriter error, CliEnvironment environment)
    {
        var what = Words.Plural(widening, "change widens", "changes widen");
        if (environment.CanPrompt && environment.Input is { } input)
        {
            stdout.Write($"{what} what a role may do. Deploy anyway? [y/N] ");
            stdout.Flush();
            var answer = input.ReadLine()?.Trim();
            if (string.Equals(answer, "y", StringComparison.OrdinalIgnoreCase) || string.Equals(answer, "yes", StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }

            error.Write("deploy cancelled: nothing written.\n");
            return false;
        }

        error.Write($"widening: {what} what a role may do; review the plan, or pass --allow-widening to deploy it. Nothing written.\n");
        return false;
    }

    private static List<(string Name, string Value)> ParseParameters(string[] values)
    {
        var result = new List<(string, string)>();
        foreach (var value in values)
        {
            var equals = value.IndexOf('=', StringComparison.Ordinal);
            if (equals <= 0)
            {
                throw new CliException($"--param {value}: expected Name=Value");
            }

            result.Add((value[..equals], value[(equals + 1)..]));
        }

        return result;
    }
}
