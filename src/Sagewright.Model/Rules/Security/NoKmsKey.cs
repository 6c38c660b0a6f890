namespace Sagewright.Model.Rules;

/// <summary>SGW203: a job step whose S3 outputs (then encrypted with the AWS managed key for S3) or ML storage volume
/// (then encrypted with a transient key) has no customer managed KMS key. Reported at [Encryption] when it sets one
/// key, else at the step attribute. The <c>Members</c> property lists the missing <c>[Encryption]</c> arguments.</summary>
public sealed class NoKmsKey : PipelineRule
{
    /// <summary>{0} the step name, {1} what has no key, {2} what SageMaker uses instead, {3} how to fix it.</summary>
    public const string Format = "Step '{0}' has no customer managed KMS key for its {1} (SageMaker uses {2}): {3}";

    public override string Id => RuleIds.NoKmsKey;

    public override string MessageFormat => Format;

    public override void Check(RuleContext context)
    {
        foreach (var step in context.Steps)
        {
            Check(context, step);
        }
    }

    private void Check(RuleContext context, StepDecl step)
    {
        if (step.Kind is not (StepKind.Processing or StepKind.Training or StepKind.Tuning or StepKind.Transform))
        {
            return;
        }

        var missing = new List<string>();
        var fallbacks = new List<string>();
        var members = new List<string>();
        var encryption = step.Encryption;
        var hasOutput = step.Kind != StepKind.Processing || !step.Job.Outputs.IsEmpty;
        if (hasOutput && encryption?.OutputKmsKeyId is null)
        {
            missing.Add(step.Kind switch
            {
                StepKind.Processing => "outputs",
                StepKind.Transform => "output",
                _ => "model artifacts",
            });
            members.Add("OutputKmsKeyId");
            fallbacks.Add("the AWS managed key for S3");
        }

        if (encryption?.VolumeKmsKeyId is null && !HasLocalStorage(step))
        {
            missing.Add("ML storage volume");
            fallbacks.Add("a transient key");
            members.Add("VolumeKmsKeyId");
        }

        if (missing.Count == 0)
        {
            return;
        }

        var fix = encryption is null
            ? "add [Encryption(" + string.Join(", ", members.Select(m => m + " = \"<key ARN>\"")) + ")]"
            : "set " + string.Join(" and ", members) + " on [Encryption]";
        context.Report(Finding(encryption?.Origin.AttributeOnly ?? step.Origin.AttributeOnly,
                step.Name, string.Join(" and ", missing), string.Join(" and ", fallbacks), fix)
            .WithProperty("Members", string.Join(",", members)));
    }

    /// <summary>True when the step's instance type (written in source) has local NVMe storage, which SageMaker
    /// encrypts in hardware and for which it refuses a volume key.</summary>
    private static bool HasLocalStorage(StepDecl step) =>
        step.Job.Instance is { Type: { IsLiteral: true } type } && InstanceTypes.HasLocalStorage(type.Text);
}
