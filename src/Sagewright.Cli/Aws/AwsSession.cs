using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using Amazon;
using Amazon.Runtime;
using Amazon.Runtime.CredentialManagement;
using Amazon.Runtime.Credentials;
using Amazon.Runtime.Internal.Auth;

namespace Sagewright.Cli.Aws;

/// <summary>Where and as whom to call AWS: <c>--profile</c>, <c>--region</c>, <c>--endpoint-url</c> (tests and
/// local emulators), each optional: the standard AWS chain fills in the rest.</summary>
public sealed record AwsOptions(string? Profile, string? Region, string? EndpointUrl);

/// <summary>Retry and polling timing. The defaults are the tool's; the tests shorten them.</summary>
public sealed record AwsTuning
{
    public static readonly AwsTuning Default = new();

    /// <summary>Attempts per call, the first included (the AWS SDKs' standard mode uses 3; deploys are rare and
    /// throttling on IAM is common, so a few more).</summary>
    public int MaxAttempts { get; init; } = 6;

    /// <summary>The first retry waits up to this long (full jitter), doubling per attempt up to <see cref="MaxDelay"/>.</summary>
    public TimeSpan BaseDelay { get; init; } = TimeSpan.FromMilliseconds(500);

    public TimeSpan MaxDelay { get; init; } = TimeSpan.FromSeconds(20);

    /// <summary>How long one HTTP attempt may take before it counts as a dropped connection.</summary>
    public TimeSpan AttemptTimeout { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>When set, replaces every polling delay (run --wait, watch): the tests poll fast.</summary>
    public TimeSpan? PollInterval { get; init; }
}

/// <summary>A failed AWS call, with a one-line message meant for the user (no stack trace).</summary>
public sealed class AwsException : Exception
{
    public AwsException(string message, string service, string operation, string? code, HttpStatusCode? status, string? awsMessage)
        : base(message)
    {
        Service = service;
        Operation = operation;
        Code = code;
        Status = status;
        AwsMessage = awsMessage;
    }

    public string Service { get; }

    public string Operation { get; }

    public string? Code { get; }

    public HttpStatusCode? Status { get; }

    public string? AwsMessage { get; }
}

/// <summary>One request to an AWS query or JSON API, before signing.</summary>
public sealed record AwsRequest(
    string Service,
    string SigningName,
    string Operation,
    Uri Endpoint,
    string SigningRegion,
    string ContentType,
    byte[] Body,
    string Resource,
    IReadOnlyList<KeyValuePair<string, string>> Headers);

public sealed record AwsResponse(HttpStatusCode Status, byte[] Body, string? ErrorTypeHeader);

/// <summary>Credentials, region and endpoints, and the one place requests are signed (SigV4, with the signing
/// computation of AWSSDK.Core), sent and retried.</summary>
public sealed class AwsSession : IDisposable
{
    private readonly HttpClient _http;
    private readonly AWSCredentials _credentials;
    private readonly Random _jitter;

    private AwsSession(AWSCredentials credentials, string region, Uri? endpoint, AwsTuning tuning, TextWriter? log)
    {
        _credentials = credentials;
        Region = region;
        EndpointOverride = endpoint;
        Tuning = tuning;
        Log = log;
        _jitter = new Random();
        _http = new HttpClient(new SocketsHttpHandler { UseProxy = endpoint is null, AllowAutoRedirect = false, PooledConnectionLifetime = TimeSpan.FromMinutes(1) })
        {
            Timeout = tuning.AttemptTimeout,
        };
    }

    public string Region { get; }

    public Uri? EndpointOverride { get; }

    public AwsTuning Tuning { get; }

    public AWSCredentials Credentials => _credentials;

    /// <summary>Writes one line per retry (stderr).</summary>
    public TextWriter? Log { get; }

    /// <summary>Every write call this session made (service:Operation): <c>deploy</c> reports it, and says when
    /// there was none.</summary>
    public List<string> Writes { get; } = [];

    public static AwsSession Create(AwsOptions options, AwsTuning tuning, TextWriter? log)
    {
        Uri? endpoint = null;
        if (options.EndpointUrl is { Length: > 0 } url)
        {
            if (!Uri.TryCreate(url, UriKind.Absolute, out endpoint) || (endpoint.Scheme != "http" && endpoint.Scheme != "https"))
            {
                throw new CliException($"--endpoint-url {url}: not an http or https URL");
            }
        }

        CredentialProfile? profile = null;
        var chain = new CredentialProfileStoreChain();
        if (options.Profile is { Length: > 0 } profileName && !chain.TryGetProfile(profileName, out profile))
        {
            throw new CliException($"--profile {profileName}: no such profile in the AWS config or credentials file");
        }

        var region = FirstNonEmpty(
            options.Region,
            Environment.GetEnvironmentVariable("AWS_REGION"),
            Environment.GetEnvironmentVariable("AWS_DEFAULT_REGION"),
            profile?.Region?.SystemName,
            options.Profile is null ? SafeFallbackRegion() : null);
        if (region is null)
        {
            throw new CliException("no AWS region: pass --region, set AWS_REGION, or set region in the profile");
        }

        if (endpoint is null && !IsKnownRegion(region))
        {
            throw new CliException($"unknown AWS region '{region}' (pass --region with a region such as us-east-1)");
        }

        AWSCredentials credentials;
        try
        {
            if (profile is not null)
            {
                credentials = profile.GetAWSCredentials(chain);
            }
            else
            {
                credentials = DefaultAWSCredentialsIdentityResolver.GetCredentials();
            }
        }
        catch (AmazonClientException ex)
        {
            throw new CliException("no AWS credentials: " + FirstLine(ex.Message) + " (set AWS_PROFILE or pass --profile, or sign in with `aws sso login`)");
        }

        return new AwsSession(credentials, region, endpoint, tuning, log);
    }

