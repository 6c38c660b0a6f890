using System.Text.RegularExpressions;

namespace Sagewright.Model.Pipeline;

/// <summary>[Encryption]: the KMS keys as written. A key given as <c>nameof</c> a parameter is kept (and reported:
/// keys must be literal so the IAM policies can name them).</summary>
/// <param name="OutputKmsKeyId">Null when not set.</param>
/// <param name="VolumeKmsKeyId">Null when not set.</param>
/// <param name="Origin">The [Encryption] attribute; the keys are its named arguments.</param>
public sealed record EncryptionDecl(ValueSource? OutputKmsKeyId, ValueSource? VolumeKmsKeyId, Origin Origin);

/// <summary>[Network] as written.</summary>
/// <param name="Subnets">The subnet IDs, or null when not set (an empty array is set, and reported).</param>
/// <param name="SecurityGroupIds">The security group IDs, or null when not set.</param>
/// <param name="NetworkIsolation">EnableNetworkIsolation, or null when not written.</param>
/// <param name="InterContainerEncryption">EnableInterContainerTrafficEncryption, or null when not written.</param>
/// <param name="Origin">The [Network] attribute; the settings are its named arguments.</param>
public sealed record NetworkDecl(
    EquatableArray<string>? Subnets,
    EquatableArray<string>? SecurityGroupIds,
    bool? NetworkIsolation,
    bool? InterContainerEncryption,
    Origin Origin);

/// <summary>How a KMS key is named.</summary>
public enum KmsKeyKind
{
    /// <summary>A key ID: <c>1234abcd-12ab-34cd-56ef-1234567890ab</c> or a multi-Region <c>mrk-…</c> ID.</summary>
    KeyId,

    /// <summary>A key ARN: <c>arn:aws:kms:us-east-1:111122223333:key/&lt;key id&gt;</c>.</summary>
    KeyArn,

    /// <summary>An alias name: <c>alias/ml-data</c>.</summary>
    AliasName,

    /// <summary>An alias ARN: <c>arn:aws:kms:us-east-1:111122223333:alias/ml-data</c>.</summary>
    AliasArn,
}

/// <summary>A KMS key as a job uses it.</summary>
/// <param name="Value">The text sent to SageMaker, exactly as written.</param>
/// <param name="Kind">How the key is named.</param>
/// <param name="Arn">The key ARN (for <see cref="KmsKeyKind.KeyId"/> and <see cref="KmsKeyKind.KeyArn"/>) or the alias
/// ARN (for the alias kinds), completed with the build's partition, region and account when the value does not
/// carry them; null when those settings are missing. An alias ARN is not a key ARN: a policy statement can only
/// name the key behind an alias through the <c>kms:RequestAlias</c>/<c>kms:ResourceAliases</c> conditions.</param>
public sealed record KmsKeyReference(string Value, KmsKeyKind Kind, string? Arn)
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(1);

    // KMS key IDs are UUIDs (lower-case hex) or multi-Region key IDs (mrk- and 32 hex digits).
    private const string KeyIdPattern = "(?:[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}|mrk-[0-9a-fA-F]{32})";

    // Alias names: alias/ and letters, digits, '/', '_' and '-' (KMS CreateAlias AliasName, 1..256 in all).
    private const string AliasPattern = "alias/[a-zA-Z0-9/_-]+";

    private static readonly Regex KeyId = new("^" + KeyIdPattern + "$", RegexOptions.CultureInvariant, Timeout);
    private static readonly Regex Alias = new("^" + AliasPattern + "$", RegexOptions.CultureInvariant, Timeout);
    private static readonly Regex ArnPattern = new(
        "^arn:(?<partition>aws|aws-cn|aws-us-gov|aws-iso|aws-iso-b|aws-iso-e|aws-iso-f|aws-eusc):kms:(?<region>[a-z]{2}(?:-[a-z]+)+-\\d):(?<account>\\d{12}):(?:key/" + KeyIdPattern + "|(?<alias>" + AliasPattern + "))$",
        RegexOptions.CultureInvariant, Timeout);

    /// <summary>What the value names, or null when it is not a key ID, key ARN, alias or alias ARN.</summary>
    public static KmsKeyKind? KindOf(string value)
    {
        if (value.Length is 0 or > Validation.Quotas.MaxKmsKeyIdLength)
        {
            return null;
        }

        if (KeyId.IsMatch(value))
        {
            return KmsKeyKind.KeyId;
        }

        if (Alias.IsMatch(value))
        {
            return value.Length <= Validation.Quotas.MaxKmsAliasLength ? KmsKeyKind.AliasName : null;
        }

        var arn = ArnPattern.Match(value);
        return !arn.Success ? null : arn.Groups["alias"].Success ? KmsKeyKind.AliasArn : KmsKeyKind.KeyArn;
    }

    /// <summary>The region an ARN names, or null for a key ID or alias name.</summary>
    public static string? RegionOf(string value)
    {
        var arn = ArnPattern.Match(value);
        return arn.Success ? arn.Groups["region"].Value : null;
    }

    /// <summary>The reference for a valid value (see <see cref="KindOf"/>), or null.</summary>
    public static KmsKeyReference? Resolve(string value, BuildSettings settings)
    {
        if (KindOf(value) is not { } kind)
        {
            return null;
        }

        var complete = !string.IsNullOrEmpty(settings.AccountId) && !string.IsNullOrEmpty(settings.Region);
        var prefix = "arn:" + settings.Partition + ":kms:" + settings.Region + ":" + settings.AccountId + ":";
        var arn = kind switch
        {
            KmsKeyKind.KeyArn or KmsKeyKind.AliasArn => value,
            KmsKeyKind.KeyId => complete ? prefix + "key/" + value : null,
            _ => complete ? prefix + value : null,
        };
        return new KmsKeyReference(value, kind, arn);
    }
}

