using Sagewright;

public static partial class Images
{
    public const string Training = "763104351884.dkr.ecr.us-east-1.amazonaws.com/pytorch-training:2.1.0-gpu-py310";
}

file static partial class Images
{
    public const string Training = "763104351884.dkr.ecr.us-east-1.amazonaws.com/pytorch-training:2.1.0-gpu-py310";
}
