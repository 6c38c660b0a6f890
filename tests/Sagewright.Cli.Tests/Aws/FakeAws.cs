using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Web;
using System.Xml.Linq;

namespace Sagewright.Cli.Tests.Aws;

/// <summary>A request the fake received, parsed: the service, the operation (X-Amz-Target, the Query Action, or the
/// S3 method), its parameters, and whether its SigV4 signature was valid for the dummy credentials.</summary>
public sealed record RecordedRequest(string Service, string Operation, string Method, string Path, JsonNode? Json, IReadOnlyList<KeyValuePair<string, string>> Form, IReadOnlyDictionary<string, string> Headers, byte[] Body, bool SignatureValid, string? SignatureProblem)
{
    public bool IsWrite => Operation is not ("DescribePipeline" or "ListTags" or "DescribePipelineExecution" or "ListPipelineExecutionSteps" or "ListModelPackages" or "DescribeModelPackage" or "DescribeEndpoint"
        or "GetCallerIdentity" or "GetRole" or "GetRolePolicy" or "ListAttachedRolePolicies" or "ListRolePolicies" or "HEAD" or "GET");

    public override string ToString() => $"{Service}:{Operation}";
}

public enum FaultKind
{
    Throttle,
    ServerError,
    DropConnection,
    AccessDenied,
    ExpiredToken,
}

/// <summary>A fault injected into the next <see cref="Times"/> matching requests.</summary>
public sealed class Fault(string operation, FaultKind kind, int times)
{
    public string Operation { get; } = operation;

    public FaultKind Kind { get; } = kind;

    public int Remaining = times;
}

/// <summary>An in-process fake of the SageMaker, IAM and S3 operations the tool uses, on 127.0.0.1 only, with real
/// state: S3 objects, roles and their policies, pipelines, executions whose steps progress each time they are
/// described, and model packages. Every request's SigV4 signature is checked against the dummy credentials.</summary>
public sealed partial class FakeAws : IDisposable
{
    public const string AccessKey = "AKIAIOSFODNN7EXAMPLE";
    public const string SecretKey = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY";
    public const string Account = "123456789012";
    private const string IamNs = "https://iam.amazonaws.com/doc/2010-05-08/";

    private readonly HttpListener _listener;
    private readonly Task _loop;
    private readonly object _gate = new();
    private int _nextId;

    public FakeAws()
    {
        // A port below Linux's ephemeral range (32768-60999), so that no outgoing connection of a parallel test can
        // take it between choosing and binding; a fresh listener per try, since one that failed to start is closed.
        for (var attempt = 0; ; attempt++)
        {
            Port = Random.Shared.Next(20000, 32000);
            var listener = new HttpListener();
            try
            {
                listener.Prefixes.Add($"http://127.0.0.1:{Port}/");
                listener.Start();
                _listener = listener;
                break;
            }
            catch (Exception ex) when (ex is HttpListenerException or System.Net.Sockets.SocketException && attempt < 50)
            {
                try
                {
                    // A listener that failed to start may fail to close the same way.
                    listener.Close();
                }
                catch (Exception closing) when (closing is HttpListenerException or System.Net.Sockets.SocketException or ObjectDisposedException)
                {
                }
            }
        }

        _loop = Task.Run(LoopAsync);
    }

    public int Port { get; }

    public string Endpoint => $"http://127.0.0.1:{Port}";

    public List<RecordedRequest> Requests { get; } = [];

    public List<Fault> Faults { get; } = [];

    /// <summary>S3 objects by "bucket/key".</summary>
    public ConcurrentDictionary<string, byte[]> Objects { get; } = new(StringComparer.Ordinal);

    public Dictionary<string, FakeRole> Roles { get; } = new(StringComparer.Ordinal);

    public Dictionary<string, FakePipeline> Pipelines { get; } = new(StringComparer.Ordinal);

    public Dictionary<string, FakeExecution> Executions { get; } = new(StringComparer.Ordinal);

    public List<FakeModelPackage> ModelPackages { get; } = [];

    /// <summary>The account GetCallerIdentity answers.</summary>
    public string CallerAccount { get; set; } = Account;

    /// <summary>When set, executions fail at this step.</summary>
    public string? FailStep { get; set; }

