namespace Sagewright.Compiler.Binding;

/// <summary>The Sagewright attributes by their simple name, checked against the namespace so that a
/// user's own <c>ImageAttribute</c> elsewhere is never mistaken for ours. The names come from the annotation types
/// themselves through <c>nameof</c> (a compile-time constant: the annotations assembly is referenced at compile time
/// only and never loaded), so renaming an attribute without updating the binder fails the build.</summary>
internal static class AttributeNames
{
    public const string Namespace = "Sagewright";

    public const string Pipeline = nameof(PipelineAttribute);
    public const string Tag = nameof(TagAttribute);
    public const string Parameter = nameof(ParameterAttribute);
    public const string ProcessingStep = nameof(ProcessingStepAttribute);
    public const string TrainingStep = nameof(TrainingStepAttribute);
    public const string DependsOn = nameof(DependsOnAttribute);
    public const string Image = nameof(ImageAttribute);
    public const string Framework = nameof(FrameworkAttribute);
    public const string Instance = nameof(InstanceAttribute);
    public const string Code = nameof(CodeAttribute);
    public const string Environment = nameof(EnvironmentAttribute);
    public const string ContainerArguments = nameof(ContainerArgumentsAttribute);
    public const string Input = nameof(InputAttribute);
    public const string Output = nameof(OutputAttribute);
    public const string Channel = nameof(ChannelAttribute);
    public const string HyperParameter = nameof(HyperParameterAttribute);
    public const string ModelOutput = nameof(ModelOutputAttribute);
    public const string MaxRuntime = nameof(MaxRuntimeAttribute);
    public const string Spot = nameof(SpotAttribute);
    public const string ConditionStep = nameof(ConditionStepAttribute);
    public const string FailStep = nameof(FailStepAttribute);
    public const string IfSteps = nameof(IfStepsAttribute);
    public const string ElseSteps = nameof(ElseStepsAttribute);
    public const string EqualTo = nameof(EqualToAttribute);
    public const string GreaterThan = nameof(GreaterThanAttribute);
    public const string GreaterThanOrEqualTo = nameof(GreaterThanOrEqualToAttribute);
    public const string LessThan = nameof(LessThanAttribute);
    public const string LessThanOrEqualTo = nameof(LessThanOrEqualToAttribute);
    public const string IsIn = nameof(IsInAttribute);

    /// <summary>The obsolete former name of <see cref="IsIn"/>, still bound the same way.</summary>
#pragma warning disable CS0618 // obsolete for users, still bound: naming it is the point
    public const string In = nameof(InAttribute);
#pragma warning restore CS0618
    public const string Not = nameof(NotAttribute);
    public const string Or = nameof(OrAttribute);
    public const string ErrorMessage = nameof(ErrorMessageAttribute);
    public const string Join = nameof(JoinAttribute);
    public const string JsonGet = nameof(JsonGetAttribute);
    public const string PropertyFile = nameof(PropertyFileAttribute);
    public const string StepProperty = nameof(StepPropertyAttribute);
    public const string Cache = nameof(CacheAttribute);
    public const string Retry = nameof(RetryAttribute);
    public const string TuningStep = nameof(TuningStepAttribute);
    public const string Objective = nameof(ObjectiveAttribute);
    public const string MetricDefinition = nameof(MetricDefinitionAttribute);
    public const string ContinuousRange = nameof(ContinuousRangeAttribute);
    public const string IntegerRange = nameof(IntegerRangeAttribute);
    public const string CategoricalRange = nameof(CategoricalRangeAttribute);
    public const string WarmStart = nameof(WarmStartAttribute);
    public const string LambdaStep = nameof(LambdaStepAttribute);
    public const string CallbackStep = nameof(CallbackStepAttribute);
    public const string StepInput = nameof(StepInputAttribute);
    public const string OutputParameter = nameof(OutputParameterAttribute);
    public const string RegisterModelStep = nameof(RegisterModelStepAttribute);
    public const string ModelData = nameof(ModelDataAttribute);
    public const string ContentTypes = nameof(ContentTypesAttribute);
    public const string ResponseTypes = nameof(ResponseTypesAttribute);
    public const string InferenceInstances = nameof(InferenceInstancesAttribute);
    public const string TransformInstances = nameof(TransformInstancesAttribute);
    public const string ModelMetrics = nameof(ModelMetricsAttribute);
    public const string CustomerMetadata = nameof(CustomerMetadataAttribute);
    public const string DriftCheckBaseline = nameof(DriftCheckBaselineAttribute);
    public const string CreateModelStep = nameof(CreateModelStepAttribute);
    public const string TransformStep = nameof(TransformStepAttribute);
    public const string TransformInput = nameof(TransformInputAttribute);
    public const string TransformOutput = nameof(TransformOutputAttribute);
    public const string DataProcessing = nameof(DataProcessingAttribute);
    public const string RunAs = nameof(RunAsAttribute);
    public const string Grant = nameof(GrantAttribute);
    public const string AttachManagedPolicy = nameof(AttachManagedPolicyAttribute);
    public const string Within = nameof(WithinAttribute);
    public const string Encryption = nameof(EncryptionAttribute);
    public const string Network = nameof(NetworkAttribute);
    public const string Endpoint = nameof(EndpointAttribute);
    public const string ProductionVariant = nameof(ProductionVariantAttribute);
    public const string ServerlessVariant = nameof(ServerlessVariantAttribute);
    public const string DataCapture = nameof(DataCaptureAttribute);
    public const string AutoScaling = nameof(AutoScalingAttribute);

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
    public const string EndpointMetadataName = Namespace + "." + Endpoint;

