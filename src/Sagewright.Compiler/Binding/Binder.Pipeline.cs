using System.Collections.Immutable;
using System.Globalization;
using System.Text;
using System.Threading;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Sagewright.Model.Json;

namespace Sagewright.Compiler.Binding;

/// <summary>Binding a <c>[Pipeline]</c> class: its settings, parameters, tags, expressions and IAM attributes, and the
/// generated members it must leave room for.</summary>
internal sealed partial class Binder
{
    private const string PipelineTagsAreText = "CreatePipeline stores the pipeline's tags as fixed text, and they cannot come from a parameter or an execution";

    public PipelineDecl? BindPipeline(INamedTypeSymbol type)
    {
        var typeName = MetadataName(type);
        FaultInjection.Check(typeName);
        var attributes = type.GetAttributes();
        var findings = new List<Finding>();
        var index = IndexOf(attributes, AttributeNames.Pipeline);
        if (index < 0)
        {
            return null;
        }

        var attribute = attributes[index];
        var origin = new Origin(typeName, null, index, -1, null);
        // A null name is reported as empty (SGW001); only an argument C# could not bind falls back to the class name.
        var name = attribute.ConstructorArguments.Length > 0 && attribute.ConstructorArguments[0].Kind == TypedConstantKind.Primitive
            ? attribute.ConstructorArguments[0].Value as string ?? string.Empty
            : type.Name;
        var tags = new List<TagDecl>();
        foreach (var i in InSourceOrder(attributes))
        {
            if (AttributeNames.Of(attributes[i].AttributeClass) == AttributeNames.Tag)
            {
                var tagAt = new Origin(typeName, null, i, -1, null);
                tags.Add(new TagDecl(FixedText(attributes[i], 0, tagAt, findings, "A tag key", PipelineTagsAreText) ?? string.Empty,
                    FixedText(attributes[i], 1, tagAt, findings, "A tag value", PipelineTagsAreText) ?? string.Empty, tagAt));
            }
        }

        var parameters = new List<ParameterDecl>();
        foreach (var member in MembersInSourceOrder(type))
        {
            _cancellationToken.ThrowIfCancellationRequested();
            if (member is IFieldSymbol field && BindParameter(typeName, field, findings) is { } parameter)
            {
                parameters.Add(parameter);
            }
        }

        var expressions = BindExpressions(type, typeName, findings);
        ReportPipelineIamAttributes(type.Name, typeName, attributes, findings);
        var extensible = IsExtensible(type);
        var definitionClashes = new List<Finding>();
        if (extensible)
        {
            ReportGeneratedMemberClashes(type, typeName, findings, definitionClashes);
        }

        var experimentName = NamedValue(attribute, nameof(PipelineAttribute.ExperimentName), origin, findings);
        var trialName = NamedValue(attribute, nameof(PipelineAttribute.TrialName), origin, findings);
        return new PipelineDecl(
            typeName,
            type.ContainingNamespace is { IsGlobalNamespace: false } ns ? ns.ToDisplayString() : string.Empty,
            type.Name,
            extensible,
            type.IsStatic,
            name,
            NamedString(attribute, nameof(PipelineAttribute.Description)),
            NamedString(attribute, nameof(PipelineAttribute.DisplayName)),
            NamedString(attribute, nameof(PipelineAttribute.ArtifactBucket)),
            NamedString(attribute, nameof(PipelineAttribute.RoleArn)),
            NamedString(attribute, nameof(PipelineAttribute.JobRoleArn)),
            tags.ToEquatableArray(),
            parameters.ToEquatableArray(),
            findings.ToEquatableArray(),
            origin)
        {
            Expressions = expressions,
            DefinitionConstantClashes = definitionClashes.ToEquatableArray(),
            ExperimentTracking = NamedBool(attribute, nameof(PipelineAttribute.ExperimentTracking)) ?? true,
            ExperimentName = experimentName,
            TrialName = trialName,
            InferenceRoleArn = NamedString(attribute, nameof(PipelineAttribute.InferenceRoleArn)),
            Roles = BindRoleLayout(attribute, origin),
            ManagedPolicies = BindManagedPolicies(typeName, attributes),
        };
    }

