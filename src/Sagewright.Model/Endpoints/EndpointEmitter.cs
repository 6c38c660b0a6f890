using System.Globalization;
using System.Text.RegularExpressions;
using Sagewright.Model.Iam;
using Sagewright.Model.Rules;

namespace Sagewright.Model.Endpoints;

/// <summary>The pipeline's <c>[Endpoint]</c> classes: <see cref="Check"/> validates each against the botocore shapes of
/// CreateModel, CreateEndpointConfig, CreateEndpoint, RegisterScalableTarget and PutScalingPolicy and runs the endpoint
/// rules; <see cref="Files"/> writes, under <c>&lt;Pipeline&gt;/endpoints/&lt;Endpoint&gt;/</c>, the CloudFormation
/// template and the API requests.</summary>
internal sealed class EndpointEmitter(PipelineCompilation compilation) : CompilerPass(compilation)
{
    public const string TemplateFile = "endpoint.template.json";

    public const string ModelPackageParameter = "ModelPackageName";

    public const string EndpointNameParameter = "EndpointName";

    private static readonly Regex ResourceName = new("^[a-zA-Z0-9](-*[a-zA-Z0-9]){0,62}$", RegexOptions.CultureInvariant);

    private static readonly Regex ContentType = new("^[a-zA-Z0-9](-*[a-zA-Z0-9])*\\/[a-zA-Z0-9](-*[a-zA-Z0-9.])*$", RegexOptions.CultureInvariant);

    private static readonly Regex PackageArn = new("^arn:aws[a-z\\-]*:sagemaker:[a-z0-9\\-]*:[0-9]{12}:model-package/[a-zA-Z0-9]([a-zA-Z0-9-]){0,62}(?<!-)/[0-9]{1,9}$", RegexOptions.CultureInvariant);

    private static readonly string[] Statistics = { "Average", "Minimum", "Maximum", "SampleCount", "Sum" };

    public void Check()
    {
        var names = new Dictionary<string, EndpointDecl>(StringComparer.OrdinalIgnoreCase);
        foreach (var endpoint in Graph.Endpoints)
        {
            CheckEndpoint(endpoint);
            if (ResourceName.IsMatch(endpoint.Name) && !names.TryGetValue(endpoint.Name, out _))
            {
                names[endpoint.Name] = endpoint;
            }
            else if (ResourceName.IsMatch(endpoint.Name))
            {
                Report(RuleIds.InvalidName, endpoint.NameOrigin, "Endpoint name '" + endpoint.Name + "' is already used by class '" + names[endpoint.Name].ClassName + "'; each endpoint needs its own name (compared ignoring case)");
            }
        }

        EndpointRuleSet.Run(new EndpointRuleContext(Graph, Compilation.Sink.Report));
    }

