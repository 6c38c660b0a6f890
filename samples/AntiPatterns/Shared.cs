namespace Contoso.AntiPatterns;

/// <summary>Container images shared by the showcase pipelines, pinned to a version tag.</summary>
public static class Images
{
    public const string PyTorchTraining = "763104351884.dkr.ecr.us-east-1.amazonaws.com/pytorch-training:2.1.0-gpu-py310";
    public const string PyTorchInference = "763104351884.dkr.ecr.us-east-1.amazonaws.com/pytorch-inference:2.1.0-cpu-py310";
}

/// <summary>Where the showcase pipelines keep their data. Inputs are dated snapshots, which never change once written,
/// and everything is encrypted with a customer managed key.</summary>
public static class Data
{
    public const string Bucket = "contoso-ml-artifacts";
    public const string Snapshot = "s3://contoso-ml-artifacts/raw/2024-06-01/";

    /// <summary>The customer managed KMS key of the data (job outputs and volumes).</summary>
    public const string Key = "arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab";
}
