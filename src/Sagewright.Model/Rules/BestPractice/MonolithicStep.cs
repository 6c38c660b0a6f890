namespace Sagewright.Model.Rules;

/// <summary>SGW111: a pipeline whose only job step is a training or tuning step that reads every channel straight
/// from outside the pipeline (text or a parameter).</summary>
public sealed class MonolithicStep : PipelineRule
{
    /// <summary>{0} the pipeline name, {1} the step kind ("training", "tuning"), {2} the step name.</summary>
    public const string Format = "Pipeline '{0}' does all its work in {1} step '{2}', which reads the raw data and produces the model: move data preparation into a processing step, so it can be cached, retried and evaluated on its own";

    public override string Id => RuleIds.MonolithicStep;

    public override string MessageFormat => Format;

    public override void Check(RuleContext context)
    {
        var jobs = context.Steps.Where(s => s.Kind is StepKind.Processing or StepKind.Training or StepKind.Tuning or StepKind.Transform).ToList();
        if (jobs.Count != 1 || jobs[0] is not { Kind: StepKind.Training or StepKind.Tuning } step
            || step.Job.Channels.IsEmpty || !step.Job.Channels.All(c => c.Source.Kind is ValueKind.Literal or ValueKind.Parameter))
        {
            return;
        }

        context.Report(Finding(step.Origin.AttributeOnly, context.Pipeline.Name, Lower(step.Kind), step.Name));
    }
}
