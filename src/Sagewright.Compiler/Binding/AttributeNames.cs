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
    public const string ConditionStep = "ConditionStepAttribute";
    public const string FailStep = "FailStepAttribute";
    public const string IfSteps = "IfStepsAttribute";
    public const string ElseSteps = "ElseStepsAttribute";
    public const string EqualTo = "EqualToAttribute";
    public const string GreaterThan = "GreaterThanAttribute";
    public const string GreaterThanOrEqualTo = "GreaterThanOrEqualToAttribute";
    public const string LessThan = "LessThanAttribute";
    public const string LessThanOrEqualTo = "LessThanOrEqualToAttribute";
    public const string In = "InAttribute";
    public const string Not = "NotAttribute";
    public const string Or = "OrAttribute";
    public const string ErrorMessage = "ErrorMessageAttribute";
    public const string Join = "JoinAttribute";
    public const string JsonGet = "JsonGetAttribute";
    public const string PropertyFile = "PropertyFileAttribute";
    public const string Cache = "CacheAttribute";
    public const string Retry = "RetryAttribute";
    public const string CreateModelStep = "CreateModelStepAttribute";
    public const string ModelData = "ModelDataAttribute";
    public const string TransformStep = "TransformStepAttribute";
    public const string TransformInput = "TransformInputAttribute";
    public const string TransformOutput = "TransformOutputAttribute";
    public const string DataProcessing = "DataProcessingAttribute";

    public const string PipelineMetadataName = Namespace + "." + Pipeline;
    public const string ProcessingStepMetadataName = Namespace + "." + ProcessingStep;
    public const string TrainingStepMetadataName = Namespace + "." + TrainingStep;
    public const string ConditionStepMetadataName = Namespace + "." + ConditionStep;
    public const string FailStepMetadataName = Namespace + "." + FailStep;
    public const string CreateModelStepMetadataName = Namespace + "." + CreateModelStep;
    public const string TransformStepMetadataName = Namespace + "." + TransformStep;

    /// <summary>True for <c>Sagewright.Execution</c>, whose fields are the execution variables.</summary>
    public static bool IsExecutionClass(INamedTypeSymbol type) =>
        type is { Name: "Execution", ContainingType: null, ContainingNamespace: { Name: Namespace, ContainingNamespace.IsGlobalNamespace: true } };

    /// <summary>The simple name of a Sagewright attribute class, or null for any other class.</summary>
    public static string? Of(INamedTypeSymbol? attributeClass) =>
        attributeClass is { ContainingType: null, ContainingNamespace: { Name: Namespace, ContainingNamespace.IsGlobalNamespace: true } }
            ? attributeClass.Name
            : null;
}