    /// <summary>How many CreatePipeline/UpdatePipeline calls fail with "Could not assume role" before the roles
    /// "propagate" (IAM is eventually consistent).</summary>
    public int RolePropagationFailures { get; set; }

    /// <summary>Page size of every paginated list (small, so that paging is exercised).</summary>
    public int PageSize { get; set; } = 2;

    public IReadOnlyList<RecordedRequest> Snapshot()
    {
        lock (Requests)
        {
            return Requests.ToList();
        }
    }

    public IReadOnlyList<RecordedRequest> Writes() => Snapshot().Where(r => r.IsWrite).ToList();

    public void ClearRequests()
    {
        lock (Requests)
        {
            Requests.Clear();
        }
    }

    public void Dispose()
    {
        try
        {
            // Close alone: Stop then Close makes the managed HttpListener look up (and so bind again) the port it has
            // just released, which fails when a parallel test has taken it in between.
            _listener.Close();
        }
        catch (HttpListenerException)
        {
        }

        try
        {
            _loop.Wait(TimeSpan.FromSeconds(5));
        }
        catch (AggregateException)
        {
        }
    }

    private async Task LoopAsync()
    {
        while (_listener.IsListening)
        {
            HttpListenerContext context;
            try
            {
                context = await _listener.GetContextAsync().ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is HttpListenerException or ObjectDisposedException or InvalidOperationException)
            {
                return;
            }

            _ = Task.Run(() => Handle(context));
        }
    }

    private void Handle(HttpListenerContext context)
    {
        try
        {
            HandleCore(context);
        }
        catch (Exception ex)
        {
            try
            {
                Respond(context, 500, "text/plain", Encoding.UTF8.GetBytes("fake aws bug: " + ex));
            }
            catch (Exception)
            {
            }
        }
    }

