using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Globalization;
using System.Linq;
using System.Text;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Sagewright.Model;
using Sagewright.Model.Json;
using Sagewright.Model.Pipeline;
using Sagewright.Model.Validation;

namespace Sagewright.Compiler.Binding;

/// <summary>Turns annotated symbols into the model. Used by both the generator and the analyzer, so
/// there is one reading of the source. Never throws on odd input: what it cannot read becomes a
/// Finding, what it does not know is skipped.</summary>
internal sealed partial class Binder
{
    private readonly Compilation _compilation;
    private readonly CancellationToken _cancellationToken;
    private readonly Dictionary<SyntaxTree, SemanticModel> _models = new();

    public Binder(Compilation compilation, CancellationToken cancellationToken)
    {
        _compilation = compilation;
        _cancellationToken = cancellationToken;
    }

    public static StepKind? StepKindOf(INamedTypeSymbol? attributeClass) => AttributeNames.Of(attributeClass) switch
    {
        AttributeNames.ProcessingStep => StepKind.Processing,
        AttributeNames.TrainingStep => StepKind.Training,
        AttributeNames.ConditionStep => StepKind.Condition,
        AttributeNames.FailStep => StepKind.Fail,
        AttributeNames.TuningStep => StepKind.Tuning,
        AttributeNames.LambdaStep => StepKind.Lambda,
        AttributeNames.CallbackStep => StepKind.Callback,
        AttributeNames.RegisterModelStep => StepKind.RegisterModel,
        AttributeNames.CreateModelStep => StepKind.Model,
        AttributeNames.TransformStep => StepKind.Transform,
        _ => null,
    };

    /// <summary>The metadata name of the pipeline a step class names with <c>typeof</c> in its (first) step attribute,
    /// read without binding the step; null when it names none.</summary>
    public static string? PipelineTypeOf(INamedTypeSymbol type)
    {
        var attributes = type.GetAttributes();
        foreach (var index in InSourceOrder(attributes))
        {
            var attribute = attributes[index];
            if (StepKindOf(attribute.AttributeClass) is not null)
            {
                return attribute.ConstructorArguments.Length > 0 && attribute.ConstructorArguments[0].Value is INamedTypeSymbol p && p.TypeKind != TypeKind.Error
                    ? MetadataName(p)
                    : null;
            }
        }

        return null;
    }

    // ---- pipelines ------------------------------------------------------------------------------

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
                tags.Add(new TagDecl(ConstructorString(attributes[i], 0) ?? string.Empty, ConstructorString(attributes[i], 1) ?? string.Empty,
                    new Origin(typeName, null, i, -1, null)));
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
        if (extensible)
        {
            ReportGeneratedMemberClashes(type, typeName, findings);
        }

