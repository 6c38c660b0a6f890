using System.Text.RegularExpressions;

namespace Sagewright.Model.Validation;

/// <summary>Name and value rules from the SageMaker API model. NameRuleTests checks each pattern and
/// length against the botocore shape it names.</summary>
public static class NameRules
{
    /// <summary>botocore <c>PipelineName</c>: 1–256, <c>[a-zA-Z0-9](-*[a-zA-Z0-9]){0,255}</c>.</summary>
    public static readonly NameRule Pipeline = new("pipeline name", 1, 256, "^[a-zA-Z0-9](-*[a-zA-Z0-9]){0,255}$",
        "letters, digits and hyphens, starting and ending with a letter or digit");

    /// <summary>botocore <c>StepName</c> (max 64, <c>[A-Za-z0-9\-_]*</c>); the definition schema also requires at least one character.</summary>
    public static readonly NameRule Step = new("step name", 1, 64, "^[A-Za-z0-9\\-_]*$", "letters, digits, '-' and '_'");

    /// <summary>botocore <c>PipelineParameterName</c>: 1–256, <c>[A-Za-z0-9\-_]*</c>.</summary>
    public static readonly NameRule Parameter = new("parameter name", 1, 256, "^[A-Za-z0-9\\-_]*$", "letters, digits, '-' and '_'");

    /// <summary>botocore <c>ChannelName</c>: 1–64, <c>[A-Za-z0-9\.\-_]+</c>.</summary>
    public static readonly NameRule Channel = new("channel name", 1, 64, "^[A-Za-z0-9\\.\\-_]+$", "letters, digits, '.', '-' and '_'");

    /// <summary>botocore <c>ModelName</c>: max 63, <c>[a-zA-Z0-9]([\-a-zA-Z0-9]*[a-zA-Z0-9])?</c> (an empty name is refused by the service).</summary>
    public static readonly NameRule Model = new("model name", 1, 63, "^[a-zA-Z0-9]([\\-a-zA-Z0-9]*[a-zA-Z0-9])?$",
        "letters, digits and hyphens, starting and ending with a letter or digit");

    /// <summary>botocore <c>ProcessingEnvironmentKey</c>: up to 256, <c>[a-zA-Z_][a-zA-Z0-9_]*</c>.</summary>
    public static readonly NameRule EnvironmentKey = new("environment variable name", 1, 256, "^[a-zA-Z_][a-zA-Z0-9_]*$",
        "letters, digits and '_', not starting with a digit");

    /// <summary>botocore <c>EntityName</c> (the name part of <c>ModelPackageGroupName</c>, shape <c>ArnOrName</c>):
    /// 1–63, <c>[a-zA-Z0-9](-*[a-zA-Z0-9]){0,62}</c>.</summary>
    public static readonly NameRule ModelPackageGroup = new("model package group name", 1, 63, "^[a-zA-Z0-9](-*[a-zA-Z0-9]){0,62}$",
        "letters, digits and hyphens, starting and ending with a letter or digit");

    /// <summary>botocore <c>TagKey</c>: 1–128, <c>([\p{L}\p{Z}\p{N}_.:/=+\-@]*)</c>.</summary>
    public static readonly NameRule TagKey = new("tag key", 1, 128, "^([\\p{L}\\p{Z}\\p{N}_.:/=+\\-@]*)$",
        "letters, digits, spaces and _ . : / = + - @");

    /// <summary>botocore <c>TagValue</c>: up to 256, same characters as keys.</summary>
    public static readonly NameRule TagValue = new("tag value", 0, 256, "^([\\p{L}\\p{Z}\\p{N}_.:/=+\\-@]*)$",
        "letters, digits, spaces and _ . : / = + - @");

    /// <summary>botocore <c>HyperParameterTuningJobName</c>: 1–32, <c>[a-zA-Z0-9](-*[a-zA-Z0-9]){0,31}</c>.</summary>
    public static readonly NameRule TuningJob = new("tuning job name", 1, 32, "^[a-zA-Z0-9](-*[a-zA-Z0-9]){0,31}$",
        "letters, digits and hyphens, starting and ending with a letter or digit");

    /// <summary>botocore <c>ExperimentEntityName</c> (the experiment and trial of <c>PipelineExperimentConfig</c>): 1–120,
    /// <c>[a-zA-Z0-9](-*[a-zA-Z0-9]){0,119}</c>.</summary>
    public static readonly NameRule ExperimentEntity = new("experiment or trial name", 1, 120, "^[a-zA-Z0-9](-*[a-zA-Z0-9]){0,119}$",
        "letters, digits and hyphens, starting and ending with a letter or digit");

    /// <summary>botocore <c>MetricName</c>: 1–255, <c>.+</c>.</summary>
    public static readonly NameRule MetricName = new("metric name", 1, 255, "^.+$", "characters other than line breaks");

