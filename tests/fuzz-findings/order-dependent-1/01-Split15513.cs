using Sagewright;

public static partial class MyPipeline
{
    [Parameter] public const string DataSourceS3Uri = "s3://my-bucket/train_manifest";
}
