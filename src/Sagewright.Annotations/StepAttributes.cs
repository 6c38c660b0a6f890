using System;
using System.Diagnostics;

namespace Sagewright;

/// <summary>Settings every step kind shares.</summary>
public abstract class StepAttribute : Attribute
{
    private protected StepAttribute(Type pipeline) => Pipeline = pipeline;

    /// <summary>The pipeline class (the one with <see cref="PipelineAttribute"/>) this step belongs to.</summary>
    public Type Pipeline { get; }

    /// <summary>The step name: up to 64 letters, digits, <c>-</c> and <c>_</c>. Default: the class name.</summary>
    public string? Name { get; set; }

    /// <summary>The step's display name in SageMaker Studio.</summary>
    public string? DisplayName { get; set; }

    /// <summary>The step's description.</summary>
    public string? Description { get; set; }
}

/// <summary>A processing step (CreateProcessingJob). Outputs are <c>const string</c> fields of the
/// class marked with <see cref="OutputAttribute"/>.</summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = false, Inherited = false)]
[Conditional("SAGEWRIGHT_ANNOTATIONS")]
public sealed class ProcessingStepAttribute : StepAttribute
{
    /// <param name="pipeline">The pipeline class this step belongs to: <c>typeof(MyPipeline)</c>.</param>
    public ProcessingStepAttribute(Type pipeline) : base(pipeline) { }
}

/// <summary>A training step (CreateTrainingJob).</summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = false, Inherited = false)]
[Conditional("SAGEWRIGHT_ANNOTATIONS")]
public sealed class TrainingStepAttribute : StepAttribute
{
    /// <param name="pipeline">The pipeline class this step belongs to: <c>typeof(MyPipeline)</c>.</param>
    public TrainingStepAttribute(Type pipeline) : base(pipeline) { }
}

/// <summary>Runs another step first, even when no data flows between them.</summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = true, Inherited = false)]
[Conditional("SAGEWRIGHT_ANNOTATIONS")]
public sealed class DependsOnAttribute : Attribute
{
    /// <param name="step">The step class: <c>typeof(OtherStep)</c>.</param>
    public DependsOnAttribute(Type step) => Step = step;

    /// <summary>The step class this step waits for.</summary>
    public Type Step { get; }
}
