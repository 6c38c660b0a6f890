using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using System.Threading.Tasks;
using System.Xml;
using System.Xml.Linq;

namespace Sagewright.Cli.Aws;

// Shapes of the IAM API (botocore iam-2010-05-08), only the members used. Policy documents come back URL-encoded
// (RFC 3986: a space is %20, a plus %2B); these records hold them decoded, as botocore does (unquote, not unquote_plus).
public sealed record IamRole(string RoleName, string Arn, string Path, string AssumeRolePolicyDocument, IReadOnlyList<Tag> Tags);

public sealed record AttachedPolicy(string PolicyName, string PolicyArn);

/// <summary>The IAM API over the Query protocol (form-encoded POST, XML responses), for exactly the operations the
/// tool uses. IAM is global: one endpoint per partition, signed for its home region.</summary>
public sealed class IamClient(AwsSession session)
{
    private static readonly XNamespace Ns = "https://iam.amazonaws.com/doc/2010-05-08/";

    /// <summary>GetRole, or null when the role does not exist (NoSuchEntity).</summary>
    public async Task<IamRole?> GetRoleAsync(string roleName)
    {
        try
        {
            var xml = await CallAsync("GetRole", RoleResource(roleName), [new("RoleName", roleName)]).ConfigureAwait(false);
            return ReadRole(Element(xml, "Role") ?? throw Unreadable("GetRole"));
        }
        catch (AwsException ex) when (ex.Code == "NoSuchEntity")
        {
            return null;
        }
    }

    public async Task<IamRole> CreateRoleAsync(string roleName, string path, string assumeRolePolicyDocument, IReadOnlyList<Tag> tags)
    {
        var parameters = new List<KeyValuePair<string, string>>
        {
            new("RoleName", roleName),
            new("AssumeRolePolicyDocument", assumeRolePolicyDocument),
        };
        if (path != "/")
        {
            parameters.Insert(0, new("Path", path));
        }

        AddTags(parameters, tags);
        var xml = await CallAsync("CreateRole", RoleResource(roleName), parameters, write: true).ConfigureAwait(false);
        return ReadRole(Element(xml, "Role") ?? throw Unreadable("CreateRole"));
    }

    public Task UpdateAssumeRolePolicyAsync(string roleName, string policyDocument) =>
        CallAsync("UpdateAssumeRolePolicy", RoleResource(roleName), [new("RoleName", roleName), new("PolicyDocument", policyDocument)], write: true);

    /// <summary>GetRolePolicy, decoded, or null when the role has no inline policy of that name.</summary>
    public async Task<string?> GetRolePolicyAsync(string roleName, string policyName)
    {
        try
        {
            var xml = await CallAsync("GetRolePolicy", RoleResource(roleName), [new("RoleName", roleName), new("PolicyName", policyName)]).ConfigureAwait(false);
            var document = Element(xml, "PolicyDocument")?.Value ?? throw Unreadable("GetRolePolicy");
            return Uri.UnescapeDataString(document);
        }
        catch (AwsException ex) when (ex.Code == "NoSuchEntity")
        {
            return null;
        }
    }

    public Task PutRolePolicyAsync(string roleName, string policyName, string policyDocument) =>
        CallAsync("PutRolePolicy", RoleResource(roleName), [new("RoleName", roleName), new("PolicyName", policyName), new("PolicyDocument", policyDocument)], write: true);

    public Task TagRoleAsync(string roleName, IReadOnlyList<Tag> tags)
    {
        var parameters = new List<KeyValuePair<string, string>> { new("RoleName", roleName) };
        AddTags(parameters, tags);
        return CallAsync("TagRole", RoleResource(roleName), parameters, write: true);
    }

    /// <summary>ListAttachedRolePolicies, all pages (Marker / IsTruncated).</summary>
    public async Task<IReadOnlyList<AttachedPolicy>> ListAttachedRolePoliciesAsync(string roleName)
    {
        var result = new List<AttachedPolicy>();
        string? marker = null;
        do
        {
            var parameters = new List<KeyValuePair<string, string>> { new("RoleName", roleName) };
            if (marker is not null)
            {
                parameters.Add(new("Marker", marker));
            }

            var xml = await CallAsync("ListAttachedRolePolicies", RoleResource(roleName), parameters).ConfigureAwait(false);
            foreach (var member in Element(xml, "AttachedPolicies")?.Elements(Ns + "member") ?? [])
            {
                result.Add(new AttachedPolicy(member.Element(Ns + "PolicyName")?.Value ?? "", member.Element(Ns + "PolicyArn")?.Value ?? ""));
            }

            marker = Element(xml, "IsTruncated")?.Value == "true" ? Element(xml, "Marker")?.Value : null;
        }
        while (marker is not null);
        return result;
    }

