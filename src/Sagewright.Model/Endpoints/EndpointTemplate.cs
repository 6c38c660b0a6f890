using Sagewright.Model.Iam;

namespace Sagewright.Model.Endpoints;

/// <summary><c>endpoint.template.json</c>: a CloudFormation template that serves the model package passed as its
/// <c>ModelPackageName</c> parameter: the inference role (unless <c>[RunAs]</c> names an existing one), an
/// <c>AWS::SageMaker::Model</c> from the package, its <c>EndpointConfig</c> and <c>Endpoint</c>, and for each
/// auto-scaled variant an <c>AWS::ApplicationAutoScaling::ScalableTarget</c> and target-tracking <c>ScalingPolicy</c>.
/// The model and the endpoint configuration have no names of their own, so that deploying a new package version
/// replaces them and updates the endpoint in place.</summary>
internal static class EndpointTemplate
{
    public const string RoleId = "InferenceRole";
    public const string RoleNameParameter = "InferenceRoleName";
    public const string ModelId = "Model";
    public const string ConfigId = "EndpointConfig";
    public const string EndpointId = "Endpoint";

    public static string Build(PipelineGraph graph, EndpointDecl endpoint, EndpointRequests requests, RoleBuilder? role, bool roleManaged)
    {
        var account = graph.Settings.AccountId ?? string.Empty;
        var parameters = new JsonObject();
        var modelPackage = new JsonObject().Add("Type", "String");
        if (endpoint.ModelPackageArn is { } fixedArn)
        {
            modelPackage.Add("Default", fixedArn).Add("Description", "The model package version the endpoint serves.");
        }
        else
        {
            modelPackage.Add("Description", "The ARN of the model package version to serve: the latest Approved version of group "
                + (EndpointModel.GroupName(graph, endpoint) ?? string.Empty) + " (aws sagemaker list-model-packages --model-approval-status Approved --sort-by CreationTime --sort-order Descending).");
        }

        parameters.Add(EndpointEmitter.EndpointNameParameter, new JsonObject().Add("Type", "String").Add("Default", endpoint.Name).Add("Description", "The name of the endpoint. Its scaling policies and the inference role's log permissions name the endpoint by the name it was built with."));
        parameters.Add(EndpointEmitter.ModelPackageParameter, modelPackage);
        var manageRole = roleManaged && role is not null;
        if (manageRole)
        {
            parameters.Add(RoleNameParameter, new JsonObject().Add("Type", "String").Add("Default", role!.Name).Add("Description", "The name of the inference role."));
        }

        var resources = new JsonObject();
        if (manageRole)
        {
            resources.Add(RoleId, new JsonObject().Add("Type", "AWS::IAM::Role").Add("Properties", new JsonObject()
                .Add("RoleName", Ref(RoleNameParameter))
                .Add("AssumeRolePolicyDocument", role!.TrustDocument(account))
                .Add("Policies", new JsonArray(new JsonValue[]
                {
                    new JsonObject().Add("PolicyName", role.Name).Add("PolicyDocument", role.PolicyDocument()),
                }))));
        }

        var tags = requests.Tags();
        var model = new JsonObject()
            .Add("PrimaryContainer", new JsonObject().Add("ModelPackageName", Ref(EndpointEmitter.ModelPackageParameter)))
            .Add("ExecutionRoleArn", manageRole ? GetAtt(RoleId, "Arn") : (JsonValue)requests.RoleArn);
        AddTags(model, tags);
        resources.Add(ModelId, new JsonObject().Add("Type", "AWS::SageMaker::Model").Add("Properties", model));

        var config = new JsonObject().Add("ProductionVariants", requests.Variants(GetAtt(ModelId, "ModelName")));
        config.AddIf("DataCaptureConfig", requests.DataCapture());
        AddTags(config, tags);
        resources.Add(ConfigId, new JsonObject().Add("Type", "AWS::SageMaker::EndpointConfig").Add("Properties", config));

        var endpointProperties = new JsonObject()
            .Add("EndpointName", Ref(EndpointEmitter.EndpointNameParameter))
            .Add("EndpointConfigName", GetAtt(ConfigId, "EndpointConfigName"));
        AddTags(endpointProperties, tags);
        resources.Add(EndpointId, new JsonObject().Add("Type", "AWS::SageMaker::Endpoint").Add("Properties", endpointProperties));

        foreach (var (variant, scaling) in requests.Scalings())
        {
            var id = IamNames.Pascal(variant.Name);
            var resourceId = new JsonObject().Add("Fn::Join", new JsonArray(new JsonValue[]
            {
                string.Empty,
                new JsonArray(new JsonValue[] { "endpoint/", GetAtt(EndpointId, "EndpointName"), "/variant/" + variant.Name }),
            }));
            resources.Add("ScalableTarget" + id, new JsonObject().Add("Type", "AWS::ApplicationAutoScaling::ScalableTarget").Add("Properties", new JsonObject()
                .Add("ServiceNamespace", "sagemaker")
                .Add("ResourceId", resourceId)
                .Add("ScalableDimension", EndpointModel.ScalableDimension)
                .Add("MinCapacity", scaling.MinCapacity)
                .Add("MaxCapacity", scaling.MaxCapacity)));
            resources.Add("ScalingPolicy" + id, new JsonObject().Add("Type", "AWS::ApplicationAutoScaling::ScalingPolicy").Add("Properties", new JsonObject()
                .Add("PolicyName", requests.PolicyName(variant))
                .Add("PolicyType", "TargetTrackingScaling")
                .Add("ScalingTargetId", Ref("ScalableTarget" + id))
                .Add("TargetTrackingScalingPolicyConfiguration", requests.TargetTracking(variant, scaling, GetAtt(EndpointId, "EndpointName")))));
        }

        return new JsonObject()
            .Add("AWSTemplateFormatVersion", "2010-09-09")
            .Add("Description", "SageMaker endpoint " + endpoint.Name + " of pipeline " + graph.Pipeline.Name + ": the model package passed as ModelPackageName, its endpoint configuration, auto-scaling and inference role. Generated by Sagewright: do not edit, change the [Endpoint] class and build.")
            .Add("Parameters", parameters)
            .Add("Resources", resources)
            .Add("Outputs", new JsonObject()
                .Add("EndpointArn", new JsonObject().Add("Value", Ref(EndpointId)))
                .Add(EndpointEmitter.EndpointNameParameter, new JsonObject().Add("Value", GetAtt(EndpointId, "EndpointName"))))
            .ToJson() + "\n";
    }

    private static void AddTags(JsonObject properties, JsonArray tags)
    {
        if (tags.Count > 0)
        {
            properties.Add("Tags", tags);
        }
    }

    private static JsonObject Ref(string id) => new JsonObject().Add("Ref", id);

    private static JsonObject GetAtt(string id, string attribute) =>
        new JsonObject().Add("Fn::GetAtt", new JsonArray(new JsonValue[] { id, attribute }));
}
