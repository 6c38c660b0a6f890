using System.Text.Json.Nodes;
using Sagewright.Tests.Analyzers;
using Sagewright.Tests.Iam;
using Sagewright.Tests.Infrastructure;

namespace Sagewright.Tests.Deploy;

/// <summary><c>pipeline.template.json</c>: the CloudFormation template beside <c>pipeline.json</c>, checked against the
/// CloudFormation resource schemas (<c>tests/cfn-spec</c>) and against the files it embeds.</summary>
public class StackTemplateTests
{
    private const string Template = "pipeline.template.json";

    [CfnSpecTheory]
    [MemberData(nameof(Samples.All), MemberType = typeof(Samples))]
    public void Every_sample_template_passes_the_CloudFormation_resource_schemas(string sample)
    {
        var files = Samples.Generate(sample).Files();
        var pipelines = Samples.Definitions(sample).Keys.ToList();
        Assert.NotEmpty(pipelines);
        foreach (var pipeline in pipelines)
        {
            Assert.True(files.TryGetValue(pipeline + "/" + Template, out var text), $"{sample}: no {pipeline}/{Template}");
            Assert.Empty(CfnSpec.Check(text!).Select(p => $"{sample}/{pipeline}: {p}"));
        }
    }

    [CfnSpecFact]
    public void Templates_of_other_role_layouts_pass_the_CloudFormation_resource_schemas()
    {
        foreach (var layout in new[] { "RoleLayout.PerStep", "RoleLayout.Merged" })
        {
            var files = TestProject.Generate(Src.WithPipeline("[Pipeline(\"Demo\", Roles = " + layout + ", DisplayName = \"Demo pipeline\", Description = \"A demo\")]") + Steps).Files();
            Assert.Empty(CfnSpec.Check(files["Demo/" + Template]).Select(p => layout + ": " + p));
        }
    }

    [CfnSpecFact]
    public void The_checker_reports_an_unknown_property_a_missing_required_property_and_a_GetAtt_of_a_missing_attribute()
    {
        var template = JsonNode.Parse(Samples.Generate("FraudDetection").Files()["FraudDetection/" + Template])!.AsObject();
        Assert.Empty(CfnSpec.Check(template.ToJsonString()));
        var resources = template["Resources"]!.AsObject();
        var pipeline = resources["Pipeline"]!["Properties"]!.AsObject();
        var role = (string)pipeline["RoleArn"]!["Fn::GetAtt"]![0]!;
        pipeline["PipelineDefinitionName"] = "typo";
        pipeline["RoleArn"] = new JsonObject { ["Fn::GetAtt"] = new JsonArray(role, "RoleArn") };
        resources[role]!["Properties"]!.AsObject().Remove("AssumeRolePolicyDocument");
        resources[role]!["Properties"]!["RoleName"] = new JsonObject { ["Ref"] = "NoSuchParameter" };
        resources[role]!["Properties"]!["MaxSessionDuration"] = "3600";

        var problems = CfnSpec.Check(template.ToJsonString());

        Assert.Contains("Resources.Pipeline.Properties.PipelineDefinitionName: no property PipelineDefinitionName in AWS::SageMaker::Pipeline", problems);
        Assert.Contains($"Resources.{role}.Properties: missing required property AssumeRolePolicyDocument of AWS::IAM::Role", problems);
        Assert.Contains("Resources.Pipeline.Properties.RoleArn: AWS::IAM::Role has no attribute RoleArn (it has Arn, RoleId)", problems);
        Assert.Contains($"Resources.{role}.Properties.RoleName: Ref names no parameter, resource or pseudo parameter: NoSuchParameter", problems);
        Assert.Contains($"Resources.{role}.Properties.MaxSessionDuration: expected an integer, got a string", problems);
        Assert.Equal(5, problems.Count);
    }

