using System.Collections.Immutable;
using System.Globalization;

namespace Sagewright.Compiler.Binding;

/// <summary>[Endpoint] classes and their variants, data capture and auto-scaling.</summary>
internal sealed partial class Binder
{
    /// <summary>The variant name the SageMaker Python SDK gives the only variant of an endpoint.</summary>
    internal const string DefaultVariantName = "AllTraffic";

    /// <summary>The metadata name of the pipeline an [Endpoint] class belongs to, read without binding it: the pipeline
    /// of the register-model step it names, or the pipeline it names; null when it names neither.</summary>
    public static string? EndpointPipelineTypeOf(INamedTypeSymbol type)
    {
        var attributes = type.GetAttributes();
        var index = IndexOf(attributes, AttributeNames.Endpoint);
        if (index < 0 || attributes[index].ConstructorArguments.Length == 0 || attributes[index].ConstructorArguments[0].Value is not INamedTypeSymbol model || model.TypeKind == TypeKind.Error)
        {
            return null;
        }

        return IndexOf(model.GetAttributes(), AttributeNames.Pipeline) >= 0 ? MetadataName(model) : PipelineTypeOf(model);
    }

    public EndpointDecl? BindEndpoint(INamedTypeSymbol type)
    {
        var typeName = MetadataName(type);
        var attributes = type.GetAttributes();
        var endpointIndex = IndexOf(attributes, AttributeNames.Endpoint);
        if (endpointIndex < 0)
        {
            return null;
        }

        _cancellationToken.ThrowIfCancellationRequested();
        var findings = new List<Finding>();
        var endpoint = attributes[endpointIndex];
        var origin = new Origin(typeName, null, endpointIndex, -1, null);
        string? pipelineType = null;
        string? modelStepType = null;
        var packageArn = NamedString(endpoint, nameof(EndpointAttribute.ModelPackageArn));
        if (endpoint.ConstructorArguments.Length > 0 && endpoint.ConstructorArguments[0].Value is INamedTypeSymbol model && model.TypeKind != TypeKind.Error)
        {
            var modelAttributes = model.GetAttributes();
            if (IndexOf(modelAttributes, AttributeNames.Pipeline) >= 0)
            {
                pipelineType = MetadataName(model);
                if (packageArn is null)
                {
                    findings.Add(new Finding(RuleIds.RequiredSettingMissing, origin.WithArgument(0),
                        "Endpoint '" + type.Name + "' names pipeline '" + model.Name + "' as its model: add ModelPackageArn = \"arn:aws:sagemaker:<region>:<account>:model-package/<group>/<version>\", or name a [RegisterModelStep] class instead"));
                }
            }
            else if (IndexOf(modelAttributes, AttributeNames.RegisterModelStep) >= 0)
            {
                modelStepType = MetadataName(model);
                pipelineType = PipelineTypeOf(model);
            }
            else if (modelAttributes.Select(a => StepKindOf(a.AttributeClass)).FirstOrDefault(k => k is not null) is { } kind)
            {
                pipelineType = PipelineTypeOf(model);
                findings.Add(new Finding(RuleIds.WrongReferenceKind, origin.WithArgument(0), model.Name, kind.DisplayName(),
                    "endpoint '" + type.Name + "' serves the model package group of a register-model step", "name a [RegisterModelStep] class"));
            }
            else
            {
                findings.Add(new Finding(RuleIds.UnresolvedReference, origin.WithArgument(0),
                    "Endpoint '" + type.Name + "' serves '" + model.Name + "', which is neither a [RegisterModelStep] nor a [Pipeline] class; name the register-model step whose model package group it serves"));
            }
        }
        else
        {
            findings.Add(new Finding(RuleIds.UnresolvedReference, origin.WithArgument(0),
                "[Endpoint] needs the model it serves: typeof(a [RegisterModelStep] class)"));
        }

        var explicitName = NamedString(endpoint, nameof(EndpointAttribute.Name));
        var nameOrigin = explicitName is null ? origin : origin.WithNamed(nameof(EndpointAttribute.Name));

        var variants = new List<VariantDecl>();
        DataCaptureDecl? capture = null;
        var scaling = new List<AutoScalingDecl>();
        var tags = new List<TagDecl>();
        foreach (var i in InSourceOrder(attributes))
        {
            var attribute = attributes[i];
            var at = new Origin(typeName, null, i, -1, null);
            switch (AttributeNames.Of(attribute.AttributeClass))
            {
                case AttributeNames.ProductionVariant:
                {
                    var name = NamedString(attribute, nameof(ProductionVariantAttribute.Name));
                    variants.Add(new VariantDecl(
                        name ?? VariantName(variants.Count),
                        ConstructorString(attribute, 0) ?? string.Empty,
                        NamedInt(attribute, nameof(ProductionVariantAttribute.InitialInstanceCount)) ?? 1,
                        null,
                        null,
                        null,
                        NamedDouble(attribute, nameof(ProductionVariantAttribute.Weight)) ?? 1,
                        at)
                    {
                        NameOrigin = name is null ? at : at.WithNamed(nameof(ProductionVariantAttribute.Name)),
                    });
                    break;
                }

                case AttributeNames.ServerlessVariant:
                {
                    var name = NamedString(attribute, nameof(ServerlessVariantAttribute.Name));
                    variants.Add(new VariantDecl(
                        name ?? VariantName(variants.Count),
                        null,
                        0,
                        ConstructorInt(attribute, 0) ?? 0,
                        ConstructorInt(attribute, 1) ?? 0,
                        NamedInt(attribute, nameof(ServerlessVariantAttribute.ProvisionedConcurrency)),
                        NamedDouble(attribute, nameof(ServerlessVariantAttribute.Weight)) ?? 1,
                        at)
                    {
                        NameOrigin = name is null ? at : at.WithNamed(nameof(ServerlessVariantAttribute.Name)),
                    });
                    break;
                }

                case AttributeNames.DataCapture:
                    capture = new DataCaptureDecl(
                        ConstructorString(attribute, 0) ?? string.Empty,
                        NamedBool(attribute, nameof(DataCaptureAttribute.Enabled)) ?? true,
                        NamedInt(attribute, nameof(DataCaptureAttribute.SamplingPercentage)) ?? 20,
                        NamedBool(attribute, nameof(DataCaptureAttribute.CaptureRequest)) ?? true,
                        NamedBool(attribute, nameof(DataCaptureAttribute.CaptureResponse)) ?? true,
                        NamedStrings(attribute, nameof(DataCaptureAttribute.CsvContentTypes)),
                        NamedStrings(attribute, nameof(DataCaptureAttribute.JsonContentTypes)),
                        NamedString(attribute, nameof(DataCaptureAttribute.KmsKeyId)),
                        at)
                    {
                        EnabledOrigin = NamedOrigin(attribute, at, nameof(DataCaptureAttribute.Enabled)),
                        SamplingOrigin = NamedOrigin(attribute, at, nameof(DataCaptureAttribute.SamplingPercentage)),
                        CaptureRequestOrigin = NamedOrigin(attribute, at, nameof(DataCaptureAttribute.CaptureRequest)),
                        CaptureResponseOrigin = NamedOrigin(attribute, at, nameof(DataCaptureAttribute.CaptureResponse)),
                        KmsKeyOrigin = NamedOrigin(attribute, at, nameof(DataCaptureAttribute.KmsKeyId)),
                    };
                    break;
                case AttributeNames.AutoScaling:
                    scaling.Add(new AutoScalingDecl(
                        NamedString(attribute, nameof(AutoScalingAttribute.Variant)),
                        ConstructorInt(attribute, 0) ?? 0,
                        ConstructorInt(attribute, 1) ?? 0,
                        ConstructorDouble(attribute, 2),
                        NamedInt(attribute, nameof(AutoScalingAttribute.ScaleInCooldownSeconds)) ?? 300,
                        NamedInt(attribute, nameof(AutoScalingAttribute.ScaleOutCooldownSeconds)) ?? 300,
                        NamedString(attribute, nameof(AutoScalingAttribute.CustomMetric)),
                        NamedString(attribute, nameof(AutoScalingAttribute.CustomMetricNamespace)) ?? "/aws/sagemaker/Endpoints",
                        NamedString(attribute, nameof(AutoScalingAttribute.CustomMetricStatistic)) ?? "Average",
                        at)
                    {
                        VariantOrigin = NamedOrigin(attribute, at, nameof(AutoScalingAttribute.Variant)),
                        ScaleInOrigin = NamedOrigin(attribute, at, nameof(AutoScalingAttribute.ScaleInCooldownSeconds)),
                    });
                    break;
                case AttributeNames.Tag:
                    tags.Add(new TagDecl(ConstructorString(attribute, 0) ?? string.Empty, ConstructorString(attribute, 1) ?? string.Empty, at));
                    break;
            }
        }

        return new EndpointDecl(typeName, type.Name, pipelineType, modelStepType, explicitName ?? type.Name, nameOrigin, packageArn,
            variants.ToEquatableArray(), capture, scaling.ToEquatableArray(), tags.ToEquatableArray(), BindRunAs(typeName, attributes),
            findings.ToEquatableArray(), origin);
    }

