namespace Contoso.AntiPatterns;

/// <summary>Container images shared by the showcase pipelines, pinned to a version tag.</summary>
public static class Images
{
    public const string PyTorchTraining = "763104351884.dkr.ecr.us-east-1.amazonaws.com/pytorch-training:2.1.0-gpu-py310";
    public const string PyTorchInference = "763104351884.dkr.ecr.us-east-1.amazonaws.com/pytorch-inference:2.1.0-cpu-py310";
}

/// <summary>Where the showcase pipelines keep their data. Inputs are dated snapshots, which never change once written.</summary>
public static class Data
{
    public const string Bucket = "contoso-ml-artifacts";
    public const string Snapshot = "s3://contoso-ml-artifacts/raw/2024-06-01/";
}
