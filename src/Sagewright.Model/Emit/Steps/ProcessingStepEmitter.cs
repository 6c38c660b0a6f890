namespace Sagewright.Model.Emit.Steps;

/// <summary>Processing steps: CreateProcessingJob minus the job name.</summary>
internal sealed class ProcessingStepEmitter(PipelineCompilation compilation) : CompilerPass(compilation)
{
    internal JsonObject BuildProcessing(StepDecl step)
    {
        var image = Compilation.Jobs.ResolveImage(step);
        var arguments = new JsonObject()
            .Add("ProcessingResources", new JsonObject().Add("ClusterConfig", Compilation.Jobs.BuildCluster(step, "InstanceType", "InstanceCount", "VolumeSizeInGB")));

        var app = new JsonObject().Add("ImageUri", image ?? string.Empty);
        CodeFile? code = null;
        if (step.Job.Code is { } codeDecl)
        {
            code = Compilation.Jobs.ResolveCode(codeDecl);
            var fileName = FileName(codeDecl.Path);
            app.Add("ContainerEntrypoint", new JsonArray().Add(codeDecl.Command ?? "python3").Add(JobSettingsEmitter.CodeMount + "/" + fileName));
        }
        else if (step.Job.Framework is not null)
        {
            Report(RuleIds.RequiredSettingMissing, step.Job.Framework.Origin.AttributeOnly,
                "Step '" + step.Name + "' runs a framework container but has no script: add [Code(\"scripts/<file>.py\")]");
        }

        if (!step.Job.ContainerArguments.IsEmpty)
        {
            CheckCount(step, step.Job.ContainerArguments.Count, Quotas.MaxContainerArguments, step.Job.ContainerArguments[0].Origin.AttributeOnly, "container arguments");

            var args = new JsonArray();
            foreach (var argument in step.Job.ContainerArguments)
            {
                if (argument.IsLiteral && argument.Text.Length > Quotas.MaxContainerArgumentLength)
                {
                    Report(RuleIds.QuotaExceeded, argument.Origin,
                        "Container argument is " + PipelineCompiler.Int(argument.Text.Length) + " characters long; at most " + PipelineCompiler.Int(Quotas.MaxContainerArgumentLength) + " are allowed");
                }

                args.Add(ResolveValue(step, argument, ParameterType.String, "a container argument", s3: false));
            }

            app.Add("ContainerArguments", args);
        }

        arguments.Add("AppSpecification", app).Add("RoleArn", RoleOf(step));

        var inputs = new JsonArray();
        var inputNames = new HashSet<string>(StringComparer.Ordinal);
        var index = 0;
        foreach (var input in step.Job.Inputs)
        {
            index++;
            var name = input.Name ?? "input-" + PipelineCompiler.Int(index);
            if (!inputNames.Add(name))
            {
                Report(RuleIds.InvalidName, input.Name is null ? input.Origin.AttributeOnly : input.Origin.WithNamed("Name"), "Input name '" + name + "' is used twice in step '" + step.Name + "'");
            }

            CheckContainerPath(input.Destination, input.Origin.WithArgument(1), "input");
            inputs.Add(ProcessingInput(name, ResolveValue(step, input.Source, ParameterType.String, "an input source", s3: true), input.Destination));
        }

        if (code is not null && step.Job.Code is { } c)
        {
            if (!inputNames.Add("code"))
            {
                // Only an explicit Name can be "code" (defaults are input-N): point at the input to rename.
                var clash = step.Job.Inputs.First(i => i.Name == "code");
                Report(RuleIds.InvalidName, clash.Origin.WithNamed("Name"), "Input name 'code' is reserved for the step's [Code] script");
            }

            var codeUri = "s3://" + Bucket + "/" + Pipeline.Name + "/code/" + code.Sha256 + "/" + FileName(c.Path);
            Compilation.CodeObjects.Add(code, codeUri, CodeArtifacts.UploadFile);
            inputs.Add(ProcessingInput("code", codeUri, JobSettingsEmitter.CodeMount));
        }

        if (inputs.Count > Quotas.MaxProcessingInputs)
        {
            CheckCount(step, inputs.Count, Quotas.MaxProcessingInputs, step.Job.Inputs[Quotas.MaxProcessingInputs - (code is null ? 0 : 1)].Origin.AttributeOnly,
                "processing inputs", code is null ? null : " (the code input included)");
        }

        if (inputs.Count > 0)
        {
            arguments.Add("ProcessingInputs", inputs);
        }

        if (!step.Job.Outputs.IsEmpty)
        {
            arguments.Add("ProcessingOutputConfig", new JsonObject().Add("Outputs", BuildOutputs(step)));
        }

        Compilation.Jobs.AddEnvironment(step, arguments, Quotas.MaxProcessingEnvironmentValueLength);
        if (step.Job.MaxRuntimeOrigin is { } runtimeOrigin)
        {
            arguments.Add("StoppingCondition", new JsonObject().Add("MaxRuntimeInSeconds",
                Compilation.Jobs.IntegerSetting(step, step.Job.MaxRuntimeSeconds, step.Job.MaxRuntimeValue, Quotas.MaxProcessingRuntimeSeconds, runtimeOrigin, "MaxRuntime", "the maximum run time")));
        }

        return arguments;
    }

    private JsonArray BuildOutputs(StepDecl step)
    {
        var outputs = new JsonArray();
        var names = new HashSet<string>(StringComparer.Ordinal);
        if (step.Job.Outputs.Count > Quotas.MaxProcessingOutputs)
        {
            CheckCount(step, step.Job.Outputs.Count, Quotas.MaxProcessingOutputs, step.Job.Outputs[Quotas.MaxProcessingOutputs].Origin.AttributeOnly, "outputs");
        }

        foreach (var output in step.Job.Outputs)
        {
            if (output.Name.Length == 0 || !names.Add(output.Name))
            {
                Report(RuleIds.InvalidName, output.Origin.AttributeOnly,
                    output.Name.Length == 0 ? "Output name (the value of field '" + output.Member + "') must not be empty" : "Output name '" + output.Name + "' is used twice in step '" + step.Name + "'");
            }

            CheckContainerPath(output.Source, output.Origin.WithArgument(0), "output");
            JsonValue destination = output.Destination is { } d
                ? ResolveValue(step, d, ParameterType.String, "an output destination", s3: true)
                : Join("/", "s3:/", Bucket, Pipeline.Name, Get("Execution.PipelineExecutionId"), step.Name, "output", output.Name);
            outputs.Add(new JsonObject()
                .Add("OutputName", output.Name)
                .Add("AppManaged", false)
                .Add("S3Output", new JsonObject()
                    .Add("S3Uri", destination)
                    .Add("LocalPath", output.Source)
                    .Add("S3UploadMode", "EndOfJob")));
        }

        return outputs;
    }

    private static JsonObject ProcessingInput(string name, JsonValue source, string destination) =>
        new JsonObject()
            .Add("InputName", name)
            .Add("AppManaged", false)
            .Add("S3Input", new JsonObject()
                .Add("S3Uri", source)
                .Add("LocalPath", destination)
                .Add("S3DataType", "S3Prefix")
                .Add("S3InputMode", "File")
                .Add("S3DataDistributionType", "FullyReplicated")
                .Add("S3CompressionType", "None"));
}