    /// <summary>A session with given credentials (tests: session tokens).</summary>
    internal static AwsSession CreateWith(AWSCredentials credentials, string region, Uri endpoint, AwsTuning tuning) =>
        new(credentials, region, endpoint, tuning, null);

    private static string? SafeFallbackRegion()
    {
        try
        {
            return FallbackRegionFactory.GetRegionEndpoint()?.SystemName;
        }
        catch (AmazonClientException)
        {
            return null;
        }
    }

    internal static bool IsKnownRegion(string region) =>
        RegionEndpoint.EnumerableAllRegions.Any(r => string.Equals(r.SystemName, region, StringComparison.Ordinal));

    private static string? FirstNonEmpty(params string?[] values) => values.FirstOrDefault(v => !string.IsNullOrWhiteSpace(v))?.Trim();

    internal static string FirstLine(string text)
    {
        var line = text.Split('\n')[0].Trim();
        return line.Length == 0 ? text.Trim() : line;
    }

    /// <summary>The partition's DNS suffix for the session's region.</summary>
    public string DnsSuffix => Region.StartsWith("cn-", StringComparison.Ordinal) ? "amazonaws.com.cn" : "amazonaws.com";

    public string Partition => Region.StartsWith("cn-", StringComparison.Ordinal) ? "aws-cn"
        : Region.StartsWith("us-gov-", StringComparison.Ordinal) ? "aws-us-gov" : "aws";

    public Uri EndpointFor(string host) => EndpointOverride ?? new Uri("https://" + host + "/");

    public ImmutableCredentials ResolveCredentials()
    {
        try
        {
            return _credentials.GetCredentials();
        }
        catch (AmazonClientException ex)
        {
            throw new CliException("cannot get AWS credentials: " + FirstLine(ex.Message) + " (an expired SSO session needs `aws sso login`)");
        }
    }

    /// <summary>Signs and sends <paramref name="request"/>, retrying throttling, 5xx and dropped connections with
    /// exponential backoff and full jitter; returns a 2xx response or throws <see cref="AwsException"/>.</summary>
    public async Task<AwsResponse> SendAsync(AwsRequest request, Func<AwsResponse, (string? Code, string? Message)> parseError, CancellationToken cancellation = default)
    {
        for (var attempt = 1; ; attempt++)
        {
            AwsResponse? response = null;
            string? failure = null;
            try
            {
                using var message = Sign(request);
                using var reply = await _http.SendAsync(message, cancellation).ConfigureAwait(false);
                var body = await reply.Content.ReadAsByteArrayAsync(cancellation).ConfigureAwait(false);
                reply.Headers.TryGetValues("x-amzn-ErrorType", out var types);
                response = new AwsResponse(reply.StatusCode, body, types?.FirstOrDefault());
            }
            catch (HttpRequestException ex) when (ex.InnerException is SocketException { SocketErrorCode: SocketError.HostNotFound or SocketError.NoData or SocketError.TryAgain })
            {
                throw new AwsException($"{request.Service}:{request.Operation}: cannot resolve {request.Endpoint.Host} (is '{Region}' a region where {request.Service} is available?)",
                    request.Service, request.Operation, null, null, null);
            }
            catch (Exception ex) when (ex is HttpRequestException or IOException || (ex is TaskCanceledException && !cancellation.IsCancellationRequested))
            {
                failure = ex is TaskCanceledException ? "timed out" : "connection failed: " + FirstLine(ex.Message);
            }

            string? code = null;
            string? awsMessage = null;
            if (response is not null)
            {
                if ((int)response.Status is >= 200 and < 300)
                {
                    return response;
                }

                (code, awsMessage) = parseError(response);
                if (!IsRetryable(response.Status, code))
                {
                    throw Describe(request, response.Status, code, awsMessage);
                }

                failure = $"{code ?? ((int)response.Status).ToString(CultureInfo.InvariantCulture)}";
            }

            if (attempt >= Tuning.MaxAttempts)
            {
                if (response is not null)
                {
                    throw Describe(request, response.Status, code, awsMessage, $" (gave up after {attempt} attempts)");
                }

                throw new AwsException($"{request.Service}:{request.Operation}: {failure} (gave up after {attempt} attempts to {request.Endpoint.GetLeftPart(UriPartial.Authority)})",
                    request.Service, request.Operation, null, null, null);
            }

            var cap = Math.Min(Tuning.MaxDelay.TotalMilliseconds, Tuning.BaseDelay.TotalMilliseconds * Math.Pow(2, attempt - 1));
            double delay;
            lock (_jitter)
            {
                delay = _jitter.NextDouble() * cap;
            }

            Log?.Write(string.Create(CultureInfo.InvariantCulture, $"retry: {request.Service}:{request.Operation} {failure}; attempt {attempt + 1} of {Tuning.MaxAttempts} in {delay / 1000:0.0}s\n"));
            await Task.Delay(TimeSpan.FromMilliseconds(delay), cancellation).ConfigureAwait(false);
        }
    }