    [Theory]
    [MemberData(nameof(Samples.All), MemberType = typeof(Samples))]
    public void The_template_embeds_pipeline_json_byte_for_byte_and_the_policies_of_the_managed_roles(string sample)
    {
        var files = Samples.Generate(sample).Files();
        foreach (var pipeline in Samples.Definitions(sample).Keys)
        {
            var text = files[pipeline + "/" + Template];
            Assert.EndsWith("}\n", text, StringComparison.Ordinal);
            Assert.DoesNotContain('\r', text);
            var template = JsonNode.Parse(text)!;
            var resources = template["Resources"]!.AsObject();
            var parameters = template["Parameters"]!.AsObject();
            Assert.Equal(resources.Select(r => r.Key).Order(StringComparer.Ordinal), resources.Select(r => r.Key));
            Assert.Equal(parameters.Select(r => r.Key).Order(StringComparer.Ordinal), parameters.Select(r => r.Key));

            var properties = resources["Pipeline"]!["Properties"]!;
            Assert.Equal("AWS::SageMaker::Pipeline", (string)resources["Pipeline"]!["Type"]!);
            Assert.Equal(files[pipeline + "/pipeline.json"], (string)properties["PipelineDefinition"]!["PipelineDefinitionBody"]!);
            Assert.Equal(pipeline, (string)parameters[(string)properties["PipelineName"]!["Ref"]!]!["Default"]!);
            var create = JsonNode.Parse(files[pipeline + "/create-pipeline.json"])!;
            Assert.True(JsonNode.DeepEquals(create["Tags"], properties["Tags"]), "the pipeline's tags");
            Assert.True(JsonNode.DeepEquals(create["PipelineDisplayName"], properties["PipelineDisplayName"]));
            Assert.True(JsonNode.DeepEquals(create["PipelineDescription"], properties["PipelineDescription"]));

            // The samples bring no roles of their own: every role of roles.json is in the template, but the inference
            // roles of endpoints, which their endpoint.template.json creates (EndpointTests).
            var endpointRoles = IamFiles.Of(files, pipeline).EndpointRoles.Values.ToHashSet(StringComparer.Ordinal);
            var roles = new JsonArray(JsonNode.Parse(files[pipeline + "/iam/roles.json"])!["roles"]!.AsArray()
                .Where(r => !endpointRoles.Contains((string)r!["arn"]!)).Select(r => r!.DeepClone()).ToArray());
            var roleResources = resources.Where(r => (string)r.Value!["Type"]! == "AWS::IAM::Role").ToList();
            Assert.Equal(roles.Count, roleResources.Count);
            foreach (var role in roles)
            {
                var name = (string)role!["name"]!;
                var (id, resource) = roleResources.Single(r => (string)parameters[(string)r.Value!["Properties"]!["RoleName"]!["Ref"]!]!["Default"]! == name);
                Assert.Matches("^[A-Za-z0-9]+$", id);
                var roleProperties = resource!["Properties"]!;
                Assert.True(JsonNode.DeepEquals(JsonNode.Parse(files[pipeline + "/iam/" + (string)role["trust"]!]), roleProperties["AssumeRolePolicyDocument"]), name + " trust");
                var policy = Assert.Single(roleProperties["Policies"]!.AsArray())!;
                Assert.Equal(name, (string)policy["PolicyName"]!);
                Assert.True(JsonNode.DeepEquals(JsonNode.Parse(files[pipeline + "/iam/" + (string)role["policy"]!]), policy["PolicyDocument"]), name + " policy");
                var managed = role["managedPolicies"]!.AsArray();
                Assert.True(managed.Count == 0 ? roleProperties["ManagedPolicyArns"] is null : JsonNode.DeepEquals(managed, roleProperties["ManagedPolicyArns"]), name + " managed policies");
                if ((string)role["kind"]! == "pipeline")
                {
                    Assert.Equal($$"""{"Fn::GetAtt":["{{id}}","Arn"]}""", properties["RoleArn"]!.ToJsonString());
                }
                else
                {
                    Assert.Contains(id, resources["Pipeline"]!["DependsOn"]!.AsArray().Select(d => (string)d!));
                }
            }
        }
    }