/// <summary>The security settings of one step, resolved for the IAM deriver and other readers: what SageMaker
/// is asked to encrypt with which key, and which network the job runs in. Read it with
/// <see cref="Of(StepDecl, BuildSettings)"/>; invalid values (reported as errors) are left out.</summary>
/// <param name="OutputKmsKeyId">The key of the S3 outputs / model artifacts, or null (AWS managed key).</param>
/// <param name="VolumeKmsKeyId">The key of the ML storage volume, or null (AWS managed key).</param>
/// <param name="Subnets">The VPC subnets, empty when the job does not run in a VPC.</param>
/// <param name="SecurityGroupIds">The VPC security groups, empty when the job does not run in a VPC.</param>
/// <param name="NetworkIsolation">Whether the containers run without network access (for a model step also when
/// its step attribute sets <c>NetworkIsolation</c>).</param>
/// <param name="InterContainerEncryption">Whether traffic between the job's instances is encrypted.</param>
public sealed record SecuritySettings(
    KmsKeyReference? OutputKmsKeyId,
    KmsKeyReference? VolumeKmsKeyId,
    EquatableArray<string> Subnets,
    EquatableArray<string> SecurityGroupIds,
    bool NetworkIsolation,
    bool InterContainerEncryption)
{
    /// <summary>True when the job runs in a VPC (it then needs the EC2 network-interface permissions).</summary>
    public bool InVpc => !Subnets.IsEmpty && !SecurityGroupIds.IsEmpty;

    public static SecuritySettings Of(StepDecl step, BuildSettings settings)
    {
        KmsKeyReference? Key(ValueSource? value) =>
            value is { IsLiteral: true } literal ? KmsKeyReference.Resolve(literal.Text, settings) : null;

        // Settings on a step kind they do not apply to are reported (SGW014) and are not part of the job.
        var encryption = step.Kind is StepKind.Processing or StepKind.Training or StepKind.Tuning or StepKind.Transform ? step.Encryption : null;
        var network = step.Kind is StepKind.Processing or StepKind.Training or StepKind.Tuning or StepKind.Model ? step.Network : null;
        var subnets = network?.Subnets ?? EquatableArray<string>.Empty;
        var groups = network?.SecurityGroupIds ?? EquatableArray<string>.Empty;
        var vpc = !subnets.IsEmpty && !groups.IsEmpty;
        return new SecuritySettings(
            Key(encryption?.OutputKmsKeyId),
            Key(encryption?.VolumeKmsKeyId),
            vpc ? subnets : EquatableArray<string>.Empty,
            vpc ? groups : EquatableArray<string>.Empty,
            network?.NetworkIsolation == true || step.Body is ModelBody { NetworkIsolation: true },
            network?.InterContainerEncryption == true && step.Kind != StepKind.Model);
    }
}