    private void HandleCore(HttpListenerContext context)
    {
        var request = context.Request;
        using var buffer = new MemoryStream();
        request.InputStream.CopyTo(buffer);
        var body = buffer.ToArray();
        var headers = request.Headers.AllKeys.Where(k => k is not null).ToDictionary(k => k!.ToLowerInvariant(), k => string.Join(",", request.Headers.GetValues(k!)!.Select(v => v.Trim())), StringComparer.Ordinal);
        var rawPath = request.RawUrl ?? "/";
        var query = "";
        var q = rawPath.IndexOf('?', StringComparison.Ordinal);
        if (q >= 0)
        {
            query = rawPath[(q + 1)..];
            rawPath = rawPath[..q];
        }

        var (valid, problem) = SigV4.Verify(request.HttpMethod, rawPath, query, headers, body, AccessKey, SecretKey);
        string service;
        string operation;
        JsonNode? json = null;
        var form = new List<KeyValuePair<string, string>>();
        if (headers.TryGetValue("x-amz-target", out var target))
        {
            service = target.StartsWith("AnyScaleFrontendService.", StringComparison.Ordinal) ? "application-autoscaling" : "sagemaker";
            operation = target[(target.IndexOf('.', StringComparison.Ordinal) + 1)..];
            json = body.Length == 0 ? new JsonObject() : JsonNode.Parse(body);
        }
        else if (request.HttpMethod == "POST" && headers.GetValueOrDefault("content-type", "").StartsWith("application/x-www-form-urlencoded", StringComparison.Ordinal))
        {
            service = Encoding.UTF8.GetString(body).Contains("Version=2011-06-15", StringComparison.Ordinal) ? "sts" : "iam";
            foreach (var pair in Encoding.UTF8.GetString(body).Split('&', StringSplitOptions.RemoveEmptyEntries))
            {
                var eq = pair.IndexOf('=', StringComparison.Ordinal);
                form.Add(new(Uri.UnescapeDataString((eq < 0 ? pair : pair[..eq]).Replace('+', ' ')), Uri.UnescapeDataString((eq < 0 ? "" : pair[(eq + 1)..]).Replace('+', ' '))));
            }

            operation = form.FirstOrDefault(p => p.Key == "Action").Value ?? "?";
        }
        else
        {
            service = "s3";
            operation = request.HttpMethod;
        }

        var recorded = new RecordedRequest(service, operation, request.HttpMethod, rawPath, json, form, headers, body, valid, problem);
        lock (Requests)
        {
            Requests.Add(recorded);
        }

        if (!valid)
        {
            Error(context, service, 403, "SignatureDoesNotMatch", "signature check failed: " + problem);
            return;
        }

        Fault? fault;
        lock (Faults)
        {
            fault = Faults.FirstOrDefault(f => f.Remaining > 0 && (f.Operation == operation || f.Operation == "*"));
            if (fault is not null)
            {
                fault.Remaining--;
            }
        }

        switch (fault?.Kind)
        {
            case FaultKind.DropConnection:
                // The connection closes partway through the response: the status line and headers promise a body
                // that never comes (HttpListener cannot drop a connection before answering).
                context.Response.StatusCode = 200;
                context.Response.ContentLength64 = 4096;
                context.Response.OutputStream.Write("{\"partial\":"u8);
                context.Response.OutputStream.Flush();
                context.Response.Abort();
                return;
            case FaultKind.Throttle:
                Error(context, service, service == "s3" ? 503 : 400, service switch { "s3" => "SlowDown", "iam" => "Throttling", _ => "ThrottlingException" }, "Rate exceeded");
                return;
            case FaultKind.ServerError:
                Error(context, service, 500, service == "sagemaker" ? "InternalFailure" : "InternalError", "We encountered an internal error. Please try again.");
                return;
            case FaultKind.AccessDenied:
                Error(context, service, service == "sagemaker" ? 400 : 403, service == "sagemaker" ? "AccessDeniedException" : "AccessDenied",
                    $"User: arn:aws:iam::{Account}:user/ci is not authorized to perform: {service}:{operation}");
                return;
            case FaultKind.ExpiredToken:
                Error(context, service, 400, service == "sagemaker" ? "ExpiredTokenException" : "ExpiredToken", "The security token included in the request is expired");
                return;
        }

        lock (_gate)
        {
            switch (service)
            {
                case "sagemaker":
                    SageMaker(context, operation, (JsonObject)json!);
                    break;
                case "application-autoscaling":
                    AutoScaling(context, operation, (JsonObject)json!);
                    break;
                case "iam":
                    Iam(context, operation, form);
                    break;
                case "sts":
                    Respond(context, 200, "text/xml", Encoding.UTF8.GetBytes(
                        $"<GetCallerIdentityResponse xmlns=\"https://sts.amazonaws.com/doc/2011-06-15/\"><GetCallerIdentityResult><Arn>arn:aws:iam::{CallerAccount}:user/ci</Arn><UserId>AIDAEXAMPLE</UserId><Account>{CallerAccount}</Account></GetCallerIdentityResult><ResponseMetadata><RequestId>1</RequestId></ResponseMetadata></GetCallerIdentityResponse>"));
                    break;
                default:
                    S3(context, request.HttpMethod, rawPath, headers, body);
                    break;
            }
        }
    }

    // ---------------------------------------------------------------- S3

    private void S3(HttpListenerContext context, string method, string rawPath, Dictionary<string, string> headers, byte[] body)
    {
        var key = Uri.UnescapeDataString(rawPath.TrimStart('/'));
        switch (method)
        {
            case "HEAD":
                if (Objects.TryGetValue(key, out var existing))
                {
                    context.Response.Headers["ETag"] = "\"" + Convert.ToHexStringLower(MD5.HashData(existing)) + "\"";
                    context.Response.ContentLength64 = existing.Length;
                    context.Response.StatusCode = 200;
                    context.Response.Close();
                }
                else
                {
                    context.Response.StatusCode = 404;
                    context.Response.Close();
                }

                return;
            case "PUT":
                if (headers.TryGetValue("if-none-match", out var condition) && condition == "*" && Objects.ContainsKey(key))
                {
                    Error(context, "s3", 412, "PreconditionFailed", "At least one of the pre-conditions you specified did not hold");
                    return;
                }

                if (headers.TryGetValue("x-amz-checksum-sha256", out var checksum) && checksum != Convert.ToBase64String(SHA256.HashData(body)))
                {
                    Error(context, "s3", 400, "BadDigest", "The SHA256 you specified did not match the calculated checksum.");
                    return;
                }

                Objects[key] = body;
                context.Response.Headers["ETag"] = "\"" + Convert.ToHexStringLower(MD5.HashData(body)) + "\"";
                Respond(context, 200, "application/xml", []);
                return;
            default:
                Error(context, "s3", 405, "MethodNotAllowed", "not emulated");
                return;
        }
    }