    public Task AttachRolePolicyAsync(string roleName, string policyArn) =>
        CallAsync("AttachRolePolicy", RoleResource(roleName), [new("RoleName", roleName), new("PolicyArn", policyArn)], write: true);

    private static void AddTags(List<KeyValuePair<string, string>> parameters, IReadOnlyList<Tag> tags)
    {
        for (var i = 0; i < tags.Count; i++)
        {
            var n = (i + 1).ToString(System.Globalization.CultureInfo.InvariantCulture);
            parameters.Add(new($"Tags.member.{n}.Key", tags[i].Key));
            parameters.Add(new($"Tags.member.{n}.Value", tags[i].Value));
        }
    }

    private static string RoleResource(string roleName) => $"role {roleName}";

    private static IamRole ReadRole(XElement role) => new(
        role.Element(Ns + "RoleName")?.Value ?? "",
        role.Element(Ns + "Arn")?.Value ?? "",
        role.Element(Ns + "Path")?.Value ?? "/",
        Uri.UnescapeDataString(role.Element(Ns + "AssumeRolePolicyDocument")?.Value ?? ""),
        (role.Element(Ns + "Tags")?.Elements(Ns + "member") ?? [])
            .Select(m => new Tag(m.Element(Ns + "Key")?.Value ?? "", m.Element(Ns + "Value")?.Value ?? ""))
            .ToList());

    private static XElement? Element(XDocument xml, string name) => xml.Descendants(Ns + name).FirstOrDefault();

    private static AwsException Unreadable(string operation) => new($"iam:{operation}: unreadable response", "iam", operation, null, null, null);

    /// <summary>The form body: Action, Version, then the parameters, each percent-encoded (RFC 3986).</summary>
    internal static byte[] FormBody(string operation, IEnumerable<KeyValuePair<string, string>> parameters) =>
        Encoding.UTF8.GetBytes(string.Join('&',
            new[] { new KeyValuePair<string, string>("Action", operation), new("Version", "2010-05-08") }
                .Concat(parameters)
                .Select(p => Uri.EscapeDataString(p.Key) + "=" + Uri.EscapeDataString(p.Value))));

    private (Uri Endpoint, string SigningRegion) Endpoint() => session.Partition switch
    {
        "aws-cn" => (session.EndpointFor("iam.cn-north-1.amazonaws.com.cn"), "cn-north-1"),
        "aws-us-gov" => (session.EndpointFor("iam.us-gov.amazonaws.com"), "us-gov-west-1"),
        _ => (session.EndpointFor("iam.amazonaws.com"), "us-east-1"),
    };

    private async Task<XDocument> CallAsync(string operation, string resource, IEnumerable<KeyValuePair<string, string>> parameters, bool write = false)
    {
        var (endpoint, signingRegion) = Endpoint();
        var request = new AwsRequest("iam", "iam", operation, endpoint, session.EndpointOverride is null ? signingRegion : session.Region,
            "application/x-www-form-urlencoded; charset=utf-8", FormBody(operation, parameters), resource, []);
        if (write)
        {
            lock (session.Writes)
            {
                session.Writes.Add("iam:" + operation);
            }
        }

        var response = await session.SendAsync(request, ParseError).ConfigureAwait(false);
        try
        {
            return XDocument.Parse(Encoding.UTF8.GetString(response.Body));
        }
        catch (XmlException)
        {
            throw Unreadable(operation);
        }
    }

    /// <summary>A Query error: <c>&lt;ErrorResponse&gt;&lt;Error&gt;&lt;Code/&gt;&lt;Message/&gt;</c>.</summary>
    internal static (string? Code, string? Message) ParseError(AwsResponse response)
    {
        try
        {
            var xml = XDocument.Parse(Encoding.UTF8.GetString(response.Body));
            var error = xml.Descendants().FirstOrDefault(e => e.Name.LocalName == "Error");
            return (error?.Elements().FirstOrDefault(e => e.Name.LocalName == "Code")?.Value,
                error?.Elements().FirstOrDefault(e => e.Name.LocalName == "Message")?.Value);
        }
        catch (XmlException)
        {
            return (null, null);
        }
    }
}
