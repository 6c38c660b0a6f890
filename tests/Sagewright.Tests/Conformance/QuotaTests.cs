using System.Text.RegularExpressions;
using Sagewright.Model.Validation;
using Sagewright.Tests.Infrastructure;

namespace Sagewright.Tests.Conformance;

/// <summary>The <see cref="Quotas"/> constants that cite a botocore shape equal that shape's bound.</summary>
public class QuotaTests
{
    /// <summary>Constant → (value, botocore shape, which bound). Processing ranges "1..N" are also checked at the
    /// lower end: the compiler checks them from 1 (CompilerPass.CheckRange).</summary>
    public static TheoryData<string, int, string, string> Citations() => new()
    {
        { nameof(Quotas.MaxDefinitionBytes), Quotas.MaxDefinitionBytes, "PipelineDefinition", "max" },
        { nameof(Quotas.MaxProcessingInputs), Quotas.MaxProcessingInputs, "ProcessingInputs", "max" },
        { nameof(Quotas.MaxProcessingOutputs), Quotas.MaxProcessingOutputs, "ProcessingOutputs", "max" },
        { nameof(Quotas.MaxTrainingChannels), Quotas.MaxTrainingChannels, "InputDataConfig", "max" },
        { nameof(Quotas.MaxEnvironment), Quotas.MaxEnvironment, "ProcessingEnvironmentMap", "max" },
        { nameof(Quotas.MaxEnvironment), Quotas.MaxEnvironment, "TrainingEnvironmentMap", "max" },
        { nameof(Quotas.MaxHyperParameters), Quotas.MaxHyperParameters, "HyperParameters", "max" },
        { nameof(Quotas.MaxContainerArguments), Quotas.MaxContainerArguments, "ContainerArguments", "max" },
        { nameof(Quotas.MaxContainerArgumentLength), Quotas.MaxContainerArgumentLength, "ContainerArgument", "max" },
        { nameof(Quotas.MaxProcessingInstanceCount), Quotas.MaxProcessingInstanceCount, "ProcessingInstanceCount", "max" },
        { nameof(Quotas.MaxProcessingInstanceCount), 1, "ProcessingInstanceCount", "min" },
        { nameof(Quotas.MaxProcessingVolumeSizeInGB), Quotas.MaxProcessingVolumeSizeInGB, "ProcessingVolumeSizeInGB", "max" },
        { nameof(Quotas.MaxProcessingVolumeSizeInGB), 1, "ProcessingVolumeSizeInGB", "min" },
        { nameof(Quotas.MaxProcessingRuntimeSeconds), Quotas.MaxProcessingRuntimeSeconds, "ProcessingMaxRuntimeInSeconds", "max" },
        { nameof(Quotas.MaxProcessingRuntimeSeconds), 1, "ProcessingMaxRuntimeInSeconds", "min" },
        { nameof(Quotas.MaxTags), Quotas.MaxTags, "TagList", "max" },
        { nameof(Quotas.MaxProductionVariants), Quotas.MaxProductionVariants, "ProductionVariantList", "max" },
        { nameof(Quotas.MaxCaptureContentTypes), Quotas.MaxCaptureContentTypes, "CsvContentTypes", "max" },
        { nameof(Quotas.MaxCaptureContentTypes), Quotas.MaxCaptureContentTypes, "JsonContentTypes", "max" },
        { nameof(Quotas.MaxCaptureDestinationLength), Quotas.MaxCaptureDestinationLength, "DestinationS3Uri", "max" },
        { nameof(Quotas.MinServerlessMemorySizeInMB), Quotas.MinServerlessMemorySizeInMB, "ServerlessMemorySizeInMB", "min" },
        { nameof(Quotas.MaxServerlessMemorySizeInMB), Quotas.MaxServerlessMemorySizeInMB, "ServerlessMemorySizeInMB", "max" },
        { nameof(Quotas.MaxServerlessConcurrency), Quotas.MaxServerlessConcurrency, "ServerlessMaxConcurrency", "max" },
        { nameof(Quotas.MaxServerlessConcurrency), Quotas.MaxServerlessConcurrency, "ServerlessProvisionedConcurrency", "max" },
        { nameof(Quotas.MaxParameterRanges), Quotas.MaxParameterRanges, "ContinuousParameterRanges", "max" },
        { nameof(Quotas.MaxParameterRanges), Quotas.MaxParameterRanges, "IntegerParameterRanges", "max" },
        { nameof(Quotas.MaxParameterRanges), Quotas.MaxParameterRanges, "CategoricalParameterRanges", "max" },
        { nameof(Quotas.MaxCategoricalValues), Quotas.MaxCategoricalValues, "ParameterValues", "max" },
        { nameof(Quotas.MaxCategoricalValues), 1, "ParameterValues", "min" },
        { nameof(Quotas.MaxParameterValueLength), Quotas.MaxParameterValueLength, "ParameterValue", "max" },
        { nameof(Quotas.MaxParameterValueLength), Quotas.MaxParameterValueLength, "ParameterKey", "max" },
        { nameof(Quotas.MaxMetricDefinitions), Quotas.MaxMetricDefinitions, "MetricDefinitionList", "max" },
        { nameof(Quotas.MaxMetricRegexLength), Quotas.MaxMetricRegexLength, "MetricRegex", "max" },
        { nameof(Quotas.MaxMetricRegexLength), 1, "MetricRegex", "min" },
        { nameof(Quotas.MaxWarmStartParents), Quotas.MaxWarmStartParents, "ParentHyperParameterTuningJobs", "max" },
        { nameof(Quotas.MaxWarmStartParents), 1, "ParentHyperParameterTuningJobs", "min" },
        { nameof(Quotas.MaxTuningEnvironment), Quotas.MaxTuningEnvironment, "HyperParameterTrainingJobEnvironmentMap", "max" },
        { nameof(Quotas.MaxCustomerMetadata), Quotas.MaxCustomerMetadata, "CustomerMetadataMap", "max" },
        { nameof(Quotas.MaxEnvironment), Quotas.MaxEnvironment, "EnvironmentMap", "max" },
        { nameof(Quotas.MaxModelEnvironmentValueLength), Quotas.MaxModelEnvironmentValueLength, "EnvironmentValue", "max" },
        { nameof(Quotas.MaxModelDataUrlLength), Quotas.MaxModelDataUrlLength, "Url", "max" },
        { nameof(Quotas.MaxTransformEnvironment), Quotas.MaxTransformEnvironment, "TransformEnvironmentMap", "max" },
        { nameof(Quotas.MaxTransformEnvironmentValueLength), Quotas.MaxTransformEnvironmentValueLength, "TransformEnvironmentValue", "max" },
        { nameof(Quotas.MaxTransformPayloadInMB), 0, "MaxPayloadInMB", "min" },
        { nameof(Quotas.MaxEntityDescriptionLength), Quotas.MaxEntityDescriptionLength, "EntityDescription", "max" },
        { nameof(Quotas.MaxModelPackageGroupArnLength), Quotas.MaxModelPackageGroupArnLength, "ArnOrName", "max" },
        { nameof(Quotas.MaxImageUriLength), Quotas.MaxImageUriLength, "ImageUri", "max" },
        { nameof(Quotas.MaxImageUriLength), Quotas.MaxImageUriLength, "AlgorithmImage", "max" },
        { nameof(Quotas.MaxImageUriLength), Quotas.MaxImageUriLength, "ContainerImage", "max" },
        { nameof(Quotas.MaxProcessingEnvironmentValueLength), Quotas.MaxProcessingEnvironmentValueLength, "ProcessingEnvironmentValue", "max" },
        { nameof(Quotas.MaxTrainingEnvironmentValueLength), Quotas.MaxTrainingEnvironmentValueLength, "TrainingEnvironmentValue", "max" },
        { nameof(Quotas.MaxResponseMimeTypeLength), Quotas.MaxResponseMimeTypeLength, "ResponseMIMEType", "max" },
        { nameof(Quotas.MaxMimeTypeLength), Quotas.MaxMimeTypeLength, "ContentType", "max" },
        { nameof(Quotas.MaxHyperParameterNameLength), Quotas.MaxHyperParameterNameLength, "HyperParameterKey", "max" },
        { nameof(Quotas.MaxHyperParameterValueLength), Quotas.MaxHyperParameterValueLength, "HyperParameterValue", "max" },
        { nameof(Quotas.MaxProcessingLocalPathLength), Quotas.MaxProcessingLocalPathLength, "ProcessingLocalPath", "max" },
        { nameof(Quotas.MinRoleArnLength), Quotas.MinRoleArnLength, "RoleArn", "min" },
        { nameof(Quotas.MaxRoleArnLength), Quotas.MaxRoleArnLength, "RoleArn", "max" },
        { nameof(Quotas.MaxKmsKeyIdLength), Quotas.MaxKmsKeyIdLength, "KmsKeyId", "max" },
        { nameof(Quotas.MaxMimeTypeLength), Quotas.MaxMimeTypeLength, "Accept", "max" },
        { nameof(Quotas.MaxJsonPathLength), Quotas.MaxJsonPathLength, "JsonPath", "max" },
        { nameof(Quotas.MaxVpcSubnets), Quotas.MaxVpcSubnets, "Subnets", "max" },
        { nameof(Quotas.MaxVpcSubnets), 1, "Subnets", "min" },
        { nameof(Quotas.MaxVpcSecurityGroups), Quotas.MaxVpcSecurityGroups, "VpcSecurityGroupIds", "max" },
        { nameof(Quotas.MaxVpcSecurityGroups), 1, "VpcSecurityGroupIds", "min" },
        { "S3Uris." + nameof(S3Uris.MaxLength), S3Uris.MaxLength, "S3Uri", "max" },
    };

