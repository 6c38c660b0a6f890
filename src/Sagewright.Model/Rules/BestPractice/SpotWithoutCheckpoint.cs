namespace Sagewright.Model.Rules;

/// <summary>SGW100: a Spot training or tuning step without a checkpoint location. The code fix adds a checkpoint
/// location versioned per execution (<c>fix.set.CheckpointS3Uri</c>).</summary>
public sealed class SpotWithoutCheckpoint : PipelineRule
{
    /// <summary>{0} the step kind ("training", "tuning"), {1} the step name.</summary>
    public const string Format = "Spot {0} step '{1}' has no checkpoint location: when SageMaker reclaims a Spot instance, the job starts over from the beginning; set CheckpointS3Uri and save checkpoints to /opt/ml/checkpoints";

    public override string Id => RuleIds.SpotWithoutCheckpoint;

    public override string MessageFormat => Format;

    public override void Check(RuleContext context)
    {
        foreach (var step in context.Steps)
        {
            // [Spot] elsewhere is SGW014.
            if (step.Kind is StepKind.Training or StepKind.Tuning && step.Job.Spot is { CheckpointS3Uri: null } spot)
            {
                context.Report(Finding(spot.Origin.AttributeOnly, Lower(step.Kind), step.Name)
                    .WithProperty("fix.title", "Add a checkpoint location")
                    .WithProperty("fix.set.CheckpointS3Uri", CheckpointSuggestion(context, step)));
            }
        }
    }

    /// <summary>A checkpoint location per execution: <c>checkpoints/&lt;execution id&gt;</c> under a literal model output
    /// path, else next to Sagewright's default output location, <c>s3://&lt;bucket&gt;/&lt;pipeline&gt;/&lt;execution id&gt;/&lt;step&gt;/checkpoints</c>.</summary>
    private static string CheckpointSuggestion(RuleContext context, StepDecl step) =>
        step.Job.ModelOutput is { IsLiteral: true } output && S3Uris.Check(output.Text) is null
            ? BestPractice.WithExecutionId(output.Text.TrimEnd('/') + "/checkpoints")
            : BestPractice.InterpolatedString("s3://" + context.ArtifactBucket + "/" + context.Pipeline.Name + "/", BestPractice.ExecutionIdHole, "/" + step.Name + "/checkpoints");
}
