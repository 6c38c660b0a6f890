using System.Net;
using System.Text;
using System.Text.Json.Nodes;

namespace Sagewright.Cli.Tests.Aws;

/// <summary>The fake's endpoints: models, endpoint configurations, endpoints whose status progresses each time they
/// are described (Creating or Updating, then InService, or Failed for a configuration named in
/// <see cref="FailingEndpointConfigs"/>), and Application Auto Scaling targets and policies.</summary>
public sealed partial class FakeAws
{
    public Dictionary<string, JsonObject> Models { get; } = new(StringComparer.Ordinal);

    public Dictionary<string, JsonObject> EndpointConfigs { get; } = new(StringComparer.Ordinal);

    public Dictionary<string, FakeEndpoint> Endpoints { get; } = new(StringComparer.Ordinal);

    public Dictionary<string, JsonObject> ScalableTargets { get; } = new(StringComparer.Ordinal);

    public Dictionary<string, JsonObject> ScalingPolicies { get; } = new(StringComparer.Ordinal);

    /// <summary>Endpoint configurations (by name prefix) that fail to come into service.</summary>
    public List<string> FailingEndpointConfigs { get; } = [];

    private bool EndpointOperation(HttpListenerContext context, string operation, JsonObject input)
    {
        string? S(string name) => input[name]?.GetValue<string>();
        void Ok(JsonObject output) => Respond(context, 200, "application/x-amz-json-1.1", Encoding.UTF8.GetBytes(output.ToJsonString()));
        void Fail(string code, string message) => Error(context, "sagemaker", 400, code, message);
        var arn = $"arn:aws:sagemaker:us-east-1:{Account}:";
        switch (operation)
        {
            case "CreateModel":
            {
                var name = S("ModelName")!;
                if (Models.ContainsKey(name))
                {
                    Fail("ValidationException", $"Cannot create already existing model \"{arn}model/{name.ToLowerInvariant()}\".");
                }
                else if (!RoleExists(S("ExecutionRoleArn")))
                {
                    Fail("ValidationException", "Could not assume role " + S("ExecutionRoleArn"));
                }
                else if (ModelPackages.All(p => p.Arn != (string?)input["PrimaryContainer"]?["ModelPackageName"]))
                {
                    Fail("ValidationException", "Model package does not exist.");
                }
                else
                {
                    Models[name] = input;
                    Ok(new JsonObject { ["ModelArn"] = arn + "model/" + name.ToLowerInvariant() });
                }

                return true;
            }

            case "CreateEndpointConfig":
            {
                var name = S("EndpointConfigName")!;
                if (EndpointConfigs.ContainsKey(name))
                {
                    Fail("ValidationException", $"Cannot create already existing endpoint configuration \"{arn}endpoint-config/{name.ToLowerInvariant()}\".");
                }
                else if ((input["ProductionVariants"] as JsonArray ?? []).Any(v => !Models.ContainsKey((string)v!["ModelName"]!)))
                {
                    Fail("ValidationException", "Could not find model.");
                }
                else
                {
                    EndpointConfigs[name] = input;
                    Ok(new JsonObject { ["EndpointConfigArn"] = arn + "endpoint-config/" + name.ToLowerInvariant() });
                }

                return true;
            }

            case "CreateEndpoint" or "UpdateEndpoint":
            {
                var name = S("EndpointName")!;
                var config = S("EndpointConfigName")!;
                var exists = Endpoints.TryGetValue(name, out var endpoint);
                if (operation == "CreateEndpoint" && exists)
                {
                    Fail("ValidationException", $"Cannot create already existing endpoint \"{arn}endpoint/{name}\".");
                }
                else if (operation == "UpdateEndpoint" && !exists)
                {
                    Fail("ValidationException", $"Could not find endpoint \"{arn}endpoint/{name}\".");
                }
                else if (!EndpointConfigs.ContainsKey(config))
                {
                    Fail("ValidationException", $"Could not find endpoint configuration \"{arn}endpoint-config/{config}\".");
                }
                else if (exists && endpoint!.Status is "Creating" or "Updating")
                {
                    Fail("ValidationException", $"Cannot update in-progress endpoint \"{arn}endpoint/{name}\".");
                }
                else
                {
                    endpoint ??= Endpoints[name] = new FakeEndpoint(name, arn + "endpoint/" + name);
                    endpoint.Target = config;
                    endpoint.Status = exists ? "Updating" : "Creating";
                    endpoint.FailureReason = null;
                    Ok(new JsonObject { ["EndpointArn"] = endpoint.Arn });
                }

                return true;
            }

            case "DescribeEndpoint":
            {
                if (!Endpoints.TryGetValue(S("EndpointName")!, out var endpoint))
                {
                    Fail("ValidationException", $"Could not find endpoint \"{arn}endpoint/{S("EndpointName")}\".");
                    return true;
                }

                var output = new JsonObject
                {
                    ["EndpointName"] = endpoint.Name,
                    ["EndpointArn"] = endpoint.Arn,
                    ["EndpointStatus"] = endpoint.Status,
                    ["CreationTime"] = 1796000000.0,
                };
                if (endpoint.Config is not null)
                {
                    output["EndpointConfigName"] = endpoint.Config;
                }

                if (endpoint.FailureReason is not null)
                {
                    output["FailureReason"] = endpoint.FailureReason;
                }

                Ok(output);
                endpoint.Advance(FailingEndpointConfigs);
                return true;
            }

            default:
                return false;
        }
    }

