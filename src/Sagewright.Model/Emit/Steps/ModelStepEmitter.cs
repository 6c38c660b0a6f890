namespace Sagewright.Model.Emit.Steps;

/// <summary>Model steps: CreateModel minus ModelName.</summary>
internal sealed class ModelStepEmitter(PipelineCompilation compilation) : CompilerPass(compilation)
{
    internal JsonObject BuildModel(StepDecl step, ModelBody body)
    {
        // [Framework] on a model step resolves the framework's inference image.
        var image = Compilation.Jobs.ResolveImage(step);

        var container = new JsonObject().Add("Image", image ?? string.Empty);
        if (body.ModelData is { } modelData)
        {
            if (modelData.IsLiteral && modelData.Text.Length > Quotas.MaxModelDataUrlLength)
            {
                Report(RuleIds.OutOfRange, modelData.Origin, "The model data URL may be at most " + PipelineCompiler.Int(Quotas.MaxModelDataUrlLength) + " characters long");
            }

            container.Add("ModelDataUrl", ResolveValue(step, modelData, ParameterType.String, "the model data", s3: true));
        }

        // The SDK always sends Environment, empty when no variable is set.
        Compilation.Jobs.AddEnvironment(step, container, Quotas.MaxModelEnvironmentValueLength);
        if (step.Job.Environment.IsEmpty)
        {
            container.Add("Environment", new JsonObject());
        }

        var roleArn = RoleOf(step);
        if (body.RoleArn is not null && !AwsSettings.IsRoleArn(body.RoleArn))
        {
            Report(RuleIds.InvalidName, body.Origin.WithNamed("RoleArn"), "'" + body.RoleArn + "' is not an IAM role ARN (arn:aws:iam::<account>:role/<name>)");
        }

        var arguments = new JsonObject().Add("ExecutionRoleArn", roleArn).Add("PrimaryContainer", container);
        if (body.NetworkIsolation)
        {
            arguments.Add("EnableNetworkIsolation", true);
        }

        return arguments;
    }
}
