using System.Text.RegularExpressions;

namespace Sagewright.Model.Emit.Steps;

/// <summary>Register-model steps: the CreateModelPackage request.</summary>
internal sealed class RegisterModelStepEmitter(PipelineCompilation compilation) : CompilerPass(compilation)
{
    /// <summary>botocore <c>ArnOrName</c> for a model package group given as an ARN (max 170).</summary>
    private static readonly Regex ModelPackageGroupArn = new(
        "^arn:aws[a-z\\-]*:sagemaker:[a-z0-9\\-]*:[0-9]{12}:[a-z\\-]*\\/[a-zA-Z0-9]([a-zA-Z0-9-]){0,62}(?<!-)\\z", RegexOptions.CultureInvariant);

    /// <summary>botocore <c>ResponseMIMEType</c>: <c>[-\w]+\/.+</c>, up to 1024.</summary>
    private static readonly Regex ResponseMimeType = new("^[-\\w]+\\/.+\\z", RegexOptions.CultureInvariant);

    private static HashSet<string>? _endpointTypes;
    private static HashSet<string>? _transformTypes;

    private static HashSet<string> EndpointTypes => _endpointTypes ??= new HashSet<string>(InstanceTypes.Endpoint, StringComparer.Ordinal);

    private static HashSet<string> TransformTypes => _transformTypes ??= new HashSet<string>(InstanceTypes.Transform, StringComparer.Ordinal);

    /// <summary>The arguments, in the order the SDK's request is usually written (cases 09 and 10). Differences from
    /// the SDK, on purpose: no empty <c>Bias</c>/<c>Explainability</c> in ModelMetrics, no <c>CertifyForMarketplace</c>
    /// (false is the service default), and the step keeps its own name (no <c>-RegisterModel</c> suffix).</summary>
    internal JsonObject BuildRegisterModel(StepDecl step, RegisterModelBody body)
    {
        var arguments = new JsonObject().Add("ModelPackageGroupName", ResolveGroup(step, body.Group));
        if (step.Description is { } description)
        {
            if (description.Length > Quotas.MaxEntityDescriptionLength)
            {
                Report(RuleIds.OutOfRange, step.Origin.WithNamed("Description"),
                    "The description is also the model package description (ModelPackageDescription), which may be at most " + PipelineCompiler.Int(Quotas.MaxEntityDescriptionLength) + " characters long");
            }

            arguments.Add("ModelPackageDescription", description);
        }

        arguments.Add("InferenceSpecification", BuildInferenceSpecification(step, body));
        if (body.ApprovalValue is { } approvalValue)
        {
            arguments.Add("ModelApprovalStatus", ApprovalFromParameter(step, approvalValue));
        }
        else
        {
            if (body.ApprovalStatus.Length == 0)
            {
                Report(RuleIds.OutOfRange, body.ApprovalOrigin ?? step.Origin.AttributeOnly, "ApprovalStatus must be PendingManualApproval, Approved or Rejected");
            }

            arguments.Add("ModelApprovalStatus", body.ApprovalStatus.Length == 0 ? "PendingManualApproval" : body.ApprovalStatus);
        }

        // The SDK always sends "None" (validate the model package); the service default is the same.
        arguments.Add("SkipModelValidation", "None");
        if (body.Metrics is { } metrics && BuildModelMetrics(step, metrics) is { } metricsJson)
        {
            arguments.Add("ModelMetrics", metricsJson);
        }

        if (!body.DriftBaselines.IsEmpty)
        {
            arguments.Add("DriftCheckBaselines", BuildDriftBaselines(step, body.DriftBaselines));
        }

        if (!body.CustomerMetadata.IsEmpty)
        {
            arguments.Add("CustomerMetadataProperties", BuildCustomerMetadata(step, body.CustomerMetadata));
        }

        if (!body.Tags.IsEmpty)
        {
            arguments.Add("Tags", BuildModelPackageTags(step, body.Tags));
        }

        return arguments;
    }

    private JsonValue ResolveGroup(StepDecl step, ValueSource group)
    {
        if (!group.IsLiteral)
        {
            return ResolveValue(step, group, ParameterType.String, "the model package group name", s3: false);
        }

        if (group.Text.StartsWith("arn:", StringComparison.Ordinal))
        {
            if (group.Text.Length > Quotas.MaxModelPackageGroupArnLength || !ModelPackageGroupArn.IsMatch(group.Text))
            {
                Report(RuleIds.InvalidName, group.Origin,
                    "'" + group.Text + "' is not a model package group ARN (arn:aws:sagemaker:<region>:<account>:model-package-group/<name>, at most " + PipelineCompiler.Int(Quotas.MaxModelPackageGroupArnLength) + " characters)");
            }
        }
        else if (NameRules.Check(NameRules.ModelPackageGroup, group.Text) is { } problem)
        {
            Report(RuleIds.InvalidName, group.Origin, Capitalize(problem));
        }

        return group.Text;
    }

