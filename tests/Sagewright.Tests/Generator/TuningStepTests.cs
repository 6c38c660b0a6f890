using System.Text.Json.Nodes;
using Microsoft.CodeAnalysis;
using Sagewright.Compiler.Generator;
using Sagewright.Tests.Conformance;
using Sagewright.Tests.Infrastructure;

namespace Sagewright.Tests.Generator;

/// <summary>Tuning steps: the CreateHyperParameterTuningJob arguments field by field, the top-model URI other steps
/// read, and botocore conformance of everything emitted.</summary>
public class TuningStepTests
{
    private const string Pipeline = """
        using Sagewright;

        [Pipeline("Demo")]
        public static partial class Demo
        {
            [Parameter] public const string TrainData = "s3://my-bucket/train/";
            [Parameter] public const string ModelPath = "s3://my-bucket/models";
        }

        public static class Images
        {
            public const string Training = "763104351884.dkr.ecr.us-east-1.amazonaws.com/pytorch-training:2.1.0-gpu-py310";
            public const string Processing = "123456789012.dkr.ecr.us-east-1.amazonaws.com/prep:1.0";
        }

        """;

    private static JsonObject Step(string definition, string name) =>
        JsonNode.Parse(definition)!["Steps"]!.AsArray().Single(s => (string)s!["Name"]! == name)!.AsObject();

    private static string Generate(string source)
    {
        var definition = TestProject.Generate(Pipeline + source).Definition("Demo");
        var problems = PipelineConformance.Check(definition);
        Assert.True(problems.Count == 0, "Not conformant:\n  " + string.Join("\n  ", problems));
        return definition;
    }

    [Fact]
    public void Every_setting_lands_in_its_CreateHyperParameterTuningJob_member()
    {
        var definition = Generate("""
            [TuningStep(typeof(Demo), Strategy = TuningStrategy.Random, MaxTrainingJobs = 20, MaxParallelJobs = 4, EarlyStopping = EarlyStopping.Auto)]
            [Image(Images.Training), Instance("ml.g4dn.xlarge", Count = 2, VolumeSizeInGB = 50)]
            [Channel("train", nameof(Demo.TrainData), ContentType = "text/csv")]
            [HyperParameter("batch-size", "64")]
            [Environment("LOG_LEVEL", "info")]
            [ModelOutput("s3://my-bucket/tuning/")]
            [MaxRuntime(7200)]
            [Objective("valid:loss", ObjectiveType.Minimize)]
            [MetricDefinition("valid:loss", "loss=([0-9\\.]+)")]
            [MetricDefinition("valid:acc", "acc=([0-9\\.]+)")]
            [ContinuousRange("lr", 0.00001, 0.5, Scaling = Scaling.Logarithmic)]
            [ContinuousRange("dropout", 0, 0.9, Scaling = Scaling.ReverseLogarithmic)]
            [IntegerRange("epochs", 5, 50, Scaling = Scaling.Linear)]
            [CategoricalRange("optimizer", "sgd", "adam")]
            [WarmStart(WarmStartType.TransferLearning, "parent-1", "parent-2")]
            public sealed class Tune;
            """);

        JsonAssert.Equal("""
            {
              "Name": "Tune",
              "Type": "Tuning",
              "Arguments": {
                "HyperParameterTuningJobConfig": {
                  "Strategy": "Random",
                  "ResourceLimits": { "MaxNumberOfTrainingJobs": 20, "MaxParallelTrainingJobs": 4 },
                  "TrainingJobEarlyStoppingType": "Auto",
                  "HyperParameterTuningJobObjective": { "Type": "Minimize", "MetricName": "valid:loss" },
                  "ParameterRanges": {
                    "ContinuousParameterRanges": [
                      { "Name": "lr", "MinValue": "1e-05", "MaxValue": "0.5", "ScalingType": "Logarithmic" },
                      { "Name": "dropout", "MinValue": "0.0", "MaxValue": "0.9", "ScalingType": "ReverseLogarithmic" }
                    ],
                    "CategoricalParameterRanges": [ { "Name": "optimizer", "Values": [ "sgd", "adam" ] } ],
                    "IntegerParameterRanges": [ { "Name": "epochs", "MinValue": "5", "MaxValue": "50", "ScalingType": "Linear" } ]
                  }
                },
                "TrainingJobDefinition": {
                  "AlgorithmSpecification": {
                    "TrainingImage": "763104351884.dkr.ecr.us-east-1.amazonaws.com/pytorch-training:2.1.0-gpu-py310",
                    "TrainingInputMode": "File",
                    "MetricDefinitions": [
                      { "Name": "valid:loss", "Regex": "loss=([0-9\\.]+)" },
                      { "Name": "valid:acc", "Regex": "acc=([0-9\\.]+)" }
                    ]
                  },
                  "OutputDataConfig": { "S3OutputPath": "s3://my-bucket/tuning/" },
                  "StoppingCondition": { "MaxRuntimeInSeconds": 7200 },
                  "HyperParameterTuningResourceConfig": { "InstanceType": "ml.g4dn.xlarge", "InstanceCount": 2, "VolumeSizeInGB": 50 },
                  "RoleArn": "arn:aws:iam::123456789012:role/Demo-job",
                  "InputDataConfig": [
                    {
                      "ChannelName": "train",
                      "DataSource": { "S3DataSource": { "S3DataType": "S3Prefix", "S3Uri": { "Get": "Parameters.TrainData" }, "S3DataDistributionType": "FullyReplicated" } },
                      "ContentType": "text/csv"
                    }
                  ],
                  "StaticHyperParameters": { "batch-size": "64" },
                  "Environment": { "LOG_LEVEL": "info" }
                },
                "WarmStartConfig": {
                  "ParentHyperParameterTuningJobs": [ { "HyperParameterTuningJobName": "parent-1" }, { "HyperParameterTuningJobName": "parent-2" } ],
                  "WarmStartType": "TransferLearning"
                }
              }
            }
            """, Step(definition, "Tune").ToJsonString());
    }

