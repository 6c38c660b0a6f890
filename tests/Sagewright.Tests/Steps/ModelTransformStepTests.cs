using System.Text.Json.Nodes;
using Sagewright.Tests.Analyzers;
using Sagewright.Tests.Conformance;
using Sagewright.Tests.Infrastructure;

namespace Sagewright.Tests.Steps;

/// <summary>What [CreateModelStep] and [TransformStep] emit: the CreateModel and CreateTransformJob requests
/// (minus the job/model name), their references, and conformance with the botocore model.</summary>
public class ModelTransformStepTests
{
    private const string Pipeline = Src.Demo + """
        [TrainingStep(typeof(Demo))]
        [Image(Images.Training), Instance("ml.m5.xlarge")]
        [Channel("train", nameof(Demo.InputData))]
        public sealed class Train;

        [ProcessingStep(typeof(Demo))]
        [Image(Images.Processing), Instance("ml.m5.large")]
        [Input(nameof(Demo.InputData), "/opt/ml/processing/input")]
        public sealed class Prep
        {
            [Output("/opt/ml/processing/test")] public const string Test = "test";
        }

        [CreateModelStep(typeof(Demo), Name = "FraudModel", NetworkIsolation = true)]
        [Image("683313688378.dkr.ecr.us-east-1.amazonaws.com/sagemaker-xgboost:1.7-1")]
        [ModelData(typeof(Train))]
        [Environment("SAGEMAKER_PROGRAM", "inference.py")]
        [Environment("MODE", nameof(Demo.Mode))]
        public sealed class CreateFraudModel;

        [TransformStep(typeof(Demo), Model = typeof(CreateFraudModel), BatchStrategy = BatchStrategy.MultiRecord, MaxPayloadInMB = 6, MaxConcurrentTransforms = 4)]
        [Instance("ml.m5.xlarge", Count = 2)]
        [TransformInput(nameof(Prep.Test), ContentType = "text/csv", SplitType = SplitType.Line, CompressionType = CompressionType.None)]
        [TransformOutput(Accept = "text/csv", AssembleWith = AssembleWith.Line)]
        [DataProcessing(InputFilter = "$[1:]", OutputFilter = "$[0,-1]", JoinSource = JoinSource.Input)]
        [Environment("BATCH", "1")]
        [Cache("P30D"), Retry(RetryOn.CapacityError, MaxAttempts = 3)]
        public sealed class BatchScore;

        """;

    private static JsonNode Step(string definition, string name) =>
        JsonNode.Parse(definition)!["Steps"]!.AsArray().Single(s => (string)s!["Name"]! == name)!;

    [Fact]
    public void Model_step_emits_the_create_model_request_with_the_inference_role()
    {
        var step = Step(TestProject.Generate(Pipeline).Definition(), "FraudModel");
        JsonAssert.Equal("""
            {
              "Name": "FraudModel",
              "Type": "Model",
              "Arguments": {
                "ExecutionRoleArn": "arn:aws:iam::123456789012:role/Demo-inference",
                "PrimaryContainer": {
                  "Image": "683313688378.dkr.ecr.us-east-1.amazonaws.com/sagemaker-xgboost:1.7-1",
                  "ModelDataUrl": { "Get": "Steps.Train.ModelArtifacts.S3ModelArtifacts" },
                  "Environment": { "SAGEMAKER_PROGRAM": "inference.py", "MODE": { "Get": "Parameters.Mode" } }
                },
                "EnableNetworkIsolation": true
              }
            }
            """, step.ToJsonString());
    }

    [Fact]
    public void Transform_step_emits_the_create_transform_job_request()
    {
        var step = Step(TestProject.Generate(Pipeline).Definition(), "BatchScore");
        JsonAssert.Equal("""
            {
              "Name": "BatchScore",
              "Type": "Transform",
              "Arguments": {
                "ModelName": { "Get": "Steps.FraudModel.ModelName" },
                "TransformInput": {
                  "DataSource": { "S3DataSource": { "S3DataType": "S3Prefix", "S3Uri": { "Get": "Steps.Prep.ProcessingOutputConfig.Outputs['test'].S3Output.S3Uri" } } },
                  "ContentType": "text/csv",
                  "CompressionType": "None",
                  "SplitType": "Line"
                },
                "TransformOutput": {
                  "S3OutputPath": { "Std:Join": { "On": "/", "Values": [ "s3:/", "sagemaker-us-east-1-123456789012", "Demo", { "Get": "Execution.PipelineExecutionId" }, "BatchScore" ] } },
                  "Accept": "text/csv",
                  "AssembleWith": "Line"
                },
                "TransformResources": { "InstanceCount": 2, "InstanceType": "ml.m5.xlarge" },
                "BatchStrategy": "MultiRecord",
                "MaxConcurrentTransforms": 4,
                "MaxPayloadInMB": 6,
                "Environment": { "BATCH": "1" },
                "DataProcessing": { "InputFilter": "$[1:]", "OutputFilter": "$[0,-1]", "JoinSource": "Input" }
              },
              "RetryPolicies": [ { "ExceptionType": [ "SageMaker.CAPACITY_ERROR" ], "IntervalSeconds": 1, "BackoffRate": 2.0, "MaxAttempts": 3 } ],
              "CacheConfig": { "Enabled": true, "ExpireAfter": "P30D" }
            }
            """, step.ToJsonString());
    }

