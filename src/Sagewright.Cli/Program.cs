using System;
using System.CommandLine;
using System.CommandLine.Invocation;
using System.IO;
using System.Linq;
using Sagewright.Cli.Diff;
using Sagewright.Cli.Explain;
using Sagewright.Cli.Output;
using Sagewright.Cli.Policies;
using Sagewright.Cli.Sources;

namespace Sagewright.Cli;

/// <summary>The <c>sagewright</c> command line. <see cref="Run(string[], TextWriter, TextWriter)"/> runs a
/// command in-process with the given writers (the tests use it); <c>Main</c> passes the console.</summary>
public static class Program
{
    public static int Main(string[] args) => Run(args, Console.Out, Console.Error);

    public static int Run(string[] args, TextWriter stdout, TextWriter stderr) =>
        Run(args, stdout, stderr, CliEnvironment.Current(stdout));

    public static int Run(string[] args, TextWriter stdout, TextWriter stderr, CliEnvironment environment)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(stdout);
        ArgumentNullException.ThrowIfNull(stderr);
        ArgumentNullException.ThrowIfNull(environment);

        var root = BuildCommand(stdout, environment);
        var parse = root.Parse(args);
        if (parse.Action is ParseErrorAction)
        {
            // Each missing argument is its own parse error with the same message ("Required argument missing for
            // command: 'diff'."): say each message once.
            foreach (var message in parse.Errors.Select(e => e.Message).Distinct(StringComparer.Ordinal))
            {
                stderr.Write("error: " + ControlCharacters.Escape(message) + "\n");
            }

            stderr.Write($"Run '{string.Join(' ', CommandPath(parse))} --help' for usage.\n");
            return ExitCodes.Error;
        }

