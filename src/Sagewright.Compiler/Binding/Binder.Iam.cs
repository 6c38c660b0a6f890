using System.Collections.Immutable;

namespace Sagewright.Compiler.Binding;

/// <summary>The IAM attributes: [RunAs], [Grant], [AttachManagedPolicy] on steps, the role settings of [Pipeline], and
/// [Within] on run-time values.</summary>
internal sealed partial class Binder
{
    // RoleLayout by numeric value; Shared (0) is the default and binds as "not set", so it has no entry.
    private static readonly string?[] RoleLayouts = ByValue(
        ((int)RoleLayout.PerStep, nameof(RoleLayout.PerStep)),
        ((int)RoleLayout.Merged, nameof(RoleLayout.Merged)));

    private static RunAsDecl? BindRunAs(string typeName, ImmutableArray<AttributeData> attributes)
    {
        var index = IndexOf(attributes, AttributeNames.RunAs);
        return index < 0 ? null : new RunAsDecl(ConstructorString(attributes[index], 0) ?? string.Empty, new Origin(typeName, null, index, -1, null));
    }

    private EquatableArray<GrantDecl> BindGrants(string typeName, ImmutableArray<AttributeData> attributes, List<Finding> findings)
    {
        var grants = new List<GrantDecl>();
        foreach (var i in InSourceOrder(attributes))
        {
            if (AttributeNames.Of(attributes[i].AttributeClass) != AttributeNames.Grant)
            {
                continue;
            }

            var at = new Origin(typeName, null, i, -1, null);
            grants.Add(new GrantDecl(ConstructorValue(attributes[i], 0, at, findings), ParamsValues(attributes[i], 1, at, findings).ToEquatableArray(), at));
        }

        return grants.ToEquatableArray();
    }

    private static EquatableArray<ManagedPolicyDecl> BindManagedPolicies(string typeName, ImmutableArray<AttributeData> attributes)
    {
        var policies = new List<ManagedPolicyDecl>();
        foreach (var i in InSourceOrder(attributes))
        {
            if (AttributeNames.Of(attributes[i].AttributeClass) == AttributeNames.AttachManagedPolicy)
            {
                policies.Add(new ManagedPolicyDecl(ConstructorString(attributes[i], 0) ?? string.Empty, new Origin(typeName, null, i, -1, null)));
            }
        }

        return policies.ToEquatableArray();
    }

    private static EnumSetting? BindRoleLayout(AttributeData pipeline, Origin origin) => NamedEnum(pipeline, nameof(PipelineAttribute.Roles), RoleLayouts, origin);

    /// <summary>[RunAs] and [Grant] belong on steps: on the pipeline class they would be silently ignored.</summary>
    private static void ReportPipelineIamAttributes(string className, string typeName, ImmutableArray<AttributeData> attributes, List<Finding> findings)
    {
        foreach (var i in InSourceOrder(attributes))
        {
            var name = AttributeNames.Of(attributes[i].AttributeClass);
            if (name is AttributeNames.RunAs or AttributeNames.Grant)
            {
                findings.Add(new Finding(RuleIds.AttributeNotApplicable, new Origin(typeName, null, i, -1, null),
                    "[" + name.Substring(0, name.Length - "Attribute".Length) + "]", "pipeline class", className,
                    "it is for the step whose job or model needs it"
                    + (name == AttributeNames.RunAs ? "; set the pipeline's own role with [Pipeline(RoleArn = ...)]" : string.Empty)));
            }
        }
    }

    /// <summary>The [Within] prefix of a field, or null. <paramref name="applies"/> says whether the field carries a
    /// run-time value that can have one ([OutputParameter], [JsonGet], [StepProperty]); otherwise it is SGW009.</summary>
    private ValueSource? BindWithin(string typeName, IFieldSymbol field, bool applies, List<Finding> findings)
    {
        var attributes = field.GetAttributes();
        var index = IndexOf(attributes, AttributeNames.Within);
        if (index < 0)
        {
            return null;
        }

        var at = new Origin(typeName, field.Name, index, -1, null);
        if (!applies)
        {
            findings.Add(new Finding(RuleIds.TypeMismatch, at,
                "[Within] applies to run-time S3 locations: an [OutputParameter], [JsonGet] or [StepProperty] field; '" + field.Name + "' is none of them"));
            return null;
        }

        return ConstructorValue(attributes[index], 0, at, findings);
    }
}
