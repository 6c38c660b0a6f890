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
        if (step.Environment.IsEmpty)
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

        ReportUnsupported(step, step.Instance?.Origin, "[Instance]", "processing, training and transform steps (a model has no compute; the transform step or endpoint that uses it does)");
        ReportNonModelSettings(step);
        return arguments;
    }

    /// <summary>Job attributes that neither a model nor a transform step takes.</summary>
    internal void ReportNonModelSettings(StepDecl step)
    {
        ReportUnsupported(step, step.Code?.Origin, "[Code]", "processing and training steps");
        ReportUnsupported(step, step.Inputs.Count > 0 ? step.Inputs[0].Origin : null, "[Input]", "processing steps");
        ReportUnsupported(step, step.Outputs.Count > 0 ? step.Outputs[0].Origin : null, "[Output]", "processing steps");
        ReportUnsupported(step, step.ContainerArguments.Count > 0 ? step.ContainerArguments[0].Origin : null, "[ContainerArguments]", "processing steps");
        ReportUnsupported(step, step.Channels.Count > 0 ? step.Channels[0].Origin : null, "[Channel]", "training steps");
        ReportUnsupported(step, step.HyperParameters.Count > 0 ? step.HyperParameters[0].Origin : null, "[HyperParameter]", "training steps");
        ReportUnsupported(step, step.ModelOutput?.Origin, "[ModelOutput]", "training steps");
        ReportUnsupported(step, step.Spot?.Origin, "[Spot]", "training steps");
        ReportUnsupported(step, step.MaxRuntimeOrigin, "[MaxRuntime]", "processing and training steps");
    }
}
