using System.Text.RegularExpressions;
using Sagewright.Model.Iam;

namespace Sagewright.Model.Emit;

/// <summary>[Encryption] and [Network]: the KMS keys and network settings of job and model steps, put where each
/// API request has them. The security rules about them, SGW203 (no customer managed KMS key) and SGW204 (network
/// isolation or inter-container encryption off), are in Rules/Security.</summary>
internal sealed class SecurityEmitter(PipelineCompilation compilation) : CompilerPass(compilation)
{
    private static readonly TimeSpan PatternTimeout = TimeSpan.FromSeconds(1);

    // EC2 resource IDs: the prefix and 8 (older) or 17 lower-case hex digits. botocore's SubnetId and
    // SecurityGroupId shapes allow more ([-0-9a-zA-Z]+, at most 32), but EC2 issues no other form.
    private static readonly Regex SubnetId = new("^subnet-(?:[0-9a-f]{8}|[0-9a-f]{17})$", RegexOptions.CultureInvariant, PatternTimeout);
    private static readonly Regex SecurityGroupId = new("^sg-(?:[0-9a-f]{8}|[0-9a-f]{17})$", RegexOptions.CultureInvariant, PatternTimeout);

    /// <summary>Where a network-isolated training container finds the code: the SDK's
    /// <c>Framework.CONTAINER_CODE_CHANNEL_SOURCEDIR_PATH</c>, inside the <c>code</c> channel.</summary>
    internal const string IsolatedSubmitDirectory = "/opt/ml/input/data/code/sourcedir.tar.gz";

    private const string CodeChannel = "code";

    /// <summary>A training job with [Code] and network isolation: the container cannot download
    /// <c>sourcedir.tar.gz</c> itself, so, as the SageMaker Python SDK does (<c>enable_network_isolation</c> with an
    /// entry point), SageMaker downloads it as the <c>code</c> input channel.</summary>
    internal void AddCodeChannel(StepDecl step, JsonObject arguments, string codeUri)
    {
        if (step.Job.Channels.FirstOrDefault(c => c.Name == CodeChannel) is { } clash)
        {
            Report(RuleIds.InvalidName, clash.Origin.WithArgument(0),
                "Channel name 'code' is reserved: step '" + step.Name + "' is network-isolated, so its [Code] script is passed as the 'code' channel");
        }

        if (step.Job.Channels.Count + 1 > Quotas.MaxTrainingChannels && step.Job.Channels.Count <= Quotas.MaxTrainingChannels)
        {
            CheckCount(step, step.Job.Channels.Count + 1, Quotas.MaxTrainingChannels, step.Job.Channels[step.Job.Channels.Count - 1].Origin.AttributeOnly,
                "channels", " (the code channel of the network-isolated [Code] included)");
        }

        var channels = arguments.Get("InputDataConfig") as JsonArray;
        if (channels is null)
        {
            channels = new JsonArray();
            arguments.Add("InputDataConfig", channels);
        }

        channels.Add(new JsonObject()
            .Add("ChannelName", CodeChannel)
            .Add("DataSource", new JsonObject().Add("S3DataSource", new JsonObject()
                .Add("S3DataType", "S3Prefix")
                .Add("S3Uri", codeUri)
                .Add("S3DataDistributionType", "FullyReplicated"))));
    }

