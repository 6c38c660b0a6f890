using Sagewright;

namespace Contoso.AntiPatterns.Monolith;

// SGW111: one training step that reads the raw data and produces the model, with no other job in the pipeline.
// Data preparation cannot be cached, retried or checked on its own, and every change retrains from raw data.
// Fix: move the preparation into a processing step whose outputs feed the training channels.
[Pipeline("MonolithicStep", ArtifactBucket = Data.Bucket)]
[Tag("team", "ml"), Tag("env", "dev"), Tag("pipeline", "monolithic-step")]
public static partial class MonolithicStep
{
    [Parameter] public const string InputData = Data.Snapshot;
}

[TrainingStep(typeof(MonolithicStep))] // expect: SGW111
[Image(Images.PyTorchTraining), Instance("ml.g4dn.xlarge")]
[Encryption(OutputKmsKeyId = Data.Key)] // g4dn encrypts its local NVMe storage in hardware
[Code("scripts/train.py")]
[Channel("raw", nameof(MonolithicStep.InputData))]
public sealed class DoEverything;
