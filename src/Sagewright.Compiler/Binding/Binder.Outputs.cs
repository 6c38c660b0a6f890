using System.Collections.Immutable;
using System.Globalization;
using System.Text;
using System.Threading;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Sagewright.Model.Json;

namespace Sagewright.Compiler.Binding;

/// <summary>Binding a processing step's <c>[Input]</c>s and <c>[Output]</c> fields, and outputs whose destination names
/// themselves.</summary>
internal sealed partial class Binder
{
    private InputDecl BindInput(AttributeData attribute, Origin at, List<Finding> findings)
    {
        var destination = ConstructorString(attribute, 1) ?? string.Empty;
        var name = NamedString(attribute, nameof(InputAttribute.Name));
        if (attribute.ConstructorArguments.Length > 0 && attribute.ConstructorArguments[0].Kind == TypedConstantKind.Type)
        {
            var stepType = attribute.ConstructorArguments[0].Value as INamedTypeSymbol;
            var target = stepType is null || stepType.TypeKind == TypeKind.Error ? string.Empty : MetadataName(stepType);
            if (attribute.ConstructorArguments[0].IsNull)
            {
                findings.Add(new Finding(RuleIds.UnresolvedReference, at.WithArgument(0), "[Input] needs the training step whose model artifacts it reads: typeof(TrainingStep)"));
            }

            return new InputDecl(name, new ValueSource(ValueKind.ModelArtifacts, stepType?.Name ?? string.Empty, target, null, at.WithArgument(0)), destination, at);
        }

        return new InputDecl(name, ConstructorValue(attribute, 0, at, findings), destination, at);
    }

    private OutputDecl? BindOutput(string typeName, IFieldSymbol field, List<Finding> findings)
    {
        var attributes = field.GetAttributes();
        var index = IndexOf(attributes, AttributeNames.Output);
        if (index < 0)
        {
            return null;
        }

        var origin = new Origin(typeName, field.Name, index, -1, null);
        if (!field.IsConst || field.ConstantValue is not string outputName)
        {
            findings.Add(!field.IsConst
                ? new Finding(RuleIds.ValueNotInSource, origin, "The name of output '" + field.Name + "'", "set at run time",
                    "declare a const string field whose value is the output name, for example: [Output(\"/opt/ml/processing/output\")] public const string " + field.Name + " = \"" + field.Name.ToLowerInvariant() + "\";")
                : new Finding(RuleIds.TypeMismatch, origin,
                    "Output '" + field.Name + "' must be a const string field whose value is the output name, for example: [Output(\"/opt/ml/processing/output\")] public const string " + field.Name + " = \"" + field.Name.ToLowerInvariant() + "\";"));
            return null;
        }

        var attribute = attributes[index];
        var source = ConstructorString(attribute, 0) ?? string.Empty;
        var destination = NamedValue(attribute, nameof(OutputAttribute.Destination), origin, findings);
        var propertyFileIndex = IndexOf(attributes, AttributeNames.PropertyFile);
        PropertyFileDecl? propertyFile = null;
        if (propertyFileIndex >= 0)
        {
            var fileAttribute = attributes[propertyFileIndex];
            var fileOrigin = new Origin(typeName, field.Name, propertyFileIndex, -1, null);
            propertyFile = new PropertyFileDecl(NamedString(fileAttribute, nameof(PropertyFileAttribute.Name)) ?? field.Name, ConstructorString(fileAttribute, 0) ?? string.Empty, fileOrigin);
        }

        return new OutputDecl(field.Name, outputName, source, destination, origin) { PropertyFile = propertyFile };
    }

    /// <summary>SGW004 for an output whose destination is (through this step's other outputs) the output itself: its
    /// location would be defined by itself.</summary>
    private static void ReportSelfReferencingOutputs(string typeName, List<OutputDecl> outputs, List<Finding> findings)
    {
        var byMember = outputs.GroupBy(o => o.Member, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);
        foreach (var output in outputs)
        {
            if (output.Destination is not { } destination)
            {
                continue;
            }

            var path = new List<string> { output.Member };
            if (LeadsBack(destination, path, new HashSet<string>(StringComparer.Ordinal)))
            {
                findings.Add(new Finding(RuleIds.UnresolvedReference, destination.Origin, path.Count == 2
                    ? "Output '" + output.Member + "' has itself as its destination: name an S3 location, a parameter or another step's output"
                    : "Output '" + output.Member + "' has itself as its destination through " + string.Join(" → ", path) + ": name an S3 location, a parameter or another step's output"));
            }
        }

        // True when the value leads back to path[0]; path then spells the way there.
        bool LeadsBack(ValueSource value, List<string> path, HashSet<string> visited)
        {
            foreach (var member in OwnOutputReferences(typeName, value))
            {
                path.Add(member);
                if (member == path[0])
                {
                    return true;
                }

                if (visited.Add(member) && byMember.TryGetValue(member, out var target) && target.Destination is { } next && LeadsBack(next, path, visited))
                {
                    return true;
                }

                path.RemoveAt(path.Count - 1);
            }

            return false;
        }
    }

    private static IEnumerable<string> OwnOutputReferences(string typeName, ValueSource value) =>
        (value.Kind == ValueKind.Interpolated ? value.Parts.AsEnumerable() : new[] { value })
            .Where(p => p.Kind == ValueKind.StepOutput && string.Equals(p.TargetType, typeName, StringComparison.Ordinal) && p.TargetMember is not null)
            .Select(p => p.TargetMember!);
}
