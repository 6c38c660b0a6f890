namespace Sagewright.Tests.Infrastructure;

/// <summary>The tests' shared pipeline: a valid pipeline (with the tags SGW109 requires by default) with one parameter of
/// each type and the image constants the steps use. Linked into the fuzzer, which gives it to snippets that only declare
/// steps.</summary>
internal static class DemoSource
{
    public const string Text = """
        using Sagewright;

        [Pipeline("Demo")]
        [Tag("env", "test"), Tag("team", "ml"), Tag("pipeline", "demo")]
        public static partial class Demo
        {
            [Parameter] public const string InputData = "s3://my-bucket/raw/";
            [Parameter] public const string OutputPath = "s3://my-bucket/out/";
            [Parameter] public const string Mode = "fast";
            [Parameter] public const string InstanceType = "ml.m5.xlarge";
            [Parameter] public const int Epochs = 10;
            [Parameter] public const double LearningRate = 0.1;
            [Parameter] public const bool Shuffle = true;
            public const string NotAParameter = "s3://my-bucket/other/";
        }

        public static class Images
        {
            public const string Processing = "123456789012.dkr.ecr.us-east-1.amazonaws.com/prep:1.0";
            public const string Training = "763104351884.dkr.ecr.us-east-1.amazonaws.com/pytorch-training:2.1.0-gpu-py310";
        }

        """;
}
