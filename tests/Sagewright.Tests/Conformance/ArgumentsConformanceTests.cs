using System.Text.Json.Nodes;
using Sagewright.Tests.Infrastructure;

namespace Sagewright.Tests.Conformance;

/// <summary>What Sagewright emits, and what the AWS SDK emits, conforms to the botocore model.</summary>
public class ArgumentsConformanceTests
{
    [ReferenceTheory]
    [MemberData(nameof(Samples.All), MemberType = typeof(Samples))]
    public void Every_generated_definition_of_every_sample_conforms(string sample)
    {
        var definitions = Samples.Definitions(sample);
        Assert.NotEmpty(definitions);
        foreach (var (pipeline, json) in definitions)
        {
            var problems = PipelineConformance.Check(json);
            Assert.True(problems.Count == 0, $"{sample}/{pipeline}/pipeline.json:\n  " + string.Join("\n  ", problems));
        }
    }

    [ReferenceTheory]
    [MemberData(nameof(Samples.All), MemberType = typeof(Samples))]
    public void Every_create_pipeline_request_conforms(string sample)
    {
        var files = Samples.Generate(sample).Files().Where(f => f.Key.EndsWith("/create-pipeline.json", StringComparison.Ordinal)).ToList();
        Assert.NotEmpty(files);
        foreach (var (path, json) in files)
        {
            // The definition and the idempotency token are added when the request is sent.
            var problems = BotocoreModel.SageMaker.Validate("CreatePipeline", JsonNode.Parse(json), "PipelineDefinition", "ClientRequestToken");
            Assert.True(problems.Count == 0, $"{sample}/{path}:\n  " + string.Join("\n  ", problems));
        }
    }

    [ReferenceTheory]
    [MemberData(nameof(Samples.All), MemberType = typeof(Samples))]
    public void Every_update_pipeline_request_conforms_and_matches_the_create_request(string sample)
    {
        var all = Samples.Generate(sample).Files();
        var files = all.Where(f => f.Key.EndsWith("/update-pipeline.json", StringComparison.Ordinal)).ToList();
        Assert.Equal(all.Keys.Count(k => k.EndsWith("/create-pipeline.json", StringComparison.Ordinal)), files.Count);
        Assert.NotEmpty(files);
        foreach (var (path, json) in files)
        {
            // The definition is added when the request is sent; UpdatePipeline has no Tags and no idempotency token.
            var request = JsonNode.Parse(json)!.AsObject();
            var problems = BotocoreModel.SageMaker.Validate("UpdatePipeline", request, "PipelineDefinition");
            Assert.True(problems.Count == 0, $"{sample}/{path}:\n  " + string.Join("\n  ", problems));

            // Every member of the create request that UpdatePipeline has, with the same value, and nothing else.
            var create = JsonNode.Parse(all[path.Replace("/update-pipeline.json", "/create-pipeline.json", StringComparison.Ordinal)])!.AsObject();
            var expected = new JsonObject(create.Where(m => m.Key != "Tags").Select(m => KeyValuePair.Create(m.Key, m.Value?.DeepClone())));
            Assert.True(JsonNode.DeepEquals(expected, request), $"{sample}/{path}: {request.ToJsonString()} is not {expected.ToJsonString()}");
        }
    }

    /// <summary>Steps from python-sdk-cases: AWS SDK output, which conforms except for the test fakes and the
    /// quirks its README lists. The exact set is pinned so that a change of the checker shows.</summary>
    /// <param name="stem">The case file, without <c>.expected.json</c>.</param>
    /// <param name="selector">Where the step is: "" for a plain one-step file, <c>[i]</c> for an element of a
    /// Steps list, or the start of a <c>$fragments</c> key.</param>
    /// <param name="expected">The problems, in the order the checker reports them.</param>
    [ReferenceTheory]
    [MemberData(nameof(SdkCases))]
    public void SDK_steps_conform_except_for_the_known_quirks(string stem, string selector, string[] expected)
    {
        var problems = PipelineConformance.CheckStep(SdkStep(stem, selector));
        Assert.True(expected.SequenceEqual(problems),
            "Expected:\n  " + string.Join("\n  ", expected) + "\nActual:\n  " + string.Join("\n  ", problems));
    }

