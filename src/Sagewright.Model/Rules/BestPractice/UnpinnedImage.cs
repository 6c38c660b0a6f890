namespace Sagewright.Model.Rules;

/// <summary>SGW107: an image URI written in source with no tag, or a mutable tag such as <c>latest</c>. A
/// <c>[Framework]</c> image is resolved by Sagewright to a versioned URI, and a parameter cannot be judged.</summary>
public sealed class UnpinnedImage : PipelineRule
{
    /// <summary>{0} the image URI, {1} what is wrong with its tag (<see cref="BestPractice.UnpinnedImageProblem"/>).</summary>
    public const string Format = "Image '{0}' {1}: SageMaker pulls whatever the tag points to when the job starts, so two executions of the same definition can run different code; pin it with a version tag or a digest (@sha256:…)";

    public override string Id => RuleIds.UnpinnedImage;

    public override string MessageFormat => Format;

    public override void Check(RuleContext context)
    {
        foreach (var step in context.Steps)
        {
            if (step.Job.Image is { IsLiteral: true } image && image.Text.Length <= 255 && BestPractice.UnpinnedImageProblem(image.Text) is { } problem)
            {
                context.Report(Finding(image.Origin, image.Text, problem));
            }
        }
    }
}