    internal void AddSecurity(StepDecl step, JsonObject arguments)
    {
        var encryption = step.Encryption;
        var network = step.Network;
        switch (step.Kind)
        {
            case StepKind.Processing:
                AddKeys(step, encryption,
                    arguments.Get("ProcessingOutputConfig") as JsonObject,
                    (arguments.Get("ProcessingResources") as JsonObject)?.Get("ClusterConfig") as JsonObject,
                    volumeKeyOnly: false);
                if (network is not null && CheckNetwork(step, network) is var vpc)
                {
                    var config = new JsonObject()
                        .Add("EnableInterContainerTrafficEncryption", network.InterContainerEncryption == true)
                        .Add("EnableNetworkIsolation", network.NetworkIsolation == true);
                    config.AddIf("VpcConfig", vpc);
                    arguments.Add("NetworkConfig", config);
                }

                break;

            case StepKind.Training or StepKind.Tuning:
            {
                var job = step.Kind == StepKind.Tuning ? arguments.Get("TrainingJobDefinition") as JsonObject : arguments;
                AddKeys(step, encryption,
                    job?.Get("OutputDataConfig") as JsonObject,
                    job?.Get(step.Kind == StepKind.Tuning ? "HyperParameterTuningResourceConfig" : "ResourceConfig") as JsonObject,
                    volumeKeyOnly: true);
                if (network is not null && job is not null)
                {
                    // As the SDK's estimators send them: the flags only when on.
                    job.AddIf("VpcConfig", CheckNetwork(step, network));
                    if (network.NetworkIsolation == true)
                    {
                        job.Add("EnableNetworkIsolation", true);
                    }

                    if (network.InterContainerEncryption == true)
                    {
                        job.Add("EnableInterContainerTrafficEncryption", true);
                    }
                }

                break;
            }

            case StepKind.Transform:
                AddKeys(step, encryption, arguments.Get("TransformOutput") as JsonObject, arguments.Get("TransformResources") as JsonObject, volumeKeyOnly: false);
                ReportUnsupported(step, network?.Origin, "[Network]", "processing, training, tuning and model steps (a transform job runs in the VPC of its model: put [Network] on the model step)");
                break;

            case StepKind.Model:
                ReportUnsupported(step, encryption?.Origin, "[Encryption]", "processing, training, tuning and transform steps (CreateModel stores no data)");
                if (network is not null)
                {
                    arguments.AddIf("VpcConfig", CheckNetwork(step, network));
                    var body = step.Body as ModelBody;
                    if (network.NetworkIsolation is { } isolation && body is { NetworkIsolation: true })
                    {
                        Report(RuleIds.SettingConflict, network.Origin.WithNamed("EnableNetworkIsolation"), "Model step '" + step.Name + "'", "network isolation",
                            "[Network(EnableNetworkIsolation = " + (isolation ? "true" : "false") + ")]", "NetworkIsolation on the step attribute", "keep one");
                    }
                    else if (network.NetworkIsolation == true)
                    {
                        arguments.Add("EnableNetworkIsolation", true);
                    }

                    if (network.InterContainerEncryption is not null)
                    {
                        Report(RuleIds.AttributeNotApplicable, network.Origin.WithNamed("EnableInterContainerTrafficEncryption"), "EnableInterContainerTrafficEncryption", "model step", step.Name,
                            "CreateModel has no such setting; set it on the training or processing steps");
                    }
                }

                break;

            default:
                ReportUnsupported(step, encryption?.Origin, "[Encryption]", "processing, training, tuning and transform steps");
                ReportUnsupported(step, network?.Origin, "[Network]", "processing, training, tuning and model steps");
                break;
        }
    }

    /// <summary>Checks the keys and adds them: <c>KmsKeyId</c> to the output configuration, <c>VolumeKmsKeyId</c> to the resources.</summary>
    private void AddKeys(StepDecl step, EncryptionDecl? encryption, JsonObject? output, JsonObject? resources, bool volumeKeyOnly)
    {
        if (encryption is null)
        {
            return;
        }

        if (encryption.OutputKmsKeyId is null && encryption.VolumeKmsKeyId is null)
        {
            Report(RuleIds.RequiredSettingMissing, encryption.Origin.AttributeOnly, "[Encryption] sets no key: give OutputKmsKeyId, VolumeKmsKeyId or both, or remove it");
            return;
        }

        if (encryption.OutputKmsKeyId is { } outputKey && CheckKmsKey(step, outputKey, "OutputKmsKeyId", keyOnly: false) is { } outputText)
        {
            if (output is null)
            {
                Report(RuleIds.TypeMismatch, outputKey.Origin,
                    "OutputKmsKeyId does nothing here: step '" + step.Name + "' has no [Output] to encrypt; remove it or add an output");
            }
            else
            {
                output.Add("KmsKeyId", outputText);
            }
        }

        if (encryption.VolumeKmsKeyId is { } volumeKey && CheckKmsKey(step, volumeKey, "VolumeKmsKeyId", volumeKeyOnly) is { } volumeText)
        {
            if (HasLocalStorage(step))
            {
                Report(RuleIds.TypeMismatch, volumeKey.Origin,
                    "Instance type '" + step.Job.Instance!.Type.Text + "' has local NVMe storage, which SageMaker encrypts in hardware; it refuses a VolumeKmsKeyId for it: remove VolumeKmsKeyId");
            }
            else
            {
                resources?.Add("VolumeKmsKeyId", volumeText);
            }
        }
    }

