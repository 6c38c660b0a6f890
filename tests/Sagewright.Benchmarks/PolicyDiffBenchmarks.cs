using System.Globalization;
using System.Text;
using BenchmarkDotNet.Attributes;
using Sagewright.Cli.Diff;
using Sagewright.Cli.Sources;

namespace Sagewright.Benchmarks;

/// <summary><c>policy diff</c> of two policies of N statements each (issue 15: the diff used to grow with the square of
/// the statements). Read, normalised and compared as the command does, without output.</summary>
[MemoryDiagnoser]
public class PolicyDiffBenchmarks
{
    private PolicySet _old = null!;
    private PolicySet _new = null!;

    [Params(100, 1000, 3000)]
    public int Statements { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _old = PolicyWorkload.Set("old.policy.json", PolicyWorkload.Policy(Statements, changed: false));
        _new = PolicyWorkload.Set("new.policy.json", PolicyWorkload.Policy(Statements, changed: true));
    }

    [Benchmark]
    public int Diff() => PolicyDiff.Compare(_old, _new).Widening;
}

/// <summary>A realistic policy of N statements: actions from a few services, one or two resources each under
/// per-team prefixes of a few buckets, some with conditions. The changed version narrows every resource (each
/// added grant needs a coverage proof), moves every tenth to a sibling prefix (widening) and adds a statement.</summary>
public static class PolicyWorkload
{
    private static readonly string[][] Actions =
    [
        ["s3:GetObject"],
        ["s3:GetObject", "s3:PutObject"],
        ["s3:ListBucket"],
        ["sagemaker:CreateTrainingJob", "sagemaker:DescribeTrainingJob"],
        ["logs:PutLogEvents", "logs:CreateLogStream"],
        ["kms:Decrypt"],
        ["ecr:BatchGetImage", "ecr:GetDownloadUrlForLayer"],
    ];

    public static PolicySet Set(string name, string json) =>
        new(name, false, [new PolicyFile(name, name, Encoding.UTF8.GetBytes(json))]);

    public static string Policy(int statements, bool changed)
    {
        var json = new StringBuilder("{\n  \"Version\": \"2012-10-17\",\n  \"Statement\": [\n");
        for (var i = 0; i < statements; i++)
        {
            var n = i.ToString(CultureInfo.InvariantCulture);
            var actions = Actions[i % Actions.Length];
            var service = actions[0][..actions[0].IndexOf(':', StringComparison.Ordinal)];
            var prefix = "team-" + n + (changed && i % 10 == 0 ? "-old" : "") + "/";
            var narrowed = changed && i % 10 != 0 ? "2024/" : "";
            var resource = service switch
            {
                "s3" => $"arn:aws:s3:::bucket-{i % 20}/{prefix}{narrowed}*",
                "sagemaker" => $"arn:aws:sagemaker:us-east-1:111122223333:training-job/{prefix}{narrowed}*",
                "logs" => $"arn:aws:logs:us-east-1:111122223333:log-group:/aws/sagemaker/{prefix}{narrowed}*",
                "kms" => $"arn:aws:kms:us-east-1:111122223333:key/{prefix}{narrowed}*",
                _ => $"arn:aws:ecr:us-east-1:111122223333:repository/{prefix}{narrowed}*",
            };
            json.Append("    {\"Sid\": \"S").Append(n).Append("\", \"Effect\": \"Allow\", \"Action\": [")
                .Append(string.Join(", ", actions.Select(a => "\"" + a + "\"")))
                .Append("], \"Resource\": [\"").Append(resource).Append('"');
            if (i % 3 == 0)
            {
                json.Append(", \"").Append(resource.Replace("/*", "-archive/*", StringComparison.Ordinal)).Append('"');
            }

            json.Append(']');
            if (i % 5 == 0)
            {
                json.Append(", \"Condition\": {\"StringEquals\": {\"aws:SourceAccount\": \"111122223333\"}}");
            }

            json.Append(i == statements - 1 && !changed ? "}\n" : "},\n");
        }

        if (changed)
        {
            json.Append("    {\"Sid\": \"Added\", \"Effect\": \"Allow\", \"Action\": \"s3:DeleteObject\", \"Resource\": \"arn:aws:s3:::bucket-0/*\"}\n");
        }

        return json.Append("  ]\n}\n").ToString();
    }
}
