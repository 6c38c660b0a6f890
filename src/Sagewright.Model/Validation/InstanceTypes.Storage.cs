namespace Sagewright.Model.Validation;

public static partial class InstanceTypes
{
    /// <summary>True when the instance type has local NVMe instance storage instead of an attached EBS volume. SageMaker
    /// encrypts that storage in hardware and refuses a <c>VolumeKmsKeyId</c> for it (botocore, <c>ResourceConfig.VolumeKmsKeyId</c>:
    /// "You can't request a VolumeKmsKeyId when using an instance type with local storage"). The families are the SageMaker
    /// Python SDK's (<c>sagemaker.utils.volume_size_supported</c>): a "d" in the family (<c>c5d</c>, <c>g4dn</c>, <c>p4d</c>,
    /// <c>dl1</c>, …) or a <c>g5</c> family.</summary>
    public static bool HasLocalStorage(string instanceType)
    {
        var parts = instanceType.Split('.');
        if (parts.Length != 3 || parts[0] != "ml")
        {
            return false;
        }

        var family = parts[1];
        return family.IndexOf('d') >= 0 || family.StartsWith("g5", StringComparison.Ordinal);
    }
}