    private const string DummyRolePattern = @"arn:aws[a-z\-]*:iam::\d{12}:role/?[a-zA-Z_0-9+=,.@\-_/]+";

    public static TheoryData<string, string, string[]> SdkCases() => new()
    {
        // The unit tests use the role "DummyRole", not an ARN (README: the test module's constants).
        {
            "02-processing-step-propertyfile-cache", "",
            [
                "$.Arguments.RoleArn: 'DummyRole' has length 9, below RoleArn's min 20",
                "$.Arguments.RoleArn: 'DummyRole' does not match RoleArn's pattern " + DummyRolePattern,
            ]
        },
        {
            "11-create-model-step", "",
            [
                "$.Arguments.ExecutionRoleArn: 'DummyRole' has length 9, below RoleArn's min 20",
                "$.Arguments.ExecutionRoleArn: 'DummyRole' does not match RoleArn's pattern " + DummyRolePattern,
            ]
        },

        // README quirk: TransformOutput.S3OutputPath is null when no output path is given. And the test's
        // instance type "c4.4xlarge" lacks the "ml." prefix.
        {
            "12-transform-step", "",
            [
                "$.Arguments.TransformOutput.S3OutputPath: null where string (S3Uri) is expected",
                "$.Arguments.TransformResources.InstanceType: 'c4.4xlarge' is not one of TransformInstanceType's 108 values",
            ]
        },

        // Also plain: a training step with parameters (Get) for instance type, count and spot, and Std:Join
        // hyperparameters and output path; all accepted.
        {
            "01-training-step-spot-cache-dependson", "",
            [
                "$.Arguments.RoleArn: 'DummyRole' has length 9, below RoleArn's min 20",
                "$.Arguments.RoleArn: 'DummyRole' does not match RoleArn's pattern " + DummyRolePattern,
            ]
        },

        // RegisterModel → CreateModelPackage: the test passes placeholder instance and MIME types.
        {
            "09-register-model-step-collection", "[0]",
            [
                "$.Arguments.InferenceSpecification.SupportedRealtimeInferenceInstanceTypes[0]: 'inference_instance' is not one of ProductionVariantInstanceType's 271 values",
                @"$.Arguments.InferenceSpecification.SupportedResponseMIMETypes[0]: 'response_type' does not match ResponseMIMEType's pattern [-\w]+\/.+",
                "$.Arguments.InferenceSpecification.SupportedTransformInstanceTypes[0]: 'transform_instance' is not one of TransformInstanceType's 108 values",
            ]
        },

        // Tuning → CreateHyperParameterTuningJob. README quirk: TrainingJobEarlyStoppingType "OFF" is passed through
        // unchecked by the SDK; the API enum is Off | Auto.
        {
            "13-tuning-step", "test_single_algo_tuning_step (line 1079)",
            [
                "$.Arguments.HyperParameterTuningJobConfig.TrainingJobEarlyStoppingType: 'OFF' is not one of TrainingJobEarlyStoppingType's 2 values (Off, Auto)",
                "$.Arguments.TrainingJobDefinition.RoleArn: 'DummyRole' has length 9, below RoleArn's min 20",
                "$.Arguments.TrainingJobDefinition.RoleArn: 'DummyRole' does not match RoleArn's pattern " + DummyRolePattern,
            ]
        },
    };

    /// <summary>Reads one step of a python-sdk-cases file (see <see cref="SDK_steps_conform_except_for_the_known_quirks"/>).</summary>
    private static JsonNode? SdkStep(string stem, string selector)
    {
        var root = Infrastructure.SdkCases.Case(stem);
        if (selector.Length == 0)
        {
            return root;
        }

        if (selector.StartsWith('['))
        {
            return root!.AsArray()[int.Parse(selector[1..^1], System.Globalization.CultureInfo.InvariantCulture)];
        }

        var fragment = Assert.Single(root!["$fragments"]!.AsObject(), f => f.Key.StartsWith(selector, StringComparison.Ordinal));
        return fragment.Value;
    }