    private void AutoScaling(HttpListenerContext context, string operation, JsonObject input)
    {
        void Ok(JsonObject output) => Respond(context, 200, "application/x-amz-json-1.1", Encoding.UTF8.GetBytes(output.ToJsonString()));
        var resource = input["ResourceId"]?.GetValue<string>() ?? "";
        var variant = resource.Split('/');
        if (variant.Length != 4 || !Endpoints.TryGetValue(variant[1], out var endpoint) || endpoint.Status != "InService")
        {
            Error(context, "application-autoscaling", 400, "ValidationException", $"The resource {resource} does not exist or is not in service.");
            return;
        }

        switch (operation)
        {
            case "RegisterScalableTarget":
                ScalableTargets[resource] = input;
                Ok(new JsonObject { ["ScalableTargetARN"] = $"arn:aws:application-autoscaling:us-east-1:{Account}:scalable-target/{ScalableTargets.Count}" });
                return;
            case "PutScalingPolicy":
                if (!ScalableTargets.ContainsKey(resource))
                {
                    Error(context, "application-autoscaling", 400, "ObjectNotFoundException", "No scalable target registered for " + resource);
                    return;
                }

                ScalingPolicies[input["PolicyName"]!.GetValue<string>()] = input;
                Ok(new JsonObject { ["PolicyARN"] = $"arn:aws:autoscaling:us-east-1:{Account}:scalingPolicy:1:resource/sagemaker/{resource}:policyName/{input["PolicyName"]}" });
                return;
            default:
                Error(context, "application-autoscaling", 400, "UnknownOperationException", "not emulated: " + operation);
                return;
        }
    }
}

public sealed class FakeEndpoint(string name, string arn)
{
    public string Name { get; } = name;

    public string Arn { get; } = arn;

    /// <summary>The configuration in service (null while the first one is being created).</summary>
    public string? Config { get; set; }

    /// <summary>The configuration being created or updated to.</summary>
    public string? Target { get; set; }

    public string Status { get; set; } = "Creating";

    public string? FailureReason { get; set; }

    internal void Advance(List<string> failing)
    {
        if (Status is not ("Creating" or "Updating"))
        {
            return;
        }

        if (Target is { } target && failing.Any(f => target.StartsWith(f, StringComparison.Ordinal)))
        {
            Config = target;
            Status = "Failed";
            FailureReason = "The primary container for production variant AllTraffic did not pass the ping health check.";
        }
        else
        {
            Config = Target;
            Status = "InService";
        }
    }
}
