using System;
using System.IO;
using System.Net;
using System.Threading.Tasks;
using Amazon.Runtime;
using Amazon.S3;
using Amazon.S3.Model;

namespace Sagewright.Cli.Aws;

/// <summary>The two S3 calls deploy makes, through AWSSDK.S3: is an object there (HeadObject), and put one that is
/// not (PutObject with <c>If-None-Match: *</c>, so an existing object is never overwritten).</summary>
public sealed class S3Store : IDisposable
{
    private readonly AmazonS3Client _client;
    private readonly AwsSession _session;

    public S3Store(AwsSession session)
    {
        _session = session;
        var config = new AmazonS3Config
        {
            RegionEndpoint = session.EndpointOverride is null ? Amazon.RegionEndpoint.GetBySystemName(session.Region) : null,
            AuthenticationRegion = session.Region,
            MaxErrorRetry = Math.Max(0, session.Tuning.MaxAttempts - 1),
            RetryMode = RequestRetryMode.Standard,
            Timeout = session.Tuning.AttemptTimeout,
            RequestChecksumCalculation = RequestChecksumCalculation.WHEN_REQUIRED,
            ResponseChecksumValidation = ResponseChecksumValidation.WHEN_REQUIRED,
        };
        if (session.EndpointOverride is { } endpoint)
        {
            config.ServiceURL = endpoint.ToString();
            config.ForcePathStyle = true;
        }

        _client = new AmazonS3Client(session.Credentials, config);
    }

    /// <summary>HeadObject: true when the object exists.</summary>
    public async Task<bool> ExistsAsync(string bucket, string key)
    {
        try
        {
            await _client.GetObjectMetadataAsync(new GetObjectMetadataRequest { BucketName = bucket, Key = key }).ConfigureAwait(false);
            return true;
        }
        catch (AmazonS3Exception ex) when (ex.StatusCode == HttpStatusCode.NotFound)
        {
            return false;
        }
        catch (AmazonServiceException ex)
        {
            throw Describe(ex, "HeadObject", bucket, key);
        }
        catch (AmazonClientException ex)
        {
            throw new AwsException($"s3:HeadObject s3://{bucket}/{key}: {AwsSession.FirstLine(ex.Message)}", "s3", "HeadObject", null, null, null);
        }
    }

    /// <summary>PutObject unless the key exists: returns false when it was already there (412 Precondition Failed).</summary>
    public async Task<bool> PutIfAbsentAsync(string bucket, string key, byte[] content, string sha256Hex)
    {
        lock (_session.Writes)
        {
            _session.Writes.Add("s3:PutObject");
        }

        try
        {
            using var stream = new MemoryStream(content, writable: false);
            await _client.PutObjectAsync(new PutObjectRequest
            {
                BucketName = bucket,
                Key = key,
                InputStream = stream,
                IfNoneMatch = "*",
                UseChunkEncoding = false,
                ChecksumSHA256 = Convert.ToBase64String(Convert.FromHexString(sha256Hex)),
            }).ConfigureAwait(false);
            return true;
        }
        catch (AmazonS3Exception ex) when (ex.StatusCode is HttpStatusCode.PreconditionFailed or HttpStatusCode.Conflict)
        {
            return false;
        }
        catch (AmazonServiceException ex)
        {
            throw Describe(ex, "PutObject", bucket, key);
        }
        catch (AmazonClientException ex)
        {
            throw new AwsException($"s3:PutObject s3://{bucket}/{key}: {AwsSession.FirstLine(ex.Message)}", "s3", "PutObject", null, null, null);
        }
    }

    private static AwsException Describe(AmazonServiceException ex, string operation, string bucket, string key)
    {
        var code = ex.ErrorCode;
        var resource = $"arn:aws:s3:::{bucket}/{key}";
        var text = code switch
        {
            "AccessDenied" or "Forbidden" or null when ex.StatusCode == HttpStatusCode.Forbidden =>
                $"access denied: the caller may not s3:{(operation == "HeadObject" ? "GetObject" : operation)} on {resource}",
            "ExpiredToken" or "TokenRefreshRequired" => $"the AWS credentials have expired (s3:{operation}): refresh them (`aws sso login`, or new keys) and rerun",
            "NoSuchBucket" => $"s3:{operation}: bucket {bucket} does not exist (artifacts.json names it; create it or change the bucket in the project)",
            null when operation == "HeadObject" => $"s3:HeadObject on {resource} failed: HTTP {((int)ex.StatusCode).ToString(System.Globalization.CultureInfo.InvariantCulture)} (S3 gives no reason for HEAD; expired credentials, a bucket in another region or a missing s3:GetObject permission are the usual causes)",
            _ => $"s3:{operation} on {resource} failed: {code ?? "HTTP " + ((int)ex.StatusCode).ToString(System.Globalization.CultureInfo.InvariantCulture)}" + (string.IsNullOrEmpty(ex.Message) ? "" : ": " + AwsSession.FirstLine(ex.Message)),
        };
        return new AwsException(text, "s3", operation, code, ex.StatusCode, ex.Message);
    }

    public void Dispose() => _client.Dispose();
}