        try
        {
            return parse.Invoke(new InvocationConfiguration
            {
                Output = stdout,
                Error = stderr,
                EnableDefaultExceptionHandler = false,
                ProcessTerminationTimeout = null,
            });
        }
        catch (Aws.AwsException ex)
        {
            stderr.Write("error: " + ControlCharacters.Escape(ex.Message) + "\n");
            return ExitCodes.Error;
        }
        catch (Amazon.Runtime.AmazonClientException ex)
        {
            // Credential resolution and the S3 client: one line, no stack trace.
            stderr.Write("error: AWS: " + ControlCharacters.Escape(Aws.AwsSession.FirstLine(ex.Message)) + "\n");
            return ExitCodes.Error;
        }
        catch (CliException ex)
        {
            stderr.Write("error: " + ControlCharacters.Escape(ex.Message) + "\n");
            return ExitCodes.Error;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            stderr.Write("error: " + ControlCharacters.Escape(ex.Message) + "\n");
            return ExitCodes.Error;
        }
        catch (Exception ex)
        {
            // A bug, not a user error: say so, with the details needed to report it.
            stderr.Write("internal error (please report it with the text below): " + ex + "\n");
            return ExitCodes.Error;
        }
    }

    private static string[] CommandPath(ParseResult parse)
    {
        var names = new System.Collections.Generic.List<string>();
        for (var result = parse.CommandResult; result is not null; result = result.Parent as System.CommandLine.Parsing.CommandResult)
        {
            names.Insert(0, result.Command.Name);
        }

        names[0] = "sagewright";
        return names.ToArray();
    }

    /// <summary>The command tree. The root is named <c>sagewright</c>, the tool's command name: a
    /// <see cref="RootCommand"/> would take the name of the executable (<c>Sagewright.Cli</c>, the assembly) for its
    /// usage lines.</summary>
    internal static Command BuildCommand(TextWriter stdout, CliEnvironment environment)
    {
        var root = new Command("sagewright", "Sagewright: review the IAM policies a Sagewright build writes (sagemaker/<Pipeline>/iam/), deploy the pipeline, run it, and approve its models.")
        {
            new System.CommandLine.Help.HelpOption(),
            new VersionOption(),
        };
        var policy = new Command("policy", "Compare and explain IAM policy files.");
        root.Subcommands.Add(policy);
        policy.Subcommands.Add(DiffCommand(stdout, environment));
        policy.Subcommands.Add(ExplainCommand(stdout, environment));
        foreach (var command in Commands.AwsCommands.Build(stdout, environment))
        {
            root.Subcommands.Add(command);
        }

        return root;
    }

    private static Command DiffCommand(TextWriter stdout, CliEnvironment environment)
    {
        var oldArgument = new Argument<string>("OLD")
        {
            Description = "The old policies: a policy file, a folder (every *.policy.json and *.trust.json by relative path), or REV:path read from git (main:samples/FraudDetection/bin/Debug/net10.0/sagemaker/FraudDetection/iam).",
        };
        var newArgument = new Argument<string>("NEW") { Description = "The new policies, in the same forms as OLD." };
        var format = new Option<string>("--format", "-f")
        {
            Description = "Output format: text, markdown (for a pull-request comment) or json.",
            DefaultValueFactory = _ => "text",
        };
        format.AcceptOnlyFromAmong("text", "markdown", "json");
        var allowWidening = new Option<bool>("--allow-widening")
        {
            Description = "Exit 0 even when a change widens what a role may do (the report still marks it).",
        };

        var command = new Command("diff", "List every added and removed grant (effect, action, resource, conditions) and flag WIDENING changes. Exit codes: 0 no change or narrowing only, 1 widening, 2 usage or input error.")
        {
            oldArgument,
            newArgument,
            format,
            allowWidening,
        };
        command.SetAction(parse =>
        {
            var cwd = environment.WorkingDirectory;
            var oldSet = PolicySource.Resolve(parse.GetValue(oldArgument)!, cwd, "OLD", environment.SearchPath);
            var newSet = PolicySource.Resolve(parse.GetValue(newArgument)!, cwd, "NEW", environment.SearchPath);
            var result = PolicyDiff.Compare(oldSet, newSet);
            foreach (var (set, name) in new[] { (oldSet, "OLD"), (newSet, "NEW") })
            {
                if (set.IsFolder && set.Files.Count == 0)
                {
                    // Most likely the wrong folder (another configuration, or before the build): say so.
                    parse.InvocationConfiguration.Error.Write($"warning: {name} folder {ControlCharacters.Escape(set.Argument)} holds no *.policy.json, *.trust.json or roles.json files.\n");
                }
            }

            var selected = parse.GetValue(format) ?? "text";
            DiffRenderers.Write(result, selected, stdout, environment.UseColor && selected == "text");
            stdout.Flush();
            if (result.Widening == 0)
            {
                return ExitCodes.Success;
            }

            var error = parse.InvocationConfiguration.Error;
            if (parse.GetValue(allowWidening))
            {
                error.Write($"warning: {Words.Plural(result.Widening, "widening change", "widening changes")} accepted with --allow-widening.\n");
                return ExitCodes.Success;
            }

            error.Write(result.Widening == 1
                ? "widening: 1 change widens what a role may do; review it, or pass --allow-widening to accept it.\n"
                : $"widening: {Words.Number(result.Widening)} changes widen what a role may do; review them, or pass --allow-widening to accept them.\n");
            return ExitCodes.Widening;
        });
        return command;
    }

    private static Command ExplainCommand(TextWriter stdout, CliEnvironment environment)
    {
        var policyArgument = new Argument<string>("POLICY")
        {
            Description = "A policy file (<Role>.policy.json). report.md and roles.json beside it are used when present.",
        };
        var format = new Option<string>("--format", "-f")
        {
            Description = "Output format: text or markdown.",
            DefaultValueFactory = _ => "text",
        };
        format.AcceptOnlyFromAmong("text", "markdown");

        var command = new Command("explain", "Explain each statement in plain language: what it lets the role do, which part is a wildcard and whether the Sid justifies it, with the report.md section and the steps that use the role.")
        {
            policyArgument,
            format,
        };
        command.SetAction(parse =>
        {
            var argument = parse.GetValue(policyArgument)!;
            var full = Path.GetFullPath(argument, environment.WorkingDirectory);
            if (Directory.Exists(full))
            {
                var example = Directory.EnumerateFiles(full, "*.policy.json").Select(Path.GetFileName).Order(StringComparer.Ordinal).FirstOrDefault();
                throw new CliException($"{argument}: is a folder; explain takes one policy file" +
                    (example is not null ? ", such as " + PolicySource.JoinDisplay(argument, example) : ""));
            }

            if (!File.Exists(full))
            {
                throw new CliException($"{argument}: no such file (explain takes one policy file, such as sagemaker/<Pipeline>/iam/<Role>.policy.json)");
            }

            var policy = PolicyReader.Read(PolicySource.ReadFile(full, argument), argument);
            var context = RoleContext.Load(full, argument);
            if (parse.GetValue(format) == "markdown")
            {
                ExplainRenderer.WriteMarkdown(policy, context, stdout);
            }
            else
            {
                ExplainRenderer.WriteText(policy, context, StyledOutput.Create(stdout, environment.UseColor));
            }

            stdout.Flush();
            return ExitCodes.Success;
        });
        return command;
    }
}
