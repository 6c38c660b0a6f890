using System.Text.Json.Nodes;
using Sagewright.Tests.Analyzers;
using Sagewright.Tests.Conformance;
using Sagewright.Tests.Infrastructure;

namespace Sagewright.Tests.Generator;

/// <summary>Instance count, volume size, maximum run time and approval status taken from pipeline parameters: written
/// as <c>{"Get": "Parameters.X"}</c>, as the SDK writes <c>instance_count=ParameterInteger(...)</c>.</summary>
public class RunTimeSettingTests
{
    private const string Pipeline = """
        using Sagewright;

        [Pipeline("Demo")]
        [Tag("env", "test"), Tag("team", "ml"), Tag("pipeline", "demo")]
        public static partial class Demo
        {
            [Parameter] public const int InstanceCount = 2;
            [Parameter] public const int VolumeSize = 50;
            [Parameter] public const int MaxSeconds = 3600;
            [Parameter] public const string InstanceType = "ml.m5.xlarge";
            [Parameter(EnumValues = new[] { "PendingManualApproval", "Approved" })] public const string Approval = "PendingManualApproval";
        }

        public static class Images
        {
            public const string Processing = "123456789012.dkr.ecr.us-east-1.amazonaws.com/prep:1.0";
            public const string Training = "763104351884.dkr.ecr.us-east-1.amazonaws.com/pytorch-training:2.1.0-gpu-py310";
        }

        [ProcessingStep(typeof(Demo))]
        [Image(Images.Processing), Instance(nameof(Demo.InstanceType), CountParameter = nameof(Demo.InstanceCount), VolumeSizeParameter = nameof(Demo.VolumeSize))]
        [MaxRuntime(nameof(Demo.MaxSeconds))]
        public sealed class Prep;

        [TrainingStep(typeof(Demo))]
        [Image(Images.Training), Instance("ml.m5.xlarge", CountParameter = nameof(Demo.InstanceCount))]
        [MaxRuntime(nameof(Demo.MaxSeconds))]
        [Network(EnableInterContainerTrafficEncryption = true)]
        public sealed class Train;

        [RegisterModelStep(typeof(Demo), "demo-models", ApprovalStatusParameter = nameof(Demo.Approval))]
        [Image(Images.Training), ModelData(typeof(Train))]
        [ContentTypes("text/csv"), ResponseTypes("text/csv")]
        public sealed class Register;
        """;

    [Fact]
    public void Settings_from_parameters_are_written_as_get_and_conform()
    {
        var output = TestProject.Generate(Pipeline);
        var json = output.Definition();
        var definition = JsonNode.Parse(json)!;
        var prep = SdkCases.Step(json, "Prep")["Arguments"]!;
        JsonAssert.Equal(JsonNode.Parse("""
            {"InstanceCount": {"Get": "Parameters.InstanceCount"}, "InstanceType": {"Get": "Parameters.InstanceType"}, "VolumeSizeInGB": {"Get": "Parameters.VolumeSize"}}
            """), prep["ProcessingResources"]!["ClusterConfig"]);
        JsonAssert.Equal(JsonNode.Parse("""{"MaxRuntimeInSeconds": {"Get": "Parameters.MaxSeconds"}}"""), prep["StoppingCondition"]);

        var train = SdkCases.Step(json, "Train")["Arguments"]!;
        JsonAssert.Equal(JsonNode.Parse("""{"Get": "Parameters.InstanceCount"}"""), train["ResourceConfig"]!["InstanceCount"]);
        Assert.Equal(30, (int)train["ResourceConfig"]!["VolumeSizeInGB"]!);
        JsonAssert.Equal(JsonNode.Parse("""{"MaxRuntimeInSeconds": {"Get": "Parameters.MaxSeconds"}}"""), train["StoppingCondition"]);

        var register = SdkCases.Step(json, "Register")["Arguments"]!;
        JsonAssert.Equal(JsonNode.Parse("""{"Get": "Parameters.Approval"}"""), register["ModelApprovalStatus"]);

        Assert.Contains(definition["Parameters"]!.AsArray(), p => (string)p!["Name"]! == "InstanceCount" && (string)p["Type"]! == "Integer");
        Assert.Empty(PipelineConformance.Check(json));
    }

    [Fact]
    public void Settings_from_parameters_report_no_error()
    {
        // SGW110 (no evaluation metrics) is the only warning: the register step names none on purpose.
        Assert.Equal(["SGW110"], TestProject.Analyze(Pipeline).Where(d => d.Severity >= Microsoft.CodeAnalysis.DiagnosticSeverity.Warning).Select(d => d.Id));
    }
}
