namespace Sagewright.Cli.Tests.Infrastructure;

/// <summary>The FraudDetection policies before and after a change, as a build writes them
/// (sagemaker/FraudDetection/iam/). Between old/ and new/:
/// <list type="bullet">
/// <item>job role: input read moved from raw-data/* to raw-data/2024/* (covered: narrowing) and
///   raw-data-old/* (not covered: widening); the output write is gone (narrowing);</item>
/// <item>pipeline role: PassRole lost its iam:PassedToService condition (widening), the Deny on
///   deletes is gone (widening);</item>
/// <item>job trust policy: unchanged.</item>
/// </list></summary>
public static class Scenario
{
    public const string OldJob = """
        {
          "Version": "2012-10-17",
          "Statement": [
            {"Sid": "ReadInputData", "Effect": "Allow", "Action": ["s3:GetObject"], "Resource": ["arn:aws:s3:::my-bucket/raw-data/*"]},
            {"Sid": "ListInputData", "Effect": "Allow", "Action": ["s3:ListBucket"], "Resource": ["arn:aws:s3:::my-bucket"],
             "Condition": {"StringLike": {"s3:prefix": ["raw-data/", "raw-data/*"]}}},
            {"Sid": "WriteOutput", "Effect": "Allow", "Action": ["s3:PutObject"], "Resource": ["arn:aws:s3:::my-bucket/processed/*"]}
          ]
        }
        """;

    public const string NewJob = """
        {
          "Version": "2012-10-17",
          "Statement": [
            {"Sid": "ReadInputData", "Effect": "Allow", "Action": ["s3:GetObject"],
             "Resource": ["arn:aws:s3:::my-bucket/raw-data-old/*", "arn:aws:s3:::my-bucket/raw-data/2024/*"]},
            {"Sid": "ListInputData", "Effect": "Allow", "Action": ["s3:ListBucket"], "Resource": ["arn:aws:s3:::my-bucket"],
             "Condition": {"StringLike": {"s3:prefix": ["raw-data/", "raw-data/*"]}}}
          ]
        }
        """;

    public const string OldPipeline = """
        {
          "Version": "2012-10-17",
          "Statement": [
            {"Sid": "PassJobRole", "Effect": "Allow", "Action": ["iam:PassRole"], "Resource": ["arn:aws:iam::111122223333:role/FraudDetection-job"],
             "Condition": {"StringEquals": {"iam:PassedToService": "sagemaker.amazonaws.com"}}},
            {"Sid": "DenyDelete", "Effect": "Deny", "Action": ["s3:DeleteObject"], "Resource": ["arn:aws:s3:::my-bucket/*"]}
          ]
        }
        """;

    public const string NewPipeline = """
        {
          "Version": "2012-10-17",
          "Statement": [
            {"Sid": "PassJobRole", "Effect": "Allow", "Action": ["iam:PassRole"], "Resource": ["arn:aws:iam::111122223333:role/FraudDetection-job"]}
          ]
        }
        """;

    public const string Trust = """
        {
          "Version": "2012-10-17",
          "Statement": [
            {"Effect": "Allow", "Principal": {"Service": "sagemaker.amazonaws.com"}, "Action": "sts:AssumeRole",
             "Condition": {"StringEquals": {"aws:SourceAccount": "111122223333"}}}
          ]
        }
        """;

    /// <summary>Writes old/ and new/ under <paramref name="dir"/>.</summary>
    public static void Write(TempDir dir)
    {
        dir.Write("old/FraudDetection-job.policy.json", OldJob);
        dir.Write("old/FraudDetection-pipeline.policy.json", OldPipeline);
        dir.Write("old/FraudDetection-job.trust.json", Trust);
        dir.Write("new/FraudDetection-job.policy.json", NewJob);
        dir.Write("new/FraudDetection-pipeline.policy.json", NewPipeline);
        dir.Write("new/FraudDetection-job.trust.json", Trust);
    }
}
