using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using System.Threading;
using System.Threading.Tasks;

namespace Sagewright.Cli.Aws;

// Request and response shapes of the SageMaker API (botocore sagemaker-2017-07-24), only the members used.
// Member names are the wire names; timestamps are epoch seconds on the wire (JSON 1.1).
public sealed record Tag(string Key, string Value);

public sealed record Parameter(string Name, string Value);

public sealed record DescribePipelineRequest(string PipelineName);

public sealed record DescribePipelineResponse(
    string? PipelineArn,
    string? PipelineName,
    string? PipelineDisplayName,
    string? PipelineDefinition,
    string? PipelineDescription,
    string? RoleArn,
    string? PipelineStatus);

public sealed record CreatePipelineRequest(
    string PipelineName,
    string? PipelineDisplayName,
    string PipelineDefinition,
    string? PipelineDescription,
    string ClientRequestToken,
    string RoleArn,
    IReadOnlyList<Tag>? Tags);

public sealed record UpdatePipelineRequest(
    string PipelineName,
    string? PipelineDisplayName,
    string PipelineDefinition,
    string? PipelineDescription,
    string RoleArn);

public sealed record PipelineArnResponse(string? PipelineArn);

public sealed record AddTagsRequest(string ResourceArn, IReadOnlyList<Tag> Tags);

public sealed record ListTagsRequest(string ResourceArn, string? NextToken, int? MaxResults);

public sealed record ListTagsResponse(IReadOnlyList<Tag>? Tags, string? NextToken);

public sealed record StartPipelineExecutionRequest(
    string PipelineName,
    string? PipelineExecutionDisplayName,
    IReadOnlyList<Parameter>? PipelineParameters,
    string? PipelineExecutionDescription,
    string ClientRequestToken);

public sealed record StartPipelineExecutionResponse(string? PipelineExecutionArn);

public sealed record DescribePipelineExecutionRequest(string PipelineExecutionArn);

public sealed record DescribePipelineExecutionResponse(
    string? PipelineArn,
    string? PipelineExecutionArn,
    string? PipelineExecutionDisplayName,
    string? PipelineExecutionStatus,
    string? FailureReason,
    double? CreationTime,
    double? LastModifiedTime);

public sealed record ListPipelineExecutionStepsRequest(string PipelineExecutionArn, string? NextToken, int? MaxResults, string? SortOrder);

public sealed record ListPipelineExecutionStepsResponse(IReadOnlyList<PipelineExecutionStep>? PipelineExecutionSteps, string? NextToken);

public sealed record PipelineExecutionStep(
    string? StepName,
    string? StepDisplayName,
    double? StartTime,
    double? EndTime,
    string? StepStatus,
    string? FailureReason,
    JsonObject? Metadata,
    int? AttemptCount);

public sealed record ListModelPackagesRequest(string? ModelPackageGroupName, string? ModelApprovalStatus, string? ModelPackageType, string? SortBy, string? SortOrder, string? NextToken, int? MaxResults);

public sealed record ListModelPackagesResponse(IReadOnlyList<ModelPackageSummary>? ModelPackageSummaryList, string? NextToken);

public sealed record ModelPackageSummary(
    string? ModelPackageName,
    string? ModelPackageGroupName,
    int? ModelPackageVersion,
    string? ModelPackageArn,
    string? ModelPackageDescription,
    double? CreationTime,
    string? ModelPackageStatus,
    string? ModelApprovalStatus);

public sealed record DescribeModelPackageRequest(string ModelPackageName);

public sealed record DescribeModelPackageResponse(
    string? ModelPackageName,
    string? ModelPackageGroupName,
    int? ModelPackageVersion,
    string? ModelPackageArn,
    string? ModelPackageStatus,
    string? ModelApprovalStatus,
    string? ApprovalDescription,
    double? CreationTime,
    JsonObject? ModelMetrics);

public sealed record UpdateModelPackageRequest(string ModelPackageArn, string? ModelApprovalStatus, string? ApprovalDescription);

public sealed record UpdateModelPackageResponse(string? ModelPackageArn);

