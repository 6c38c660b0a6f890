namespace Sagewright.Model.Rules;

/// <summary>SGW110: a register-model step without evaluation metrics (<c>[ModelMetrics]</c>).</summary>
public sealed class ModelWithoutMetrics : PipelineRule
{
    /// <summary>{0} the step name.</summary>
    public const string Format = "Register-model step '{0}' registers the model without evaluation metrics: whoever approves it cannot see how good it is; attach the evaluation report with [ModelMetrics(nameof(Evaluation.Report))]";

    public override string Id => RuleIds.ModelWithoutMetrics;

    public override string MessageFormat => Format;

    public override void Check(RuleContext context)
    {
        foreach (var step in context.Steps)
        {
            if (step.Body is RegisterModelBody { Metrics: null })
            {
                context.Report(Finding(step.Origin.AttributeOnly, step.Name));
            }
        }
    }
}