    private static string VariantName(int index) => index == 0 ? DefaultVariantName : "Variant-" + (index + 1).ToString(CultureInfo.InvariantCulture);

    private static int? ConstructorInt(AttributeData attribute, int index) =>
        index < attribute.ConstructorArguments.Length && attribute.ConstructorArguments[index].Value is int value ? value : null;

    private static double ConstructorDouble(AttributeData attribute, int index) =>
        index < attribute.ConstructorArguments.Length && attribute.ConstructorArguments[index].Value is double value ? value : 0;

    private static double? NamedDouble(AttributeData attribute, string name)
    {
        foreach (var pair in attribute.NamedArguments)
        {
            if (pair.Key == name && pair.Value.Value is double value)
            {
                return value;
            }
        }

        return null;
    }

    private static EquatableArray<string> NamedStrings(AttributeData attribute, string name)
    {
        foreach (var pair in attribute.NamedArguments)
        {
            if (pair.Key == name && pair.Value.Kind == TypedConstantKind.Array && !pair.Value.IsNull)
            {
                return pair.Value.Values.Select(v => v.Value as string ?? string.Empty).ToEquatableArray();
            }
        }

        return EquatableArray<string>.Empty;
    }

    private static Origin? NamedOrigin(AttributeData attribute, Origin at, string name) =>
        attribute.NamedArguments.Any(p => p.Key == name) ? at.WithNamed(name) : null;
}
