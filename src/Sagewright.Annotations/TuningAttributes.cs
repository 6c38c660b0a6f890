using System;
using System.Diagnostics;

namespace Sagewright;

/// <summary>How a tuning job picks the hyperparameter values of its next training job.</summary>
public enum TuningStrategy
{
    /// <summary>Bayesian optimisation (the default, as in the SageMaker Python SDK).</summary>
    Bayesian,

    /// <summary>Random search.</summary>
    Random,

    /// <summary>Hyperband: stops under-performing jobs early on its own.</summary>
    Hyperband,

    /// <summary>Every combination of the categorical ranges (Grid takes categorical ranges only).</summary>
    Grid,
}

/// <summary>Whether the objective metric is to be maximised or minimised.</summary>
public enum ObjectiveType
{
    /// <summary>Higher is better.</summary>
    Maximize,

    /// <summary>Lower is better.</summary>
    Minimize,
}

/// <summary>Whether SageMaker stops training jobs that are unlikely to beat the best one so far.</summary>
public enum EarlyStopping
{
    /// <summary>Every training job runs to its end (the default, as in the SDK).</summary>
    Off,

    /// <summary>SageMaker stops jobs early when they are unlikely to improve the objective.</summary>
    Auto,
}

/// <summary>How values of a numeric range are searched.</summary>
public enum Scaling
{
    /// <summary>SageMaker chooses (the default, as in the SDK).</summary>
    Auto,

    /// <summary>Uniformly over the range.</summary>
    Linear,

    /// <summary>Uniformly over the logarithm of the range; the minimum must be above 0.</summary>
    Logarithmic,

    /// <summary>Dense near 1; continuous ranges within [0, 1) only.</summary>
    ReverseLogarithmic,
}

/// <summary>How a tuning job starts from earlier tuning jobs.</summary>
public enum WarmStartType
{
    /// <summary>Same data and algorithm as the parent jobs.</summary>
    IdenticalDataAndAlgorithm,

    /// <summary>Same algorithm, other data or ranges.</summary>
    TransferLearning,
}

/// <summary>A hyperparameter tuning step (CreateHyperParameterTuningJob): many training jobs with the
/// hyperparameters in the declared ranges. The training job is declared as on a training step
/// (<see cref="ImageAttribute"/>, <see cref="InstanceAttribute"/>, <see cref="ChannelAttribute"/>,
/// <see cref="HyperParameterAttribute"/> for static values, <see cref="ModelOutputAttribute"/>,
/// <see cref="SpotAttribute"/>, <see cref="MaxRuntimeAttribute"/>); the search is declared with
/// <see cref="ObjectiveAttribute"/>, <see cref="MetricDefinitionAttribute"/> and the range attributes.
/// A processing input <c>[Input(typeof(ThisStep), …)]</c> reads the best training job's model.</summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = false, Inherited = false)]
[Conditional("SAGEWRIGHT_ANNOTATIONS")]
public sealed class TuningStepAttribute : StepAttribute
{
    /// <param name="pipeline">The pipeline class this step belongs to: <c>typeof(MyPipeline)</c>.</param>
    public TuningStepAttribute(Type pipeline) : base(pipeline) { }

    /// <summary>The search strategy. Default: <see cref="TuningStrategy.Bayesian"/>.</summary>
    public TuningStrategy Strategy { get; set; }

    /// <summary>The most training jobs the tuning job starts (<c>MaxNumberOfTrainingJobs</c>, at least 1).
    /// Default: 1, as in the SDK; with <see cref="TuningStrategy.Grid"/> it is left out unless set.</summary>
    public int MaxTrainingJobs { get; set; } = 1;

    /// <summary>The most training jobs running at once (<c>MaxParallelTrainingJobs</c>, at least 1). Default: 1.</summary>
    public int MaxParallelJobs { get; set; } = 1;

    /// <summary>Early stopping of training jobs. Default: <see cref="Sagewright.EarlyStopping.Off"/>.</summary>
    public EarlyStopping EarlyStopping { get; set; }
}

/// <summary>The metric a tuning step optimises (<c>HyperParameterTuningJobObjective</c>).</summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = false, Inherited = false)]
[Conditional("SAGEWRIGHT_ANNOTATIONS")]
public sealed class ObjectiveAttribute : Attribute
{
    /// <param name="metricName">The metric, for example <c>validation:auc</c>; with a custom image, one of the
    /// <see cref="MetricDefinitionAttribute"/> names.</param>
    /// <param name="type">Maximise or minimise it.</param>
    public ObjectiveAttribute(string metricName, ObjectiveType type = ObjectiveType.Maximize)
    {
        MetricName = metricName;
        Type = type;
    }

