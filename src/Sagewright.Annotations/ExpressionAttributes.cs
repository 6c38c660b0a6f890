using System;
using System.Diagnostics;

namespace Sagewright;

/// <summary>The pipeline's execution variables, known only when an execution runs. Use them with
/// <c>nameof</c>: <c>nameof(Execution.PipelineExecutionId)</c> becomes <c>{"Get": "Execution.PipelineExecutionId"}</c>.
/// The field values are placeholders and are never used as text.</summary>
public static class Execution
{
    /// <summary>The execution ID, unique per run; use it to version output locations.</summary>
    public static readonly string PipelineExecutionId = string.Empty;

    /// <summary>The execution ARN.</summary>
    public static readonly string PipelineExecutionArn = string.Empty;

    /// <summary>The time the execution started.</summary>
    public static readonly string StartDateTime = string.Empty;

    /// <summary>The time the current step started.</summary>
    public static readonly string CurrentDateTime = string.Empty;

    /// <summary>The pipeline name.</summary>
    public static readonly string PipelineName = string.Empty;

    /// <summary>The pipeline ARN.</summary>
    public static readonly string PipelineArn = string.Empty;
}

/// <summary>Declares a run-time string built by joining values (<c>Std:Join</c>). Put it on a
/// <c>static readonly string</c> field of the pipeline or a step class and refer to the field with <c>nameof</c>
/// wherever a string is accepted.</summary>
[AttributeUsage(AttributeTargets.Field, AllowMultiple = false, Inherited = false)]
[Conditional("SAGEWRIGHT_ANNOTATIONS")]
public sealed class JoinAttribute : Attribute
{
    /// <param name="separator">The text between values, for example <c>"/"</c>.</param>
    /// <param name="values">Text, or <c>nameof</c> a parameter, execution variable, step output or other expression.</param>
    public JoinAttribute(string separator, params string[] values)
    {
        Separator = separator;
        Values = values;
    }

    /// <summary>The separator.</summary>
    public string Separator { get; }

    /// <summary>The values, in order.</summary>
    public string[] Values { get; }
}

/// <summary>Declares a JSON file a processing output contains, so that later steps can read values from it with
/// <see cref="JsonGetAttribute"/> (a step's <c>PropertyFiles</c>). Put it on the output's <c>const</c> field.</summary>
[AttributeUsage(AttributeTargets.Field, AllowMultiple = false, Inherited = false)]
[Conditional("SAGEWRIGHT_ANNOTATIONS")]
public sealed class PropertyFileAttribute : Attribute
{
    /// <param name="path">The file's path inside the output, for example <c>evaluation.json</c>.</param>
    public PropertyFileAttribute(string path) => Path = path;

    /// <summary>The file path inside the output.</summary>
    public string Path { get; }

    /// <summary>The property file name (<c>PropertyFileName</c>). Default: the output's field name.</summary>
    public string? Name { get; set; }
}

/// <summary>Declares a value read at run time from a property file (<c>Std:JsonGet</c>). Put it on a
/// <c>static readonly</c> field whose type is the value's type (<c>string</c>, <c>int</c>, <c>double</c>, <c>bool</c>)
/// and refer to it with <c>nameof</c>, for example in a condition.</summary>
[AttributeUsage(AttributeTargets.Field, AllowMultiple = false, Inherited = false)]
[Conditional("SAGEWRIGHT_ANNOTATIONS")]
public sealed class JsonGetAttribute : Attribute
{
    /// <param name="output"><c>nameof</c> the processing output that carries the <see cref="PropertyFileAttribute"/>.</param>
    /// <param name="path">The JSONPath inside the file, for example <c>metrics.auc.value</c>.</param>
    public JsonGetAttribute(string output, string path)
    {
        Output = output;
        Path = path;
    }

    /// <summary>The output.</summary>
    public string Output { get; }

    /// <summary>The JSONPath.</summary>
    public string Path { get; }
}

/// <summary>Declares a property of another step, known once that step has run: a <c>Get</c> of
/// <c>Steps.&lt;step&gt;.&lt;path&gt;</c>, for example a training job's name or a condition step's outcome. Put it on a
/// <c>static readonly</c> field whose type is the value's type and refer to the field with <c>nameof</c>.</summary>
[AttributeUsage(AttributeTargets.Field, AllowMultiple = false, Inherited = false)]
[Conditional("SAGEWRIGHT_ANNOTATIONS")]
public sealed class StepPropertyAttribute : Attribute
{
    /// <param name="step">The step: <c>typeof(Training)</c>.</param>
    /// <param name="path">The property path in the step's Describe response, for example <c>TrainingJobName</c>,
    /// <c>FinalMetricDataList['validation:auc'].Value</c>, or <c>Outcome</c> for a condition step.</param>
    public StepPropertyAttribute(Type step, string path)
    {
        Step = step;
        Path = path;
    }

    /// <summary>The step.</summary>
    public Type Step { get; }

    /// <summary>The property path.</summary>
    public string Path { get; }
}
