using System.Text.Json.Nodes;
using Sagewright.Tests.Conformance;
using Sagewright.Tests.Infrastructure;

namespace Sagewright.Tests.Generator;

public class SampleTests
{
    [Theory]
    [MemberData(nameof(Samples.All), MemberType = typeof(Samples))]
    public void Sample_compiles_without_any_diagnostic(string sample)
    {
        var output = Samples.Generate(sample);
        var diagnostics = TestProject.Analyze(output.Compilation, Samples.Options(sample));
        Assert.Empty(diagnostics);
        Assert.Empty(output.Compilation.GetDiagnostics().Where(d => d.Severity >= Microsoft.CodeAnalysis.DiagnosticSeverity.Warning));
        Assert.NotEmpty(Samples.Definitions(sample));
    }

    [Fact]
    public void FraudDetection_has_the_steps_wired_by_property_references()
    {
        var definition = JsonNode.Parse(Samples.Definitions("FraudDetection")["FraudDetection"])!;
        var steps = definition["Steps"]!.AsArray();
        Assert.Equal(["Preprocessing", "Training", "Evaluation", "CheckAuc"], steps.Select(s => (string)s!["Name"]!));
        Assert.Equal(["Processing", "Training", "Processing", "Condition"], steps.Select(s => (string)s!["Type"]!));

        var channel = steps[1]!["Arguments"]!["InputDataConfig"]![0]!;
        Assert.Equal("train", (string)channel["ChannelName"]!);
        Assert.Equal("text/csv", (string)channel["ContentType"]!);
        Assert.Equal("Steps.Preprocessing.ProcessingOutputConfig.Outputs['train'].S3Output.S3Uri",
            (string)channel["DataSource"]!["S3DataSource"]!["S3Uri"]!["Get"]!);

        var training = steps[1]!["Arguments"]!;
        Assert.True((bool)training["EnableManagedSpotTraining"]!);
        Assert.Equal(3600, (int)training["StoppingCondition"]!["MaxRuntimeInSeconds"]!);
        Assert.Equal(7200, (int)training["StoppingCondition"]!["MaxWaitTimeInSeconds"]!);
        JsonAssert.Equal("""{"Std:Join":{"On":"","Values":["s3://my-bucket/checkpoints/",{"Get":"Execution.PipelineExecutionId"}]}}""",
            training["CheckpointConfig"]!["S3Uri"]!.ToJsonString());
        JsonAssert.Equal("""{"Std:Join":{"On":"","Values":["s3://my-bucket/processed/train/",{"Get":"Execution.PipelineExecutionId"}]}}""",
            steps[0]!["Arguments"]!["ProcessingOutputConfig"]!["Outputs"]![0]!["S3Output"]!["S3Uri"]!.ToJsonString());
        JsonAssert.Equal("""[{"ExceptionType":["SageMaker.CAPACITY_ERROR"],"IntervalSeconds":60,"BackoffRate":2.0,"MaxAttempts":3}]""",
            steps[1]!["RetryPolicies"]!.ToJsonString());
        Assert.Equal("s3://my-bucket/models/", (string)training["OutputDataConfig"]!["S3OutputPath"]!);

        var modelInput = steps[2]!["Arguments"]!["ProcessingInputs"]![0]!;
        Assert.Equal("Steps.Training.ModelArtifacts.S3ModelArtifacts", (string)modelInput["S3Input"]!["S3Uri"]!["Get"]!);
        Assert.Equal("Parameters.InputData", (string)steps[0]!["Arguments"]!["ProcessingInputs"]![0]!["S3Input"]!["S3Uri"]!["Get"]!);
    }

    [Fact]
    public void FraudDetection_registers_the_model_for_review_only_when_the_auc_reaches_the_threshold()
    {
        var definition = JsonNode.Parse(Samples.Definitions("FraudDetection")["FraudDetection"])!;
        var parameter = definition["Parameters"]!.AsArray().Single(p => (string)p!["Name"]! == "AucThreshold")!;
        Assert.Equal("Float", (string)parameter["Type"]!);
        Assert.Equal(0.8, (double)parameter["DefaultValue"]!);

        var steps = definition["Steps"]!.AsArray();
        JsonAssert.Equal("""[{"PropertyFileName":"Report","OutputName":"evaluation","FilePath":"evaluation.json"}]""",
            steps[2]!["PropertyFiles"]!.ToJsonString());

        var check = steps[3]!["Arguments"]!;
        const string auc = """{"Std:JsonGet":{"PropertyFile":{"Get":"Steps.Evaluation.PropertyFiles.Report"},"Path":"metrics.auc.value"}}""";
        JsonAssert.Equal($$$"""[{"Type":"GreaterThanOrEqualTo","LeftValue":{{{auc}}},"RightValue":{"Get":"Parameters.AucThreshold"}}]""",
            check["Conditions"]!.ToJsonString());

        var register = Assert.Single(check["IfSteps"]!.AsArray())!;
        Assert.Equal("RegisterFraudModel", (string)register["Name"]!);
        Assert.Equal("RegisterModel", (string)register["Type"]!);
        var arguments = register["Arguments"]!;
        Assert.Equal("fraud-detection", (string)arguments["ModelPackageGroupName"]!);
        Assert.Equal("PendingManualApproval", (string)arguments["ModelApprovalStatus"]!);
        Assert.Equal("Steps.Training.ModelArtifacts.S3ModelArtifacts",
            (string)arguments["InferenceSpecification"]!["Containers"]![0]!["ModelDataUrl"]!["Get"]!);
        JsonAssert.Equal("""
            {"ContentType":"application/json","S3Uri":{"Std:Join":{"On":"","Values":[
              {"Get":"Steps.Evaluation.ProcessingOutputConfig.Outputs['evaluation'].S3Output.S3Uri"},"/evaluation.json"]}}}
            """, arguments["ModelMetrics"]!["ModelQuality"]!["Statistics"]!.ToJsonString());

        var fail = Assert.Single(check["ElseSteps"]!.AsArray())!;
        Assert.Equal("AucTooLow", (string)fail["Name"]!);
        JsonAssert.Equal($$$"""{"Std:Join":{"On":"","Values":["AUC ",{"Std:Join":{"On":"","Values":[{{{auc}}}]}}," is below the threshold"]}}""",
            fail["Arguments"]!["ErrorMessage"]!.ToJsonString());
    }

    [ReferenceFact]
    public void FraudDetection_register_step_conforms_to_CreateModelPackage()
    {
        // Checked on its own: checking the whole definition also needs Condition and Fail support in PipelineConformance.
        var definition = JsonNode.Parse(Samples.Definitions("FraudDetection")["FraudDetection"])!;
        var register = definition["Steps"]![3]!["Arguments"]!["IfSteps"]![0]!;
        var problems = PipelineConformance.CheckStep(register);
        Assert.True(problems.Count == 0, string.Join("\n", problems));
    }
}