    [ReferenceFact]
    public void The_checker_fails_a_definition_with_a_bad_step_and_top_level()
    {
        // Proves the theory above can fail: a generated definition, broken in four places.
        var definition = JsonNode.Parse(Samples.Definitions("FraudDetection")["FraudDetection"])!.AsObject();
        definition["Version"] = "2020-12-02";
        var steps = definition["Steps"]!.AsArray();
        steps.RemoveAt(3); // the approval flow (CheckAuc); this test is about the job steps
        steps[0]!["Arguments"]!["ProcessingResources"]!["ClusterConfig"]!["InstanceCount"] = 101;
        steps[1]!["Type"] = "Bogus";
        steps[2]!["Name"] = "Evaluation step";

        Assert.Equal(
            [
                "$.Version",
                "$.Steps[0].Arguments.ProcessingResources.ClusterConfig.InstanceCount",
                "$.Steps[1].Type",
                "$.Steps[2].Name",
            ],
            PipelineConformance.Check(definition.ToJsonString()).Select(BotocoreModelTests.PathOf));
    }

    [ReferenceFact]
    public void The_top_level_is_checked()
    {
        const string definition = """
            {
              "Version": "2020-12-01",
              "Metadata": {},
              "Parameters": [
                { "Name": "Count", "Type": "Integer", "DefaultValue": "1" },
                { "Name": "Count", "Type": "Integer", "DefaultValue": 1 },
                { "Name": "bad name", "Type": "String" },
                { "Name": "Mode", "Type": "Text" }
              ],
              "PipelineExperimentConfig": { "ExperimentName": { "Get": "Execution.PipelineName" }, "TrialName": 3 },
              "Steps": [],
              "Extra": true
            }
            """;
        Assert.Equal(
            [
                "$.Extra: unknown member of the definition (known: Version, Steps, Metadata, Parameters, PipelineExperimentConfig)",
                "$.Parameters[0].DefaultValue: string '1' is not a value of type Integer",
                "$.Parameters[1].Name: parameter name 'Count' is declared twice",
                @"$.Parameters[2].Name: 'bad name' does not match PipelineParameterName's pattern [A-Za-z0-9\-_]*",
                "$.Parameters[3].Type: expected one of String, Integer, Float, Boolean, found string 'Text'",
                "$.PipelineExperimentConfig.TrialName: expected a string or an expression, found number 3",
            ],
            PipelineConformance.Check(definition));
    }

    [ReferenceFact]
    public void Malformed_definitions_are_reported_not_thrown()
    {
        Assert.Equal("$", BotocoreModelTests.PathOf(Assert.Single(PipelineConformance.Check("{ not json"))));
        Assert.Equal(
            [
                "$.Steps[0]: expected an object (step), found an array",
                "$.Steps[1]: expected an object (step), found number 3",
            ],
            PipelineConformance.Check("""{ "Version": "2020-12-01", "Steps": [ [], 3 ] }"""));
    }

    [ReferenceFact]
    public void References_must_name_declared_parameters_and_steps()
    {
        var definition = JsonNode.Parse(Samples.Definitions("FraudDetection")["FraudDetection"])!.AsObject();
        definition["Parameters"] = new JsonArray();
        definition["Steps"]!.AsArray().RemoveAt(3); // the approval flow (CheckAuc); this test is about the job steps
        definition["Steps"]![0]!["DependsOn"] = new JsonArray("Nowhere", "Preprocessing");
        Assert.Equal(
            [
                "$.Steps[0].Arguments.ProcessingInputs[0].S3Input.S3Uri: 'Parameters.InputData' names no declared parameter",
                "$.Steps[0].DependsOn[0]: 'Nowhere' names no step of this pipeline",
                "$.Steps[0].DependsOn[1]: 'Preprocessing' is the step itself",
            ],
            PipelineConformance.Check(definition.ToJsonString()));
    }
}