    private void CheckEndpoint(EndpointDecl endpoint)
    {
        if (!ResourceName.IsMatch(endpoint.Name))
        {
            Report(RuleIds.InvalidName, endpoint.NameOrigin, "Endpoint name '" + endpoint.Name + "' is invalid: use 1–63 letters, digits and hyphens, starting and ending with a letter or digit");
        }

        if (endpoint.ModelStepType is { } stepType)
        {
            if (EndpointModel.RegisterStep(Graph, endpoint) is null)
            {
                Report(RuleIds.UnresolvedReference, endpoint.ModelOrigin, "Endpoint '" + endpoint.Name + "' serves step '" + PipelineCompiler.ShortName(stepType) + "', which is not a register-model step of pipeline '" + Pipeline.Name + "'");
            }
            else if (EndpointModel.GroupName(Graph, endpoint) is null)
            {
                Report(RuleIds.ValueNotInSource, endpoint.ModelOrigin, "The model package group of step '" + PipelineCompiler.ShortName(stepType) + "'", "a reference",
                    "endpoint '" + endpoint.Name + "' is deployed outside the pipeline, from the group's name; write it as text in [RegisterModelStep]");
            }
        }

        if (endpoint.ModelPackageArn is { } arn && !PackageArn.IsMatch(arn))
        {
            Report(RuleIds.InvalidName, endpoint.Origin.WithNamed("ModelPackageArn"),
                "ModelPackageArn '" + arn + "' is not a model package version ARN: arn:aws:sagemaker:<region>:<account>:model-package/<group>/<version>");
        }

        if (endpoint.Variants.Count > Quotas.MaxProductionVariants)
        {
            Report(RuleIds.QuotaExceeded, endpoint.Variants[Quotas.MaxProductionVariants].Origin,
                "Endpoint '" + endpoint.Name + "' has " + PipelineCompiler.Int(endpoint.Variants.Count) + " production variants; at most " + PipelineCompiler.Int(Quotas.MaxProductionVariants) + " are allowed");
        }

        var variantNames = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var variants = EndpointModel.Variants(endpoint);
        if (variants.Any(v => v.IsServerless) && variants.Any(v => !v.IsServerless))
        {
            Report(RuleIds.SettingConflict, variants.First(v => v.IsServerless).Origin, "Endpoint '" + endpoint.Name + "'", "its production variants",
                "[ProductionVariant]", "[ServerlessVariant]", "an endpoint configuration is either serverless or instance-based; use one kind of variant");
        }

        foreach (var variant in variants)
        {
            if (!ResourceName.IsMatch(variant.Name))
            {
                Report(RuleIds.InvalidName, variant.NameOrigin, "Variant name '" + variant.Name + "' is invalid: use 1–63 letters, digits and hyphens, starting and ending with a letter or digit");
            }
            else if (!variantNames.Add(variant.Name))
            {
                Report(RuleIds.InvalidName, variant.NameOrigin, "Variant name '" + variant.Name + "' is used twice in endpoint '" + endpoint.Name + "'; give each variant its own Name");
            }

            if (variant.Weight < 0 || double.IsNaN(variant.Weight) || double.IsInfinity(variant.Weight))
            {
                Report(RuleIds.OutOfRange, variant.Origin.WithNamed("Weight"), "The weight of variant '" + variant.Name + "' is " + JsonFormat.Double(variant.Weight) + "; it must be at least 0");
            }

            if (variant.InstanceType is { } instanceType)
            {
                if (!InstanceTypes.Endpoint.Contains(instanceType, StringComparer.Ordinal))
                {
                    var suggestion = InstanceTypes.SuggestFrom(InstanceTypes.Endpoint, instanceType);
                    Report(RuleIds.InvalidInstanceType, variant.Origin.WithArgument(0),
                        instanceType, "hosting (endpoint)", suggestion is null ? string.Empty : "; did you mean '" + suggestion + "'?");
                }

                CheckRange(variant.InitialInstanceCount, 1, int.MaxValue, variant.Origin.WithNamed("InitialInstanceCount"), "The initial instance count of variant '" + variant.Name + "'");
            }
            else
            {
                var memory = variant.MemorySizeInMB ?? 0;
                if (memory < Quotas.MinServerlessMemorySizeInMB || memory > Quotas.MaxServerlessMemorySizeInMB || memory % 1024 != 0)
                {
                    Report(RuleIds.OutOfRange, variant.Origin.WithArgument(0), "The memory size of serverless variant '" + variant.Name + "' is " + PipelineCompiler.Int(memory)
                        + " MB; it must be 1024, 2048, 3072, 4096, 5120 or 6144");
                }

                CheckRange(variant.MaxConcurrency ?? 0, 1, Quotas.MaxServerlessConcurrency, variant.Origin.WithArgument(1), "The maximum concurrency of serverless variant '" + variant.Name + "'");
                if (variant.ProvisionedConcurrency is { } provisioned && provisioned != 0)
                {
                    CheckRange(provisioned, 1, Math.Min(Quotas.MaxServerlessConcurrency, Math.Max(1, variant.MaxConcurrency ?? 1)), variant.Origin.WithNamed("ProvisionedConcurrency"),
                        "The provisioned concurrency of serverless variant '" + variant.Name + "' (at most its maximum concurrency)");
                }
            }
        }

        if (endpoint.DataCapture is { } capture)
        {
            CheckCapture(capture);
        }

        var scaled = new HashSet<string>(StringComparer.Ordinal);
        foreach (var scaling in endpoint.AutoScaling)
        {
            CheckScaling(endpoint, scaling, scaled);
        }

        BuildTags(endpoint.Tags);
        if (endpoint.Tags.Count > Quotas.MaxTags)
        {
            Report(RuleIds.QuotaExceeded, endpoint.Tags[Quotas.MaxTags].Origin, "Endpoint '" + endpoint.Name + "' has " + PipelineCompiler.Int(endpoint.Tags.Count) + " tags; at most " + PipelineCompiler.Int(Quotas.MaxTags) + " are allowed");
        }

        if (endpoint.RunAs is { } runAs && !(runAs.Role.StartsWith("arn:", StringComparison.Ordinal) ? AwsSettings.IsRoleArn(runAs.Role) : IamNames.IsRoleName(runAs.Role)))
        {
            Report(RuleIds.InvalidName, runAs.Origin.WithArgument(0), "'" + runAs.Role + "' is neither a role name (1–64 letters, digits and +=,.@_-) nor a role ARN");
        }
    }

