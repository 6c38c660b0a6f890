using System.Collections.Immutable;
using System.Text.Json.Nodes;

namespace Sagewright.Tests.Iam;

public sealed record OracleRole(string Name, string Arn, string Kind, string PolicyFile, JsonNode Policy, ImmutableArray<string> UsedBy);

/// <summary>The roles and identity policies to judge, read as the IAM output contract lays them out
/// (<c>&lt;Pipeline&gt;/iam/roles.json</c> naming each role's <c>&lt;Role&gt;.policy.json</c>).</summary>
public sealed record OraclePolicies(string Pipeline, string Account, string Region, string Partition, ImmutableArray<OracleRole> Roles)
{
    /// <summary>When set, every principal is judged with this one policy (a hand-written policy shared by all roles).</summary>
    public OracleRole? SharedBy { get; init; }

    public OracleRole? ForArn(string arn) => SharedBy ?? Roles.FirstOrDefault(r => r.Arn == arn);

    /// <summary>Reads the contract's files from <paramref name="files"/>, keyed by their path under <c>sagemaker/</c>
    /// (<c>FraudDetection/iam/roles.json</c>), as the generator's output and the build write them.</summary>
    public static OraclePolicies FromFiles(IReadOnlyDictionary<string, string> files, string pipeline)
    {
        var rolesPath = $"{pipeline}/iam/roles.json";
        if (!files.TryGetValue(rolesPath, out var rolesText))
        {
            throw new InvalidOperationException(
                $"{rolesPath} was not generated (the IAM output contract puts it beside pipeline.json). Files generated: "
                + string.Join(", ", files.Keys.Order(StringComparer.Ordinal)));
        }

        var roles = JsonNode.Parse(rolesText)!;
        var list = new List<OracleRole>();
        foreach (var role in roles["roles"]!.AsArray())
        {
            var policyFile = (string)role!["policy"]!;
            var policyPath = $"{pipeline}/iam/{policyFile}";
            if (!files.TryGetValue(policyPath, out var policyText))
            {
                throw new InvalidOperationException($"roles.json names {policyFile} for role {(string?)role["name"]}, but {policyPath} was not generated.");
            }

            list.Add(new OracleRole(
                (string)role["name"]!,
                (string)role["arn"]!,
                (string)role["kind"]!,
                policyFile,
                JsonNode.Parse(policyText)!,
                (role["usedBy"]?.AsArray() ?? []).Select(s => (string)s!).ToImmutableArray()));
        }

        return new OraclePolicies(
            pipeline,
            (string)roles["account"]!,
            (string)roles["region"]!,
            (string?)roles["partition"] ?? "aws",
            list.ToImmutableArray());
    }

    /// <summary>The same layout from a folder on disk (the test fixtures): every file in it, as <c>&lt;pipeline&gt;/iam/&lt;file&gt;</c>.</summary>
    public static OraclePolicies FromDirectory(string directory, string pipeline) =>
        FromFiles(
            Directory.GetFiles(directory).ToDictionary(f => $"{pipeline}/iam/{Path.GetFileName(f)}", File.ReadAllText, StringComparer.Ordinal),
            pipeline);

    /// <summary>One hand-written policy used by every role of the pipeline.</summary>
    public static OraclePolicies Shared(string pipeline, OracleEnvironment environment, string name, JsonNode policy)
    {
        var role = new OracleRole(name, $"arn:{environment.Partition}:iam::{environment.Account}:role/{name}", "shared", name + ".policy.json", policy, []);
        return new OraclePolicies(pipeline, environment.Account, environment.Region, environment.Partition, [role]) { SharedBy = role };
    }
}