    [Fact]
    public void Defaults_match_the_SDK_tuner()
    {
        var arguments = Step(Generate("""
            [TuningStep(typeof(Demo)), Image(Images.Training), Instance("ml.m5.xlarge")]
            [Objective("validation:auc")]
            [IntegerRange("max_depth", 3, 10)]
            public sealed class Tune;
            """), "Tune")["Arguments"]!;

        // HyperparameterTuner defaults: Bayesian, max_jobs 1, max_parallel_jobs 1, early stopping Off,
        // objective Maximize, ScalingType Auto; all three range lists and StaticHyperParameters always sent.
        JsonAssert.Equal("""
            {
              "Strategy": "Bayesian",
              "ResourceLimits": { "MaxNumberOfTrainingJobs": 1, "MaxParallelTrainingJobs": 1 },
              "TrainingJobEarlyStoppingType": "Off",
              "HyperParameterTuningJobObjective": { "Type": "Maximize", "MetricName": "validation:auc" },
              "ParameterRanges": {
                "ContinuousParameterRanges": [],
                "CategoricalParameterRanges": [],
                "IntegerParameterRanges": [ { "Name": "max_depth", "MinValue": "3", "MaxValue": "10", "ScalingType": "Auto" } ]
              }
            }
            """, arguments["HyperParameterTuningJobConfig"]!.ToJsonString());
        var job = arguments["TrainingJobDefinition"]!;
        JsonAssert.Equal("{}", job["StaticHyperParameters"]!.ToJsonString());
        JsonAssert.Equal("""{ "MaxRuntimeInSeconds": 86400 }""", job["StoppingCondition"]!.ToJsonString());
        JsonAssert.Equal("""{ "InstanceType": "ml.m5.xlarge", "InstanceCount": 1, "VolumeSizeInGB": 30 }""", job["HyperParameterTuningResourceConfig"]!.ToJsonString());
        JsonAssert.Equal("""
            { "Std:Join": { "On": "/", "Values": [ "s3:/", "sagemaker-us-east-1-123456789012", "Demo", { "Get": "Execution.PipelineExecutionId" }, "Tune" ] } }
            """, job["OutputDataConfig"]!["S3OutputPath"]!.ToJsonString());
        Assert.Null(job["ResourceConfig"]);
        Assert.Null(job["HyperParameters"]);
        Assert.Null(job["AlgorithmSpecification"]!["MetricDefinitions"]);
        Assert.Null(arguments["WarmStartConfig"]);
    }

    [Fact]
    public void Grid_search_leaves_the_job_count_to_SageMaker()
    {
        var limits = Step(Generate("""
            [TuningStep(typeof(Demo), Strategy = TuningStrategy.Grid, MaxParallelJobs = 3), Image(Images.Training), Instance("ml.m5.xlarge")]
            [Objective("validation:auc")]
            [CategoricalRange("booster", "gbtree", "dart")]
            public sealed class Tune;
            """), "Tune")["Arguments"]!["HyperParameterTuningJobConfig"]!;
        Assert.Equal("Grid", (string)limits["Strategy"]!);
        JsonAssert.Equal("""{ "MaxParallelTrainingJobs": 3 }""", limits["ResourceLimits"]!.ToJsonString());
    }