/// <summary>The SageMaker API over JSON 1.1 (<c>X-Amz-Target: SageMaker.&lt;Operation&gt;</c>), for exactly the
/// operations the tool uses.</summary>
public sealed partial class SageMakerClient(AwsSession session)
{
    internal static readonly JsonSerializerOptions Json = new()
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        PropertyNamingPolicy = null,
    };

    public Task<DescribePipelineResponse> DescribePipelineAsync(DescribePipelineRequest request) =>
        CallAsync<DescribePipelineRequest, DescribePipelineResponse>("DescribePipeline", request, PipelineResource(request.PipelineName));

    public Task<PipelineArnResponse> CreatePipelineAsync(CreatePipelineRequest request) =>
        CallAsync<CreatePipelineRequest, PipelineArnResponse>("CreatePipeline", request, PipelineResource(request.PipelineName), write: true);

    public Task<PipelineArnResponse> UpdatePipelineAsync(UpdatePipelineRequest request) =>
        CallAsync<UpdatePipelineRequest, PipelineArnResponse>("UpdatePipeline", request, PipelineResource(request.PipelineName), write: true);

    public Task<JsonObject> AddTagsAsync(AddTagsRequest request) =>
        CallAsync<AddTagsRequest, JsonObject>("AddTags", request, request.ResourceArn, write: true);

    public async Task<IReadOnlyList<Tag>> ListAllTagsAsync(string resourceArn)
    {
        var tags = new List<Tag>();
        string? token = null;
        do
        {
            var page = await CallAsync<ListTagsRequest, ListTagsResponse>("ListTags", new ListTagsRequest(resourceArn, token, null), resourceArn).ConfigureAwait(false);
            tags.AddRange(page.Tags ?? []);
            token = page.NextToken;
        }
        while (!string.IsNullOrEmpty(token));
        return tags;
    }

    public Task<StartPipelineExecutionResponse> StartPipelineExecutionAsync(StartPipelineExecutionRequest request) =>
        CallAsync<StartPipelineExecutionRequest, StartPipelineExecutionResponse>("StartPipelineExecution", request, PipelineResource(request.PipelineName), write: true);

    public Task<DescribePipelineExecutionResponse> DescribePipelineExecutionAsync(DescribePipelineExecutionRequest request) =>
        CallAsync<DescribePipelineExecutionRequest, DescribePipelineExecutionResponse>("DescribePipelineExecution", request, request.PipelineExecutionArn);

    /// <summary>Every step of an execution, all pages (paginators-1.json: NextToken in and out).</summary>
    public async Task<IReadOnlyList<PipelineExecutionStep>> ListAllPipelineExecutionStepsAsync(string executionArn)
    {
        var steps = new List<PipelineExecutionStep>();
        string? token = null;
        do
        {
            var page = await CallAsync<ListPipelineExecutionStepsRequest, ListPipelineExecutionStepsResponse>("ListPipelineExecutionSteps",
                new ListPipelineExecutionStepsRequest(executionArn, token, null, "Ascending"), executionArn).ConfigureAwait(false);
            steps.AddRange(page.PipelineExecutionSteps ?? []);
            token = page.NextToken;
        }
        while (!string.IsNullOrEmpty(token));
        return steps;
    }

    /// <summary>Every version of a group, newest first, all pages (paginators-1.json: NextToken in and out).</summary>
    public async Task<IReadOnlyList<ModelPackageSummary>> ListAllModelPackagesAsync(string group, string? approvalStatus)
    {
        var packages = new List<ModelPackageSummary>();
        string? token = null;
        do
        {
            var page = await CallAsync<ListModelPackagesRequest, ListModelPackagesResponse>("ListModelPackages",
                new ListModelPackagesRequest(group, approvalStatus, null, "CreationTime", "Descending", token, null), ModelPackageGroupResource(group)).ConfigureAwait(false);
            packages.AddRange(page.ModelPackageSummaryList ?? []);
            token = page.NextToken;
        }
        while (!string.IsNullOrEmpty(token));
        return packages;
    }

    public Task<DescribeModelPackageResponse> DescribeModelPackageAsync(DescribeModelPackageRequest request) =>
        CallAsync<DescribeModelPackageRequest, DescribeModelPackageResponse>("DescribeModelPackage", request, request.ModelPackageName);

    public Task<UpdateModelPackageResponse> UpdateModelPackageAsync(UpdateModelPackageRequest request) =>
        CallAsync<UpdateModelPackageRequest, UpdateModelPackageResponse>("UpdateModelPackage", request, request.ModelPackageArn, write: true);

    /// <summary>The ARN-like name of a pipeline for error messages (SageMaker lowercases names in ARNs).</summary>
    private string PipelineResource(string name) => $"pipeline {name}";

    private string ModelPackageGroupResource(string name) => $"model package group {name}";

    internal static byte[] Serialize<T>(T request) => JsonSerializer.SerializeToUtf8Bytes(request, Json);

    private async Task<TResponse> CallAsync<TRequest, TResponse>(string operation, TRequest input, string resource, bool write = false)
    {
        var body = Serialize(input);
        var request = new AwsRequest(
            "sagemaker",
            "sagemaker",
            operation,
            session.EndpointFor($"api.sagemaker.{session.Region}.{session.DnsSuffix}"),
            session.Region,
            "application/x-amz-json-1.1",
            body,
            resource,
            [new("X-Amz-Target", "SageMaker." + operation)]);
        if (write)
        {
            lock (session.Writes)
            {
                session.Writes.Add("sagemaker:" + operation);
            }
        }

        var response = await session.SendAsync(request, ParseError).ConfigureAwait(false);
        var text = response.Body.Length == 0 ? "{}" : Encoding.UTF8.GetString(response.Body);
        try
        {
            return JsonSerializer.Deserialize<TResponse>(text, Json)
                ?? throw new AwsException($"sagemaker:{operation}: empty response", "sagemaker", operation, null, response.Status, null);
        }
        catch (JsonException ex)
        {
            throw new AwsException($"sagemaker:{operation}: unreadable response ({AwsSession.FirstLine(ex.Message)})", "sagemaker", operation, null, response.Status, null);
        }
    }

    /// <summary>A JSON 1.1 error: <c>{"__type": "...#Code", "message": "..."}</c>, or the type in x-amzn-ErrorType.</summary>
    internal static (string? Code, string? Message) ParseError(AwsResponse response)
    {
        string? code = response.ErrorTypeHeader;
        string? message = null;
        try
        {
            if (response.Body.Length > 0 && JsonNode.Parse(response.Body) is JsonObject body)
            {
                code = (body["__type"] ?? body["code"] ?? body["Code"])?.GetValue<string>() ?? code;
                message = (body["message"] ?? body["Message"] ?? body["errorMessage"])?.GetValue<string>();
            }
        }
        catch (Exception ex) when (ex is JsonException or InvalidOperationException or FormatException)
        {
        }

        if (code is not null)
        {
            code = code.Split(':')[0];
            code = code[(code.LastIndexOf('#') + 1)..];
        }

        return (code, message);
    }
}
