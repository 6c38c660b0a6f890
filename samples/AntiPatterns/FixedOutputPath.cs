using Sagewright;

namespace Contoso.AntiPatterns.Outputs;

// SGW108: an output written to the same S3 location by every execution. Runs overwrite each other's results,
// and two executions at once mix their files.
// Fix: leave out Destination (Sagewright then writes under the execution ID), or [Join] the location with
// nameof(Execution.PipelineExecutionId).
[Pipeline("FixedOutputPath", ArtifactBucket = Data.Bucket)]
[Tag("team", "ml"), Tag("env", "dev"), Tag("pipeline", "fixed-output-path")]
public static partial class FixedOutputPath
{
    [Parameter] public const string InputData = Data.Snapshot;
}

[ProcessingStep(typeof(FixedOutputPath))]
[Framework("sklearn", "1.2-1"), Instance("ml.m5.large")]
[Encryption(OutputKmsKeyId = Data.Key, VolumeKmsKeyId = Data.Key)]
[Code("scripts/prepare.py")]
[Input(nameof(FixedOutputPath.InputData), "/opt/ml/processing/input")]
public sealed class Prepare
{
    [Output("/opt/ml/processing/train", Destination = "s3://contoso-ml-artifacts/features/current/")] // expect: SGW108
    public const string Train = "train";
}

[TrainingStep(typeof(FixedOutputPath))]
[Image(Images.PyTorchTraining), Instance("ml.g4dn.xlarge")]
[Encryption(OutputKmsKeyId = Data.Key)] // g4dn encrypts its local NVMe storage in hardware
[Code("scripts/train.py")]
[Channel("train", nameof(Prepare.Train))]
public sealed class Train;