    private void CheckCapture(DataCaptureDecl capture)
    {
        var at = capture.Origin.WithArgument(0);
        if (S3Uris.Check(capture.DestinationS3Uri) is { } problem)
        {
            Report(RuleIds.MalformedS3Uri, at, capture.DestinationS3Uri, problem);
        }
        else if (capture.DestinationS3Uri.Length > Quotas.MaxCaptureDestinationLength)
        {
            Report(RuleIds.OutOfRange, at, "The data capture destination is " + PipelineCompiler.Int(capture.DestinationS3Uri.Length) + " characters long; SageMaker accepts at most " + PipelineCompiler.Int(Quotas.MaxCaptureDestinationLength));
        }

        CheckRange(capture.SamplingPercentage, 0, 100, capture.SamplingOrigin ?? capture.Origin, "The data capture sampling percentage");
        foreach (var (types, name) in new[] { (capture.CsvContentTypes, "CsvContentTypes"), (capture.JsonContentTypes, "JsonContentTypes") })
        {
            var origin = capture.Origin.WithNamed(name);
            if (types.Count > Quotas.MaxCaptureContentTypes)
            {
                Report(RuleIds.QuotaExceeded, origin, "Data capture lists " + PipelineCompiler.Int(types.Count) + " " + name + "; at most " + PipelineCompiler.Int(Quotas.MaxCaptureContentTypes) + " are allowed");
            }

            foreach (var type in types.Where(t => t.Length > Quotas.MaxMimeTypeLength || !ContentType.IsMatch(t)))
            {
                Report(RuleIds.InvalidName, origin, "'" + type + "' is not a content type SageMaker accepts for data capture: type/subtype of letters, digits, hyphens (and dots in the subtype), at most 256 characters");
            }
        }

        if (capture.KmsKeyId is { } key && KmsKeyReference.Resolve(key, Settings) is null)
        {
            Report(RuleIds.InvalidName, capture.KmsKeyOrigin ?? capture.Origin, "'" + key + "' is not a KMS key ID, key ARN, alias name or alias ARN");
        }
    }