    // ---------------------------------------------------------------- IAM

    private void Iam(HttpListenerContext context, string action, List<KeyValuePair<string, string>> form)
    {
        string P(string name) => form.FirstOrDefault(p => p.Key == name).Value ?? "";
        List<(string Key, string Value)> Tags()
        {
            var tags = new List<(string, string)>();
            for (var i = 1; form.Any(p => p.Key == $"Tags.member.{i}.Key"); i++)
            {
                tags.Add((P($"Tags.member.{i}.Key"), P($"Tags.member.{i}.Value")));
            }

            return tags;
        }

        var name = P("RoleName");
        Roles.TryGetValue(name, out var role);
        if (role is null && action is not "CreateRole")
        {
            Error(context, "iam", 404, "NoSuchEntity", $"The role with name {name} cannot be found.");
            return;
        }

        XElement E(string n, object? content) => new(XName.Get(n, IamNs), content);
        switch (action)
        {
            case "GetRole":
                IamOk(context, action, E("Role", RoleXml(role!)));
                return;
            case "CreateRole":
                if (role is not null)
                {
                    Error(context, "iam", 409, "EntityAlreadyExists", $"Role with name {name} already exists.");
                    return;
                }

                var path = form.Any(p => p.Key == "Path") ? P("Path") : "/";
                role = new FakeRole(name, $"arn:aws:iam::{Account}:role{path}{name}", path, P("AssumeRolePolicyDocument"));
                foreach (var (k, v) in Tags())
                {
                    role.Tags[k] = v;
                }

                Roles[name] = role;
                IamOk(context, action, E("Role", RoleXml(role)));
                return;
            case "UpdateAssumeRolePolicy":
                role!.Trust = P("PolicyDocument");
                IamOk(context, action, null);
                return;
            case "GetRolePolicy":
                if (!role!.Inline.TryGetValue(P("PolicyName"), out var document))
                {
                    Error(context, "iam", 404, "NoSuchEntity", $"The role policy with name {P("PolicyName")} cannot be found.");
                    return;
                }

                IamOk(context, action, new object[] { E("RoleName", name), E("PolicyName", P("PolicyName")), E("PolicyDocument", Uri.EscapeDataString(document)) });
                return;
            case "PutRolePolicy":
                role!.Inline[P("PolicyName")] = P("PolicyDocument");
                IamOk(context, action, null);
                return;
            case "TagRole":
                foreach (var (k, v) in Tags())
                {
                    role!.Tags[k] = v;
                }

                IamOk(context, action, null);
                return;
            case "ListRolePolicies":
                IamOk(context, action, new object[] { E("PolicyNames", role!.Inline.Keys.Order(StringComparer.Ordinal).Select(k => E("member", k))), E("IsTruncated", "false") });
                return;
            case "ListAttachedRolePolicies":
                IamOk(context, action, new object[] { E("AttachedPolicies", role!.Attached.Select(a => E("member", new object[] { E("PolicyName", a[(a.LastIndexOf('/') + 1)..]), E("PolicyArn", a) }))), E("IsTruncated", "false") });
                return;
            case "AttachRolePolicy":
                if (!role!.Attached.Contains(P("PolicyArn")))
                {
                    role.Attached.Add(P("PolicyArn"));
                }

                IamOk(context, action, null);
                return;
            default:
                Error(context, "iam", 400, "InvalidAction", "not emulated: " + action);
                return;
        }

        object[] RoleXml(FakeRole r) =>
        [
            E("Path", r.Path), E("RoleName", r.Name), E("RoleId", "AROA" + r.Name.GetHashCode(StringComparison.Ordinal).ToString("X8", CultureInfo.InvariantCulture)),
            E("Arn", r.Arn), E("CreateDate", "2026-12-01T00:00:00Z"), E("AssumeRolePolicyDocument", Uri.EscapeDataString(r.Trust)),
            E("Tags", r.Tags.Select(t => E("member", new object[] { E("Key", t.Key), E("Value", t.Value) }))),
        ];
    }

