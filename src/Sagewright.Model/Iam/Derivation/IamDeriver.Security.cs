namespace Sagewright.Model.Iam.Derivation;

/// <summary>The KMS and VPC statements: the keys a job or model declares ([Encryption]), the keys of the upstream
/// outputs it reads, and the EC2 network-interface permissions of a job or model that runs in a VPC ([Network]).</summary>
internal sealed partial class IamDeriver
{
    private const string KmsOutput = "Output";
    private const string KmsVolume = "Volume";
    private const string KmsRead = "Read";

    /// <summary>While a location is resolved: the output keys of the steps whose outputs it reads.</summary>
    private List<(KmsKeyReference Key, string Producer)>? _keySink;

    /// <summary>Records the output key of a producer whose output a location reads (see <see cref="_keySink"/>).</summary>
    private void ProducerKey(StepDecl producer)
    {
        if (_keySink is not null && Security(producer).OutputKmsKeyId is { } key)
        {
            _keySink.Add((key, producer.Name));
        }
    }

    /// <summary>kms:Decrypt for the keys of the upstream outputs a location was resolved from.</summary>
    private void DecryptUpstream(RoleBuilder role, List<(KmsKeyReference Key, string Producer)> keys, string reason)
    {
        foreach (var (key, producer) in keys)
        {
            Kms(role, key, KmsRead, reason + ", which step `" + producer + "` encrypted with this key");
        }
    }

    /// <summary>The key statements of a job's or model's own [Encryption]: it encrypts its outputs with the output key
    /// (S3 asks for a data key, and for Decrypt when it completes a multipart upload) and SageMaker creates a grant on
    /// the volume key for the instance's storage.</summary>
    private void DeclaredKeys(RoleBuilder role, StepDecl step, string what)
    {
        var security = Security(step);
        if (security.OutputKmsKeyId is { } output)
        {
            Kms(role, output, KmsOutput, what + " `" + step.Name + "` encrypts its outputs with this key ([Encryption(OutputKmsKeyId)])");
        }

        if (security.VolumeKmsKeyId is { } volume)
        {
            Kms(role, volume, KmsVolume, what + " `" + step.Name + "` encrypts its storage volumes with this key ([Encryption(VolumeKmsKeyId)])");
        }
    }

    private static readonly Dictionary<string, string[]> KmsActions = new(StringComparer.Ordinal)
    {
        [KmsOutput] = new[] { "kms:Decrypt", "kms:Encrypt", "kms:GenerateDataKey" },
        [KmsVolume] = new[] { "kms:CreateGrant" },
        [KmsRead] = new[] { "kms:Decrypt" },
    };

    private static void Kms(RoleBuilder role, KmsKeyReference key, string use, string reason)
    {
        if (key.Arn is not { } arn)
        {
            return;
        }

        var alias = key.Kind is KmsKeyKind.AliasName or KmsKeyKind.AliasArn;
        var statement = role.Statement("Kms" + use + "Keys" + (alias ? "ByAlias" : string.Empty)).Allow(KmsActions[use]);
        if (alias)
        {
            // A policy names keys, not aliases: any key of the account and region, when it carries the alias.
            var cut = arn.IndexOf(":alias/", StringComparison.Ordinal);
            statement.On(arn.Substring(0, cut) + ":key/*", reason)
                .When("ForAnyValue:StringEquals", "kms:ResourceAliases", arn.Substring(cut + 1))
                .Note("The key is named by an alias: the statement allows the key that carries the alias (`kms:ResourceAliases`), whatever its ID.");
        }
        else
        {
            statement.On(arn, reason);
        }

        if (use == KmsVolume)
        {
            statement.When("Bool", "kms:GrantIsForAWSResource", "true")
                .Note("`kms:GrantIsForAWSResource`: only grants an AWS service creates for the resources it manages (the job's volumes), not grants the container asks for.");
        }
    }

    /// <summary>The EC2 permissions SageMaker uses, with the role's credentials, to attach the job's or model's
    /// instances to the declared subnets (the SageMaker developer guide, "Give SageMaker access to resources in your
    /// Amazon VPC").</summary>
    private void Vpc(RoleBuilder role, StepDecl step, string what)
    {
        var security = Security(step);
        if (!security.InVpc)
        {
            return;
        }

        var reason = what + " `" + step.Name + "` runs in the VPC of its [Network] subnets";
        if (step.Kind == StepKind.Processing)
        {
            role.Statement("Ec2NetworkForProcessingJobsInVpcUnscopedRequiresWildcard")
                .Allow("ec2:CreateNetworkInterface", "ec2:CreateNetworkInterfacePermission", "ec2:DeleteNetworkInterface", "ec2:DeleteNetworkInterfacePermission",
                    "ec2:DescribeDhcpOptions", "ec2:DescribeNetworkInterfaces", "ec2:DescribeSecurityGroups", "ec2:DescribeSubnets", "ec2:DescribeVpcs")
                .On("*", reason)
                .Note("`*` and no condition: for a processing job in a VPC the SageMaker developer guide (CreateProcessingJob API: execution role permissions) says not to scope these with conditions or resource filters, or the job's validation fails; training jobs and models keep the scoped statements.");
            return;
        }

        var ec2 = "arn:" + Partition + ":ec2:" + Region + ":" + Account + ":";
        var create = role.Statement("Ec2CreateNetworkInterfacesInDeclaredSubnets").Allow("ec2:CreateNetworkInterface")
            .On(ec2 + "network-interface/*", reason)
            .Note("`network-interface/*`: an interface's ID is assigned when SageMaker creates it; the subnets and security groups are the declared ones.");
        foreach (var subnet in security.Subnets)
        {
            create.On(ec2 + "subnet/" + subnet, reason);
        }

        foreach (var group in security.SecurityGroupIds)
        {
            create.On(ec2 + "security-group/" + group, reason);
        }

        role.Statement("Ec2ManageNetworkInterfaces")
            .Allow("ec2:CreateNetworkInterfacePermission", "ec2:DeleteNetworkInterface", "ec2:DeleteNetworkInterfacePermission")
            .On(ec2 + "network-interface/*", reason)
            .Note("`network-interface/*`: the interfaces SageMaker creates for the job get their IDs at run time; the statement is limited to this account and region.");
        role.Statement("Ec2DescribeHasNoResourceLevelPermissionsRequiresWildcard")
            .Allow("ec2:DescribeDhcpOptions", "ec2:DescribeNetworkInterfaces", "ec2:DescribeSecurityGroups", "ec2:DescribeSubnets", "ec2:DescribeVpcs")
            .On("*", reason)
            .When("StringEquals", "aws:RequestedRegion", Region)
            .Note("`*`: the EC2 Describe actions accept no resource (the Service Authorization Reference lists no resource type for them); `aws:RequestedRegion` keeps them to the pipeline's region.");
    }
}
