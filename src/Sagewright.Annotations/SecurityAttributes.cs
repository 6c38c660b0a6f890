using System;
using System.Diagnostics;

namespace Sagewright;

// The values of these attributes must be written in source (not nameof a parameter): Sagewright derives the
// job role's KMS and EC2 permissions from them.

/// <summary>Customer managed KMS keys for a job's data at rest. Applies to processing, training, tuning and
/// transform steps. Without it SageMaker encrypts S3 outputs with the AWS managed key for S3 and the ML storage volume
/// with a transient key (rule SGW203).
/// <para>A key is given as a key ID (<c>1234abcd-12ab-34cd-56ef-1234567890ab</c>), a key ARN
/// (<c>arn:aws:kms:us-east-1:111122223333:key/1234abcd-…</c>), an alias (<c>alias/ml-data</c>) or an alias ARN
/// (<c>arn:aws:kms:us-east-1:111122223333:alias/ml-data</c>). Prefer key ARNs: the generated IAM policy can then
/// name the key itself.</para></summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = false, Inherited = false)]
[Conditional("SAGEWRIGHT_ANNOTATIONS")]
public sealed class EncryptionAttribute : Attribute
{
    /// <summary>The key SageMaker encrypts the job's S3 output with: <c>ProcessingOutputConfig.KmsKeyId</c> (all
    /// processing outputs), <c>OutputDataConfig.KmsKeyId</c> (model artifacts of training and tuning jobs),
    /// <c>TransformOutput.KmsKeyId</c>.</summary>
    public string? OutputKmsKeyId { get; set; }

    /// <summary>The key SageMaker encrypts the ML storage volume attached to the job's instances with
    /// (<c>VolumeKmsKeyId</c> of the job's resources). Training and tuning jobs take a key ID or key ARN only.
    /// Instance types with local NVMe storage (for example <c>ml.g4dn.*</c>, <c>ml.m5d.*</c>) encrypt their
    /// storage in hardware and refuse a volume key.</summary>
    public string? VolumeKmsKeyId { get; set; }
}

/// <summary>The network a job runs in. Applies to processing, training and tuning steps and to model steps
/// (whose VPC transform jobs use too). <see cref="Subnets"/> and <see cref="SecurityGroupIds"/> together make the
/// <c>VpcConfig</c>; give both or neither.</summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = false, Inherited = false)]
[Conditional("SAGEWRIGHT_ANNOTATIONS")]
public sealed class NetworkAttribute : Attribute
{
    /// <summary>The VPC subnets the job's instances run in, 1 to 16 IDs such as <c>subnet-0123456789abcdef0</c>.</summary>
    public string[]? Subnets { get; set; }

    /// <summary>The VPC security groups of the job's instances, 1 to 5 IDs such as <c>sg-0123456789abcdef0</c>.</summary>
    public string[]? SecurityGroupIds { get; set; }

    /// <summary>Runs the containers without network access (<c>EnableNetworkIsolation</c>): SageMaker still
    /// downloads inputs and uploads outputs, but the code cannot call out. Default: false.</summary>
    public bool EnableNetworkIsolation { get; set; }

    /// <summary>Encrypts the traffic between the instances of a distributed job
    /// (<c>EnableInterContainerTrafficEncryption</c>). Not for model steps. Default: false.</summary>
    public bool EnableInterContainerTrafficEncryption { get; set; }
}
