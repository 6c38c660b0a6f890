using System.Text.Json.Nodes;
using System.Threading.Tasks;

namespace Sagewright.Cli.Aws;

public sealed record DescribeEndpointRequest(string EndpointName);

public sealed record DescribeEndpointResponse(
    string? EndpointName,
    string? EndpointArn,
    string? EndpointConfigName,
    string? EndpointStatus,
    string? FailureReason,
    double? CreationTime,
    double? LastModifiedTime);

public sealed record UpdateEndpointRequest(string EndpointName, string EndpointConfigName);

public sealed record EndpointArnResponse(string? EndpointArn);

/// <summary>The endpoint operations (botocore sagemaker-2017-07-24). CreateModel, CreateEndpointConfig and
/// CreateEndpoint take the requests the build wrote (create-*.json), adjusted, as they are.</summary>
public sealed partial class SageMakerClient
{
    public Task<JsonObject> CreateModelAsync(JsonObject request) =>
        CallAsync<JsonObject, JsonObject>("CreateModel", request, "model " + (string?)request["ModelName"], write: true);

    public Task<JsonObject> CreateEndpointConfigAsync(JsonObject request) =>
        CallAsync<JsonObject, JsonObject>("CreateEndpointConfig", request, "endpoint config " + (string?)request["EndpointConfigName"], write: true);

    public Task<EndpointArnResponse> CreateEndpointAsync(JsonObject request) =>
        CallAsync<JsonObject, EndpointArnResponse>("CreateEndpoint", request, "endpoint " + (string?)request["EndpointName"], write: true);

    public Task<EndpointArnResponse> UpdateEndpointAsync(UpdateEndpointRequest request) =>
        CallAsync<UpdateEndpointRequest, EndpointArnResponse>("UpdateEndpoint", request, "endpoint " + request.EndpointName, write: true);

    public Task<DescribeEndpointResponse> DescribeEndpointAsync(DescribeEndpointRequest request) =>
        CallAsync<DescribeEndpointRequest, DescribeEndpointResponse>("DescribeEndpoint", request, "endpoint " + request.EndpointName);
}
