using Microsoft.CodeAnalysis;

namespace Sagewright.Compiler.Binding;

/// <summary>The Sagewright attributes by their simple name, checked against the namespace so that a
/// user's own <c>ImageAttribute</c> elsewhere is never mistaken for ours.</summary>
internal static class AttributeNames
{
    public const string Namespace = "Sagewright";

    public const string Pipeline = "PipelineAttribute";
    public const string Tag = "TagAttribute";
    public const string Parameter = "ParameterAttribute";
    public const string ProcessingStep = "ProcessingStepAttribute";
    public const string TrainingStep = "TrainingStepAttribute";
    public const string DependsOn = "DependsOnAttribute";
    public const string Image = "ImageAttribute";
    public const string Framework = "FrameworkAttribute";
    public const string Instance = "InstanceAttribute";
    public const string Code = "CodeAttribute";
    public const string Environment = "EnvironmentAttribute";
    public const string ContainerArguments = "ContainerArgumentsAttribute";
    public const string Input = "InputAttribute";
    public const string Output = "OutputAttribute";
    public const string Channel = "ChannelAttribute";
    public const string HyperParameter = "HyperParameterAttribute";
    public const string ModelOutput = "ModelOutputAttribute";
    public const string MaxRuntime = "MaxRuntimeAttribute";
    public const string Spot = "SpotAttribute";

    public const string PipelineMetadataName = Namespace + "." + Pipeline;
    public const string ProcessingStepMetadataName = Namespace + "." + ProcessingStep;
    public const string TrainingStepMetadataName = Namespace + "." + TrainingStep;

    /// <summary>The simple name of a Sagewright attribute class, or null for any other class.</summary>
    public static string? Of(INamedTypeSymbol? attributeClass) =>
        attributeClass is { ContainingType: null, ContainingNamespace: { Name: Namespace, ContainingNamespace.IsGlobalNamespace: true } }
            ? attributeClass.Name
            : null;
}
