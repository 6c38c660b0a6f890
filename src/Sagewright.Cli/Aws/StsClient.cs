using System.Linq;
using System.Text;
using System.Threading.Tasks;
using System.Xml;
using System.Xml.Linq;

namespace Sagewright.Cli.Aws;

/// <summary>STS GetCallerIdentity (Query protocol, the regional endpoint): which account the credentials are for.
/// It needs no IAM permission.</summary>
public sealed class StsClient(AwsSession session)
{
    private static readonly XNamespace Ns = "https://sts.amazonaws.com/doc/2011-06-15/";

    public async Task<(string Account, string Arn)> GetCallerIdentityAsync()
    {
        var request = new AwsRequest("sts", "sts", "GetCallerIdentity", session.EndpointFor($"sts.{session.Region}.{session.DnsSuffix}"), session.Region,
            "application/x-www-form-urlencoded; charset=utf-8", Encoding.UTF8.GetBytes("Action=GetCallerIdentity&Version=2011-06-15"), "the caller", []);
        var response = await session.SendAsync(request, IamClient.ParseError).ConfigureAwait(false);
        try
        {
            var xml = XDocument.Parse(Encoding.UTF8.GetString(response.Body));
            var account = xml.Descendants(Ns + "Account").FirstOrDefault()?.Value;
            var arn = xml.Descendants(Ns + "Arn").FirstOrDefault()?.Value;
            if (account is { Length: > 0 })
            {
                return (account, arn ?? "");
            }
        }
        catch (XmlException)
        {
        }

        throw new AwsException("sts:GetCallerIdentity: unreadable response", "sts", "GetCallerIdentity", null, response.Status, null);
    }
}