    /// <summary>Returns null when the name is valid, else a message that says what is wrong.</summary>
    public static string? Check(NameRule rule, string name)
    {
        if (name.Length < rule.MinLength)
        {
            return rule.What + " must not be empty";
        }

        if (name.Length > rule.MaxLength)
        {
            return rule.What + " '" + name + "' is " + name.Length.ToString(System.Globalization.CultureInfo.InvariantCulture)
                + " characters long; the maximum is " + rule.MaxLength.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        return rule.Regex.IsMatch(name) ? null : rule.What + " '" + name + "' is invalid: use only " + rule.Allowed;
    }
}

public sealed class NameRule
{
    public NameRule(string what, int minLength, int maxLength, string pattern, string allowed)
    {
        What = what;
        MinLength = minLength;
        MaxLength = maxLength;
        Pattern = pattern;
        Allowed = allowed;

        // botocore patterns must match the whole name (Java's matches()); .NET's $ also matches before a final
        // newline, so "name\n" would pass. \z closes that gap without changing the documented Pattern.
        Regex = new Regex("(?:" + pattern + ")\\z", RegexOptions.CultureInvariant);
    }

    public string What { get; }

    public int MinLength { get; }

    public int MaxLength { get; }

    public string Pattern { get; }

    public string Allowed { get; }

    internal Regex Regex { get; }
}

public static class S3Uris
{
    /// <summary>botocore <c>S3Uri</c> max length.</summary>
    public const int MaxLength = 1024;

    /// <summary>Returns null when <paramref name="uri"/> is an <c>s3://bucket/key</c> URI with a valid
    /// general-purpose bucket name, else the reason.</summary>
    public static string? Check(string uri)
    {
        if (uri.Length > MaxLength)
        {
            return "it is longer than 1024 characters";
        }

        if (!uri.StartsWith("s3://", StringComparison.Ordinal))
        {
            return "it must start with 's3://'";
        }

        if (CheckBucket(Split(uri).Bucket) is { } bucketProblem)
        {
            return bucketProblem;
        }

        var rest = uri.Substring(5);
        if (rest.Contains("//"))
        {
            return "it contains an empty path segment ('//')";
        }

        return rest.Any(char.IsWhiteSpace) ? "it contains white space" : null;
    }

    /// <summary>General-purpose bucket naming rules (S3 user guide, "Bucket naming rules").</summary>
    public static string? CheckBucket(string bucket)
    {
        if (bucket.Length == 0)
        {
            return "the bucket name is missing";
        }

        if (bucket.Length < Quotas.MinBucketNameLength || bucket.Length > Quotas.MaxBucketNameLength)
        {
            return "the bucket name '" + bucket + "' must be " + Pipeline.PipelineCompiler.Int(Quotas.MinBucketNameLength) + " to " + Pipeline.PipelineCompiler.Int(Quotas.MaxBucketNameLength) + " characters long";
        }

        if (!Regex.IsMatch(bucket, "^[a-z0-9][a-z0-9.-]*[a-z0-9]$", RegexOptions.CultureInvariant))
        {
            return "the bucket name '" + bucket + "' may contain only lower-case letters, digits, '.' and '-', and must start and end with a letter or digit";
        }

        if (bucket.Contains("..") || Regex.IsMatch(bucket, "^\\d+\\.\\d+\\.\\d+\\.\\d+$", RegexOptions.CultureInvariant))
        {
            return "the bucket name '" + bucket + "' must not contain '..' or look like an IP address";
        }

        return null;
    }

    /// <summary>Splits an <c>s3://</c> URI, checked or not, into bucket and key (either may be empty): the bucket is
    /// what comes before the first <c>/</c> after the scheme.</summary>
    public static (string Bucket, string Key) Split(string uri)
    {
        var rest = uri.Substring(5);
        var slash = rest.IndexOf('/');
        return slash < 0 ? (rest, string.Empty) : (rest.Substring(0, slash), rest.Substring(slash + 1));
    }
}

public static class AwsSettings
{
    public static bool IsAccountId(string? value) => value is not null && Regex.IsMatch(value, "^\\d{12}$", RegexOptions.CultureInvariant);

    public static bool IsRegion(string? value) => value is not null && Regex.IsMatch(value, "^[a-z]{2}(-[a-z]+)+-\\d$", RegexOptions.CultureInvariant);

    public static bool IsPartition(string? value) => value is "aws" or "aws-cn" or "aws-us-gov";

    /// <summary>botocore <c>RoleArn</c>: 20–2048, <c>arn:aws[a-z\-]*:iam::\d{12}:role/?[a-zA-Z_0-9+=,.@\-_/]+</c>.</summary>
    public static bool IsRoleArn(string value) =>
        value.Length >= Quotas.MinRoleArnLength && value.Length <= Quotas.MaxRoleArnLength
        && Regex.IsMatch(value, "^arn:aws[a-z\\-]*:iam::\\d{12}:role/?[a-zA-Z_0-9+=,.@\\-_/]+\\z", RegexOptions.CultureInvariant);
}