    /// <summary>True for <c>Sagewright.Execution</c>, whose fields are the execution variables.</summary>
    public static bool IsExecutionClass(INamedTypeSymbol type) =>
        type is { Name: nameof(Execution), ContainingType: null, ContainingNamespace: { Name: Namespace, ContainingNamespace.IsGlobalNamespace: true } };

    /// <summary>Attributes that mean something only on a step class: job settings, dependencies, caching and retries,
    /// and the settings of specific step kinds. A class carrying only these (no step, pipeline or other Sagewright
    /// attribute) is SGW019. Values: the step attribute to suggest.</summary>
    public static readonly IReadOnlyDictionary<string, string> StepSettings = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        [Image] = ProcessingStep, [Framework] = ProcessingStep, [Instance] = ProcessingStep, [Code] = ProcessingStep,
        [Environment] = ProcessingStep, [ContainerArguments] = ProcessingStep, [Input] = ProcessingStep, [MaxRuntime] = ProcessingStep,
        [Channel] = TrainingStep, [HyperParameter] = TrainingStep, [ModelOutput] = TrainingStep, [Spot] = TrainingStep,
        [DependsOn] = ProcessingStep, [Cache] = ProcessingStep, [Retry] = ProcessingStep,
        [Objective] = TuningStep, [MetricDefinition] = TuningStep, [ContinuousRange] = TuningStep, [IntegerRange] = TuningStep,
        [CategoricalRange] = TuningStep, [WarmStart] = TuningStep,
        [ModelData] = RegisterModelStep, [ContentTypes] = RegisterModelStep, [ResponseTypes] = RegisterModelStep,
        [InferenceInstances] = RegisterModelStep, [TransformInstances] = RegisterModelStep, [ModelMetrics] = RegisterModelStep,
        [CustomerMetadata] = RegisterModelStep, [DriftCheckBaseline] = RegisterModelStep,
        [TransformInput] = TransformStep, [TransformOutput] = TransformStep, [DataProcessing] = TransformStep,
        [IfSteps] = ConditionStep, [ElseSteps] = ConditionStep, [ErrorMessage] = FailStep, [StepInput] = LambdaStep,
    };

    /// <summary>The simple name of a Sagewright attribute class, or null for any other class.</summary>
    public static string? Of(INamedTypeSymbol? attributeClass) =>
        attributeClass is { ContainingType: null, ContainingNamespace: { Name: Namespace, ContainingNamespace.IsGlobalNamespace: true } }
            ? attributeClass.Name
            : null;

    /// <summary>The attribute as written in source: its class name without the <c>Attribute</c> suffix.</summary>
    public static string ShortName(INamedTypeSymbol? attributeClass) =>
        attributeClass?.Name is { } name && name.EndsWith("Attribute", System.StringComparison.Ordinal) ? name.Substring(0, name.Length - "Attribute".Length) : attributeClass?.Name ?? string.Empty;
}
