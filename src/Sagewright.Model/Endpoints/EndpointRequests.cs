namespace Sagewright.Model.Endpoints;

/// <summary>The API requests that deploy one endpoint (the AWS CLI's <c>--cli-input-json</c> files) and the pieces the
/// CloudFormation template shares with them.</summary>
internal sealed class EndpointRequests(PipelineGraph graph, EndpointDecl endpoint, string roleArn)
{
    public EndpointDecl Endpoint => endpoint;

    public string RoleArn => roleArn;

    public string ModelName => EndpointModel.DerivedName(endpoint.Name, "model");

    public string ConfigName => EndpointModel.DerivedName(endpoint.Name, "config");

    /// <summary>What <c>ModelPackageName</c> holds in <c>create-model.json</c>: the fixed package, else the group name,
    /// which the deployment replaces with the ARN of the version it deploys (docs/deploying.md).</summary>
    public string ModelPackage => endpoint.ModelPackageArn ?? EndpointModel.GroupName(graph, endpoint) ?? string.Empty;

    public JsonArray Tags()
    {
        var tags = new JsonArray();
        foreach (var tag in endpoint.Tags)
        {
            tags.Add(new JsonObject().Add("Key", tag.Key).Add("Value", tag.Value));
        }

        return tags;
    }

    public JsonObject CreateModel() =>
        WithTags(new JsonObject()
            .Add("ModelName", ModelName)
            .Add("PrimaryContainer", new JsonObject().Add("ModelPackageName", ModelPackage))
            .Add("ExecutionRoleArn", roleArn));

    public JsonObject CreateEndpointConfig()
    {
        var json = new JsonObject()
            .Add("EndpointConfigName", ConfigName)
            .Add("ProductionVariants", Variants(ModelName));
        json.AddIf("DataCaptureConfig", DataCapture());
        return WithTags(json);
    }

    public JsonObject CreateEndpoint() =>
        WithTags(new JsonObject().Add("EndpointName", endpoint.Name).Add("EndpointConfigName", ConfigName));

    /// <summary>The production variants, each naming <paramref name="modelName"/> (a name, or a CloudFormation reference).</summary>
    public JsonArray Variants(JsonValue modelName)
    {
        var variants = new JsonArray();
        foreach (var variant in EndpointModel.Variants(endpoint))
        {
            var json = new JsonObject().Add("VariantName", variant.Name).Add("ModelName", modelName);
            if (variant.InstanceType is { } instanceType)
            {
                json.Add("InitialInstanceCount", variant.InitialInstanceCount).Add("InstanceType", instanceType);
            }
            else
            {
                var serverless = new JsonObject().Add("MemorySizeInMB", variant.MemorySizeInMB ?? 0).Add("MaxConcurrency", variant.MaxConcurrency ?? 0);
                if (variant.ProvisionedConcurrency is { } provisioned && provisioned > 0)
                {
                    serverless.Add("ProvisionedConcurrency", provisioned);
                }

                json.Add("ServerlessConfig", serverless);
            }

            variants.Add(json.Add("InitialVariantWeight", JsonValue.From(variant.Weight)));
        }

        return variants;
    }

    public JsonObject? DataCapture()
    {
        if (endpoint.DataCapture is not { } capture)
        {
            return null;
        }

        var options = new JsonArray();
        if (capture.CaptureRequest)
        {
            options.Add(new JsonObject().Add("CaptureMode", "Input"));
        }

        if (capture.CaptureResponse)
        {
            options.Add(new JsonObject().Add("CaptureMode", "Output"));
        }

        var json = new JsonObject()
            .Add("EnableCapture", capture.Enabled)
            .Add("InitialSamplingPercentage", capture.SamplingPercentage)
            .Add("DestinationS3Uri", capture.DestinationS3Uri);
        json.AddIf("KmsKeyId", capture.KmsKeyId is null ? null : (JsonValue)capture.KmsKeyId);
        json.Add("CaptureOptions", options);
        if (!capture.CsvContentTypes.IsEmpty || !capture.JsonContentTypes.IsEmpty)
        {
            var header = new JsonObject();
            header.AddIf("CsvContentTypes", capture.CsvContentTypes.IsEmpty ? null : new JsonArray(capture.CsvContentTypes.Select(t => (JsonValue)t)));
            header.AddIf("JsonContentTypes", capture.JsonContentTypes.IsEmpty ? null : new JsonArray(capture.JsonContentTypes.Select(t => (JsonValue)t)));
            json.Add("CaptureContentTypeHeader", header);
        }

        return json;
    }

    /// <summary>Each instance-based variant with its [AutoScaling], in variant order.</summary>
    public IEnumerable<(VariantDecl Variant, AutoScalingDecl Scaling)> Scalings() =>
        EndpointModel.Variants(endpoint)
            .Where(v => !v.IsServerless)
            .Select(v => (Variant: v, Scaling: endpoint.AutoScaling.FirstOrDefault(s => EndpointModel.ScaledVariant(endpoint, s)?.Name == v.Name)))
            .Where(p => p.Scaling is not null)
            .Select(p => (p.Variant, p.Scaling!));

    public JsonObject RegisterScalableTarget(VariantDecl variant, AutoScalingDecl scaling) =>
        new JsonObject()
            .Add("ServiceNamespace", "sagemaker")
            .Add("ResourceId", EndpointModel.ResourceId(endpoint, variant.Name))
            .Add("ScalableDimension", EndpointModel.ScalableDimension)
            .Add("MinCapacity", scaling.MinCapacity)
            .Add("MaxCapacity", scaling.MaxCapacity);

    public string PolicyName(VariantDecl variant) => endpoint.Name + "-" + variant.Name + "-target-tracking";

    public JsonObject PutScalingPolicy(VariantDecl variant, AutoScalingDecl scaling) =>
        new JsonObject()
            .Add("PolicyName", PolicyName(variant))
            .Add("ServiceNamespace", "sagemaker")
            .Add("ResourceId", EndpointModel.ResourceId(endpoint, variant.Name))
            .Add("ScalableDimension", EndpointModel.ScalableDimension)
            .Add("PolicyType", "TargetTrackingScaling")
            .Add("TargetTrackingScalingPolicyConfiguration", TargetTracking(variant, scaling, endpoint.Name));

    /// <summary>The target-tracking configuration; <paramref name="endpointName"/> is the custom metric's dimension.</summary>
    public JsonObject TargetTracking(VariantDecl variant, AutoScalingDecl scaling, JsonValue endpointName)
    {
        var json = new JsonObject().Add("TargetValue", JsonValue.From(scaling.TargetValue));
        if (scaling.CustomMetric is { } metric)
        {
            json.Add("CustomizedMetricSpecification", new JsonObject()
                .Add("MetricName", metric)
                .Add("Namespace", scaling.CustomMetricNamespace)
                .Add("Dimensions", new JsonArray(new JsonValue[]
                {
                    new JsonObject().Add("Name", "EndpointName").Add("Value", endpointName),
                    new JsonObject().Add("Name", "VariantName").Add("Value", variant.Name),
                }))
                .Add("Statistic", scaling.CustomMetricStatistic));
        }
        else
        {
            json.Add("PredefinedMetricSpecification", new JsonObject().Add("PredefinedMetricType", EndpointModel.PredefinedMetric));
        }

        return json.Add("ScaleInCooldown", scaling.ScaleInCooldownSeconds).Add("ScaleOutCooldown", scaling.ScaleOutCooldownSeconds);
    }

    private JsonObject WithTags(JsonObject json) => endpoint.Tags.IsEmpty ? json : json.Add("Tags", Tags());
}