        var experimentName = NamedValue(attribute, "ExperimentName", origin, findings);
        var trialName = NamedValue(attribute, "TrialName", origin, findings);
        return new PipelineDecl(
            typeName,
            type.ContainingNamespace is { IsGlobalNamespace: false } ns ? ns.ToDisplayString() : string.Empty,
            type.Name,
            extensible,
            type.IsStatic,
            name,
            NamedString(attribute, "Description"),
            NamedString(attribute, "DisplayName"),
            NamedString(attribute, "ArtifactBucket"),
            NamedString(attribute, "RoleArn"),
            NamedString(attribute, "JobRoleArn"),
            tags.ToEquatableArray(),
            parameters.ToEquatableArray(),
            findings.ToEquatableArray(),
            origin)
        {
            Expressions = expressions,
            ExperimentTracking = NamedBool(attribute, "ExperimentTracking") ?? true,
            ExperimentName = experimentName,
            TrialName = trialName,
            InferenceRoleArn = NamedString(attribute, "InferenceRoleArn"),
            Roles = BindRoleLayout(attribute, origin),
            ManagedPolicies = BindManagedPolicies(typeName, attributes),
        };
    }

    /// <summary>The members the generator adds to a partial pipeline class.</summary>
    internal static readonly string[] GeneratedMembers = { "PipelineName", "PipelineDefinition" };

    /// <summary>SGW013 for a member, nested type or type parameter with the name of a generated member, and for a class
    /// with such a name (a member cannot have its class's name): the generated part would not compile.</summary>
    private static void ReportGeneratedMemberClashes(INamedTypeSymbol type, string typeName, List<Finding> findings)
    {
        if (Array.IndexOf(GeneratedMembers, type.Name) >= 0)
        {
            findings.Add(new Finding(RuleIds.GeneratedMemberClash, Origin.OfType(typeName),
                "Sagewright adds the constant '" + type.Name + "' to pipeline class '" + type.Name + "', and a member cannot have the name of its class; rename the class"));
        }

        foreach (var name in GeneratedMembers)
        {
            if (type.GetMembers(name).FirstOrDefault(m => m.Locations.Any(l => l.IsInSource)) is { } member)
            {
                findings.Add(new Finding(RuleIds.GeneratedMemberClash, new Origin(typeName, name, -1, -1, null),
                    "Sagewright adds the constant '" + name + "' to pipeline class '" + type.Name + "'; rename this " + (member is ITypeSymbol ? "nested type" : "member") + " (the generated one is '" + type.Name + "." + name + "')"));
            }
            else if (type.TypeParameters.FirstOrDefault(p => p.Name == name) is not null)
            {
                findings.Add(new Finding(RuleIds.GeneratedMemberClash, Origin.OfType(typeName),
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
        var explicitName = NamedString(attributes[index], "Name");
        var nameOrigin = explicitName is null ? origin : origin.WithNamed("Name");
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

        var enumValues = attributes[index].NamedArguments.FirstOrDefault(a => a.Key == "EnumValues").Value;
        return new ParameterDecl(field.Name, explicitName ?? field.Name, typed.Value.Type, typed.Value.Text, origin, nameOrigin)
        {
            EnumValues = enumValues.Kind == TypedConstantKind.Array && !enumValues.IsNull
                ? enumValues.Values.Select(v => v.Value as string ?? string.Empty).ToEquatableArray()
                : EquatableArray<string>.Empty,
        };
    }

    // ---- steps ----------------------------------------------------------------------------------

    public StepDecl? BindStep(INamedTypeSymbol type)
    {
        var typeName = MetadataName(type);
        FaultInjection.Check(typeName);
        var attributes = type.GetAttributes();
        var stepIndex = -1;
        StepKind kind = default;
        foreach (var i in InSourceOrder(attributes))
        {
            if (StepKindOf(attributes[i].AttributeClass) is { } k)
            {
                stepIndex = i;
                kind = k;
                break;
            }
        }

        if (stepIndex < 0)
        {
            return null;
        }

        var findings = new List<Finding>();
        foreach (var i in InSourceOrder(attributes).SkipWhile(a => a != stepIndex).Skip(1))
        {
            if (StepKindOf(attributes[i].AttributeClass) is not null)
            {
                findings.Add(new Finding(RuleIds.SettingConflict, new Origin(typeName, null, i, -1, null), "Class '" + type.Name + "'", "its step kind",
                    "[" + AttributeNames.ShortName(attributes[stepIndex].AttributeClass) + "]", "[" + AttributeNames.ShortName(attributes[i].AttributeClass) + "]",
                    "a class declares only one step, so this attribute is ignored; remove one of them"));
            }
        }

        var stepAttribute = attributes[stepIndex];
        var origin = new Origin(typeName, null, stepIndex, -1, null);
        var pipelineType = stepAttribute.ConstructorArguments.Length > 0 && stepAttribute.ConstructorArguments[0].Value is INamedTypeSymbol p && p.TypeKind != TypeKind.Error
            ? MetadataName(p)
            : null;
        var explicitName = NamedString(stepAttribute, "Name");

        ValueSource? image = null;
        FrameworkDecl? framework = null;
        InstanceDecl? instance = null;
        CodeDecl? code = null;
        ValueSource? modelOutput = null;
        SpotDecl? spot = null;
        var maxRuntime = 0;
        Origin? maxRuntimeOrigin = null;
        var environment = new List<NamedValue>();
        var containerArguments = new List<ValueSource>();
        var inputs = new List<InputDecl>();
        var channels = new List<ChannelDecl>();
        var hyperParameters = new List<NamedValue>();
        var dependsOn = new List<DependencyDecl>();

        foreach (var i in InSourceOrder(attributes))
        {
            _cancellationToken.ThrowIfCancellationRequested();
            var attribute = attributes[i];
            var at = new Origin(typeName, null, i, -1, null);
            switch (AttributeNames.Of(attribute.AttributeClass))
            {
                case AttributeNames.Image:
                    image = ConstructorValue(attribute, 0, at, findings);
                    break;
                case AttributeNames.Framework:
                    framework = new FrameworkDecl(ConstructorString(attribute, 0) ?? string.Empty, ConstructorString(attribute, 1) ?? string.Empty,
                        NamedString(attribute, "PythonVersion"), at);
                    break;
                case AttributeNames.Instance:
                    instance = new InstanceDecl(ConstructorValue(attribute, 0, at, findings), NamedInt(attribute, "Count") ?? 1,
                        NamedInt(attribute, "VolumeSizeInGB") ?? 30, at);
                    break;
                case AttributeNames.Code:
                    code = new CodeDecl(ConstructorString(attribute, 0) ?? string.Empty, NamedString(attribute, "Command"), at);
                    break;
                case AttributeNames.Environment:
                    environment.Add(new NamedValue(ConstructorString(attribute, 0) ?? string.Empty, ConstructorValue(attribute, 1, at, findings), at));
                    break;
                case AttributeNames.ContainerArguments:
                    containerArguments.AddRange(ParamsValues(attribute, 0, at, findings));
                    break;
                case AttributeNames.Input:
                    inputs.Add(BindInput(attribute, at, findings));
                    break;
                case AttributeNames.Channel:
                    channels.Add(new ChannelDecl(ConstructorString(attribute, 0) ?? string.Empty, ConstructorValue(attribute, 1, at, findings),
                        NamedString(attribute, "ContentType"), at));
                    break;
                case AttributeNames.HyperParameter:
                    hyperParameters.Add(new NamedValue(ConstructorString(attribute, 0) ?? string.Empty, ConstructorValue(attribute, 1, at, findings), at));
                    break;
                case AttributeNames.ModelOutput:
                    modelOutput = ConstructorValue(attribute, 0, at, findings);
                    break;
                case AttributeNames.MaxRuntime:
                    maxRuntime = attribute.ConstructorArguments.Length > 0 && attribute.ConstructorArguments[0].Value is int seconds ? seconds : 0;
                    maxRuntimeOrigin = at.WithArgument(0);
                    break;
                case AttributeNames.Spot:
                    spot = new SpotDecl(NamedInt(attribute, "MaxRunSeconds"), NamedInt(attribute, "MaxWaitSeconds"),
                        NamedValue(attribute, "CheckpointS3Uri", at, findings), at);
                    break;
                case AttributeNames.DependsOn:
                    if (attribute.ConstructorArguments.Length > 0 && attribute.ConstructorArguments[0].Value is INamedTypeSymbol dependency && dependency.TypeKind != TypeKind.Error)
                    {
                        dependsOn.Add(new DependencyDecl(MetadataName(dependency), at.WithArgument(0)));
                    }
                    else if (attribute.ConstructorArguments.Length > 0 && attribute.ConstructorArguments[0] is { Kind: TypedConstantKind.Type, IsNull: true })
                    {
                        findings.Add(new Finding(RuleIds.UnresolvedReference, at.WithArgument(0), "[DependsOn] needs the step class it waits for: typeof(OtherStep)"));
                    }

                    break;
            }
        }

        var outputs = new List<OutputDecl>();
        foreach (var member in MembersInSourceOrder(type))
        {
            if (member is IFieldSymbol field && BindOutput(typeName, field, findings) is { } output)
            {
                outputs.Add(output);
            }
        }

        ReportSelfReferencingOutputs(typeName, outputs, findings);

        // Bound before the record is made: they add to the findings it carries.
        var body = BindBody(type, typeName, kind, attributes, findings);
        ReportMisplacedExternal(type, typeName, kind, attributes, findings);
        var stepExpressions = BindExpressions(type, typeName, findings);
        var grants = BindGrants(typeName, attributes, findings);
        var encryption = BindEncryption(typeName, attributes, findings);
        var network = BindNetwork(typeName, attributes, findings);
        return new StepDecl(
            typeName,
            kind,
            pipelineType,
            explicitName ?? type.Name,
            NamedString(stepAttribute, "DisplayName"),
            NamedString(stepAttribute, "Description"),
            image,
            framework,
            instance,
            code,
            environment.ToEquatableArray(),
            containerArguments.ToEquatableArray(),
            inputs.ToEquatableArray(),
            outputs.ToEquatableArray(),
            channels.ToEquatableArray(),
            hyperParameters.ToEquatableArray(),
            modelOutput,
            maxRuntime,
            maxRuntimeOrigin,
            spot,
            dependsOn.ToEquatableArray(),
            findings.ToEquatableArray(),
            origin)
        {
            NameOrigin = explicitName is null ? origin : origin.WithNamed("Name"),
            Body = body,
            Expressions = stepExpressions,
            Cache = BindCache(typeName, attributes),
            Retries = BindRetries(typeName, attributes),
            RunAs = BindRunAs(typeName, attributes),
            Grants = grants,
            ManagedPolicies = BindManagedPolicies(typeName, attributes),
            Encryption = encryption,
            Network = network,
        };
    }

    private InputDecl BindInput(AttributeData attribute, Origin at, List<Finding> findings)
    {
        var destination = ConstructorString(attribute, 1) ?? string.Empty;
        var name = NamedString(attribute, "Name");
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
        var destination = NamedValue(attribute, "Destination", origin, findings);
        var propertyFileIndex = IndexOf(attributes, AttributeNames.PropertyFile);
        PropertyFileDecl? propertyFile = null;
        if (propertyFileIndex >= 0)
        {
            var fileAttribute = attributes[propertyFileIndex];
            var fileOrigin = new Origin(typeName, field.Name, propertyFileIndex, -1, null);
            propertyFile = new PropertyFileDecl(NamedString(fileAttribute, "Name") ?? field.Name, ConstructorString(fileAttribute, 0) ?? string.Empty, fileOrigin);
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

    // ---- attribute arguments --------------------------------------------------------------------

    private ValueSource ConstructorValue(AttributeData attribute, int index, Origin at, List<Finding> findings)
    {
        var origin = at.WithArgument(index);
        var constant = index < attribute.ConstructorArguments.Length ? attribute.ConstructorArguments[index] : default;
        var text = constant.Kind == TypedConstantKind.Primitive ? constant.Value as string : null;
        return ReadValue(text, PositionalArgument(attribute, index), origin, findings);
    }

    private ValueSource? NamedValue(AttributeData attribute, string name, Origin at, List<Finding> findings)
    {
        foreach (var pair in attribute.NamedArguments)
        {
            // An optional setting set to null is simply not set.
            if (pair.Key == name && !pair.Value.IsNull)
            {
                return ReadValue(pair.Value.Value as string, NamedArgument(attribute, name), at.WithNamed(name), findings);
            }
        }

        return null;
    }

    /// <summary>The values of a <c>params string[]</c> constructor parameter at <paramref name="index"/>. When the
    /// values were written one by one, each keeps its own argument as its origin.</summary>
    private IEnumerable<ValueSource> ParamsValues(AttributeData attribute, int index, Origin at, List<Finding> findings)
    {
        if (attribute.ConstructorArguments.Length <= index || attribute.ConstructorArguments[index].Kind != TypedConstantKind.Array)
        {
            yield break;
        }

        if (attribute.ConstructorArguments[index].IsNull)
        {
            // [ContainerArguments(null)] passes a null array, whose Values are a default ImmutableArray.
            findings.Add(new Finding(RuleIds.RequiredSettingMissing, at.WithArgument(index), "This value must not be null"));
            yield break;
        }

        var values = attribute.ConstructorArguments[index].Values;
        var oneToOne = PositionalCount(attribute) == index + values.Length;
        for (var i = 0; i < values.Length; i++)
        {
            // Written one by one, element i is argument index + i (the first may be written by name, anywhere).
            yield return oneToOne
                ? ReadValue(values[i].Value as string, PositionalArgument(attribute, index + i), at.WithArgument(index + i), findings)
                : ReadValue(values[i].Value as string, null, at, findings);
        }
    }

    private int PositionalCount(AttributeData attribute) =>
        attribute.ApplicationSyntaxReference?.GetSyntax(_cancellationToken) is AttributeSyntax { ArgumentList: { } list }
            ? list.Arguments.Count(a => a.NameEquals is null)
            : -1;

    /// <summary>Reads a string argument: <c>nameof(Pipeline.Parameter)</c> and <c>nameof(Step.Output)</c>
    /// become references, an interpolated string with such <c>nameof</c> holes becomes their concatenation, anything
    /// else is literal text.</summary>
    private ValueSource ReadValue(string? text, ExpressionSyntax? expression, Origin origin, List<Finding> findings)
    {
        var bare = Unparenthesize(expression);
        if (bare is InvocationExpressionSyntax invocation && Model(invocation.SyntaxTree) is { } model && IsNameof(invocation, model))
        {
            // An unresolvable nameof is already a C# compile error; do not add a second one.
            return ReadReference(invocation, model, origin, findings, inInterpolation: false) ?? ValueSource.Literal(text ?? string.Empty, origin);
        }

        if (bare is InterpolatedStringExpressionSyntax interpolated && ReadInterpolated(text, interpolated, origin, findings) is { } joined)
        {
            return joined;
        }

        if (bare is BinaryExpressionSyntax { RawKind: (int)SyntaxKind.AddExpression } concatenation)
        {
            ReportConcatenatedReference(concatenation, origin, findings);
        }

        if (expression is MemberAccessExpressionSyntax or IdentifierNameSyntax
            && Model(expression.SyntaxTree) is { } valueModel
            && valueModel.GetSymbolInfo(expression, _cancellationToken).Symbol is IFieldSymbol constant)
        {
            if (IndexOf(constant.GetAttributes(), AttributeNames.Parameter) >= 0)
            {
                findings.Add(new Finding(RuleIds.TypeMismatch, origin,
                    "This passes the default value of parameter '" + constant.Name + "' as fixed text; write nameof(" + constant.ContainingType.Name + "." + constant.Name + ") to use the parameter"));
            }
            else if (IndexOf(constant.GetAttributes(), AttributeNames.Output) >= 0)
            {
                findings.Add(new Finding(RuleIds.TypeMismatch, origin,
                    "This passes the name of output '" + constant.Name + "' as fixed text; write nameof(" + constant.ContainingType.Name + "." + constant.Name + ") to use the output's S3 location"));
            }
        }

        if (text is null)
        {
            findings.Add(new Finding(RuleIds.RequiredSettingMissing, origin, "This value must not be null"));
            return ValueSource.Literal(string.Empty, origin);
        }

        return ValueSource.Literal(text, origin);
    }

    private static ExpressionSyntax? Unparenthesize(ExpressionSyntax? expression)
    {
        while (expression is ParenthesizedExpressionSyntax parenthesized)
        {
            expression = parenthesized.Expression;
        }

        return expression;
    }

    /// <summary>True for the <c>nameof</c> operator (not a method that happens to be called nameof).</summary>
    private bool IsNameof(InvocationExpressionSyntax invocation, SemanticModel model) =>
        invocation is { Expression: IdentifierNameSyntax { Identifier.ValueText: "nameof" }, ArgumentList.Arguments.Count: 1 }
        && model.GetSymbolInfo(invocation, _cancellationToken).Symbol is null;

    /// <summary>The reference a <c>nameof</c> stands for, or null (with a finding when it names something Sagewright
    /// does not know; nothing when C# could not resolve it, which is a compile error already).</summary>
    private ValueSource? ReadReference(InvocationExpressionSyntax invocation, SemanticModel model, Origin origin, List<Finding> findings, bool inInterpolation)
    {
        var info = model.GetSymbolInfo(invocation.ArgumentList.Arguments[0].Expression, _cancellationToken);
        var symbol = info.Symbol ?? (info.CandidateSymbols.Length == 1 ? info.CandidateSymbols[0] : null);
        if (symbol is IFieldSymbol field && field.ContainingType is { } owner)
        {
            var attributes = field.GetAttributes();
            if (AttributeNames.IsExecutionClass(owner))
            {
                return new ValueSource(ValueKind.Execution, field.Name, null, field.Name, origin);
            }

            if (IndexOf(attributes, AttributeNames.Join) >= 0 || IndexOf(attributes, AttributeNames.JsonGet) >= 0 || IndexOf(attributes, AttributeNames.StepProperty) >= 0)
            {
                return new ValueSource(ValueKind.Expression, field.Name, MetadataName(owner), field.Name, origin);
            }

            if (IndexOf(attributes, AttributeNames.Parameter) >= 0)
            {
                return new ValueSource(ValueKind.Parameter, field.Name, MetadataName(owner), field.Name, origin);
            }

            if (IndexOf(attributes, AttributeNames.Output) >= 0)
            {
                return new ValueSource(ValueKind.StepOutput, field.Name, MetadataName(owner), field.Name, origin);
            }

            if (IndexOf(attributes, AttributeNames.OutputParameter) >= 0)
            {
                return new ValueSource(ValueKind.OutputParameter, field.Name, MetadataName(owner), field.Name, origin);
            }
        }

        if (symbol is not null)
        {
            findings.Add(new Finding(RuleIds.UnresolvedReference, origin,
                (inInterpolation ? "In this interpolated string, nameof(" : "nameof(") + symbol.Name + ") refers to '" + symbol.ToDisplayString(SymbolDisplayFormat.CSharpShortErrorMessageFormat)
                + "', which is not a [Parameter], an [Output], an [OutputParameter], an execution variable, or a [Join], [JsonGet] or [StepProperty] expression"
                + (inInterpolation ? "; write the text itself" : string.Empty)));
        }

        return null;
    }

    /// <summary>An interpolated string whose holes include a Sagewright <c>nameof</c>, as the text and references it
    /// joins; null when no hole is such a reference (the string is then plain text), or when it is not constant.</summary>
    private ValueSource? ReadInterpolated(string? text, InterpolatedStringExpressionSyntax syntax, Origin origin, List<Finding> findings)
    {
        if (Model(syntax.SyntaxTree) is not { } model)
        {
            return null;
        }

        var parts = new List<ValueSource>();
        var pending = new StringBuilder();
        var references = false;
        foreach (var content in syntax.Contents)
        {
            if (content is InterpolatedStringTextSyntax piece)
            {
                // In $"…" and $@"…" strings the token keeps braces doubled; raw strings have no brace escapes.
                var pieceText = piece.TextToken.ValueText;
                pending.Append(syntax.StringStartToken.IsKind(SyntaxKind.InterpolatedStringStartToken) || syntax.StringStartToken.IsKind(SyntaxKind.InterpolatedVerbatimStringStartToken)
                    ? pieceText.Replace("{{", "{").Replace("}}", "}")
                    : pieceText);
                continue;
            }

            if (content is not InterpolationSyntax hole)
            {
                return null;
            }

            if (hole is { AlignmentClause: null, FormatClause: null } && Unparenthesize(hole.Expression) is InvocationExpressionSyntax invocation && IsNameof(invocation, model)
                && ReadReference(invocation, model, origin, findings, inInterpolation: true) is { } reference)
            {
                Flush();
                parts.Add(reference);
                references = true;
                continue;
            }

            var constant = model.GetConstantValue(hole.Expression, _cancellationToken);
            if (!constant.HasValue || constant.Value is not string value)
            {
                return null;
            }

            pending.Append(value);
        }

        Flush();

        // The parts must spell the constant C# computed (each nameof is its name): if they do not, the string is
        // written in a way this reading does not know, and it stays plain text.
        if (!references || (text is not null && !string.Equals(string.Concat(parts.Select(p => p.IsLiteral ? p.Text : p.TargetMember ?? p.Text)), text, StringComparison.Ordinal)))
        {
            return null;
        }

        return new ValueSource(ValueKind.Interpolated, text ?? string.Concat(parts.Select(p => p.Text)), null, null, origin) { Parts = parts.ToEquatableArray() };

        void Flush()
        {
            if (pending.Length > 0)
            {
                parts.Add(ValueSource.Literal(pending.ToString(), origin));
                pending.Clear();
            }
        }
    }

    /// <summary><c>"s3://bucket/" + nameof(Execution.PipelineExecutionId)</c> is the text "s3://bucket/PipelineExecutionId":
    /// say so, and show the interpolated string that means the value.</summary>
    private void ReportConcatenatedReference(BinaryExpressionSyntax concatenation, Origin origin, List<Finding> findings)
    {
        if (Model(concatenation.SyntaxTree) is not { } model)
        {
            return;
        }

        foreach (var invocation in concatenation.DescendantNodes().OfType<InvocationExpressionSyntax>())
        {
            if (IsNameof(invocation, model) && ReadReference(invocation, model, origin, new List<Finding>(), inInterpolation: false) is not null)
            {
                var written = invocation.ToString();
                findings.Add(new Finding(RuleIds.TypeMismatch, origin,
                    "'+' adds the text of " + written + " (its name), not its value; write an interpolated string such as $\"...{" + written + "}...\" to use the value"));
                return;
            }
        }
    }

    private ExpressionSyntax? PositionalArgument(AttributeData attribute, int index) =>
        attribute.ApplicationSyntaxReference?.GetSyntax(_cancellationToken) is AttributeSyntax syntax
            ? ConstructorArgument(syntax, attribute.AttributeConstructor, index)
            : null;

    /// <summary>The expression written for constructor parameter <paramref name="index"/>, by position or by
    /// <c>name:</c>; for a <c>params</c> array written element by element, the element at that position.</summary>
    internal static ExpressionSyntax? ConstructorArgument(AttributeSyntax syntax, IMethodSymbol? constructor, int index)
    {
        if (syntax.ArgumentList is not { } list)
        {
            return null;
        }

        var parameterName = constructor is not null && index < constructor.Parameters.Length ? constructor.Parameters[index].Name : null;
        var position = 0;
        foreach (var argument in list.Arguments)
        {
            if (argument.NameEquals is not null)
            {
                continue;
            }

            if (argument.NameColon is { } colon)
            {
                if (colon.Name.Identifier.ValueText == parameterName)
                {
                    return argument.Expression;
                }
            }
            else if (position == index)
            {
                return argument.Expression;
            }

            position++;
        }

        return null;
    }

    private ExpressionSyntax? NamedArgument(AttributeData attribute, string name) =>
        attribute.ApplicationSyntaxReference?.GetSyntax(_cancellationToken) is AttributeSyntax { ArgumentList: { } list }
            ? list.Arguments.FirstOrDefault(a => a.NameEquals?.Name.Identifier.ValueText == name)?.Expression
            : null;

    private SemanticModel? Model(SyntaxTree tree)
    {
        if (!_compilation.ContainsSyntaxTree(tree))
        {
            return null;
        }

        if (!_models.TryGetValue(tree, out var model))
        {
#pragma warning disable RS1030 // The binder needs the semantic model of attribute arguments, which may sit in another partial declaration's tree.
            model = _compilation.GetSemanticModel(tree);
#pragma warning restore RS1030
            _models[tree] = model;
        }

        return model;
    }

    // ---- helpers --------------------------------------------------------------------------------

    /// <summary>The indexes of the attributes in source order: by file path, then position. <c>GetAttributes()</c> follows
    /// the order of the syntax trees in the compilation, which for a partial class split over files is the order of the
    /// compile items; the output must not depend on it.</summary>
    internal static IEnumerable<int> InSourceOrder(ImmutableArray<AttributeData> attributes)
    {
        SyntaxTree? first = null;
        var oneTree = true;
        foreach (var attribute in attributes)
        {
            var tree = attribute.ApplicationSyntaxReference?.SyntaxTree;
            first ??= tree;
            oneTree &= tree is null || tree == first;
        }

        return oneTree
            ? Enumerable.Range(0, attributes.Length)
            : Enumerable.Range(0, attributes.Length).OrderBy(i => attributes[i].ApplicationSyntaxReference, SourceOrder.Instance).ThenBy(i => i);
    }

    /// <summary>The members in source order (see <see cref="InSourceOrder"/>); members without source come last.</summary>
    internal static IEnumerable<ISymbol> MembersInSourceOrder(INamedTypeSymbol type)
    {
        var members = type.GetMembers();
        if (type.DeclaringSyntaxReferences.Length < 2)
        {
            return members;
        }

        return members.Select((m, i) => (Member: m, Index: i))
            .OrderBy(m => m.Member.DeclaringSyntaxReferences.FirstOrDefault(), SourceOrder.Instance)
            .ThenBy(m => m.Index)
            .Select(m => m.Member);
    }

    /// <summary>Orders syntax references by file path (ordinal), then position; null last.</summary>
    private sealed class SourceOrder : IComparer<SyntaxReference?>
    {
        public static readonly SourceOrder Instance = new();

        public int Compare(SyntaxReference? x, SyntaxReference? y)
        {
            if (x is null || y is null)
            {
                return (x is null ? 1 : 0) - (y is null ? 1 : 0);
            }

            var byPath = string.CompareOrdinal(x.SyntaxTree.FilePath, y.SyntaxTree.FilePath);
            return byPath != 0 ? byPath : x.Span.Start.CompareTo(y.Span.Start);
        }
    }

    internal static int IndexOf(ImmutableArray<AttributeData> attributes, string name)
    {
        foreach (var i in InSourceOrder(attributes))
        {
            if (AttributeNames.Of(attributes[i].AttributeClass) == name)
            {
                return i;
            }
        }

        return -1;
    }

    private static string? ConstructorString(AttributeData attribute, int index) =>
        index < attribute.ConstructorArguments.Length && attribute.ConstructorArguments[index].Kind == TypedConstantKind.Primitive
            ? attribute.ConstructorArguments[index].Value as string
            : null;

    private static string? NamedString(AttributeData attribute, string name)
    {
        foreach (var pair in attribute.NamedArguments)
        {
            if (pair.Key == name)
            {
                return pair.Value.Value as string;
            }
        }

        return null;
    }

    private static bool? NamedBool(AttributeData attribute, string name)
    {
        foreach (var pair in attribute.NamedArguments)
        {
            if (pair.Key == name && pair.Value.Value is bool value)
            {
                return value;
            }
        }

        return null;
    }

    private static int? NamedInt(AttributeData attribute, string name)
    {
        foreach (var pair in attribute.NamedArguments)
        {
            if (pair.Key == name && pair.Value.Value is int value)
            {
                return value;
            }
        }

        return null;
    }

    /// <summary>True when generated members can be added: the class and every containing type are partial
    /// classes (the generator writes <c>partial class</c>, which a record cannot take).</summary>
    private bool IsExtensible(INamedTypeSymbol type)
    {
        if (type.IsFileLocal)
        {
            return false; // a file-local class takes no partial part from another file
        }

        for (var current = type; current is not null; current = current.ContainingType)
        {
            var partial = current.DeclaringSyntaxReferences.Any(r =>
                r.GetSyntax(_cancellationToken) is ClassDeclarationSyntax declaration && declaration.Modifiers.Any(SyntaxKind.PartialKeyword));
            if (!partial)
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>The name <c>Compilation.GetTypeByMetadataName</c> accepts: <c>Ns.Outer+Inner</c>.</summary>
    internal static string MetadataName(INamedTypeSymbol type)
    {
        if (type.ContainingType is { } containing)
        {
            return MetadataName(containing) + "+" + type.MetadataName;
        }

        return type.ContainingNamespace is { IsGlobalNamespace: false } ns ? ns.ToDisplayString() + "." + type.MetadataName : type.MetadataName;
    }
}
