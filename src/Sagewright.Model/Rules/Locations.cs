namespace Sagewright.Model.Rules;

/// <summary>How a location relates to pipeline executions.</summary>
internal enum Versioning
{
    /// <summary>Cannot be known before the run (a parameter, a value read at run time).</summary>
    Unknown,

    /// <summary>Different for every execution: it contains the execution ID, or SageMaker adds the job name.</summary>
    PerExecution,

    /// <summary>The same for every execution; the text is known.</summary>
    Fixed,
}

/// <summary>What the rules about locations share (SGW105, SGW108): whether a location is the same in every
/// execution, and the output a step-output reference names.</summary>
internal static class Locations
{
    /// <summary>Whether a location is the same in every execution. <paramref name="text"/> is the location when it is
    /// <see cref="Versioning.Fixed"/> (a Join's or interpolation's parts concatenated).</summary>
    public static Versioning Classify(RuleContext context, ValueSource value, out string text) => Classify(context, value, out text, 0);

    /// <summary>The producing step and the <c>[Output]</c> a step-output reference names, or nulls.</summary>
    public static (StepDecl? Producer, OutputDecl? Output) OutputOf(RuleContext context, ValueSource value)
    {
        var producer = context.StepOf(value.TargetType);
        var output = producer?.Job.Outputs.FirstOrDefault(o => string.Equals(o.Member, value.TargetMember, StringComparison.Ordinal));
        return (producer, output);
    }

    private static Versioning Classify(RuleContext context, ValueSource value, out string text, int depth)
    {
        text = string.Empty;
        switch (value.Kind)
        {
            case ValueKind.Literal:
                text = value.Text;
                return Versioning.Fixed;

            case ValueKind.ModelArtifacts:
                return Versioning.PerExecution; // <output path>/<job name>/output/model.tar.gz

            case ValueKind.Execution:
                if (value.TargetMember == "PipelineName")
                {
                    text = context.Pipeline.Name;
                    return Versioning.Fixed;
                }

                return value.TargetMember == "PipelineArn" ? Versioning.Unknown : Versioning.PerExecution;

            case ValueKind.Interpolated:
                return Combine(context, value.Parts, string.Empty, out text, depth);

            case ValueKind.Expression when depth < 8 && context.ExpressionOf(value) is { Kind: ExpressionKind.Join } expression:
                return Combine(context, expression.Values, expression.Separator, out text, depth);

            case ValueKind.StepOutput when depth < 8:
            {
                // Inside a Join: the producer's output location.
                var (_, output) = OutputOf(context, value);
                return output is null ? Versioning.Unknown
                    : output.Destination is { } destination ? Classify(context, destination, out text, depth + 1)
                    : Versioning.PerExecution;
            }

            default:
                return Versioning.Unknown;
        }
    }

    private static Versioning Combine(RuleContext context, EquatableArray<ValueSource> parts, string separator, out string text, int depth)
    {
        text = string.Empty;
        var texts = new List<string>();
        var unknown = false;
        foreach (var part in parts)
        {
            switch (Classify(context, part, out var partText, depth + 1))
            {
                case Versioning.PerExecution:
                    return Versioning.PerExecution;
                case Versioning.Unknown:
                    unknown = true;
                    break;
                default:
                    texts.Add(partText);
                    break;
            }
        }

        if (unknown)
        {
            return Versioning.Unknown;
        }

        text = string.Join(separator, texts);
        return Versioning.Fixed;
    }
}
