using System.Text.Json.Nodes;
using Sagewright.Model.Iam;
using Sagewright.Tests.Infrastructure;

namespace Sagewright.Tests.Iam;

/// <summary>The <c>iam/</c> files of one generated pipeline, parsed, with a small evaluator of the identity policies
/// (Allow statements, resource and action wildcards, the condition operators Sagewright writes) for asserting what a
/// role may and may not do. The offline IAM simulator tests (Oracle*) check the same files against AWS's semantics, and
/// <see cref="OracleEvaluatorTests"/> asks the simulator every question the tests ask <see cref="Allows"/>.</summary>
internal sealed class IamFiles
{
    private IamFiles(string pipeline, SortedDictionary<string, string> files)
    {
        Pipeline = pipeline;
        All = files;
        Assert.True(files.ContainsKey(pipeline + "/iam/roles.json"),
            "No " + pipeline + "/iam/roles.json was generated. Files: " + string.Join(", ", files.Keys));
        Roles = JsonNode.Parse(files[pipeline + "/iam/roles.json"])!;
        Generated.Value?.Enqueue(this);
    }

    public string Pipeline { get; }

    public SortedDictionary<string, string> All { get; }

    public JsonNode Roles { get; }

    public JsonNode Definition => JsonNode.Parse(All[Pipeline + "/pipeline.json"])!;

    public JsonNode CreatePipeline => JsonNode.Parse(All[Pipeline + "/create-pipeline.json"])!;

    public string Report => All[Pipeline + "/iam/report.md"];

    public IEnumerable<JsonNode> RoleEntries => Roles["roles"]!.AsArray().Select(r => r!);

    public IEnumerable<string> RoleNames => RoleEntries.Select(r => (string)r["name"]!);

    /// <summary>The pipeline's endpoints (<c>&lt;Pipeline&gt;/endpoints/&lt;name&gt;/</c>) with the role their model runs
    /// as (<c>create-model.json</c>'s ExecutionRoleArn); in roles.json their roles are used by <c>endpoints/&lt;name&gt;</c>.</summary>
    public IReadOnlyDictionary<string, string> EndpointRoles => All.Keys
        .Where(k => k.StartsWith(Pipeline + "/endpoints/", StringComparison.Ordinal) && k.EndsWith("/create-model.json", StringComparison.Ordinal))
        .ToDictionary(k => "endpoints/" + k[(Pipeline + "/endpoints/").Length..k.LastIndexOf('/')], k => (string)JsonNode.Parse(All[k])!["ExecutionRoleArn"]!, StringComparer.Ordinal);

    public static IamFiles Of(GeneratorOutput output, string pipeline = "Demo") => new(pipeline, output.Files());

    public static IamFiles Of(SortedDictionary<string, string> files, string pipeline) => new(pipeline, files);

    public static IamFiles Generate(string source, ProjectOptions? options = null, string pipeline = "Demo") =>
        Of(TestProject.Generate(source, options), pipeline);

    public JsonNode Role(string name) =>
        RoleEntries.SingleOrDefault(r => (string)r["name"]! == name)
        ?? throw new Xunit.Sdk.XunitException("No role '" + name + "' in roles.json; roles: " + string.Join(", ", RoleNames));

    public JsonNode Policy(string role) => JsonNode.Parse(All[Pipeline + "/iam/" + role + ".policy.json"])!;

    public JsonNode Trust(string role) => JsonNode.Parse(All[Pipeline + "/iam/" + role + ".trust.json"])!;

    public IEnumerable<JsonNode> Statements(string role) => Policy(role)["Statement"]!.AsArray().Select(s => s!);

    public JsonNode? Statement(string role, string sid) => Statements(role).SingleOrDefault(s => (string)s["Sid"]! == sid);

    public JsonNode RequiredStatement(string role, string sid) =>
        Statement(role, sid) ?? throw new Xunit.Sdk.XunitException("Role '" + role + "' has no statement '" + sid + "'; it has: "
            + string.Join(", ", Statements(role).Select(s => (string)s["Sid"]!)));

    public static string[] Strings(JsonNode? array) => array?.AsArray().Select(v => (string)v!).ToArray() ?? [];

    public string[] Resources(string role, string sid) => Strings(RequiredStatement(role, sid)["Resource"]);

    public string[] Actions(string role, string sid) => Strings(RequiredStatement(role, sid)["Action"]);

