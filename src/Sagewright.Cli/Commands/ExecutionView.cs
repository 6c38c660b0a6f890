using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Threading;
using Sagewright.Cli.Aws;
using Sagewright.Cli.Output;
using Spectre.Console;

namespace Sagewright.Cli.Commands;

/// <summary>Shows and follows a pipeline execution. No SageMaker waiter covers pipeline executions
/// (waiters-2.json has none), so it polls DescribePipelineExecution and ListPipelineExecutionSteps at a fixed
/// interval until a terminal status: Succeeded, Failed or Stopped.</summary>
internal static class ExecutionView
{
    public const int Failed = 3;
    public const int Stopped = 4;

    /// <summary>Still running when <c>--timeout</c> ran out (the execution goes on).</summary>
    public const int TimedOut = 5;

    private static readonly string[] Terminal = ["Succeeded", "Failed", "Stopped"];

    public static int Show(SageMakerClient client, string arn, TextWriter stdout, bool json)
    {
        var execution = client.DescribePipelineExecutionAsync(new DescribePipelineExecutionRequest(arn)).GetAwaiter().GetResult();
        var steps = client.ListAllPipelineExecutionStepsAsync(arn).GetAwaiter().GetResult();
        if (json)
        {
            WriteJson(execution, steps, stdout);
        }
        else
        {
            stdout.Write($"{arn}: {execution.PipelineExecutionStatus}\n");
            foreach (var step in steps)
            {
                stdout.Write($"  {step.StepName}: {step.StepStatus}\n");
            }

            WriteFailure(execution, steps, stdout);
        }

        return ExitCode(execution.PipelineExecutionStatus);
    }

    public static int Wait(SageMakerClient client, string arn, TextWriter stdout, TextWriter stderr, CliEnvironment environment, bool json, TimeSpan interval, TimeSpan? timeout)
    {
        var deadline = timeout is { } t ? DateTime.UtcNow + t : DateTime.MaxValue;
        int TimeOut(string? status)
        {
            stderr.Write($"timeout: the execution is still {status} after {timeout!.Value.TotalSeconds.ToString("0.###", CultureInfo.InvariantCulture)}s; it goes on: follow it with `sagewright watch {arn}`\n");
            return TimedOut;
        }

        if (environment.UseColor && !json)
        {
            var live = WaitLive(client, arn, stdout, interval, deadline);
            return live is null ? TimeOut("running") : live.Value;
        }

        var seen = new Dictionary<string, string>(StringComparer.Ordinal);
        var color = environment.UseColor && !json;
        var output = StyledOutput.Create(stdout, color);
        while (true)
        {
            var execution = client.DescribePipelineExecutionAsync(new DescribePipelineExecutionRequest(arn)).GetAwaiter().GetResult();
            var steps = client.ListAllPipelineExecutionStepsAsync(arn).GetAwaiter().GetResult();
            if (!json)
            {
                foreach (var step in steps)
                {
                    var key = step.StepName ?? "";
                    var status = step.StepStatus ?? "";
                    if (!seen.TryGetValue(key, out var was) || was != status)
                    {
                        seen[key] = status;
                        output.WriteLine($"  {key}: {status}", status switch
                        {
                            "Succeeded" => Tone.Added,
                            "Failed" or "Stopped" => Tone.Removed,
                            _ => Tone.Plain,
                        });
                    }
                }

                stdout.Flush();
            }

            if (Terminal.Contains(execution.PipelineExecutionStatus))
            {
                if (json)
                {
                    WriteJson(execution, steps, stdout);
                }
                else
                {
                    output.WriteLine($"{execution.PipelineExecutionStatus}: {arn}", execution.PipelineExecutionStatus == "Succeeded" ? Tone.Added : Tone.Removed);
                    WriteFailure(execution, steps, stdout);
                }

                return ExitCode(execution.PipelineExecutionStatus);
            }

            if (DateTime.UtcNow >= deadline)
            {
                if (json)
                {
                    WriteJson(execution, steps, stdout);
                }

                return TimeOut(execution.PipelineExecutionStatus);
            }

            Thread.Sleep(interval);
        }
    }

    /// <summary>On a terminal: a table of the steps and their statuses, redrawn in place at each poll.</summary>
    private static int? WaitLive(SageMakerClient client, string arn, TextWriter stdout, TimeSpan interval, DateTime deadline)
    {
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Ansi = AnsiSupport.Yes,
            ColorSystem = ColorSystemSupport.Standard,
            Interactive = InteractionSupport.Yes,
            Out = new AnsiConsoleOutput(stdout),
        });
        var table = new Table().Border(TableBorder.Simple).AddColumn("Step").AddColumn("Status");
        table.Caption = new TableTitle(Markup.Escape(arn));
        DescribePipelineExecutionResponse execution = null!;
        IReadOnlyList<PipelineExecutionStep> steps = [];
        var timedOut = false;
        console.Live(table).Start(context =>
        {
            while (true)
            {
                execution = client.DescribePipelineExecutionAsync(new DescribePipelineExecutionRequest(arn)).GetAwaiter().GetResult();
                steps = client.ListAllPipelineExecutionStepsAsync(arn).GetAwaiter().GetResult();
                table.Rows.Clear();
                foreach (var step in steps)
                {
                    var color = step.StepStatus switch { "Succeeded" => "green", "Failed" or "Stopped" => "red", "Executing" => "yellow", _ => "default" };
                    table.AddRow(new Markup(Markup.Escape(ControlCharacters.Escape(step.StepName ?? ""))), new Markup($"[{color}]{Markup.Escape(step.StepStatus ?? "")}[/]"));
                }

                table.Title = new TableTitle(Markup.Escape(execution.PipelineExecutionStatus ?? ""));
                context.Refresh();
                if (Terminal.Contains(execution.PipelineExecutionStatus))
                {
                    return;
                }

                if (DateTime.UtcNow >= deadline)
                {
                    timedOut = true;
                    return;
                }

                Thread.Sleep(interval);
            }
        });
        if (timedOut)
        {
            return null;
        }