    [ReferenceTheory]
    [MemberData(nameof(Citations))]
    public void Quota_equals_the_cited_botocore_bound(string constant, int value, string shape, string bound)
    {
        var botocore = BotocoreModel.SageMaker.Shape(shape);
        var expected = bound == "max" ? botocore.Max : botocore.Min;
        Assert.True(expected == value, $"{constant} = {value}, but botocore {shape} has {bound} {expected?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "(none)"}");
    }

    [Fact]
    public void Every_constant_that_cites_botocore_is_checked()
    {
        // Reads the doc comments of Quotas.cs: a constant whose summary mentions botocore needs a row above.
        var source = File.ReadAllText(Path.Combine(Paths.RepoRoot, "src", "Sagewright.Model", "Validation", "Quotas.cs"));
        var citing = Regex.Matches(source, @"///\s*<summary>(?<doc>[^\n]*)</summary>\s*public const int (?<name>\w+)")
            .Where(m => m.Groups["doc"].Value.Contains("botocore", StringComparison.Ordinal))
            .Select(m => m.Groups["name"].Value)
            .ToList();
        Assert.NotEmpty(citing);
        var covered = Citations().Select(row => (string)row[0]).ToHashSet(StringComparer.Ordinal);
        var missing = citing.Where(name => !covered.Contains(name)).ToList();
        Assert.True(missing.Count == 0, "Quotas constants that cite botocore but are not checked: " + string.Join(", ", missing));
    }
}
