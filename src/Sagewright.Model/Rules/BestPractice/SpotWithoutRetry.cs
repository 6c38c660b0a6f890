namespace Sagewright.Model.Rules;

/// <summary>SGW112: a Spot training or tuning step without a retry policy for capacity errors. The code fix adds the
/// <c>[Retry]</c> (<c>fix.addAttributes</c>).</summary>
public sealed class SpotWithoutRetry : PipelineRule
{
    /// <summary>{0} the step kind ("training", "tuning"), {1} the step name.</summary>
    public const string Format = "Spot {0} step '{1}' has no retry policy for capacity errors: when SageMaker cannot get the instances, the job fails and so does the execution; add " + RetryAttribute;

    private const string RetryAttribute = "[Retry(RetryOn.CapacityError, MaxAttempts = 3, IntervalSeconds = 60)]";

    private const string CapacityError = "SageMaker.CAPACITY_ERROR";

    public override string Id => RuleIds.SpotWithoutRetry;

    public override string MessageFormat => Format;

    public override void Check(RuleContext context)
    {
        foreach (var step in context.Steps)
        {
            // [Spot] elsewhere is SGW014.
            if (step.Kind is StepKind.Training or StepKind.Tuning && step.Job.Spot is { } spot
                && !step.Retries.Any(r => r.ExceptionTypes.Contains(CapacityError)))
            {
                context.Report(Finding(spot.Origin.AttributeOnly, Lower(step.Kind), step.Name)
                    .WithProperty("fix.title", "Retry on capacity errors")
                    .WithProperty("fix.addAttributes", RetryAttribute));
            }
        }
    }
}
