using Sagewright;

[Pipeline("MyPipeline")]
public static partial class MyPipeline
{
}

[Pipeline("MyPipeline")]
file static partial class MyPipeline
{
}

[TuningStep(typeof(MyPipeline), Name = "MyTuningStep", Strategy = TuningStrategy.Bayesian, MaxTrainingJobs = 5, MaxParallelJobs = 2, EarlyStopping = EarlyStopping.Off)]
[Image("fakeimage"), Instance("ml.c5.4xlarge")]
[ModelOutput("s3://my-bucket/")]
[Channel("training", nameof(MyPipeline.DataSourceS3Uri))]
[HyperParameter("num_layers", "18"), HyperParameter("image_shape", "3,224,224"), HyperParameter("num_classes", "257")]
[HyperParameter("num_training_samples", "15420"), HyperParameter("mini_batch_size", "128"), HyperParameter("epochs", "10")]
[HyperParameter("optimizer", "sgd"), HyperParameter("top_k", "2"), HyperParameter("precision_dtype", "float32")]
[HyperParameter("augmentation_type", "crop")]
[Objective("val:accuracy", ObjectiveType.Maximize)]
[ContinuousRange("learning_rate", 0.0001, 0.05)]
[ContinuousRange("momentum", 0.0, 0.99)]
[ContinuousRange("weight_decay", 0.0, 0.99)]
[WarmStart(WarmStartType.IdenticalDataAndAlgorithm, "parent-hpo")]
public sealed class Tune;