    private JsonObject BuildInferenceSpecification(StepDecl step, RegisterModelBody body)
    {
        var container = new JsonObject();
        if (step.Job.Image is not null && step.Job.Framework is not null)
        {
            Report(RuleIds.SettingConflict, step.Job.Framework.Origin.AttributeOnly, "Step '" + step.Name + "'", "its container image", "[Image]", "[Framework]", "keep one");
        }
        else if (step.Job.Framework is { } framework)
        {
            container.Add("Image", Compilation.Jobs.ResolveFrameworkImage(step, framework) ?? string.Empty);
        }
        else if (step.Job.Image is not { } image)
        {
            Report(RuleIds.RequiredSettingMissing, step.Origin.AttributeOnly,
                "Register-model step '" + step.Name + "' has no inference image: add [Image(\"<account>.dkr.ecr.<region>.amazonaws.com/<repository>:<tag>\")]");
        }
        else if (image.IsLiteral)
        {
            if (image.Text.Length is 0 or > Quotas.MaxImageUriLength)
            {
                Report(RuleIds.OutOfRange, image.Origin, "The image URI must be 1 to " + PipelineCompiler.Int(Quotas.MaxImageUriLength) + " characters long");
            }

            container.Add("Image", image.Text);
        }
        else
        {
            container.Add("Image", ResolveValue(step, image, ParameterType.String, "the inference image", s3: false));
        }

        if (body.ModelData is not { } modelData)
        {
            Report(RuleIds.RequiredSettingMissing, step.Origin.AttributeOnly,
                "Register-model step '" + step.Name + "' has no model: add [ModelData(typeof(Training))] or [ModelData(\"s3://bucket/model.tar.gz\")]");
        }
        else
        {
            container.Add("ModelDataUrl", ResolveValue(step, modelData, ParameterType.String, "the model data", s3: true));
        }

        Compilation.Jobs.AddEnvironment(step, container, Quotas.MaxModelEnvironmentValueLength);
        var specification = new JsonObject().Add("Containers", new JsonArray(new JsonValue[] { container }));
        AddTypes(step, specification, "SupportedContentTypes", body.ContentTypes, "a content type", v => v.Length > Quotas.MaxMimeTypeLength ? "is longer than " + PipelineCompiler.Int(Quotas.MaxMimeTypeLength) + " characters" : null);
        AddTypes(step, specification, "SupportedRealtimeInferenceInstanceTypes", body.InferenceInstances, "an inference instance type", null, EndpointTypes, "real-time inference");
        AddTypes(step, specification, "SupportedResponseMIMETypes", body.ResponseTypes, "a response MIME type",
            v => v.Length > Quotas.MaxResponseMimeTypeLength ? "is longer than " + PipelineCompiler.Int(Quotas.MaxResponseMimeTypeLength) + " characters" : ResponseMimeType.IsMatch(v) ? null : "is not a MIME type such as text/csv");
        AddTypes(step, specification, "SupportedTransformInstanceTypes", body.TransformInstances, "a transform instance type", null, TransformTypes, "transform");
        return specification;
    }

    /// <summary>A list of strings (text or String parameters), each checked; omitted when empty, as the SDK does.</summary>
    private void AddTypes(StepDecl step, JsonObject specification, string key, EquatableArray<ValueSource> values, string what,
        Func<string, string?>? check, HashSet<string>? instanceTypes = null, string? kind = null)
    {
        if (values.IsEmpty)
        {
            return;
        }

        var array = new JsonArray();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var value in values)
        {
            if (value.IsLiteral)
            {
                if (instanceTypes is not null && !instanceTypes.Contains(value.Text))
                {
                    var suggestion = InstanceTypes.SuggestFrom(instanceTypes, value.Text);
                    Report(RuleIds.InvalidInstanceType, value.Origin, value.Text, kind!, suggestion is null ? string.Empty : "; did you mean '" + suggestion + "'?");
                }
                else if (check?.Invoke(value.Text) is { } problem)
                {
                    Report(RuleIds.OutOfRange, value.Origin, "'" + value.Text + "' " + problem);
                }
                else if (!seen.Add(value.Text))
                {
                    Report(RuleIds.OutOfRange, value.Origin, "'" + value.Text + "' is listed twice in " + key + " of step '" + step.Name + "'");
                }
            }

            array.Add(ResolveValue(step, value, ParameterType.String, what, s3: false));
        }

