using System.Text;
using System.Text.RegularExpressions;
using Sagewright.Cli.Tests.Infrastructure;

namespace Sagewright.Cli.Tests.Aws;

/// <summary>docs/deploying.md's "Deploying with sagewright" runs as written against the fake AWS: the shell block's
/// variable assignments are expanded into its <c>sagewright</c> lines, each run in the project folder with only
/// <c>--endpoint-url</c> added.</summary>
public sealed partial class DocsTests : IDisposable
{
    private readonly AwsFixture _f = new();

    public void Dispose() => _f.Dispose();

    [Fact]
    public void The_deploying_with_sagewright_section_runs_as_written()
    {
        _f.WriteEndpoint();
        var commands = Commands(File.ReadAllText(Path.Combine(RepoPaths.Root, "docs", "deploying.md")), "## Deploying with sagewright");
        Assert.Equal(["deploy", "deploy", "run", "approve", "endpoint"], commands.Select(c => c[0]));
        foreach (var command in commands)
        {
            var result = _f.Run(command);
            Assert.True(result.ExitCode == 0, "sagewright " + string.Join(' ', command) + "\n" + result);
        }

        Assert.DoesNotContain(_f.Aws.Snapshot(), r => !r.SignatureValid);
        Assert.True(_f.Aws.Pipelines.ContainsKey("FraudDetection"));
        var execution = Assert.Single(_f.Aws.Executions.Values);
        Assert.Equal("Succeeded", execution.Status);
        Assert.Equal("0.9", execution.Parameters["AucThreshold"]);
        var package = Assert.Single(_f.Aws.ModelPackages);
        Assert.Equal("Approved", package.ApprovalStatus);
        Assert.Equal("AUC 0.93 on the holdout set", package.ApprovalDescription);
        var endpoint = _f.Aws.Endpoints["fraud-detection"];
        Assert.Equal("InService", endpoint.Status);
        Assert.StartsWith("fraud-detection-config-1-", endpoint.Config);
        Assert.Single(_f.Aws.ScalingPolicies);
    }

    /// <summary>The first sh block after <paramref name="heading"/>: assignments (<c>name=value</c>) and
    /// <c>sagewright</c> lines, split into arguments as a POSIX shell would for double quotes and <c>$name</c>.</summary>
    internal static List<string[]> Commands(string markdown, string heading)
    {
        var start = markdown.IndexOf("\n" + heading + "\n", StringComparison.Ordinal);
        Assert.True(start >= 0, "no section " + heading);
        var block = markdown.IndexOf("```sh\n", start, StringComparison.Ordinal) + "```sh\n".Length;
        var end = markdown.IndexOf("```", block, StringComparison.Ordinal);
        var variables = new Dictionary<string, string>(StringComparer.Ordinal);
        var commands = new List<string[]>();
        foreach (var line in markdown[block..end].Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            var assignment = Assignment().Match(line);
            if (assignment.Success)
            {
                variables[assignment.Groups[1].Value] = assignment.Groups[2].Value;
                continue;
            }

            var words = Split(line, variables);
            Assert.Equal("sagewright", words[0]);
            commands.Add(words[1..]);
        }

        return commands;
    }

    private static string[] Split(string line, Dictionary<string, string> variables)
    {
        var words = new List<string>();
        var current = new StringBuilder();
        var inWord = false;
        var quoted = false;
        for (var i = 0; i < line.Length; i++)
        {
            var c = line[i];
            if (c == '"')
            {
                quoted = !quoted;
                inWord = true;
            }
            else if (c == '$')
            {
                var name = new string(line[(i + 1)..].TakeWhile(ch => char.IsAsciiLetterOrDigit(ch) || ch == '_').ToArray());
                current.Append(variables[name]);
                i += name.Length;
                inWord = true;
            }
            else if (c == ' ' && !quoted)
            {
                if (inWord)
                {
                    words.Add(current.ToString());
                    current.Clear();
                    inWord = false;
                }
            }
            else
            {
                Assert.False(c is '\'' or '\\' or '`' or '|' or ';' or '&', "unsupported shell syntax in: " + line);
                current.Append(c);
                inWord = true;
            }
        }

        if (inWord)
        {
            words.Add(current.ToString());
        }

        return words.ToArray();
    }

    [GeneratedRegex(@"^([A-Za-z_][A-Za-z0-9_]*)=([^\s""'$]+)$")]
    private static partial Regex Assignment();
}