    [Fact]
    public void Spot_code_and_step_settings_apply_to_the_training_jobs()
    {
        var step = Step(TestProject.Generate(Pipeline + """
            [TuningStep(typeof(Demo)), Image(Images.Training), Instance("ml.g4dn.xlarge")]
            [Spot(MaxRunSeconds = 3600, MaxWaitSeconds = 7200, CheckpointS3Uri = "s3://my-bucket/checkpoints/")]
            [Objective("validation:auc")]
            [ContinuousRange("eta", 0.1, 0.5)]
            [Cache("P30D")]
            [Retry(RetryOn.CapacityError, RetryOn.ResourceLimit, MaxAttempts = 3)]
            public sealed class Tune;
            """).Definition("Demo"), "Tune");
        var job = step["Arguments"]!["TrainingJobDefinition"]!;
        Assert.True((bool)job["EnableManagedSpotTraining"]!);
        JsonAssert.Equal("""{ "MaxRuntimeInSeconds": 3600, "MaxWaitTimeInSeconds": 7200 }""", job["StoppingCondition"]!.ToJsonString());
        JsonAssert.Equal("""{ "S3Uri": "s3://my-bucket/checkpoints/" }""", job["CheckpointConfig"]!.ToJsonString());
        JsonAssert.Equal("""{ "Enabled": true, "ExpireAfter": "P30D" }""", step["CacheConfig"]!.ToJsonString());
        JsonAssert.Equal("""[ "SageMaker.CAPACITY_ERROR", "SageMaker.RESOURCE_LIMIT" ]""", step["RetryPolicies"]![0]!["ExceptionType"]!.ToJsonString());
        Assert.Empty(PipelineConformance.CheckStep(step));
    }

    public static TheoryData<string, string> ModelOutputs => new()
    {
        // No [ModelOutput]: the per-execution default path, flattened into the one Join.
        { "", """[ "s3:/", "sagemaker-us-east-1-123456789012", "Demo", { "Get": "Execution.PipelineExecutionId" }, "Tune" ]""" },
        // A literal URI: bucket and prefix, as get_top_model_s3_uri(0, bucket, prefix) takes them.
        { """[ModelOutput("s3://my-bucket/my-prefix/")]""", """[ "s3:/", "my-bucket", "my-prefix" ]""" },
        { """[ModelOutput("s3://my-bucket")]""", """[ "s3:/", "my-bucket" ]""" },
        { """[ModelOutput("s3://my-bucket/a/b")]""", """[ "s3:/", "my-bucket", "a/b" ]""" },
        // A parameter: its value (give it without a trailing slash).
        { """[ModelOutput(nameof(Demo.ModelPath))]""", """[ { "Get": "Parameters.ModelPath" } ]""" },
    };

    [Theory]
    [MemberData(nameof(ModelOutputs))]
    public void A_processing_input_reads_the_best_training_jobs_model(string modelOutput, string prefix)
    {
        var definition = Generate($$"""
            [TuningStep(typeof(Demo)), Image(Images.Training), Instance("ml.m5.xlarge")]
            {{modelOutput}}
            [Objective("validation:auc")]
            [ContinuousRange("eta", 0.1, 0.5)]
            public sealed class Tune;

            [ProcessingStep(typeof(Demo)), Image(Images.Processing), Instance("ml.m5.large")]
            [Input(typeof(Tune), "/opt/ml/processing/model")]
            public sealed class Evaluate;
            """);

        var values = JsonNode.Parse(prefix)!.AsArray();
        values.Add(JsonNode.Parse("""{ "Get": "Steps.Tune.TrainingJobSummaries[0].TrainingJobName" }"""));
        values.Add("output/model.tar.gz");
        var expected = new JsonObject { ["Std:Join"] = new JsonObject { ["On"] = "/", ["Values"] = values } };
        JsonAssert.Equal(expected, Step(definition, "Evaluate")["Arguments"]!["ProcessingInputs"]![0]!["S3Input"]!["S3Uri"]);

        // The reference orders the steps: the tuning step runs first.
        var names = JsonNode.Parse(definition)!["Steps"]!.AsArray().Select(s => (string)s!["Name"]!).ToList();
        Assert.Equal(["Tune", "Evaluate"], names);
    }

    [Fact]
    public void The_tuning_provider_caches_and_sees_real_edits()
    {
        const string Tune = """
            [TuningStep(typeof(Demo)), Image(Images.Training), Instance("ml.m5.xlarge")]
            [Objective("validation:auc")]
            [ContinuousRange("eta", 0.1, 0.5)]
            public sealed class Tune;
            """;
        var compilation = TestProject.Compilation(Pipeline + Tune);
        var driver = TestProject.CreateDriver().RunGenerators(compilation);
        IncrementalStepRunReason[] Reasons() => driver.GetRunResult().Results.Single().TrackedSteps[TrackingNames.TuningSteps]
            .SelectMany(r => r.Outputs).Select(o => o.Reason).ToArray();
        Assert.NotEmpty(Reasons());

        driver = driver.RunGenerators(compilation.Clone());
        Assert.All(Reasons(), r => Assert.True(r is IncrementalStepRunReason.Cached or IncrementalStepRunReason.Unchanged, r.ToString()));

        var tree = compilation.SyntaxTrees.Single();
        var edited = compilation.ReplaceSyntaxTree(tree, tree.WithChangedText(Microsoft.CodeAnalysis.Text.SourceText.From(
            tree.GetText().ToString().Replace("0.1, 0.5", "0.1, 0.6", StringComparison.Ordinal))));
        driver = driver.RunGenerators(edited);
        Assert.Contains(IncrementalStepRunReason.Modified, Reasons());
    }
}