    /// <summary>SGW013 for a member, nested type or type parameter with the name of a generated member, and for a class
    /// with such a name (a member cannot have its class's name): the generated part would not compile.</summary>
    /// <remarks>Clashes with <c>PipelineDefinition</c> go to <paramref name="definitionClashes"/>: that constant is
    /// generated only when the project opts in, and the compiler reports them only then.</remarks>
    private static void ReportGeneratedMemberClashes(INamedTypeSymbol type, string typeName, List<Finding> findings, List<Finding> definitionClashes)
    {
        List<Finding> For(string name) => name == DefinitionConstant ? definitionClashes : findings;

        if (Array.IndexOf(GeneratedMembers, type.Name) >= 0)
        {
            For(type.Name).Add(new Finding(RuleIds.GeneratedMemberClash, Origin.OfType(typeName),
                "Sagewright adds the constant '" + type.Name + "' to pipeline class '" + type.Name + "', and a member cannot have the name of its class; rename the class"));
        }

        foreach (var name in GeneratedMembers)
        {
            if (type.GetMembers(name).FirstOrDefault(m => m.Locations.Any(l => l.IsInSource)) is { } member)
            {
                For(name).Add(new Finding(RuleIds.GeneratedMemberClash, new Origin(typeName, name, -1, -1, null),
                    "Sagewright adds the constant '" + name + "' to pipeline class '" + type.Name + "'; rename this " + (member is ITypeSymbol ? "nested type" : "member") + " (the generated one is '" + type.Name + "." + name + "')"));
            }
            else if (type.TypeParameters.FirstOrDefault(p => p.Name == name) is not null)
            {
                For(name).Add(new Finding(RuleIds.GeneratedMemberClash, Origin.OfType(typeName),
                    "Sagewright adds the constant '" + name + "' to pipeline class '" + type.Name + "', which has a type parameter of that name; rename the type parameter"));
            }
        }
    }

    private static ParameterDecl? BindParameter(string typeName, IFieldSymbol field, List<Finding> findings)
    {
        var attributes = field.GetAttributes();
        var index = IndexOf(attributes, AttributeNames.Parameter);
        if (index < 0)
        {
            return null;
        }

        var origin = new Origin(typeName, field.Name, index, -1, null);
        var explicitName = NamedString(attributes[index], nameof(ParameterAttribute.Name));
        var nameOrigin = explicitName is null ? origin : origin.WithNamed(nameof(ParameterAttribute.Name));
        if (!field.IsConst || field.ConstantValue is null)
        {
            findings.Add(new Finding(RuleIds.ValueNotInSource, origin, "The default value of parameter '" + field.Name + "'", field.IsConst ? "null" : "set at run time",
                "declare a const field with a default value, for example: [Parameter] public const string " + field.Name + " = \"...\";"));
            return null;
        }

        (ParameterType Type, string Text)? typed = field.ConstantValue switch
        {
            string s => (ParameterType.String, s),
            bool b => (ParameterType.Boolean, b ? "true" : "false"),
            int i => (ParameterType.Integer, i.ToString(CultureInfo.InvariantCulture)),
            long l => (ParameterType.Integer, l.ToString(CultureInfo.InvariantCulture)),
            short s16 => (ParameterType.Integer, s16.ToString(CultureInfo.InvariantCulture)),
            double d when !double.IsNaN(d) && !double.IsInfinity(d) => (ParameterType.Float, JsonFormat.Double(d)),
            float f when !float.IsNaN(f) && !float.IsInfinity(f) => (ParameterType.Float, JsonFormat.Double(double.Parse(f.ToString("R", CultureInfo.InvariantCulture), CultureInfo.InvariantCulture))),
            decimal m => (ParameterType.Float, JsonFormat.Double((double)m)),
            _ => null,
        };

        if (typed is null)
        {
            findings.Add(new Finding(RuleIds.TypeMismatch, origin,
                "Parameter '" + field.Name + "' has type '" + field.Type.ToDisplayString() + "'; use string (String), int or long (Integer), double (Float) or bool (Boolean)"));
            return null;
        }

        var enumValues = attributes[index].NamedArguments.FirstOrDefault(a => a.Key == nameof(ParameterAttribute.EnumValues)).Value;
        return new ParameterDecl(field.Name, explicitName ?? field.Name, typed.Value.Type, typed.Value.Text, origin, nameOrigin)
        {
            EnumValues = enumValues.Kind == TypedConstantKind.Array && !enumValues.IsNull
                ? enumValues.Values.Select(v => v.Value as string ?? string.Empty).ToEquatableArray()
                : EquatableArray<string>.Empty,
        };
    }
}
