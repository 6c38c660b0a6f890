using System.Text.Json.Nodes;
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
    public void FraudDetection_has_the_three_steps_wired_by_property_references()
    {
        var definition = JsonNode.Parse(Samples.Definitions("FraudDetection")["FraudDetection"])!;
        var steps = definition["Steps"]!.AsArray();
        Assert.Equal(["Preprocessing", "Training", "Evaluation"], steps.Select(s => (string)s!["Name"]!));
        Assert.Equal(["Processing", "Training", "Processing"], steps.Select(s => (string)s!["Type"]!));

        var channel = steps[1]!["Arguments"]!["InputDataConfig"]![0]!;
        Assert.Equal("train", (string)channel["ChannelName"]!);
        Assert.Equal("text/csv", (string)channel["ContentType"]!);
        Assert.Equal("Steps.Preprocessing.ProcessingOutputConfig.Outputs['train'].S3Output.S3Uri",
            (string)channel["DataSource"]!["S3DataSource"]!["S3Uri"]!["Get"]!);

        var training = steps[1]!["Arguments"]!;
        Assert.True((bool)training["EnableManagedSpotTraining"]!);
        Assert.Equal(3600, (int)training["StoppingCondition"]!["MaxRuntimeInSeconds"]!);
        Assert.Equal(7200, (int)training["StoppingCondition"]!["MaxWaitTimeInSeconds"]!);
        Assert.Equal("s3://my-bucket/checkpoints/", (string)training["CheckpointConfig"]!["S3Uri"]!);
        Assert.Equal("s3://my-bucket/models/", (string)training["OutputDataConfig"]!["S3OutputPath"]!);

        var modelInput = steps[2]!["Arguments"]!["ProcessingInputs"]![0]!;
        Assert.Equal("Steps.Training.ModelArtifacts.S3ModelArtifacts", (string)modelInput["S3Input"]!["S3Uri"]!["Get"]!);
        Assert.Equal("Parameters.InputData", (string)steps[0]!["Arguments"]!["ProcessingInputs"]![0]!["S3Input"]!["S3Uri"]!["Get"]!);
    }
}