    private static void IamOk(HttpListenerContext context, string action, object? result)
    {
        var ns = XNamespace.Get(IamNs);
        var root = new XElement(ns + (action + "Response"));
        if (result is not null)
        {
            root.Add(new XElement(ns + (action + "Result"), result));
        }

        root.Add(new XElement(ns + "ResponseMetadata", new XElement(ns + "RequestId", Guid.NewGuid().ToString())));
        Respond(context, 200, "text/xml", Encoding.UTF8.GetBytes(new XDocument(root).ToString(SaveOptions.DisableFormatting)));
    }

    // ---------------------------------------------------------------- SageMaker

    private void SageMaker(HttpListenerContext context, string operation, JsonObject input)
    {
        string? S(string name) => input[name]?.GetValue<string>();
        void Ok(JsonObject output) => Respond(context, 200, "application/x-amz-json-1.1", Encoding.UTF8.GetBytes(output.ToJsonString()));
        void Fail(string code, string message) => Error(context, "sagemaker", 400, code, message);
        FakePipeline? pipeline = S("PipelineName") is { } pn ? Pipelines.GetValueOrDefault(pn) : null;
        switch (operation)
        {
            case "DescribePipeline":
                if (pipeline is null)
                {
                    Fail("ResourceNotFound", $"Pipeline 'arn:aws:sagemaker:us-east-1:{Account}:pipeline/{S("PipelineName")?.ToLowerInvariant()}' does not exist.");
                    return;
                }

                Ok(new JsonObject
                {
                    ["PipelineArn"] = pipeline.Arn,
                    ["PipelineName"] = pipeline.Name,
                    ["PipelineDisplayName"] = pipeline.DisplayName,
                    ["PipelineDefinition"] = pipeline.Definition,
                    ["PipelineDescription"] = pipeline.Description,
                    ["RoleArn"] = pipeline.RoleArn,
                    ["PipelineStatus"] = "Active",
                    ["CreationTime"] = 1796000000.0,
                });
                return;
            case "CreatePipeline":
            {
                var name = S("PipelineName")!;
                if (pipeline is not null)
                {
                    if (pipeline.CreateToken == S("ClientRequestToken"))
                    {
                        Ok(new JsonObject { ["PipelineArn"] = pipeline.Arn });
                        return;
                    }

                    Fail("ResourceInUse", $"Pipeline {name} already exists.");
                    return;
                }

                if (!RoleExists(S("RoleArn")) || RolePropagationFailures-- > 0)
                {
                    Fail("ValidationException", $"Could not assume role {S("RoleArn")}");
                    return;
                }

                pipeline = new FakePipeline(name, $"arn:aws:sagemaker:us-east-1:{Account}:pipeline/{name.ToLowerInvariant()}")
                {
                    Definition = S("PipelineDefinition")!,
                    Description = S("PipelineDescription"),
                    DisplayName = S("PipelineDisplayName") ?? name,
                    RoleArn = S("RoleArn")!,
                    CreateToken = S("ClientRequestToken"),
                };
                foreach (var tag in input["Tags"] as JsonArray ?? [])
                {
                    pipeline.Tags[(string)tag!["Key"]!] = (string)tag["Value"]!;
                }

                Pipelines[name] = pipeline;
                Ok(new JsonObject { ["PipelineArn"] = pipeline.Arn });
                return;
            }

            case "UpdatePipeline":
                if (pipeline is null)
                {
                    Fail("ResourceNotFound", "Pipeline does not exist.");
                    return;
                }

                if (S("RoleArn") is { } roleArn && !RoleExists(roleArn))
                {
                    Fail("ValidationException", $"Could not assume role {roleArn}");
                    return;
                }

                pipeline.Definition = S("PipelineDefinition") ?? pipeline.Definition;
                pipeline.Description = S("PipelineDescription") ?? pipeline.Description;
                pipeline.DisplayName = S("PipelineDisplayName") ?? pipeline.DisplayName;
                pipeline.RoleArn = S("RoleArn") ?? pipeline.RoleArn;
                Ok(new JsonObject { ["PipelineArn"] = pipeline.Arn });
                return;
            case "AddTags":
            {
                var target = Pipelines.Values.FirstOrDefault(p => p.Arn == S("ResourceArn"));
                if (target is null)
                {
                    Fail("ResourceNotFound", "no such resource");
                    return;
                }

                foreach (var tag in input["Tags"] as JsonArray ?? [])
                {
                    target.Tags[(string)tag!["Key"]!] = (string)tag["Value"]!;
                }

                Ok(new JsonObject { ["Tags"] = input["Tags"]!.DeepClone() });
                return;
            }

            case "ListTags":
            {
                var target = Pipelines.Values.FirstOrDefault(p => p.Arn == S("ResourceArn"));
                var all = target?.Tags.Select(t => (JsonNode)new JsonObject { ["Key"] = t.Key, ["Value"] = t.Value }).ToList() ?? [];
                Ok(Page(all, "Tags", S("NextToken")));
                return;
            }

            case "StartPipelineExecution":
            {
                if (pipeline is null)
                {
                    Fail("ResourceNotFound", "Pipeline does not exist.");
                    return;
                }

                var token = S("ClientRequestToken");
                var same = Executions.Values.FirstOrDefault(e => e.Pipeline == pipeline.Name && e.Token == token);
                if (same is not null)
                {
                    Ok(new JsonObject { ["PipelineExecutionArn"] = same.Arn });
                    return;
                }

                var definition = JsonNode.Parse(pipeline.Definition)!;
                var declared = (definition["Parameters"] as JsonArray ?? []).ToDictionary(p => (string)p!["Name"]!, p => (string?)p!["Type"] ?? "String");
                foreach (var parameter in input["PipelineParameters"] as JsonArray ?? [])
                {
                    if (!declared.ContainsKey((string)parameter!["Name"]!))
                    {
                        Fail("ValidationException", $"Parameter {(string)parameter["Name"]!} is not defined in the pipeline");
                        return;
                    }
                }

                var id = "exec" + Interlocked.Increment(ref _nextId).ToString("D4", CultureInfo.InvariantCulture);
                var steps = new List<(string, string)>();
                Flatten(definition["Steps"] as JsonArray, steps);
                var execution = new FakeExecution($"{pipeline.Arn}/execution/{id}", pipeline.Name, token, steps, FailStep)
                {
                    Parameters = (input["PipelineParameters"] as JsonArray ?? []).ToDictionary(p => (string)p!["Name"]!, p => (string)p!["Value"]!),
                };
                Executions[execution.Arn] = execution;
                Ok(new JsonObject { ["PipelineExecutionArn"] = execution.Arn });
                return;
            }

            case "DescribePipelineExecution":
            {
                if (!Executions.TryGetValue(S("PipelineExecutionArn") ?? "", out var execution))
                {
                    Fail("ResourceNotFound", "Pipeline execution does not exist.");
                    return;
                }

                execution.Advance(this);
                var output = new JsonObject
                {
                    ["PipelineArn"] = Pipelines[execution.Pipeline].Arn,
                    ["PipelineExecutionArn"] = execution.Arn,
                    ["PipelineExecutionStatus"] = execution.Status,
                    ["CreationTime"] = 1796000000.0,
                };
                if (execution.FailureReason is not null)
                {
                    output["FailureReason"] = execution.FailureReason;
                }

                Ok(output);
                return;
            }

            case "ListPipelineExecutionSteps":
            {
                if (!Executions.TryGetValue(S("PipelineExecutionArn") ?? "", out var execution))
                {
                    Fail("ResourceNotFound", "Pipeline execution does not exist.");
                    return;
                }

                var steps = execution.Steps.Where(s => s.Status is not null).Select(s =>
                {
                    var step = new JsonObject { ["StepName"] = s.Name, ["StepStatus"] = s.Status, ["StartTime"] = 1796000000.0, ["AttemptCount"] = 1 };
                    if (s.FailureReason is not null)
                    {
                        step["FailureReason"] = s.FailureReason;
                    }

                    var job = s.Type switch { "Processing" => "ProcessingJob", "Training" => "TrainingJob", "Transform" => "TransformJob", _ => null };
                    if (job is not null)
                    {
                        var jobType = job.Replace("Job", "-job", StringComparison.Ordinal).ToLowerInvariant();
                        step["Metadata"] = new JsonObject { [job] = new JsonObject { ["Arn"] = $"arn:aws:sagemaker:us-east-1:{Account}:{jobType}/pipelines-{execution.Arn[(execution.Arn.LastIndexOf('/') + 1)..]}-{s.Name}".ToLowerInvariant() } };
                    }

                    return (JsonNode)step;
                }).ToList();
                Ok(Page(steps, "PipelineExecutionSteps", S("NextToken")));
                return;
            }

            case "ListModelPackages":
            {
                var matching = ModelPackages
                    .Where(p => S("ModelPackageGroupName") is not { } g || p.Group == g)
                    .Where(p => S("ModelApprovalStatus") is not { } a || p.ApprovalStatus == a)
                    .OrderByDescending(p => p.CreationTime)
                    .Select(p => (JsonNode)new JsonObject
                    {
                        ["ModelPackageGroupName"] = p.Group,
                        ["ModelPackageVersion"] = p.Version,
                        ["ModelPackageArn"] = p.Arn,
                        ["CreationTime"] = p.CreationTime,
                        ["ModelPackageStatus"] = "Completed",
                        ["ModelApprovalStatus"] = p.ApprovalStatus,
                    })
                    .ToList();
                Ok(Page(matching, "ModelPackageSummaryList", S("NextToken")));
                return;
            }

            case "DescribeModelPackage":
            {
                var package = ModelPackages.FirstOrDefault(p => p.Arn == S("ModelPackageName"));
                if (package is null)
                {
                    Fail("ValidationException", "Model package does not exist.");
                    return;
                }

                var output = new JsonObject
                {
                    ["ModelPackageName"] = package.Group,
                    ["ModelPackageGroupName"] = package.Group,
                    ["ModelPackageVersion"] = package.Version,
                    ["ModelPackageArn"] = package.Arn,
                    ["CreationTime"] = package.CreationTime,
                    ["ModelPackageStatus"] = "Completed",
                    ["ModelApprovalStatus"] = package.ApprovalStatus,
                    ["ModelMetrics"] = new JsonObject { ["ModelQuality"] = new JsonObject { ["Statistics"] = new JsonObject { ["ContentType"] = "application/json", ["S3Uri"] = package.MetricsUri } } },
                };
                if (package.ApprovalDescription is not null)
                {
                    output["ApprovalDescription"] = package.ApprovalDescription;
                }

                Ok(output);
                return;
            }

            case "UpdateModelPackage":
            {
                var package = ModelPackages.FirstOrDefault(p => p.Arn == S("ModelPackageArn"));
                if (package is null)
                {
                    Fail("ValidationException", "Model package does not exist.");
                    return;
                }

                package.ApprovalStatus = S("ModelApprovalStatus") ?? package.ApprovalStatus;
                package.ApprovalDescription = S("ApprovalDescription") ?? package.ApprovalDescription;
                Ok(new JsonObject { ["ModelPackageArn"] = package.Arn });
                return;
            }

            default:
                if (EndpointOperation(context, operation, input))
                {
                    return;
                }

                Fail("UnknownOperationException", "not emulated: " + operation);
                return;
        }
    }

