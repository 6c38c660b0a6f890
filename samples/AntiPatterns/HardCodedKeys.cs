using Sagewright;

namespace Contoso.AntiPatterns.Keys;

// SGW201: AWS credentials in source. These are the example keys from the AWS documentation (they belong to no
// account), but a real key written here would be in every clone of the repository, and, as a job's
// environment, in pipeline.json and in the description of every job the pipeline runs.
// Fix: delete them. SageMaker jobs run with the pipeline's job role and need no keys; code that calls AWS
// gets credentials from the SDK's default credential chain. Deactivate and rotate a key that was committed.
[Pipeline("HardCodedKeys", ArtifactBucket = Data.Bucket)]
[Tag("team", "ml"), Tag("env", "dev"), Tag("pipeline", "hard-coded-keys")]
public static partial class HardCodedKeys
{
    [Parameter] public const string InputData = Data.Snapshot;
}

[ProcessingStep(typeof(HardCodedKeys))]
[Framework("sklearn", "1.2-1"), Instance("ml.m5.large")]
[Encryption(OutputKmsKeyId = Data.Key, VolumeKmsKeyId = Data.Key)]
[Code("scripts/prepare.py")]
[Input(nameof(HardCodedKeys.InputData), "/opt/ml/processing/input")]
[Environment("AWS_ACCESS_KEY_ID", "AKIAIOSFODNN7EXAMPLE")] // expect: SGW201
[Environment("AWS_SECRET_ACCESS_KEY", "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY")] // expect: SGW201
public sealed class Prepare
{
    [Output("/opt/ml/processing/train")] public const string Train = "train";
}

[TrainingStep(typeof(HardCodedKeys))]
[Image(Images.PyTorchTraining), Instance("ml.g4dn.xlarge")]
[Encryption(OutputKmsKeyId = Data.Key)] // g4dn encrypts its local NVMe storage in hardware
[Code("scripts/train.py")]
[Channel("train", nameof(Prepare.Train))]
public sealed class Train;

/// <summary>Outside pipeline code too: SGW201 checks every string of the project.</summary>
public static class UploadClient
{
    public const string AccessKeyId = "AKIAIOSFODNN7EXAMPLE"; // expect: SGW201
    public const string SecretAccessKey = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY"; // expect: SGW201
}
