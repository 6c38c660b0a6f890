namespace Sagewright.Tests.Iam;

/// <summary>Step snippets the IAM tests share (append them to <see cref="Analyzers.Src.Demo"/>). Each takes extra
/// attribute lines for the step the tests vary, written just above that step's class.</summary>
internal static class IamSrc
{
    /// <summary>Processing step <c>Prep</c> writing output <c>train</c> to <c>s3://my-bucket/prep/train/</c>, and training
    /// step <c>Train</c> reading it as channel <c>train</c>.</summary>
    public static string PrepFeedsTrain(string trainAttributes = "") => $$"""
        [ProcessingStep(typeof(Demo))]
        [Image(Images.Processing), Instance("ml.m5.large")]
        public sealed class Prep
        {
            [Output("/opt/ml/processing/train", Destination = "s3://my-bucket/prep/train/")] public const string Train = "train";
        }

        [TrainingStep(typeof(Demo))]
        [Image(Images.Training), Instance("ml.g4dn.xlarge")]
        [Channel("train", nameof(Prep.Train))]
        {{Lines(trainAttributes)}}public sealed class Train;

        """;

    /// <summary>Model step <c>Model</c> (an ECR serving image, the model data of step <c>Train</c>) and transform step
    /// <c>Score</c> of it reading <c>s3://my-bucket/score/</c>.</summary>
    public static string ModelAndTransform(string transformAttributes = "") => $$"""
        [CreateModelStep(typeof(Demo))]
        [Image("123456789012.dkr.ecr.us-east-1.amazonaws.com/serve:1.0")]
        [ModelData(typeof(Train))]
        public sealed class Model;

        [TransformStep(typeof(Demo), Model = typeof(Model))]
        [Instance("ml.m5.xlarge")]
        [TransformInput("s3://my-bucket/score/")]
        {{Lines(transformAttributes)}}public sealed class Score;

        """;

    /// <summary>Processing step <c>Evaluate</c> writing property file <c>evaluation.json</c> (output <c>evaluation</c>),
    /// and condition step <c>Check</c> on its <c>metrics.auc</c>.</summary>
    public static string EvaluateAndCheck(string evaluateAttributes = "") => $$"""
        [ProcessingStep(typeof(Demo))]
        [Image(Images.Processing), Instance("ml.m5.large")]
        {{Lines(evaluateAttributes)}}public sealed class Evaluate
        {
            [Output("/opt/ml/processing/evaluation"), PropertyFile("evaluation.json")] public const string Report = "evaluation";
            [JsonGet(nameof(Report), "metrics.auc")] public static readonly double Auc;
        }

        [ConditionStep(typeof(Demo))]
        [GreaterThanOrEqualTo(nameof(Evaluate.Auc), 0.8)]
        public sealed class Check;

        """;

    private static string Lines(string attributes) => attributes.Length == 0 ? "" : attributes + "\n";
}
