using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;

namespace Sagewright.Cli.Tests.Aws;

/// <summary>Checks an AWS Signature Version 4 Authorization header, written from the specification and independent
/// of AWSSDK.Core (which the tool signs with): a request passes only if both agree.</summary>
public static partial class SigV4
{
    public static (bool Valid, string? Problem) Verify(string method, string rawPath, string rawQuery, IReadOnlyDictionary<string, string> headers, byte[] body, string accessKey, string secretKey)
    {
        if (!headers.TryGetValue("authorization", out var authorization))
        {
            return (false, "no Authorization header");
        }

        var match = AuthorizationPattern().Match(authorization);
        if (!match.Success)
        {
            return (false, "malformed Authorization header: " + authorization);
        }

        var (key, date, region, service) = (match.Groups["key"].Value, match.Groups["date"].Value, match.Groups["region"].Value, match.Groups["service"].Value);
        if (key != accessKey)
        {
            return (false, "unknown access key " + key);
        }

        if (!headers.TryGetValue("x-amz-date", out var amzDate) || !amzDate.StartsWith(date, StringComparison.Ordinal))
        {
            return (false, "x-amz-date missing or not on the credential's date");
        }

        var signed = match.Groups["signed"].Value.Split(';');
        if (!signed.Contains("host") || signed.Any(h => !headers.ContainsKey(h)))
        {
            return (false, "signed headers missing: " + match.Groups["signed"].Value);
        }

        var bodyHash = Convert.ToHexStringLower(SHA256.HashData(body));
        var payloadHash = bodyHash;
        if (headers.TryGetValue("x-amz-content-sha256", out var declared))
        {
            if (declared != "UNSIGNED-PAYLOAD" && declared != bodyHash)
            {
                return (false, "x-amz-content-sha256 does not match the body");
            }

            payloadHash = declared;
        }

        var path = service == "s3" ? rawPath : EncodePath(rawPath);
        var canonical = string.Join('\n',
            method,
            path.Length == 0 ? "/" : path,
            CanonicalQuery(rawQuery),
            string.Concat(signed.Select(h => h + ":" + Spaces().Replace(headers[h].Trim(), " ") + "\n")),
            string.Join(';', signed),
            payloadHash);
        var scope = $"{date}/{region}/{service}/aws4_request";
        var toSign = $"AWS4-HMAC-SHA256\n{amzDate}\n{scope}\n{Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(canonical)))}";
        var signingKey = Hmac(Hmac(Hmac(Hmac(Encoding.UTF8.GetBytes("AWS4" + secretKey), date), region), service), "aws4_request");
        var expected = Convert.ToHexStringLower(HMACSHA256.HashData(signingKey, Encoding.UTF8.GetBytes(toSign)));
        return expected == match.Groups["signature"].Value ? (true, null) : (false, "signature mismatch; canonical request:\n" + canonical);
    }

    private static byte[] Hmac(byte[] key, string data) => HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(data));

    private static string EncodePath(string rawPath) =>
        string.Join('/', rawPath.Split('/').Select(Encode));

    private static string CanonicalQuery(string rawQuery) =>
        string.Join('&', rawQuery.Split('&', StringSplitOptions.RemoveEmptyEntries)
            .Select(pair =>
            {
                var eq = pair.IndexOf('=', StringComparison.Ordinal);
                var name = Uri.UnescapeDataString(eq < 0 ? pair : pair[..eq]);
                var value = Uri.UnescapeDataString(eq < 0 ? "" : pair[(eq + 1)..]);
                return (Name: Encode(name), Value: Encode(value));
            })
            .OrderBy(p => p.Name, StringComparer.Ordinal)
            .ThenBy(p => p.Value, StringComparer.Ordinal)
            .Select(p => p.Name + "=" + p.Value));

    /// <summary>RFC 3986 percent-encoding with upper-case hex: everything but A-Z a-z 0-9 - _ . ~.</summary>
    public static string Encode(string text)
    {
        var builder = new StringBuilder();
        foreach (var b in Encoding.UTF8.GetBytes(text))
        {
            var c = (char)b;
            if (char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.' or '~')
            {
                builder.Append(c);
            }
            else
            {
                builder.Append('%').Append(b.ToString("X2", CultureInfo.InvariantCulture));
            }
        }

        return builder.ToString();
    }

    [GeneratedRegex(@"^AWS4-HMAC-SHA256 Credential=(?<key>[^/]+)/(?<date>\d{8})/(?<region>[^/]+)/(?<service>[^/]+)/aws4_request,\s*SignedHeaders=(?<signed>[^,]+),\s*Signature=(?<signature>[0-9a-f]{64})$")]
    private static partial Regex AuthorizationPattern();

    [GeneratedRegex(" +")]
    private static partial Regex Spaces();
}