        specification.Add(key, array);
    }

    /// <summary>ModelQuality.Statistics: the property file of a processing output, at <c>&lt;output S3 URI&gt;/&lt;file&gt;</c>,
    /// or a report given directly by its S3 URI (text, a String parameter or a [Join]).</summary>
    private JsonObject? BuildModelMetrics(StepDecl step, ModelMetricsDecl metrics)
    {
        if (metrics.ContentType.Length is 0 or > Quotas.MaxMimeTypeLength)
        {
            Report(RuleIds.OutOfRange, metrics.Origin.WithNamed("ContentType"), "The content type must be 1 to " + PipelineCompiler.Int(Quotas.MaxMimeTypeLength) + " characters long, for example application/json");
        }

        var output = metrics.Output;
        if (output.Kind != ValueKind.StepOutput)
        {
            if (output.Kind is ValueKind.ModelArtifacts or ValueKind.Execution)
            {
                Report(RuleIds.UnresolvedReference, output.Origin,
                    "[ModelMetrics] takes nameof a processing output that has a [PropertyFile], for example nameof(Evaluation.Report), or the report's S3 URI");
                return null;
            }

            return Statistics(metrics.ContentType, ResolveValue(step, output, ParameterType.String, "the metrics report's S3 URI", s3: true));
        }

        if (ResolveStep(output.TargetType ?? string.Empty, output.Origin, "nameof(...)") is not { } producer)
        {
            return null;
        }

        var declared = producer.Job.Outputs.FirstOrDefault(o => string.Equals(o.Member, output.TargetMember, StringComparison.Ordinal));
        if (declared?.PropertyFile is not { } file)
        {
            if (declared is not null)
            {
                Report(RuleIds.UnresolvedReference, output.Origin,
                    "Output '" + output.TargetMember + "' of step '" + producer.Name + "' has no [PropertyFile]: add [PropertyFile(\"evaluation.json\")] to it so that the report's file is known");
                return null;
            }

            ResolveValue(step, output, ParameterType.String, "the metrics output", s3: false);
            return null;
        }

        var location = ResolveValue(step, output, ParameterType.String, "the metrics output", s3: false);
        return Statistics(metrics.ContentType, Join(string.Empty, location, "/" + file.Path));
    }

    private static JsonObject Statistics(string contentType, JsonValue uri) =>
        new JsonObject().Add("ModelQuality", new JsonObject().Add("Statistics", new JsonObject().Add("ContentType", contentType).Add("S3Uri", uri)));

    /// <summary>DriftCheckBaselines: each baseline is a MetricsSource, grouped by kind in the order first given.</summary>
    private JsonObject BuildDriftBaselines(StepDecl step, EquatableArray<DriftBaselineDecl> baselines)
    {
        var groups = new List<(string Name, JsonObject Json)>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var baseline in baselines)
        {
            if (baseline.Group.Length == 0)
            {
                Report(RuleIds.OutOfRange, baseline.Origin.WithArgument(0), "The baseline must be one of the DriftBaseline values");
                continue;
            }

            var name = baseline.Group + "." + baseline.Member;
            if (!seen.Add(name))
            {
                Report(RuleIds.OutOfRange, baseline.Origin.WithArgument(0), "The drift-check baseline " + name + " of step '" + step.Name + "' is given twice");
                continue;
            }

            if (baseline.ContentType.Length is 0 or > Quotas.MaxMimeTypeLength)
            {
                Report(RuleIds.OutOfRange, baseline.Origin.WithNamed("ContentType"), "The content type must be 1 to " + PipelineCompiler.Int(Quotas.MaxMimeTypeLength) + " characters long, for example application/json");
            }

            if (BaselineUri(step, baseline) is not { } uri)
            {
                continue;
            }

            var group = groups.FirstOrDefault(g => g.Name == baseline.Group).Json;
            if (group is null)
            {
                group = new JsonObject();
                groups.Add((baseline.Group, group));
            }

            group.Add(baseline.Member, new JsonObject().Add("ContentType", baseline.ContentType).Add("S3Uri", uri));
        }

        var result = new JsonObject();
        foreach (var (name, json) in groups)
        {
            result.Add(name, json);
        }

        return result;
    }

    /// <summary>The baseline file's URI: text, a String parameter or [Join], or a file inside a processing output.</summary>
    private JsonValue? BaselineUri(StepDecl step, DriftBaselineDecl baseline)
    {
        var source = baseline.Source;
        if (source.Kind != ValueKind.StepOutput)
        {
            if (baseline.File is not null)
            {
                Report(RuleIds.TypeMismatch, baseline.Origin.WithNamed("File"), "File = names a file inside a processing output; the source here is already the file's location");
            }

            if (source.Kind is ValueKind.Execution)
            {
                Report(RuleIds.TypeMismatch, source.Origin, "A drift-check baseline is the S3 URI of a file, or nameof a processing output that contains it");
                return null;
            }

            return ResolveValue(step, source, ParameterType.String, "the baseline's S3 URI", s3: true);
        }

        var location = ResolveValue(step, source, ParameterType.String, "the baseline's output", s3: false);
        var producer = Index.StepsByType.TryGetValue(source.TargetType ?? string.Empty, out var found) ? found : null;
        var output = producer?.Job.Outputs.FirstOrDefault(o => string.Equals(o.Member, source.TargetMember, StringComparison.Ordinal));
        if (output is null)
        {
            return null; // reported by ResolveValue
        }

        var file = baseline.File ?? output.PropertyFile?.Path;
        if (string.IsNullOrEmpty(file))
        {
            Report(RuleIds.RequiredSettingMissing, baseline.Origin.AttributeOnly,
                "Output '" + output.Member + "' holds a folder: give the baseline file inside it with File = \"constraints.json\"");
            return null;
        }

        return Join(string.Empty, location, "/" + file!.TrimStart('/'));
    }

    private JsonObject BuildCustomerMetadata(StepDecl step, EquatableArray<TagDecl> properties)
    {
        CheckCount(step, properties.Count, Quotas.MaxCustomerMetadata, properties[Math.Min(properties.Count - 1, Quotas.MaxCustomerMetadata)].Origin.AttributeOnly, "customer metadata properties");
        var map = new JsonObject();
        var keys = new HashSet<string>(StringComparer.Ordinal);
        foreach (var property in properties)
        {
            if (NameRules.Check(NameRules.TagKey, property.Key) is { } keyProblem)
            {
                Report(RuleIds.InvalidName, property.Origin.WithArgument(0), Capitalize(keyProblem.Replace("tag key", "customer metadata key")));
                if (!keys.Add(property.Key))
                {
                    continue; // an invalid key used twice: reported as invalid, written once
                }
            }
            else if (!keys.Add(property.Key))
            {
                Report(RuleIds.InvalidName, property.Origin.WithArgument(0), "Customer metadata key '" + property.Key + "' is used twice");
                continue;
            }

            if (property.Reference is { } reference)
            {
                // CustomerMetadataProperties takes pipeline expressions, as the SDK writes them.
                map.Add(property.Key, ResolveValue(step, reference, ParameterType.String, "a customer metadata value", s3: false));
                continue;
            }

            if (property.Value.Length == 0)
            {
                Report(RuleIds.InvalidName, property.Origin.WithArgument(1), "Customer metadata value must not be empty");
            }
            else if (NameRules.Check(NameRules.TagValue, property.Value) is { } valueProblem)
            {
                Report(RuleIds.InvalidName, property.Origin.WithArgument(1), Capitalize(valueProblem.Replace("tag value", "customer metadata value")));
            }

            map.Add(property.Key, property.Value);
        }

        return map;
    }

    private JsonArray BuildModelPackageTags(StepDecl step, EquatableArray<TagDecl> tags)
    {
        CheckCount(step, tags.Count, Quotas.MaxTags, tags[Math.Min(tags.Count - 1, Quotas.MaxTags)].Origin.AttributeOnly, "model package tags");
        return BuildTags(tags);
    }

    /// <summary>The approval status the API takes (<c>ModelApprovalStatus</c>).</summary>
    internal static readonly string[] ApprovalStatuses = ["PendingManualApproval", "Approved", "Rejected"];

    /// <summary>The status from a String parameter: its <c>Get</c>, with its default and every EnumValue checked
    /// against the API's enum (an execution may pass any allowed value).</summary>
    private JsonValue ApprovalFromParameter(StepDecl step, ValueSource value)
    {
        var json = ResolveValue(step, value, ParameterType.String, "the approval status", s3: false);
        if (value.Kind == ValueKind.Parameter && Index.ParametersByMember.TryGetValue(value.TargetMember ?? string.Empty, out var parameter)
            && parameter.Type == ParameterType.String)
        {
            foreach (var (text, role) in parameter.EnumValues.Select(v => (v, "one of its EnumValues")).Prepend((parameter.DefaultValue, "its default")))
            {
                if (!ApprovalStatuses.Contains(text, StringComparer.Ordinal))
                {
                    Report(RuleIds.OutOfRange, value.Origin, "Parameter '" + parameter.Name + "' gives the approval status, but '" + text + "', " + role
                        + ", is not one of PendingManualApproval, Approved or Rejected");
                    break;
                }
            }
        }

        return json;
    }
}
