using System.Collections.Immutable;
using System.Globalization;
using System.Text;
using System.Threading;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Sagewright.Model.Json;

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

    /// <summary>The members the generator adds to a partial pipeline class.</summary>
    internal static readonly string[] GeneratedMembers = { "PipelineName", DefinitionConstant };

    /// <summary>The member generated only with <c>SagewrightEmbedDefinition</c>.</summary>
    internal const string DefinitionConstant = "PipelineDefinition";

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
        var explicitName = NamedString(stepAttribute, nameof(StepAttribute.Name));

        ValueSource? image = null;
        FrameworkDecl? framework = null;
        InstanceDecl? instance = null;
        CodeDecl? code = null;
        ValueSource? modelOutput = null;
        SpotDecl? spot = null;
        var maxRuntime = 0;
        Origin? maxRuntimeOrigin = null;
        ValueSource? maxRuntimeValue = null;
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
            ReportParameterDefaults(attribute, at, findings);
            switch (AttributeNames.Of(attribute.AttributeClass))
            {
                case AttributeNames.Image:
                    image = ConstructorValue(attribute, 0, at, findings);
                    break;
                case AttributeNames.Framework:
                    framework = new FrameworkDecl(ConstructorString(attribute, 0) ?? string.Empty, ConstructorString(attribute, 1) ?? string.Empty,
                        NamedString(attribute, nameof(FrameworkAttribute.PythonVersion)), at,
                        NamedString(attribute, nameof(FrameworkAttribute.BaseFramework)), NamedString(attribute, nameof(FrameworkAttribute.InstanceType)));
                    break;
                case AttributeNames.Instance:
                    instance = new InstanceDecl(ConstructorValue(attribute, 0, at, findings), NamedInt(attribute, nameof(InstanceAttribute.Count)) ?? 1,
                        NamedInt(attribute, nameof(InstanceAttribute.VolumeSizeInGB)) ?? 30, at)
                    {
                        CountValue = NamedRunTimeValue(attribute, nameof(InstanceAttribute.CountParameter), nameof(InstanceAttribute.Count), at, findings),
                        VolumeSizeValue = NamedRunTimeValue(attribute, nameof(InstanceAttribute.VolumeSizeParameter), nameof(InstanceAttribute.VolumeSizeInGB), at, findings),
                    };
                    break;
                case AttributeNames.Code:
                    code = new CodeDecl(ConstructorString(attribute, 0) ?? string.Empty, NamedString(attribute, nameof(CodeAttribute.Command)), at);
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
                        NamedString(attribute, nameof(ChannelAttribute.ContentType)), at));
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
                    if (attribute.ConstructorArguments.Length > 0 && attribute.ConstructorArguments[0].Type?.SpecialType == SpecialType.System_String)
                    {
                        maxRuntimeValue = ConstructorValue(attribute, 0, at, findings);
                    }

                    break;
                case AttributeNames.Spot:
                    spot = new SpotDecl(NamedInt(attribute, nameof(SpotAttribute.MaxRunSeconds)), NamedInt(attribute, nameof(SpotAttribute.MaxWaitSeconds)),
                        NamedValue(attribute, nameof(SpotAttribute.CheckpointS3Uri), at, findings), at);
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
            NamedString(stepAttribute, nameof(StepAttribute.DisplayName)),
            NamedString(stepAttribute, nameof(StepAttribute.Description)),
            new JobDecl(
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
                spot) { MaxRuntimeValue = maxRuntimeValue },
            dependsOn.ToEquatableArray(),
            findings.ToEquatableArray(),
            origin)
        {
            NameOrigin = explicitName is null ? origin : origin.WithNamed(nameof(StepAttribute.Name)),
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

    // ---- attribute arguments --------------------------------------------------------------------

    // ---- helpers --------------------------------------------------------------------------------

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
