namespace Sagewright.Compiler.Generator;

/// <summary>Names of the generator's pipeline steps, for incremental-caching tests.</summary>
public static class TrackingNames
{
    public const string Pipelines = nameof(Pipelines);
    public const string ProcessingSteps = nameof(ProcessingSteps);
    public const string TrainingSteps = nameof(TrainingSteps);
    public const string ConditionSteps = nameof(ConditionSteps);
    public const string FailSteps = nameof(FailSteps);
    public const string TuningSteps = nameof(TuningSteps);
    public const string LambdaSteps = nameof(LambdaSteps);
    public const string CallbackSteps = nameof(CallbackSteps);
    public const string RegisterModelSteps = nameof(RegisterModelSteps);
    public const string ModelSteps = nameof(ModelSteps);
    public const string TransformSteps = nameof(TransformSteps);
    public const string AllSteps = nameof(AllSteps);
    public const string Settings = nameof(Settings);
    public const string CodeFiles = nameof(CodeFiles);
    public const string StepsByPipeline = nameof(StepsByPipeline);
    public const string PipelineInputs = nameof(PipelineInputs);
    public const string Compiled = nameof(Compiled);
    public const string Sources = nameof(Sources);
    public const string Index = nameof(Index);

    public const string Endpoints = nameof(Endpoints);

    public const string AllEndpoints = nameof(AllEndpoints);
}
