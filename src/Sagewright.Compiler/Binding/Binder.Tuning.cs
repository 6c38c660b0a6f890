using System.Collections.Immutable;

namespace Sagewright.Compiler.Binding;

/// <summary>Tuning steps: the search settings (the training job is read like a training step's).</summary>
internal sealed partial class Binder
{
    // The API names of the annotation enums (each member is spelled as the API value), by their values.
    private static readonly string?[] Strategies = ByValue(
        ((int)TuningStrategy.Bayesian, nameof(TuningStrategy.Bayesian)),
        ((int)TuningStrategy.Random, nameof(TuningStrategy.Random)),
        ((int)TuningStrategy.Hyperband, nameof(TuningStrategy.Hyperband)),
        ((int)TuningStrategy.Grid, nameof(TuningStrategy.Grid)));

    private static readonly string?[] ObjectiveTypes = ByValue(
        ((int)ObjectiveType.Maximize, nameof(ObjectiveType.Maximize)),
        ((int)ObjectiveType.Minimize, nameof(ObjectiveType.Minimize)));

    private static readonly string?[] EarlyStoppingTypes = ByValue(
        ((int)EarlyStopping.Off, nameof(EarlyStopping.Off)),
        ((int)EarlyStopping.Auto, nameof(EarlyStopping.Auto)));

    private static readonly string?[] ScalingTypes = ByValue(
        ((int)Scaling.Auto, nameof(Scaling.Auto)),
        ((int)Scaling.Linear, nameof(Scaling.Linear)),
        ((int)Scaling.Logarithmic, nameof(Scaling.Logarithmic)),
        ((int)Scaling.ReverseLogarithmic, nameof(Scaling.ReverseLogarithmic)));

    private static readonly string?[] WarmStartTypes = ByValue(
        ((int)WarmStartType.IdenticalDataAndAlgorithm, nameof(WarmStartType.IdenticalDataAndAlgorithm)),
        ((int)WarmStartType.TransferLearning, nameof(WarmStartType.TransferLearning)));

    private TuningBody BindTuning(string typeName, ImmutableArray<AttributeData> attributes, List<Finding> findings)
    {
        var stepIndex = IndexOf(attributes, AttributeNames.TuningStep);
        var step = attributes[stepIndex];
        string? objective = null;
        var objectiveType = EnumName(ObjectiveTypes, (int)ObjectiveType.Maximize);
        Origin? objectiveOrigin = null;
        var metrics = new List<MetricDecl>();
        var ranges = new List<RangeDecl>();
        WarmStartDecl? warmStart = null;
        foreach (var i in InSourceOrder(attributes))
        {
            var attribute = attributes[i];
            var at = new Origin(typeName, null, i, -1, null);
            switch (AttributeNames.Of(attribute.AttributeClass))
            {
                case AttributeNames.Objective:
                    objective = ConstructorString(attribute, 0) ?? string.Empty;
                    objectiveType = EnumName(ObjectiveTypes, attribute.ConstructorArguments.Length > 1 ? attribute.ConstructorArguments[1].Value : 0);
                    objectiveOrigin = at;
                    break;
                case AttributeNames.MetricDefinition:
                    metrics.Add(new MetricDecl(ConstructorString(attribute, 0) ?? string.Empty, ConstructorString(attribute, 1) ?? string.Empty, at));
                    break;
                case AttributeNames.ContinuousRange:
                case AttributeNames.IntegerRange:
                {
                    var integer = AttributeNames.Of(attribute.AttributeClass) == AttributeNames.IntegerRange;
                    ranges.Add(new RangeDecl(integer ? RangeKind.Integer : RangeKind.Continuous, ConstructorString(attribute, 0) ?? string.Empty,
                        Number(attribute, 1), Number(attribute, 2), EnumName(ScalingTypes, NamedInt(attribute, integer ? nameof(IntegerRangeAttribute.Scaling) : nameof(ContinuousRangeAttribute.Scaling)) ?? 0), EquatableArray<ValueSource>.Empty, at));
                    break;
                }

                case AttributeNames.CategoricalRange:
                    ranges.Add(new RangeDecl(RangeKind.Categorical, ConstructorString(attribute, 0) ?? string.Empty, 0, 0, string.Empty,
                        ParamsValues(attribute, 1, at, findings).ToEquatableArray(), at));
                    break;
                case AttributeNames.WarmStart:
                    warmStart = new WarmStartDecl(EnumName(WarmStartTypes, attribute.ConstructorArguments.Length > 0 ? attribute.ConstructorArguments[0].Value : null),
                        ParamsValues(attribute, 1, at, findings).ToEquatableArray(), at);
                    break;
            }
        }

        return new TuningBody(
            EnumName(Strategies, NamedInt(step, nameof(TuningStepAttribute.Strategy)) ?? 0),
            NamedInt(step, nameof(TuningStepAttribute.MaxTrainingJobs)),
            NamedInt(step, nameof(TuningStepAttribute.MaxParallelJobs)),
            EnumName(EarlyStoppingTypes, NamedInt(step, nameof(TuningStepAttribute.EarlyStopping)) ?? 0),
            objective,
            objectiveType,
            objectiveOrigin,
            metrics.ToEquatableArray(),
            ranges.ToEquatableArray(),
            warmStart);
    }

    /// <summary>The API name of an enum value; empty for a value outside the enum (an <c>(Scaling)9</c> cast).</summary>
    private static string EnumName(string?[] names, object? value) =>
        value is int index && index >= 0 && index < names.Length ? names[index] ?? string.Empty : string.Empty;

    private static double Number(AttributeData attribute, int index) =>
        index < attribute.ConstructorArguments.Length
            ? attribute.ConstructorArguments[index].Value switch
            {
                double d => d,
                int i => i,
                _ => double.NaN,
            }
            : double.NaN;
}
