using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Threading.Tasks;

namespace Sagewright.Cli.Aws;

/// <summary>Application Auto Scaling (botocore application-autoscaling-2016-02-06) over JSON 1.1
/// (<c>X-Amz-Target: AnyScaleFrontendService.&lt;Operation&gt;</c>, signing name <c>application-autoscaling</c>), for
/// the two operations the tool uses; they take the requests the build wrote as they are.</summary>
public sealed class AutoScalingClient(AwsSession session)
{
    public Task<JsonObject> RegisterScalableTargetAsync(JsonObject request) =>
        CallAsync("RegisterScalableTarget", request, "scalable target " + (string?)request["ResourceId"]);

    public Task<JsonObject> PutScalingPolicyAsync(JsonObject request) =>
        CallAsync("PutScalingPolicy", request, "scaling policy " + (string?)request["PolicyName"]);

    private async Task<JsonObject> CallAsync(string operation, JsonObject input, string resource)
    {
        var request = new AwsRequest(
            "application-autoscaling",
            "application-autoscaling",
            operation,
            session.EndpointFor($"application-autoscaling.{session.Region}.{session.DnsSuffix}"),
            session.Region,
            "application/x-amz-json-1.1",
            SageMakerClient.Serialize(input),
            resource,
            [new("X-Amz-Target", "AnyScaleFrontendService." + operation)]);
        lock (session.Writes)
        {
            session.Writes.Add("application-autoscaling:" + operation);
        }

        var response = await session.SendAsync(request, SageMakerClient.ParseError).ConfigureAwait(false);
        try
        {
            return response.Body.Length == 0 ? [] : JsonNode.Parse(Encoding.UTF8.GetString(response.Body)) as JsonObject ?? [];
        }
        catch (JsonException ex)
        {
            throw new AwsException($"application-autoscaling:{operation}: unreadable response ({AwsSession.FirstLine(ex.Message)})", "application-autoscaling", operation, null, response.Status, null);
        }
    }
}