    private bool RoleExists(string? arn) => arn is not null && Roles.Values.Any(r => r.Arn == arn);

    private JsonObject Page(List<JsonNode> all, string member, string? token)
    {
        var start = token is null ? 0 : int.Parse(token, CultureInfo.InvariantCulture);
        var output = new JsonObject { [member] = new JsonArray(all.Skip(start).Take(PageSize).Select(n => n.DeepClone()).ToArray()) };
        if (start + PageSize < all.Count)
        {
            output["NextToken"] = (start + PageSize).ToString(CultureInfo.InvariantCulture);
        }

        return output;
    }

    private static void Flatten(JsonArray? steps, List<(string Name, string Type)> into)
    {
        foreach (var step in steps ?? [])
        {
            into.Add(((string)step!["Name"]!, (string)step["Type"]!));
            if (step["Type"]?.GetValue<string>() == "Condition")
            {
                Flatten(step["Arguments"]?["IfSteps"] as JsonArray, into);
            }
        }
    }

    internal void Register(string group)
    {
        var version = ModelPackages.Count(p => p.Group == group) + 1;
        ModelPackages.Add(new FakeModelPackage(group, version, $"arn:aws:sagemaker:us-east-1:{Account}:model-package/{group}/{version}", 1796000000.0 + version)
        {
            MetricsUri = $"s3://my-bucket/{group}/evaluation/{version}/evaluation.json",
        });
    }