    /// <summary>The key's text when it is a literal KMS key ID, key ARN, alias or alias ARN in the build's partition
    /// and region; otherwise reports it (SGW016 for a parameter, SGW001 for the shape, SGW018 for the partition or region) and returns null.</summary>
    private string? CheckKmsKey(StepDecl step, ValueSource key, string member, bool keyOnly)
    {
        if (!key.IsLiteral)
        {
            Report(RuleIds.ValueNotInSource, key.Origin, member, "taken from a parameter", "the IAM policies are derived from it");
            return null;
        }

        var text = key.Text;
        var kind = KmsKeyReference.KindOf(text);
        if (kind is null)
        {
            Report(RuleIds.InvalidName, key.Origin,
                "'" + text + "' is not a KMS key ID (1234abcd-12ab-34cd-56ef-1234567890ab), key ARN (arn:aws:kms:<region>:<account>:key/<key id>), alias (alias/<name>) or alias ARN");
            return null;
        }

        if (keyOnly && kind is KmsKeyKind.AliasName or KmsKeyKind.AliasArn)
        {
            Report(RuleIds.InvalidName, key.Origin,
                Capitalize(step.Kind.DisplayName()) + " jobs take a key ID or key ARN as " + member + ", not an alias: use the ARN of the key behind '" + text + "'");
            return null;
        }

        if (kind is KmsKeyKind.KeyArn or KmsKeyKind.AliasArn)
        {
            var partition = IamNames.PartitionOf(text);
            var region = KmsKeyReference.RegionOf(text);
            if (AwsSettings.IsPartition(Settings.Partition) && !string.Equals(partition, Settings.Partition, StringComparison.Ordinal))
            {
                Report(RuleIds.ForeignLocation, key.Origin, "KMS key '" + text + "'", "partition", partition ?? string.Empty, Settings.Partition, "SagewrightPartition", string.Empty);
                return null;
            }

            if (Settings.Region is { } buildRegion && AwsSettings.IsRegion(buildRegion) && !string.Equals(region, buildRegion, StringComparison.Ordinal))
            {
                Report(RuleIds.ForeignLocation, key.Origin, "KMS key '" + text + "'", "region", region ?? string.Empty, buildRegion, "SagewrightRegion",
                    "; KMS keys are regional, and SageMaker needs one in the job's region");
                return null;
            }
        }

        return text;
    }

    /// <summary>Checks [Network]'s IDs and counts; returns the VpcConfig (SecurityGroupIds, Subnets, in botocore's
    /// order) or null when there is none or it is incomplete.</summary>
    private JsonObject? CheckNetwork(StepDecl step, NetworkDecl network)
    {
        var subnets = CheckIds(network.Subnets, network.Origin.WithNamed("Subnets"), "Subnets", SubnetId, "subnet", Quotas.MaxVpcSubnets);
        var groups = CheckIds(network.SecurityGroupIds, network.Origin.WithNamed("SecurityGroupIds"), "SecurityGroupIds", SecurityGroupId, "sg", Quotas.MaxVpcSecurityGroups);
        if (network.Subnets is null && network.SecurityGroupIds is null)
        {
            return null;
        }

        if (network.Subnets is null || network.SecurityGroupIds is null)
        {
            Report(RuleIds.RequiredSettingMissing, network.Origin.AttributeOnly,
                "Step '" + step.Name + "' sets " + (network.Subnets is null ? "SecurityGroupIds but no Subnets" : "Subnets but no SecurityGroupIds") + ": a VPC configuration needs both");
            return null;
        }

        return new JsonObject().Add("SecurityGroupIds", groups).Add("Subnets", subnets);
    }

    private JsonArray CheckIds(EquatableArray<string>? ids, Origin origin, string member, Regex pattern, string prefix, int max)
    {
        var result = new JsonArray();
        if (ids is not { } values)
        {
            return result;
        }

        CheckRange(values.Count, 1, max, origin, "The number of " + member);
        foreach (var id in values)
        {
            if (!pattern.IsMatch(id))
            {
                Report(RuleIds.InvalidName, origin, "'" + id + "' in " + member + " is not an EC2 ID of the form " + prefix + "- and 8 or 17 lower-case hex digits (" + prefix + "-0123456789abcdef0)");
            }

            result.Add(id);
        }

        return result;
    }

    /// <summary>True when the step's instance type (written in source) has local NVMe storage, which SageMaker
    /// encrypts in hardware and for which it refuses a volume key.</summary>
    private static bool HasLocalStorage(StepDecl step) =>
        step.Job.Instance is { Type: { IsLiteral: true } type } && InstanceTypes.HasLocalStorage(type.Text);

}