    private void CheckScaling(EndpointDecl endpoint, AutoScalingDecl scaling, HashSet<string> scaled)
    {
        var variant = EndpointModel.ScaledVariant(endpoint, scaling);
        if (variant is null)
        {
            Report(RuleIds.UnresolvedReference, scaling.VariantOrigin ?? scaling.Origin, scaling.Variant is { } name
                ? "[AutoScaling] scales variant '" + name + "', which endpoint '" + endpoint.Name + "' does not have"
                : "[AutoScaling] on endpoint '" + endpoint.Name + "' must name the instance-based variant it scales (Variant = \"...\")");
            return;
        }

        if (variant.IsServerless)
        {
            Report(RuleIds.AttributeNotApplicable, scaling.VariantOrigin ?? scaling.Origin, "[AutoScaling]", "serverless variant", variant.Name,
                "serverless variants scale by themselves up to their MaxConcurrency");
            return;
        }

        if (!scaled.Add(variant.Name))
        {
            Report(RuleIds.SettingConflict, scaling.Origin, "Variant '" + variant.Name + "'", "its auto-scaling", "[AutoScaling]", "[AutoScaling]", "a variant has one scaling target; remove one of them");
        }

        CheckRange(scaling.MinCapacity, 0, int.MaxValue, scaling.Origin.WithArgument(0), "The minimum capacity of variant '" + variant.Name + "'");
        if (scaling.MaxCapacity < Math.Max(1, scaling.MinCapacity))
        {
            Report(RuleIds.OutOfRange, scaling.Origin.WithArgument(1), "The maximum capacity of variant '" + variant.Name + "' is " + PipelineCompiler.Int(scaling.MaxCapacity)
                + "; it must be at least 1 and at least the minimum capacity (" + PipelineCompiler.Int(scaling.MinCapacity) + ")");
        }

        if (!(scaling.TargetValue > 0) || double.IsInfinity(scaling.TargetValue))
        {
            Report(RuleIds.OutOfRange, scaling.Origin.WithArgument(2), "The target value of the scaling policy of variant '" + variant.Name + "' is " + JsonFormat.Double(scaling.TargetValue) + "; it must be greater than 0");
        }

        CheckRange(scaling.ScaleInCooldownSeconds, 0, int.MaxValue, scaling.ScaleInOrigin ?? scaling.Origin, "ScaleInCooldownSeconds");
        CheckRange(scaling.ScaleOutCooldownSeconds, 0, int.MaxValue, scaling.Origin.WithNamed("ScaleOutCooldownSeconds"), "ScaleOutCooldownSeconds");
        if (scaling.CustomMetric is not null && !Statistics.Contains(scaling.CustomMetricStatistic, StringComparer.Ordinal))
        {
            Report(RuleIds.InvalidName, scaling.Origin.WithNamed("CustomMetricStatistic"), "'" + scaling.CustomMetricStatistic + "' is not a CloudWatch statistic: use " + string.Join(", ", Statistics));
        }
        else if (scaling.CustomMetric is { Length: 0 })
        {
            Report(RuleIds.RequiredSettingMissing, scaling.Origin.WithNamed("CustomMetric"), "CustomMetric must name a CloudWatch metric");
        }
    }

    /// <summary>Every endpoint's files; the inference roles are in <paramref name="roles"/> (the IAM deriver made them).</summary>
    public IEnumerable<OutputFile> Files(IReadOnlyList<(RoleBuilder Role, string Policy)> roles)
    {
        foreach (var endpoint in Graph.Endpoints)
        {
            var folder = EndpointModel.Folder(Graph, endpoint);
            var roleArn = EndpointModel.RoleArn(Graph, endpoint);
            var role = roles.Select(r => r.Role).FirstOrDefault(r => r.Arn == roleArn);
            var requests = new EndpointRequests(Graph, endpoint, roleArn);
            yield return new OutputFile(folder + "create-model.json", requests.CreateModel().ToJson() + "\n");
            yield return new OutputFile(folder + "create-endpoint-config.json", requests.CreateEndpointConfig().ToJson() + "\n");
            yield return new OutputFile(folder + "create-endpoint.json", requests.CreateEndpoint().ToJson() + "\n");
            var scalings = requests.Scalings().ToList();
            foreach (var (variant, scaling) in scalings)
            {
                var suffix = scalings.Count == 1 ? string.Empty : "." + variant.Name;
                yield return new OutputFile(folder + "register-scalable-target" + suffix + ".json", requests.RegisterScalableTarget(variant, scaling).ToJson() + "\n");
                yield return new OutputFile(folder + "put-scaling-policy" + suffix + ".json", requests.PutScalingPolicy(variant, scaling).ToJson() + "\n");
            }

            yield return new OutputFile(folder + TemplateFile, EndpointTemplate.Build(Graph, endpoint, requests, role, EndpointModel.RoleManaged(endpoint)));
        }
    }

    internal static string Number(int value) => value.ToString(CultureInfo.InvariantCulture);
}