    [Fact]
    public void Steps_run_in_data_flow_order()
    {
        var names = JsonNode.Parse(TestProject.Generate(Pipeline).Definition())!["Steps"]!.AsArray().Select(s => (string)s!["Name"]!).ToList();
        Assert.True(names.IndexOf("Train") < names.IndexOf("FraudModel"), string.Join(", ", names));
        Assert.True(names.IndexOf("FraudModel") < names.IndexOf("BatchScore"), string.Join(", ", names));
        Assert.True(names.IndexOf("Prep") < names.IndexOf("BatchScore"), string.Join(", ", names));
    }

    [Fact]
    public void Minimal_steps_have_the_sdk_defaults()
    {
        var definition = TestProject.Generate(Src.Demo + """
            [CreateModelStep(typeof(Demo))]
            [Image("123456789012.dkr.ecr.us-east-1.amazonaws.com/serve:1.0")]
            public sealed class Model;

            [TransformStep(typeof(Demo), ModelName = "existing-model")]
            [Instance("ml.c5.xlarge")]
            [TransformInput("s3://my-bucket/batch/")]
            public sealed class Score;
            """).Definition();

        // The SDK's container_def always sends Environment, empty when no variable is set; no ModelDataUrl without model data.
        JsonAssert.Equal("""
            { "ExecutionRoleArn": "arn:aws:iam::123456789012:role/Demo-inference", "PrimaryContainer": { "Image": "123456789012.dkr.ecr.us-east-1.amazonaws.com/serve:1.0", "Environment": {} } }
            """, Step(definition, "Model")["Arguments"]!.ToJsonString());
        JsonAssert.Equal("""
            {
              "ModelName": "existing-model",
              "TransformInput": { "DataSource": { "S3DataSource": { "S3DataType": "S3Prefix", "S3Uri": "s3://my-bucket/batch/" } } },
              "TransformOutput": { "S3OutputPath": { "Std:Join": { "On": "/", "Values": [ "s3:/", "sagemaker-us-east-1-123456789012", "Demo", { "Get": "Execution.PipelineExecutionId" }, "Score" ] } } },
              "TransformResources": { "InstanceCount": 1, "InstanceType": "ml.c5.xlarge" }
            }
            """, Step(definition, "Score")["Arguments"]!.ToJsonString());
    }

    [Fact]
    public void Parameters_and_explicit_settings_are_used()
    {
        var definition = TestProject.Generate(Src.Demo + """
            [CreateModelStep(typeof(Demo), RoleArn = "arn:aws:iam::123456789012:role/inference")]
            [Image("123456789012.dkr.ecr.us-east-1.amazonaws.com/serve:1.0")]
            [ModelData(nameof(Demo.InputData))]
            public sealed class Model;

            [TransformStep(typeof(Demo), ModelName = nameof(Demo.Mode))]
            [Instance(nameof(Demo.InstanceType))]
            [TransformInput(nameof(Demo.InputData))]
            [TransformOutput(Destination = nameof(Demo.OutputPath))]
            public sealed class Score;
            """).Definition();

        var model = Step(definition, "Model")["Arguments"]!;
        Assert.Equal("arn:aws:iam::123456789012:role/inference", (string)model["ExecutionRoleArn"]!);
        JsonAssert.Equal("""{ "Get": "Parameters.InputData" }""", model["PrimaryContainer"]!["ModelDataUrl"]!.ToJsonString());
        var transform = Step(definition, "Score")["Arguments"]!;
        JsonAssert.Equal("""{ "Get": "Parameters.Mode" }""", transform["ModelName"]!.ToJsonString());
        JsonAssert.Equal("""{ "Get": "Parameters.InstanceType" }""", transform["TransformResources"]!["InstanceType"]!.ToJsonString());
        JsonAssert.Equal("""{ "Get": "Parameters.InputData" }""", transform["TransformInput"]!["DataSource"]!["S3DataSource"]!["S3Uri"]!.ToJsonString());
        JsonAssert.Equal("""{ "Get": "Parameters.OutputPath" }""", transform["TransformOutput"]!["S3OutputPath"]!.ToJsonString());
    }

    [ReferenceFact]
    public void Emitted_model_and_transform_steps_conform_to_the_botocore_requests()
    {
        var definition = TestProject.Generate(Pipeline).Definition();
        var problems = PipelineConformance.Check(definition);
        Assert.True(problems.Count == 0, string.Join("\n", problems));
        var types = JsonNode.Parse(definition)!["Steps"]!.AsArray().Select(s => (string)s!["Type"]!).ToHashSet(StringComparer.Ordinal);
        Assert.Contains("Model", types);
        Assert.Contains("Transform", types);
    }

    [ReferenceFact]
    public void Minimal_steps_conform_to_the_botocore_requests()
    {
        var definition = TestProject.Generate(Src.Demo + """
            [CreateModelStep(typeof(Demo))]
            [Image("123456789012.dkr.ecr.us-east-1.amazonaws.com/serve:1.0")]
            public sealed class Model;

            [TransformStep(typeof(Demo), Model = typeof(Model))]
            [Instance("ml.c5.xlarge")]
            [TransformInput("s3://my-bucket/batch/")]
            public sealed class Score;
            """).Definition();
        var problems = PipelineConformance.Check(definition);
        Assert.True(problems.Count == 0, string.Join("\n", problems));
    }
}
