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
    public const string IsIn = "IsInAttribute";

    /// <summary>The obsolete former name of <see cref="IsIn"/>, still bound the same way.</summary>
    public const string In = "InAttribute";
    public const string Not = "NotAttribute";
    public const string Or = "OrAttribute";
    public const string ErrorMessage = "ErrorMessageAttribute";
    public const string Join = "JoinAttribute";
    public const string JsonGet = "JsonGetAttribute";
    public const string PropertyFile = "PropertyFileAttribute";
    public const string StepProperty = "StepPropertyAttribute";
    public const string Cache = "CacheAttribute";
    public const string Retry = "RetryAttribute";
    public const string TuningStep = "TuningStepAttribute";
    public const string Objective = "ObjectiveAttribute";
    public const string MetricDefinition = "MetricDefinitionAttribute";
    public const string ContinuousRange = "ContinuousRangeAttribute";
    public const string IntegerRange = "IntegerRangeAttribute";
    public const string CategoricalRange = "CategoricalRangeAttribute";
    public const string WarmStart = "WarmStartAttribute";
    public const string LambdaStep = "LambdaStepAttribute";
    public const string CallbackStep = "CallbackStepAttribute";
    public const string StepInput = "StepInputAttribute";
    public const string OutputParameter = "OutputParameterAttribute";
    public const string RegisterModelStep = "RegisterModelStepAttribute";
    public const string ModelData = "ModelDataAttribute";
    public const string ContentTypes = "ContentTypesAttribute";
    public const string ResponseTypes = "ResponseTypesAttribute";
    public const string InferenceInstances = "InferenceInstancesAttribute";
    public const string TransformInstances = "TransformInstancesAttribute";
    public const string ModelMetrics = "ModelMetricsAttribute";
    public const string CustomerMetadata = "CustomerMetadataAttribute";
    public const string DriftCheckBaseline = "DriftCheckBaselineAttribute";
    public const string CreateModelStep = "CreateModelStepAttribute";
    public const string TransformStep = "TransformStepAttribute";
    public const string TransformInput = "TransformInputAttribute";
    public const string TransformOutput = "TransformOutputAttribute";
    public const string DataProcessing = "DataProcessingAttribute";
    public const string RunAs = "RunAsAttribute";
    public const string Grant = "GrantAttribute";
    public const string AttachManagedPolicy = "AttachManagedPolicyAttribute";
    public const string Within = "WithinAttribute";
    public const string Encryption = "EncryptionAttribute";
    public const string Network = "NetworkAttribute";

    public const string PipelineMetadataName = Namespace + "." + Pipeline;
    public const string ProcessingStepMetadataName = Namespace + "." + ProcessingStep;
    public const string TrainingStepMetadataName = Namespace + "." + TrainingStep;
    public const string ConditionStepMetadataName = Namespace + "." + ConditionStep;
    public const string FailStepMetadataName = Namespace + "." + FailStep;
    public const string TuningStepMetadataName = Namespace + "." + TuningStep;
    public const string LambdaStepMetadataName = Namespace + "." + LambdaStep;
    public const string CallbackStepMetadataName = Namespace + "." + CallbackStep;
    public const string RegisterModelStepMetadataName = Namespace + "." + RegisterModelStep;
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

    /// <summary>The attribute as written in source: its class name without the <c>Attribute</c> suffix.</summary>
    public static string ShortName(INamedTypeSymbol? attributeClass) =>
        attributeClass?.Name is { } name && name.EndsWith("Attribute", System.StringComparison.Ordinal) ? name.Substring(0, name.Length - "Attribute".Length) : attributeClass?.Name ?? string.Empty;
}