    private static readonly HashSet<string> ThrottlingCodes = new(StringComparer.Ordinal)
    {
        "Throttling", "ThrottlingException", "ThrottledException", "RequestThrottledException", "TooManyRequestsException",
        "ProvisionedThroughputExceededException", "TransactionInProgressException", "RequestLimitExceeded",
        "BandwidthLimitExceeded", "LimitExceededException", "RequestThrottled", "SlowDown", "PriorRequestNotComplete",
        "EC2ThrottledException", "ServiceUnavailable", "InternalFailure", "InternalError", "ServiceFailure",
    };

    private static bool IsRetryable(HttpStatusCode status, string? code) =>
        (int)status >= 500 || status == HttpStatusCode.TooManyRequests || (code is not null && ThrottlingCodes.Contains(code));

    /// <summary>The one-line message for an error response.</summary>
    internal static AwsException Describe(AwsRequest request, HttpStatusCode status, string? code, string? message, string suffix = "")
    {
        var action = request.SigningName + ":" + request.Operation;
        var text = code switch
        {
            "AccessDenied" or "AccessDeniedException" or "UnauthorizedOperation" or "AuthorizationError" =>
                $"access denied: the caller may not {action} on {request.Resource}" + (message is { Length: > 0 } ? $" ({FirstLine(message)})" : ""),
            "ExpiredToken" or "ExpiredTokenException" or "RequestExpired" or "TokenRefreshRequired" =>
                $"the AWS credentials have expired ({action}): refresh them (`aws sso login`, or new keys) and rerun",
            "InvalidClientTokenId" or "UnrecognizedClientException" or "SignatureDoesNotMatch" or "IncompleteSignature" or "InvalidSignatureException" =>
                $"AWS rejected the credentials ({action}): {code}" + (message is { Length: > 0 } ? $": {FirstLine(message)}" : ""),
            _ => $"{action} failed: {code ?? "HTTP " + ((int)status).ToString(CultureInfo.InvariantCulture)}" + (message is { Length: > 0 } ? $": {FirstLine(message)}" : ""),
        };
        return new AwsException(text + suffix, request.Service, request.Operation, code, status, message);
    }

    private HttpRequestMessage Sign(AwsRequest request)
    {
        var credentials = ResolveCredentials();
        var now = DateTime.UtcNow;
        var amzDate = now.ToString("yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture);
        var uri = request.Endpoint;
        var host = uri.IsDefaultPort ? uri.Host : uri.Host + ":" + uri.Port.ToString(CultureInfo.InvariantCulture);
        var headers = new SortedDictionary<string, string>(StringComparer.Ordinal)
        {
            ["content-type"] = request.ContentType,
            ["host"] = host,
            ["x-amz-date"] = amzDate,
        };
        foreach (var (name, value) in request.Headers)
        {
            headers[name.ToLowerInvariant()] = value;
        }

        if (!string.IsNullOrEmpty(credentials.Token))
        {
            headers["x-amz-security-token"] = credentials.Token;
        }

        var signedHeaders = string.Join(';', headers.Keys);
        var path = string.IsNullOrEmpty(uri.AbsolutePath) ? "/" : uri.AbsolutePath;
        var canonical = new StringBuilder()
            .Append("POST\n")
            .Append(path).Append('\n')
            .Append('\n')
            .Append(string.Concat(headers.Select(h => h.Key + ":" + h.Value.Trim() + "\n"))).Append('\n')
            .Append(signedHeaders).Append('\n')
            .Append(Convert.ToHexStringLower(SHA256.HashData(request.Body)))
            .ToString();
        var result = AWS4Signer.ComputeSignature(credentials, request.SigningRegion, now, request.SigningName, signedHeaders, canonical);
        var message = new HttpRequestMessage(HttpMethod.Post, uri)
        {
            Content = new ByteArrayContent(request.Body),
        };
        message.Content.Headers.TryAddWithoutValidation("Content-Type", request.ContentType);
        foreach (var (name, value) in headers)
        {
            if (name is "content-type" or "host")
            {
                continue;
            }

            message.Headers.TryAddWithoutValidation(name, value);
        }

        message.Headers.TryAddWithoutValidation("Authorization", result.ForAuthorizationHeader);
        message.Headers.TryAddWithoutValidation("User-Agent", "sagewright");
        return message;
    }

    public void Dispose() => _http.Dispose();
}