        var output = StyledOutput.Create(stdout, color: true);
        output.WriteLine($"{execution.PipelineExecutionStatus}: {arn}", execution.PipelineExecutionStatus == "Succeeded" ? Tone.Added : Tone.Removed);
        WriteFailure(execution, steps, stdout);
        return ExitCode(execution.PipelineExecutionStatus);
    }

    private static int ExitCode(string? status) => status switch
    {
        "Failed" => Failed,
        "Stopped" => Stopped,
        _ => ExitCodes.Success,
    };

    /// <summary>The job behind a step (Metadata.ProcessingJob / TrainingJob / TransformJob ...): its ARN, and the
    /// CloudWatch log group and stream prefix its logs are in.</summary>
    internal static (string? JobArn, string? LogGroup, string? LogStreamPrefix) Job(PipelineExecutionStep step)
    {
        foreach (var (member, group) in new[] { ("ProcessingJob", "/aws/sagemaker/ProcessingJobs"), ("TrainingJob", "/aws/sagemaker/TrainingJobs"), ("TransformJob", "/aws/sagemaker/TransformJobs") })
        {
            if (step.Metadata?[member]?["Arn"] is JsonValue arn && arn.TryGetValue<string>(out var text))
            {
                var name = text[(text.LastIndexOf('/') + 1)..];
                return (text, group, name + "/");
            }
        }

        return (null, null, null);
    }

    private static void WriteFailure(DescribePipelineExecutionResponse execution, IReadOnlyList<PipelineExecutionStep> steps, TextWriter stdout)
    {
        if (execution.PipelineExecutionStatus != "Failed")
        {
            return;
        }

        if (!string.IsNullOrEmpty(execution.FailureReason))
        {
            stdout.Write($"failure reason: {ControlCharacters.Escape(execution.FailureReason)}\n");
        }

        foreach (var step in steps.Where(s => s.StepStatus == "Failed"))
        {
            stdout.Write($"failed step: {step.StepName}" + (string.IsNullOrEmpty(step.FailureReason) ? "" : $": {ControlCharacters.Escape(step.FailureReason)}") + "\n");
            var (job, group, stream) = Job(step);
            if (job is not null)
            {
                stdout.Write($"  job: {job}\n  logs: log group {group}, streams {stream}*\n");
            }
        }
    }

    private static void WriteJson(DescribePipelineExecutionResponse execution, IReadOnlyList<PipelineExecutionStep> steps, TextWriter stdout)
    {
        var array = new JsonArray();
        foreach (var step in steps)
        {
            var (job, group, stream) = Job(step);
            var item = new JsonObject
            {
                ["StepName"] = step.StepName,
                ["StepStatus"] = step.StepStatus,
            };
            if (!string.IsNullOrEmpty(step.FailureReason))
            {
                item["FailureReason"] = step.FailureReason;
            }

            if (job is not null)
            {
                item["JobArn"] = job;
                item["LogGroup"] = group;
                item["LogStreamPrefix"] = stream;
            }

            array.Add(item);
        }

        var result = new JsonObject
        {
            ["PipelineExecutionArn"] = execution.PipelineExecutionArn,
            ["PipelineExecutionStatus"] = execution.PipelineExecutionStatus,
        };
        if (!string.IsNullOrEmpty(execution.FailureReason))
        {
            result["FailureReason"] = execution.FailureReason;
        }

        result["Steps"] = array;
        stdout.Write(result.ToJsonString(new JsonSerializerOptions { WriteIndented = true }) + "\n");
    }
}
