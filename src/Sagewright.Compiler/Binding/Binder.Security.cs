using System.Collections.Immutable;

namespace Sagewright.Compiler.Binding;

/// <summary>[Encryption] and [Network].</summary>
internal sealed partial class Binder
{
    private EncryptionDecl? BindEncryption(string typeName, ImmutableArray<AttributeData> attributes, List<Finding> findings)
    {
        var index = IndexOf(attributes, AttributeNames.Encryption);
        if (index < 0)
        {
            return null;
        }

        var attribute = attributes[index];
        var at = new Origin(typeName, null, index, -1, null);
        return new EncryptionDecl(NamedValue(attribute, nameof(EncryptionAttribute.OutputKmsKeyId), at, findings), NamedValue(attribute, nameof(EncryptionAttribute.VolumeKmsKeyId), at, findings), at);
    }

    private static NetworkDecl? BindNetwork(string typeName, ImmutableArray<AttributeData> attributes, List<Finding> findings)
    {
        var index = IndexOf(attributes, AttributeNames.Network);
        if (index < 0)
        {
            return null;
        }

        var attribute = attributes[index];
        var at = new Origin(typeName, null, index, -1, null);
        return new NetworkDecl(
            NamedStrings(attribute, nameof(NetworkAttribute.Subnets), at, findings),
            NamedStrings(attribute, nameof(NetworkAttribute.SecurityGroupIds), at, findings),
            NamedBool(attribute, nameof(NetworkAttribute.EnableNetworkIsolation)),
            NamedBool(attribute, nameof(NetworkAttribute.EnableInterContainerTrafficEncryption)),
            at);
    }

    /// <summary>A named <c>string[]</c> argument, or null when it is not set (or set to null).</summary>
    private static EquatableArray<string>? NamedStrings(AttributeData attribute, string name, Origin at, List<Finding> findings)
    {
        foreach (var pair in attribute.NamedArguments)
        {
            if (pair.Key != name || pair.Value.Kind != TypedConstantKind.Array || pair.Value.IsNull)
            {
                continue;
            }

            var values = new List<string>();
            foreach (var value in pair.Value.Values)
            {
                if (value.Value is string text)
                {
                    values.Add(text);
                }
                else
                {
                    findings.Add(new Finding(RuleIds.RequiredSettingMissing, at.WithNamed(name), "The values of " + name + " must not be null"));
                }
            }

            return values.ToEquatableArray();
        }

        return null;
    }
}