    /// <summary>The role ARNs the definition uses: steps' RoleArn, tuning's TrainingJobDefinition.RoleArn, models'
    /// ExecutionRoleArn, by step name, and the pipeline's from create-pipeline.json.</summary>
    public SortedDictionary<string, string> DefinitionRoleArns()
    {
        var result = new SortedDictionary<string, string>(StringComparer.Ordinal) { ["(pipeline)"] = (string)CreatePipeline["RoleArn"]! };
        foreach (var step in AllSteps(Definition["Steps"]!.AsArray()))
        {
            var arguments = step["Arguments"]!;
            var arn = (string?)arguments["RoleArn"] ?? (string?)arguments["TrainingJobDefinition"]?["RoleArn"] ?? (string?)arguments["ExecutionRoleArn"];
            if (arn is not null)
            {
                result[(string)step["Name"]!] = arn;
            }
        }

        return result;
    }

    public static IEnumerable<JsonNode> AllSteps(JsonArray steps)
    {
        foreach (var step in steps.Select(s => s!))
        {
            yield return step;
            if ((string?)step["Type"] == "Condition")
            {
                foreach (var branch in AllSteps(step["Arguments"]!["IfSteps"]!.AsArray()).Concat(AllSteps(step["Arguments"]!["ElseSteps"]!.AsArray())))
                {
                    yield return branch;
                }
            }
        }
    }

    /// <summary>True when some Allow statement of the role's policy grants the request.</summary>
    public bool Allows(string role, string action, string resource, params (string Key, string Value)[] context)
    {
        var policy = Policy(role);
        var values = context.ToDictionary(c => c.Key, c => c.Value, StringComparer.Ordinal);
        var allowed = PolicyEvaluator.Allows(policy, action, resource, values);
        if (Answers.Value is { } answers)
        {
            var arn = (string?)RoleEntries.FirstOrDefault(r => (string?)r["policy"] == role + ".policy.json")?["arn"]
                ?? $"arn:aws:iam::{(string)Roles["account"]!}:role/{role}";
            answers.Enqueue(new AllowsAnswer(arn, policy, action, resource, values, allowed));
        }

        return allowed;
    }

    /// <summary>While set (by <see cref="OracleEvaluatorTests"/>), every <see cref="Allows"/> answer given on this
    /// flow of execution, so the simulator can be asked the same questions.</summary>
    internal static AsyncLocal<System.Collections.Concurrent.ConcurrentQueue<AllowsAnswer>?> Answers { get; } = new();

    /// <summary>While set (by <see cref="OracleEvaluatorTests"/>), every <see cref="IamFiles"/> made on this flow of
    /// execution, so the oracle can judge each generated pipeline as it judges the samples.</summary>
    internal static AsyncLocal<System.Collections.Concurrent.ConcurrentQueue<IamFiles>?> Generated { get; } = new();
}

/// <summary>One question a test asked <see cref="IamFiles.Allows"/>, with the policy it was asked of and the answer.</summary>
internal sealed record AllowsAnswer(string RoleArn, JsonNode Policy, string Action, string Resource, IReadOnlyDictionary<string, string> Context, bool Allowed);

/// <summary>Allow-statement evaluation for the subset of IAM that Sagewright writes.</summary>
internal static class PolicyEvaluator
{
    public static bool Allows(JsonNode policy, string action, string resource, IReadOnlyDictionary<string, string> context) =>
        policy["Statement"]!.AsArray().Select(s => s!).Any(s =>
            (string)s["Effect"]! == "Allow"
            && IamFiles.Strings(s["Action"]).Any(a => IamNames.Matches(a, action, ignoreCase: true))
            && IamFiles.Strings(s["Resource"]).Any(r => IamNames.Matches(r, resource, ignoreCase: false))
            && Conditions(s["Condition"], context));

    private static bool Conditions(JsonNode? condition, IReadOnlyDictionary<string, string> context)
    {
        if (condition is null)
        {
            return true;
        }

        foreach (var (op, keys) in condition.AsObject())
        {
            foreach (var (key, values) in keys!.AsObject())
            {
                if (!context.TryGetValue(key, out var actual))
                {
                    return false;
                }

                var allowed = IamFiles.Strings(values);
                var ok = op switch
                {
                    "StringEquals" or "ForAnyValue:StringEquals" or "ArnEquals" => allowed.Contains(actual, StringComparer.Ordinal),
                    "StringLike" or "ArnLike" => allowed.Any(v => IamNames.Matches(v, actual, ignoreCase: false)),
                    "Bool" => allowed.Any(v => string.Equals(v, actual, StringComparison.OrdinalIgnoreCase)),
                    _ => throw new Xunit.Sdk.XunitException("The test evaluator does not know condition operator " + op),
                };
                if (!ok)
                {
                    return false;
                }
            }
        }

        return true;
    }
}
