namespace Sagewright.Model.Rules;

/// <summary>SGW108: a processing output, transform output or training checkpoint location that is the same in every
/// execution. Model artifacts are not checked: SageMaker writes them under <c>&lt;S3OutputPath&gt;/&lt;training job
/// name&gt;/</c>, and the job name is new for every execution. Tuning checkpoints are not checked either (see
/// docs/rules/SGW108.md). The code fix adds the execution ID to a literal path (<c>fix.replace</c>).</summary>
public sealed class UnversionedOutput : PipelineRule
{
    /// <summary>{0} the step name, {1} what is written ("output 'x'", "the transform output", "the checkpoint
    /// location"), {2} the location, {3} empty, or what else goes wrong for a checkpoint location, {4} the location with
    /// the execution ID added.</summary>
    public const string Format = "Step '{0}' writes {1} to '{2}' in every execution, so each run overwrites the last one's{3}: add the execution ID to the path, for example {4}";

    private const string Checkpoint = " and a new run resumes from the previous run's checkpoints";

    public override string Id => RuleIds.UnversionedOutput;

    public override string MessageFormat => Format;

    public override void Check(RuleContext context)
    {
        foreach (var step in context.Steps)
        {
            foreach (var output in step.Job.Outputs)
            {
                if (step.Kind == StepKind.Processing && output.Destination is { } destination)
                {
                    ReportFixed(context, step, destination, "output '" + output.Name + "'", checkpoint: false);
                }
            }

            if (step.Body is TransformBody { Output.Destination: { } transformDestination })
            {
                ReportFixed(context, step, transformDestination, "the transform output", checkpoint: false);
            }

            if (step.Kind == StepKind.Training && step.Job.Spot?.CheckpointS3Uri is { } checkpoint)
            {
                ReportFixed(context, step, checkpoint, "the checkpoint location", checkpoint: true);
            }
        }
    }

    private void ReportFixed(RuleContext context, StepDecl step, ValueSource destination, string what, bool checkpoint)
    {
        // A malformed URI is SGW005 already; advice about where it points would be noise.
        if (Locations.Classify(context, destination, out var text) != Versioning.Fixed || (destination.IsLiteral && S3Uris.Check(text) is not null))
        {
            return;
        }

        var finding = Finding(destination.Origin, step.Name, what, text, checkpoint ? Checkpoint : string.Empty, BestPractice.WithExecutionId(text));
        if (destination.IsLiteral)
        {
            finding = finding
                .WithProperty("fix.title", "Version the path per execution")
                .WithProperty("fix.replace", BestPractice.WithExecutionId(destination.Text));
        }

        context.Report(finding);
    }
}