    private static void Error(HttpListenerContext context, string service, int status, string code, string message)
    {
        switch (service)
        {
            case "sagemaker" or "application-autoscaling":
                Respond(context, status, "application/x-amz-json-1.1", Encoding.UTF8.GetBytes(new JsonObject { ["__type"] = code, ["message"] = message }.ToJsonString()));
                break;
            case "iam":
                Respond(context, status, "text/xml", Encoding.UTF8.GetBytes(
                    $"<ErrorResponse xmlns=\"{IamNs}\"><Error><Type>Sender</Type><Code>{code}</Code><Message>{System.Security.SecurityElement.Escape(message)}</Message></Error><RequestId>1</RequestId></ErrorResponse>"));
                break;
            default:
                Respond(context, status, "application/xml", context.Request.HttpMethod == "HEAD" ? [] : Encoding.UTF8.GetBytes(
                    $"<?xml version=\"1.0\" encoding=\"UTF-8\"?><Error><Code>{code}</Code><Message>{System.Security.SecurityElement.Escape(message)}</Message><RequestId>1</RequestId></Error>"));
                break;
        }
    }

    private static void Respond(HttpListenerContext context, int status, string contentType, byte[] body)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = contentType;
        context.Response.Headers["x-amzn-RequestId"] = "00000000-0000-0000-0000-000000000000";
        context.Response.ContentLength64 = body.Length;
        context.Response.OutputStream.Write(body);
        context.Response.Close();
    }
}

