using System.Diagnostics.CodeAnalysis;
using Sagewright;

namespace Contoso.AntiPatterns.Suppression;

// SGW900: security rules suppressed without saying why. The suppressions work (SGW201 is not reported
// below), but a reviewer cannot tell an accepted risk from a silenced alarm.
// Fix: give the reason, "#pragma warning disable SGW201 // <why it is safe>" on the same line, or
// Justification = "<why it is safe>" on [SuppressMessage]. Here, better still: delete the keys (SGW201).
[Pipeline("SuppressionWithoutJustification", ArtifactBucket = Data.Bucket)]
[Tag("team", "ml"), Tag("env", "dev"), Tag("pipeline", "suppression-without-justification")]
public static partial class SuppressionWithoutJustification
{
    [Parameter] public const string InputData = Data.Snapshot;
}

[ProcessingStep(typeof(SuppressionWithoutJustification))]
[Framework("sklearn", "1.2-1"), Instance("ml.m5.large")]
[Encryption(OutputKmsKeyId = Data.Key, VolumeKmsKeyId = Data.Key)]
[Code("scripts/prepare.py")]
[Input(nameof(SuppressionWithoutJustification.InputData), "/opt/ml/processing/input")]
// expect-next-line: SGW900
#pragma warning disable SGW201
[Environment("AWS_ACCESS_KEY_ID", "AKIAIOSFODNN7EXAMPLE")]
#pragma warning restore SGW201
public sealed class Prepare
{
    [Output("/opt/ml/processing/train")] public const string Train = "train";
}

[TrainingStep(typeof(SuppressionWithoutJustification))]
[Image(Images.PyTorchTraining), Instance("ml.g4dn.xlarge")]
[Encryption(OutputKmsKeyId = Data.Key)] // g4dn encrypts its local NVMe storage in hardware
[Code("scripts/train.py")]
[Channel("train", nameof(Prepare.Train))]
[SuppressMessage("Sagewright.Security", "SGW201:Hard-coded AWS credentials")] // expect: SGW900
[Environment("AWS_SECRET_ACCESS_KEY", "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY")]
public sealed class Train;
