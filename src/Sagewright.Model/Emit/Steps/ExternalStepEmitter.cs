namespace Sagewright.Model.Emit.Steps;

/// <summary>Lambda and callback steps: their inputs (the step's <c>Arguments</c>), the function ARN or queue URL,
/// and their output parameters, which later steps read as <c>Steps.&lt;Name&gt;.OutputParameters['&lt;output&gt;']</c>.</summary>
internal sealed class ExternalStepEmitter(PipelineCompilation compilation) : CompilerPass(compilation)
{
    /// <summary>The <c>Arguments</c> of a Lambda or callback step: one member per [StepInput], in source order.</summary>
    internal JsonObject BuildExternalArguments(StepDecl step, ExternalStepBody body)
    {
        var arguments = new JsonObject();
        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (var input in body.Inputs)
        {
            var value = ResolveValue(step, input.Value, null, "input '" + input.Name + "'", s3: false);
            if (input.Name.Length == 0)
            {
                Report(RuleIds.InvalidName, input.Origin.WithArgument(0), "A [StepInput] needs a name");
            }
            else if (!names.Add(input.Name))
            {
                Report(RuleIds.InvalidName, input.Origin.WithArgument(0), "Input '" + input.Name + "' is declared twice on step '" + step.Name + "'");
            }
            else
            {
                arguments.Add(input.Name, value);
            }
        }

        if (step.Retries.Count > 0)
        {
            Report(RuleIds.AttributeNotApplicable, step.Retries[0].Origin.AttributeOnly, "[Retry]", step.Kind.DisplayName() + " step", step.Name,
                "it is for steps that run a SageMaker job; SageMaker does not retry a " + step.Kind.DisplayName() + " step");
        }

        return arguments;
    }

    /// <summary>FunctionArn or SqsQueueUrl, OutputParameters and TimeoutSeconds, after the common step members.</summary>
    internal void AddExternalFields(StepDecl step, ExternalStepBody body, JsonObject json)
    {
        switch (body)
        {
            case LambdaBody lambda:
                json.Add("FunctionArn", CheckTarget(step, lambda.FunctionArn, "FunctionArn", "function ARN",
                    ExternalTargets.ParseFunctionArn, "arn:aws:lambda:<region>:<account>:function:<name>"));
                break;
            case CallbackBody callback:
                json.Add("SqsQueueUrl", CheckTarget(step, callback.QueueUrl, "QueueUrl", "queue URL",
                    ExternalTargets.ParseQueueUrl, "https://sqs.<region>.amazonaws.com/<account>/<queue>"));
                break;
        }

        var outputs = new JsonArray();
        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (var output in body.OutputParameters)
        {
            if (output.Name.Length == 0 || output.Name.IndexOf('\'') >= 0)
            {
                Report(RuleIds.InvalidName, output.NameOrigin, "Output parameter name '" + output.Name + "' must be non-empty text without a quote (')");
            }
            else if (!names.Add(output.Name))
            {
                Report(RuleIds.InvalidName, output.NameOrigin, "Output parameter name '" + output.Name + "' is used twice in step '" + step.Name + "'");
            }

            outputs.Add(new JsonObject().Add("OutputName", output.Name).Add("OutputType", (output.Type ?? ParameterType.String).ToString()));
        }

        json.Add("OutputParameters", outputs);
        if (body is LambdaBody { TimeoutSeconds: { } timeout })
        {
            CheckRange(timeout, 1, Quotas.MaxLambdaTimeoutSeconds, step.Origin.WithNamed("TimeoutSeconds"), "TimeoutSeconds");
            json.Add("TimeoutSeconds", timeout);
        }
    }

    /// <summary>SGW011 when the target is missing, SGW001 when it is malformed, SGW018 when it is in another
    /// partition, region or account than the project's.</summary>
    private string CheckTarget(StepDecl step, string? target, string property, string what, Func<string, AwsLocation?> parse, string form)
    {
        var origin = step.Origin.WithNamed(property);
        if (target is null)
        {
            Report(RuleIds.RequiredSettingMissing, step.Origin.AttributeOnly,
                Capitalize(step.Kind.DisplayName()) + " step '" + step.Name + "' needs " + property + " = \"" + form + "\"");
            return string.Empty;
        }

        if (parse(target) is not { } location)
        {
            Report(RuleIds.InvalidName, origin, "'" + target + "' is not a " + what + " (" + form + ")");
            return target;
        }

        if (AwsSettings.IsPartition(Settings.Partition) && location.Partition != Settings.Partition)
        {
            Report(RuleIds.ForeignLocation, origin, "The " + what, "partition", location.Partition, Settings.Partition, "SagewrightPartition", string.Empty);
        }
        else if (AwsSettings.IsRegion(Settings.Region) && location.Region != Settings.Region)
        {
            Report(RuleIds.ForeignLocation, origin, "The " + what, "region", location.Region, Settings.Region ?? string.Empty, "SagewrightRegion", string.Empty);
        }
        else if (AwsSettings.IsAccountId(Settings.AccountId) && location.Account != Settings.AccountId)
        {
            Report(RuleIds.ForeignLocation, origin, "The " + what, "account", location.Account, Settings.AccountId ?? string.Empty, "SagewrightAccountId", string.Empty);
        }

        return target;
    }

    /// <summary>The declared type of an output parameter, or null when the reference does not resolve.</summary>
    internal ParameterType? OutputParameterType(ValueSource value) =>
        Index.StepsByType.TryGetValue(value.TargetType ?? string.Empty, out var producer) && producer.Body is ExternalStepBody body
            ? body.OutputParameters.FirstOrDefault(o => string.Equals(o.Member, value.TargetMember, StringComparison.Ordinal))?.Type
            : null;
}