public sealed class FakeRole(string name, string arn, string path, string trust)
{
    public string Name { get; } = name;

    public string Arn { get; } = arn;

    public string Path { get; } = path;

    public string Trust { get; set; } = trust;

    public Dictionary<string, string> Inline { get; } = new(StringComparer.Ordinal);

    public Dictionary<string, string> Tags { get; } = new(StringComparer.Ordinal);

    public List<string> Attached { get; } = [];
}

public sealed class FakePipeline(string name, string arn)
{
    public string Name { get; } = name;

    public string Arn { get; } = arn;

    public string Definition { get; set; } = "";

    public string? Description { get; set; }

    public string? DisplayName { get; set; }

    public string RoleArn { get; set; } = "";

    public string? CreateToken { get; set; }

    public Dictionary<string, string> Tags { get; } = new(StringComparer.Ordinal);
}

public sealed class FakeStep(string name, string type)
{
    public string Name { get; } = name;

    public string Type { get; } = type;

    public string? Status { get; set; }

    public string? FailureReason { get; set; }
}

/// <summary>An execution whose steps move on one state each time it is described: the first step starts
/// (Executing), then succeeds and the next starts, and so on; a <c>FailStep</c> fails instead.</summary>
public sealed class FakeExecution(string arn, string pipeline, string? token, List<(string Name, string Type)> steps, string? failStep)
{
    public string Arn { get; } = arn;

    public string Pipeline { get; } = pipeline;

    public string? Token { get; } = token;

    public List<FakeStep> Steps { get; } = steps.Select(s => new FakeStep(s.Name, s.Type)).ToList();

    public Dictionary<string, string> Parameters { get; init; } = [];

    public string Status { get; private set; } = "Executing";

    public string? FailureReason { get; private set; }

    internal void Advance(FakeAws aws)
    {
        if (Status != "Executing")
        {
            return;
        }

        var running = Steps.FirstOrDefault(s => s.Status == "Executing");
        if (running is null)
        {
            var next = Steps.FirstOrDefault(s => s.Status is null);
            if (next is null)
            {
                Status = "Succeeded";
                return;
            }

            next.Status = "Executing";
            return;
        }

        if (running.Name == failStep)
        {
            running.Status = "Failed";
            running.FailureReason = "AlgorithmError: ExecuteUserScriptError: exit code 1";
            Status = "Failed";
            FailureReason = $"Step failure: One or multiple steps failed.";
            return;
        }

        running.Status = "Succeeded";
        if (running.Type == "RegisterModel")
        {
            aws.Register("fraud-detection");
        }
    }
}

public sealed class FakeModelPackage(string group, int version, string arn, double creationTime)
{
    public string Group { get; } = group;

    public int Version { get; } = version;

    public string Arn { get; } = arn;

    public double CreationTime { get; } = creationTime;

    public string ApprovalStatus { get; set; } = "PendingManualApproval";

    public string? ApprovalDescription { get; set; }

    public string MetricsUri { get; init; } = "";
}