    /// <summary>The metric name.</summary>
    public string MetricName { get; }

    /// <summary>Maximise or minimise.</summary>
    public ObjectiveType Type { get; }
}

/// <summary>A metric a tuning step's training jobs print to their logs (<c>AlgorithmSpecification.MetricDefinitions</c>).
/// Needed with custom images; built-in algorithms define their metrics themselves.</summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = true, Inherited = false)]
[Conditional("SAGEWRIGHT_ANNOTATIONS")]
public sealed class MetricDefinitionAttribute : Attribute
{
    /// <param name="name">The metric name (1 to 255 characters).</param>
    /// <param name="regex">The regular expression whose first group captures the value from the log (1 to 500 characters).</param>
    public MetricDefinitionAttribute(string name, string regex)
    {
        Name = name;
        Regex = regex;
    }

    /// <summary>The metric name.</summary>
    public string Name { get; }

    /// <summary>The regular expression.</summary>
    public string Regex { get; }
}

/// <summary>A continuous hyperparameter range of a tuning step.</summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = true, Inherited = false)]
[Conditional("SAGEWRIGHT_ANNOTATIONS")]
public sealed class ContinuousRangeAttribute : Attribute
{
    /// <param name="name">The hyperparameter.</param>
    /// <param name="min">The lower bound; below <paramref name="max"/>.</param>
    /// <param name="max">The upper bound.</param>
    public ContinuousRangeAttribute(string name, double min, double max)
    {
        Name = name;
        Min = min;
        Max = max;
    }

    /// <summary>The hyperparameter.</summary>
    public string Name { get; }

    /// <summary>The lower bound.</summary>
    public double Min { get; }

    /// <summary>The upper bound.</summary>
    public double Max { get; }

    /// <summary>How the range is searched. Default: <see cref="Sagewright.Scaling.Auto"/>.</summary>
    public Scaling Scaling { get; set; }
}

/// <summary>An integer hyperparameter range of a tuning step.</summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = true, Inherited = false)]
[Conditional("SAGEWRIGHT_ANNOTATIONS")]
public sealed class IntegerRangeAttribute : Attribute
{
    /// <param name="name">The hyperparameter.</param>
    /// <param name="min">The lower bound; below <paramref name="max"/>.</param>
    /// <param name="max">The upper bound.</param>
    public IntegerRangeAttribute(string name, int min, int max)
    {
        Name = name;
        Min = min;
        Max = max;
    }

    /// <summary>The hyperparameter.</summary>
    public string Name { get; }

    /// <summary>The lower bound.</summary>
    public int Min { get; }

    /// <summary>The upper bound.</summary>
    public int Max { get; }

    /// <summary>How the range is searched (not <see cref="Sagewright.Scaling.ReverseLogarithmic"/>). Default: Auto.</summary>
    public Scaling Scaling { get; set; }
}

/// <summary>A categorical hyperparameter range of a tuning step: one of the listed values.</summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = true, Inherited = false)]
[Conditional("SAGEWRIGHT_ANNOTATIONS")]
public sealed class CategoricalRangeAttribute : Attribute
{
    /// <param name="name">The hyperparameter.</param>
    /// <param name="values">1 to 30 values.</param>
    public CategoricalRangeAttribute(string name, params string[] values)
    {
        Name = name;
        Values = values;
    }

    /// <summary>The hyperparameter.</summary>
    public string Name { get; }

    /// <summary>The values.</summary>
    public string[] Values { get; }
}

/// <summary>Starts a tuning step from the results of earlier tuning jobs (<c>WarmStartConfig</c>).</summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = false, Inherited = false)]
[Conditional("SAGEWRIGHT_ANNOTATIONS")]
public sealed class WarmStartAttribute : Attribute
{
    /// <param name="type">How the parents relate to this job.</param>
    /// <param name="parents">1 to 5 names of earlier tuning jobs.</param>
    public WarmStartAttribute(WarmStartType type, params string[] parents)
    {
        Type = type;
        Parents = parents;
    }

    /// <summary>The warm start type.</summary>
    public WarmStartType Type { get; }

    /// <summary>The parent tuning jobs.</summary>
    public string[] Parents { get; }
}