    [Fact]
    public void Roles_given_as_existing_ARNs_stay_out_of_the_template_and_the_pipeline_runs_as_the_ARN()
    {
        var files = TestProject.Generate(Src.WithPipeline("""
            [Pipeline("Demo", RoleArn = "arn:aws:iam::123456789012:role/service-role/ml-pipeline", InferenceRoleArn = "arn:aws:iam::123456789012:role/ml-serving")]
            """) + Steps).Files();
        var template = JsonNode.Parse(files["Demo/" + Template])!;
        var resources = template["Resources"]!.AsObject();
        Assert.Equal(["Pipeline", "RoleDemoJob"], resources.Select(r => r.Key));
        Assert.Equal("arn:aws:iam::123456789012:role/service-role/ml-pipeline", (string)resources["Pipeline"]!["Properties"]!["RoleArn"]!);
        Assert.Equal(["RoleDemoJob"], resources["Pipeline"]!["DependsOn"]!.AsArray().Select(d => (string)d!));
        Assert.Equal(["PipelineName", "RoleDemoJobName"], template["Parameters"]!.AsObject().Select(p => p.Key));
        Assert.Equal("Demo-job", (string)template["Parameters"]!["RoleDemoJobName"]!["Default"]!);
    }

    [Fact]
    public void The_template_is_the_same_text_on_every_build()
    {
        var first = TestProject.Generate(Src.WithPipeline("[Pipeline(\"Demo\", Roles = RoleLayout.PerStep)]") + Steps).Files()["Demo/" + Template];
        var second = TestProject.Generate(Src.WithPipeline("[Pipeline(\"Demo\", Roles = RoleLayout.PerStep)]") + Steps).Files()["Demo/" + Template];
        Assert.Equal(first, second);
        Assert.Contains("\"RoleDemoTrain\": {", first, StringComparison.Ordinal);
        Assert.Contains("\n  \"Resources\": {\n", first, StringComparison.Ordinal);
    }

    /// <summary>A training job and a model that runs its artifacts.</summary>
    private const string Steps = """
        [TrainingStep(typeof(Demo))]
        [Image(Images.Training), Instance("ml.m5.xlarge")]
        [Channel("train", nameof(Demo.InputData))]
        public sealed class Train;

        [CreateModelStep(typeof(Demo))]
        [Image(Images.Processing)]
        [ModelData(typeof(Train))]
        public sealed class Model;

        """;
}

/// <summary>Runs <c>tests/cfn-spec/check-template.mjs</c>: the template's problems against the CloudFormation resource
/// schemas of <c>@aws-cdk/aws-service-spec</c>.</summary>
public static class CfnSpec
{
    public static string Folder { get; } = Path.Combine(Paths.RepoRoot, "tests", "cfn-spec");

    public static List<string> Check(string template) =>
        OracleNode.RunIn(Folder, "check-template.mjs", template)["problems"]!.AsArray().Select(p => (string)p!).ToList();
}

/// <summary>A fact that runs the CloudFormation schema checker: skipped with the reason when node is not installed,
/// except under CI (<c>CI=true</c>), where a missing node must fail the run.</summary>
public sealed class CfnSpecFactAttribute : FactAttribute
{
    public CfnSpecFactAttribute()
    {
        if (!OracleNode.IsAvailable && !ReferenceFactAttribute.IsCi)
        {
            Skip = CfnSpecSkip.Reason;
        }
    }
}

/// <summary>The theory form of <see cref="CfnSpecFactAttribute"/>.</summary>
public sealed class CfnSpecTheoryAttribute : TheoryAttribute
{
    public CfnSpecTheoryAttribute()
    {
        if (!OracleNode.IsAvailable && !ReferenceFactAttribute.IsCi)
        {
            Skip = CfnSpecSkip.Reason;
        }
    }
}

internal static class CfnSpecSkip
{
    public const string Reason =
        "needs node (Node.js 20+) on PATH to check the CloudFormation templates against the resource schemas in tests/cfn-spec (absent here; with CI=true this fails instead)";
}
