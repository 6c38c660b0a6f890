using System.Text.RegularExpressions;

namespace Sagewright.Model.Validation;

/// <summary>Where an ARN or queue URL points: partition, region and account.</summary>
public sealed record AwsLocation(string Partition, string Region, string Account);

/// <summary>The targets of Lambda and callback steps: function ARNs and SQS queue URLs.</summary>
public static class ExternalTargets
{
    // AWS Lambda API reference, Invoke/GetFunction FunctionName: the function ARN form, name 1–64 of [a-zA-Z0-9-_],
    // an optional version or alias qualifier ($LATEST, digits, or an alias of [a-zA-Z0-9-_]).
    private static readonly Regex FunctionArn = new(
        "^arn:(aws[a-zA-Z-]*):lambda:([a-z]{2}(?:-[a-z]+)+-\\d):(\\d{12}):function:[a-zA-Z0-9\\-_]{1,64}(?::(?:\\$LATEST|[a-zA-Z0-9\\-_]{1,128}))?\\z",
        RegexOptions.CultureInvariant);

    // Amazon SQS developer guide, "Queue and message identifiers": https://sqs.<region>.amazonaws.com/<account>/<name>
    // (amazonaws.com.cn in China, and the legacy <region>.queue.amazonaws.com host); a queue name is 1–80 of
    // [A-Za-z0-9-_], a FIFO queue's ending in .fifo.
    private static readonly Regex QueueUrl = new(
        "^https://(?:sqs\\.([a-z]{2}(?:-[a-z]+)+-\\d)|([a-z]{2}(?:-[a-z]+)+-\\d)\\.queue|(queue))\\.amazonaws\\.com(\\.cn)?/(\\d{12})/([A-Za-z0-9\\-_]{1,80}|[A-Za-z0-9\\-_]{1,75}\\.fifo)\\z",
        RegexOptions.CultureInvariant);

    /// <summary>Parses a Lambda function ARN; null when it is not one.</summary>
    public static AwsLocation? ParseFunctionArn(string arn)
    {
        var match = FunctionArn.Match(arn);
        return match.Success ? new AwsLocation(match.Groups[1].Value, match.Groups[2].Value, match.Groups[3].Value) : null;
    }

    /// <summary>Parses an SQS queue URL; null when it is not one.</summary>
    public static AwsLocation? ParseQueueUrl(string url)
    {
        var match = QueueUrl.Match(url);
        if (!match.Success)
        {
            return null;
        }

        var region = match.Groups[1].Success ? match.Groups[1].Value : match.Groups[2].Success ? match.Groups[2].Value : "us-east-1";
        var china = match.Groups[4].Success;
        if (china != region.StartsWith("cn-", StringComparison.Ordinal))
        {
            return null; // amazonaws.com.cn hosts the China regions only
        }

        var partition = china ? "aws-cn" : region.StartsWith("us-gov-", StringComparison.Ordinal) ? "aws-us-gov" : "aws";
        return new AwsLocation(partition, region, match.Groups[5].Value);
    }
}
