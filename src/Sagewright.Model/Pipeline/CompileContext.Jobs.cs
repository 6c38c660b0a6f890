using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using Sagewright.Model.Json;
using Sagewright.Model.Validation;

namespace Sagewright.Model.Pipeline;

/// <summary>Processing and training steps: the job requests CreateProcessingJob and CreateTrainingJob.</summary>
internal sealed partial class CompileContext
{
    private JsonObject BuildProcessing(StepDecl step)
    {
        var image = ResolveImage(step);
        var arguments = new JsonObject()
            .Add("ProcessingResources", new JsonObject().Add("ClusterConfig", BuildCluster(step, "InstanceType", "InstanceCount", "VolumeSizeInGB")));

        var app = new JsonObject().Add("ImageUri", image ?? string.Empty);
        CodeFile? code = null;
        if (step.Code is { } codeDecl)
        {
            code = ResolveCode(codeDecl);
            var fileName = FileName(codeDecl.Path);
            app.Add("ContainerEntrypoint", new JsonArray().Add(codeDecl.Command ?? "python3").Add(CodeMount + "/" + fileName));
        }
        else if (step.Framework is not null)
        {
            Report(RuleIds.RequiredSettingMissing, step.Framework.Origin.AttributeOnly,
                "Step '" + step.Name + "' runs a framework container but has no script: add [Code(\"scripts/<file>.py\")]");
        }

        if (!step.ContainerArguments.IsEmpty)
        {
            CheckCount(step, step.ContainerArguments.Count, Quotas.MaxContainerArguments, step.ContainerArguments[0].Origin.AttributeOnly, "container arguments");

            var args = new JsonArray();
            foreach (var argument in step.ContainerArguments)
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
        foreach (var input in step.Inputs)
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

        if (code is not null && step.Code is { } c)
        {
            if (!inputNames.Add("code"))
            {
                // Only an explicit Name can be "code" (defaults are input-N): point at the input to rename.
                var clash = step.Inputs.First(i => i.Name == "code");
                Report(RuleIds.InvalidName, clash.Origin.WithNamed("Name"), "Input name 'code' is reserved for the step's [Code] script");
            }

            var codeUri = "s3://" + _bucket + "/" + _pipeline.Name + "/code/" + code.Sha256 + "/" + FileName(c.Path);
            inputs.Add(ProcessingInput("code", codeUri, CodeMount));
        }

        if (inputs.Count > Quotas.MaxProcessingInputs)
        {
            CheckCount(step, inputs.Count, Quotas.MaxProcessingInputs, step.Inputs[Quotas.MaxProcessingInputs - (code is null ? 0 : 1)].Origin.AttributeOnly,
                "processing inputs", code is null ? null : " (the code input included)");
        }

        if (inputs.Count > 0)
        {
            arguments.Add("ProcessingInputs", inputs);
        }

        if (!step.Outputs.IsEmpty)
        {
            arguments.Add("ProcessingOutputConfig", new JsonObject().Add("Outputs", BuildOutputs(step)));
        }

        if (step.Kind == StepKind.Processing && step.Spot is not null)
        {
            Report(RuleIds.TypeMismatch, step.Spot.Origin.AttributeOnly, "[Spot] applies to training steps only; processing jobs always run on on-demand capacity");
        }

        AddEnvironment(step, arguments, 256);
        if (step.MaxRuntimeOrigin is { } runtimeOrigin)
        {
            CheckRange(step.MaxRuntimeSeconds, 1, Quotas.MaxProcessingRuntimeSeconds, runtimeOrigin, "MaxRuntime");
            arguments.Add("StoppingCondition", new JsonObject().Add("MaxRuntimeInSeconds", step.MaxRuntimeSeconds));
        }

        ReportUnsupported(step, step.Channels.Count > 0 ? step.Channels[0].Origin : null, "[Channel]", "training steps");
        ReportUnsupported(step, step.HyperParameters.Count > 0 ? step.HyperParameters[0].Origin : null, "[HyperParameter]", "training steps");
        ReportUnsupported(step, step.ModelOutput?.Origin, "[ModelOutput]", "training steps");
        return arguments;
    }

    private JsonArray BuildOutputs(StepDecl step)
    {
        var outputs = new JsonArray();
        var names = new HashSet<string>(StringComparer.Ordinal);
        if (step.Outputs.Count > Quotas.MaxProcessingOutputs)
        {
            CheckCount(step, step.Outputs.Count, Quotas.MaxProcessingOutputs, step.Outputs[Quotas.MaxProcessingOutputs].Origin.AttributeOnly, "outputs");
        }

        foreach (var output in step.Outputs)
        {
            if (output.Name.Length == 0 || !names.Add(output.Name))
            {
                Report(RuleIds.InvalidName, output.Origin.AttributeOnly,
                    output.Name.Length == 0 ? "Output name (the value of field '" + output.Member + "') must not be empty" : "Output name '" + output.Name + "' is used twice in step '" + step.Name + "'");
            }

            CheckContainerPath(output.Source, output.Origin.WithArgument(0), "output");
            JsonValue destination = output.Destination is { } d
                ? ResolveValue(step, d, ParameterType.String, "an output destination", s3: true)
                : Join("/", "s3:/", _bucket, _pipeline.Name, Get("Execution.PipelineExecutionId"), step.Name, "output", output.Name);
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

    /// <summary>CreateTrainingJob's arguments; for a tuning step (<paramref name="tuning"/> set) the
    /// <c>TrainingJobDefinition</c> of CreateHyperParameterTuningJob, which names a few members differently.</summary>
    private JsonObject BuildTraining(StepDecl step, TuningBody? tuning = null)
    {
        var image = ResolveImage(step);
        var algorithm = new JsonObject().Add("TrainingImage", image ?? string.Empty).Add("TrainingInputMode", "File");

        JsonValue outputPath = step.ModelOutput is { } modelOutput
            ? ResolveValue(step, modelOutput, ParameterType.String, "the model output path", s3: true)
            : Join("/", "s3:/", _bucket, _pipeline.Name, Get("Execution.PipelineExecutionId"), step.Name);

        var stopping = new JsonObject();
        var maxRun = MaxRunSeconds(step);
        if (step.MaxRuntimeOrigin is { } runtimeOrigin)
        {
            CheckRange(step.MaxRuntimeSeconds, 1, Quotas.MaxTrainingRuntimeSeconds, runtimeOrigin, "MaxRuntime");
        }

        stopping.Add("MaxRuntimeInSeconds", maxRun);

        var arguments = new JsonObject()
            .Add("AlgorithmSpecification", algorithm)
            .Add("OutputDataConfig", new JsonObject().Add("S3OutputPath", outputPath))
            .Add("StoppingCondition", stopping)
            .Add(tuning is null ? "ResourceConfig" : "HyperParameterTuningResourceConfig", BuildCluster(step, "InstanceType", "InstanceCount", "VolumeSizeInGB"))
            .Add("RoleArn", RoleOf(step));
        if (tuning is not null)
        {
            AddMetricDefinitions(step, tuning, algorithm);
        }

        if (!step.Channels.IsEmpty)
        {
            var channels = new JsonArray();
            var names = new HashSet<string>(StringComparer.Ordinal);
            if (step.Channels.Count > Quotas.MaxTrainingChannels)
            {
                CheckCount(step, step.Channels.Count, Quotas.MaxTrainingChannels, step.Channels[Quotas.MaxTrainingChannels].Origin.AttributeOnly, "channels");
            }

            foreach (var channel in step.Channels)
            {
                if (NameRules.Check(NameRules.Channel, channel.Name) is { } problem)
                {
                    Report(RuleIds.InvalidName, channel.Origin.WithArgument(0), Capitalize(problem));
                }
                else if (!names.Add(channel.Name))
                {
                    Report(RuleIds.InvalidName, channel.Origin.WithArgument(0), "Channel name '" + channel.Name + "' is used twice in step '" + step.Name + "'");
                }

                var json = new JsonObject()
                    .Add("ChannelName", channel.Name)
                    .Add("DataSource", new JsonObject().Add("S3DataSource", new JsonObject()
                        .Add("S3DataType", "S3Prefix")
                        .Add("S3Uri", ResolveValue(step, channel.Source, ParameterType.String, "a channel source", s3: true))
                        .Add("S3DataDistributionType", "FullyReplicated")));
                json.AddIf("ContentType", channel.ContentType is null ? null : (JsonValue)channel.ContentType);
                channels.Add(json);
            }

            arguments.Add("InputDataConfig", channels);
        }

        var hyperParameters = new JsonObject();
        var hyperParameterNames = new HashSet<string>(StringComparer.Ordinal);
        if (step.Code is { } trainingCode && ResolveCode(trainingCode) is { } codeFile)
        {
            // Script mode, as the SDK's framework estimators do it: the training toolkit in the image
            // downloads sourcedir.tar.gz and runs the entry point. Values are JSON-encoded strings.
            var submitDirectory = "s3://" + _bucket + "/" + _pipeline.Name + "/code/" + codeFile.Sha256 + "/sourcedir.tar.gz";
            if (step.Network?.NetworkIsolation == true)
            {
                // A network-isolated container cannot download the code: pass it as an input channel (CompileContext.Security).
                AddCodeChannel(step, arguments, submitDirectory);
                submitDirectory = IsolatedSubmitDirectory;
            }

            foreach (var (name, value) in new[]
            {
                ("sagemaker_program", JsonString(FileName(trainingCode.Path))),
                ("sagemaker_submit_directory", JsonString(submitDirectory)),
                ("sagemaker_container_log_level", "20"),
                ("sagemaker_region", JsonString(_settings.Region ?? string.Empty)),
            })
            {
                hyperParameters.Add(name, value);
                hyperParameterNames.Add(name);
            }
        }

        // The limit counts what is sent, so the script-mode entries of [Code] count too.
        var codeEntries = hyperParameterNames.Count;
        var total = codeEntries + step.HyperParameters.Count;
        if (total > Quotas.MaxHyperParameters)
        {
            CheckCount(step, total, Quotas.MaxHyperParameters, step.HyperParameters[Math.Max(0, Quotas.MaxHyperParameters - codeEntries)].Origin.AttributeOnly,
                "hyperparameters", codeEntries > 0 ? " (" + PipelineCompiler.Int(codeEntries) + " of them set by [Code])" : null);
        }

        foreach (var hyperParameter in step.HyperParameters)
        {
            if (hyperParameter.Name.Length is 0 or > 256 || !hyperParameterNames.Add(hyperParameter.Name))
            {
                Report(RuleIds.InvalidName, hyperParameter.Origin.WithArgument(0),
                    hyperParameter.Name.Length is 0 or > 256 ? "Hyperparameter names must be 1 to 256 characters long"
                    : codeEntries > 0 && hyperParameter.Name.StartsWith("sagemaker_", StringComparison.Ordinal) ? "Hyperparameter '" + hyperParameter.Name + "' is set by [Code]; remove it"
                    : "Hyperparameter '" + hyperParameter.Name + "' is set twice");
                continue;
            }

            if (hyperParameter.Value.IsLiteral && hyperParameter.Value.Text.Length > 2500)
            {
                Report(RuleIds.OutOfRange, hyperParameter.Value.Origin, "Hyperparameter values may be at most 2500 characters long");
            }

            // CreateTrainingJob hyperparameters are strings: a parameter of any type is converted the way
            // the SDK's to_string() does it, with a one-element Std:Join.
            hyperParameters.Add(hyperParameter.Name, hyperParameter.Value.IsLiteral
                ? hyperParameter.Value.Text
                : Join(string.Empty, ResolveValue(step, hyperParameter.Value, null, "a hyperparameter", s3: false)));
        }

        if (tuning is not null)
        {
            arguments.Add("StaticHyperParameters", hyperParameters); // always, as the SDK sends it
        }
        else if (hyperParameters.Count > 0)
        {
            arguments.Add("HyperParameters", hyperParameters);
        }

        AddEnvironment(step, arguments, 512, tuning is null ? Quotas.MaxEnvironment : Quotas.MaxTuningEnvironment);

        if (step.Spot is { } spot)
        {
            CheckSpot(step, spot);
            arguments.Add("EnableManagedSpotTraining", true);
            if (spot.MaxWaitSeconds is { } maxWait)
            {
                stopping.Add("MaxWaitTimeInSeconds", maxWait);
            }

            if (spot.CheckpointS3Uri is { } checkpoint)
            {
                arguments.Add("CheckpointConfig", new JsonObject()
                    .Add("S3Uri", ResolveValue(step, checkpoint, ParameterType.String, "the checkpoint location", s3: true)));
            }
        }

        ReportUnsupported(step, step.Inputs.Count > 0 ? step.Inputs[0].Origin : null, "[Input]", "processing steps (training steps use [Channel])");
        ReportUnsupported(step, step.Outputs.Count > 0 ? step.Outputs[0].Origin : null, "[Output]", "processing steps (training steps write [ModelOutput])");
        ReportUnsupported(step, step.ContainerArguments.Count > 0 ? step.ContainerArguments[0].Origin : null, "[ContainerArguments]", "processing steps");
        return arguments;
    }

    private void CheckSpot(StepDecl step, SpotDecl spot)
    {
        if (spot.MaxRunSeconds is { } run)
        {
            CheckRange(run, 1, int.MaxValue, spot.Origin.WithNamed("MaxRunSeconds"), "MaxRunSeconds");
            if (step.MaxRuntimeOrigin is { } runtimeOrigin)
            {
                Report(RuleIds.TypeMismatch, runtimeOrigin.AttributeOnly, "Step '" + step.Name + "' sets the run time twice: remove [MaxRuntime] and keep [Spot(MaxRunSeconds = …)]");
            }
        }

        var maxRun = MaxRunSeconds(step);
        if (maxRun < 1)
        {
            return; // The run time itself is out of range (SGW007); comparing MaxWait with it says nothing more.
        }

        // The fix allows as long again for capacity as for the run (the run time itself when twice would overflow).
        var suggested = PipelineCompiler.Int(maxRun <= int.MaxValue / 2 ? maxRun * 2 : maxRun);
        if (spot.MaxWaitSeconds is not { } maxWait)
        {
            Report(new Finding(RuleIds.SpotMaxWait, spot.Origin.AttributeOnly,
                    "Spot training needs MaxWaitSeconds (the time to wait for capacity plus the run time); set it to at least MaxRunSeconds (" + PipelineCompiler.Int(maxRun) + ")")
                .WithProperty("fix.title", "Set MaxWaitSeconds to " + suggested)
                .WithProperty("fix.set.MaxWaitSeconds", suggested));
        }
        else if (maxWait < maxRun)
        {
            Report(new Finding(RuleIds.SpotMaxWait, spot.Origin.WithNamed("MaxWaitSeconds"),
                    "MaxWaitSeconds (" + PipelineCompiler.Int(maxWait) + ") is below the maximum run time (" + PipelineCompiler.Int(maxRun) + "); SageMaker rejects the job")
                .WithProperty("fix.title", "Set MaxWaitSeconds to " + suggested)
                .WithProperty("fix.set.MaxWaitSeconds", suggested));
        }
    }

    /// <summary>The training run limit: Spot's MaxRunSeconds, else [MaxRuntime], else the SDK's default.</summary>
    private static int MaxRunSeconds(StepDecl step) =>
        step.Spot?.MaxRunSeconds ?? (step.MaxRuntimeOrigin is not null ? step.MaxRuntimeSeconds : DefaultTrainingMaxRuntime);

    private JsonObject BuildCluster(StepDecl step, string typeKey, string countKey, string volumeKey)
    {
        var cluster = new JsonObject();
        if (step.Instance is not { } instance)
        {
            Report(RuleIds.RequiredSettingMissing, step.Origin.AttributeOnly, "Step '" + step.Name + "' has no instance type: add [Instance(\"ml.m5.large\")]");
            return cluster;
        }

        var type = ResolveInstanceType(step, instance);

        var maxCount = step.Kind == StepKind.Processing ? Quotas.MaxProcessingInstanceCount : int.MaxValue;
        var maxVolume = step.Kind == StepKind.Processing ? Quotas.MaxProcessingVolumeSizeInGB : int.MaxValue;
        CheckRange(instance.Count, 1, maxCount, instance.Origin.WithNamed("Count"), "Count");
        CheckRange(instance.VolumeSizeInGB, 1, maxVolume, instance.Origin.WithNamed("VolumeSizeInGB"), "VolumeSizeInGB");
        return cluster.Add(typeKey, type).Add(countKey, instance.Count).Add(volumeKey, instance.VolumeSizeInGB);
    }

    /// <summary>The instance type's JSON, checked against the job kind's table (SGW006, with a near miss suggested).</summary>
    private JsonValue ResolveInstanceType(StepDecl step, InstanceDecl instance)
    {
        if (!instance.Type.IsLiteral)
        {
            return ResolveValue(step, instance.Type, ParameterType.String, "the instance type", s3: false);
        }

        if (!InstanceTypes.IsValid(step.Kind, instance.Type.Text))
        {
            var suggestion = InstanceTypes.Suggest(step.Kind, instance.Type.Text);
            Report(RuleIds.InvalidInstanceType, instance.Type.Origin, instance.Type.Text, step.Kind.ToString().ToLowerInvariant(),
                suggestion is null ? string.Empty : "; did you mean '" + suggestion + "'?");
        }

        return instance.Type.Text;
    }

    private string? ResolveImage(StepDecl step)
    {
        if (step.Image is not null && step.Framework is not null)
        {
            Report(RuleIds.RequiredSettingMissing, step.Framework.Origin.AttributeOnly, "Step '" + step.Name + "' has both [Image] and [Framework]; keep one");
            return null;
        }

        if (step.Image is { } image)
        {
            if (!image.IsLiteral)
            {
                Report(RuleIds.TypeMismatch, image.Origin, "The image URI must be written in source, not taken from a parameter: the IAM policies are derived from it");
                return null;
            }

            if (image.Text.Length is 0 or > 255)
            {
                Report(RuleIds.OutOfRange, image.Origin, "The image URI must be 1 to 255 characters long");
            }

            return image.Text;
        }

        if (step.Framework is { } framework)
        {
            if (step.Kind != StepKind.Processing)
            {
                Report(RuleIds.RequiredSettingMissing, framework.Origin.AttributeOnly, Capitalize(step.Kind.ToString().ToLowerInvariant()) + " steps take a complete image URI: use [Image(\"<account>.dkr.ecr.<region>.amazonaws.com/<repository>:<tag>\")]");
                return null;
            }

            if (_settings.Region is { } region && AwsSettings.IsRegion(region))
            {
                if (FrameworkImages.TryResolve(framework.Name, framework.Version, framework.PythonVersion, region, out var uri, out var problem))
                {
                    return uri;
                }

                // Point at what is wrong: the framework, its version, or (when only the region lacks the image) the attribute.
                var origin = !FrameworkImages.Frameworks.Contains(framework.Name) ? framework.Origin.WithArgument(0)
                    : !FrameworkImages.HasVersion(framework.Name, framework.Version) ? framework.Origin.WithArgument(1)
                    : framework.Origin.AttributeOnly;
                Report(RuleIds.RequiredSettingMissing, origin, Capitalize(problem));
            }

            return null;
        }

        Report(RuleIds.RequiredSettingMissing, step.Origin.AttributeOnly, "Step '" + step.Name + "' has no container image: add [Image(\"...\")]" + (step.Kind == StepKind.Processing ? " or [Framework(\"sklearn\", \"1.2-1\")]" : string.Empty));
        return null;
    }

    private CodeFile? ResolveCode(CodeDecl code)
    {
        var path = NormalizePath(code.Path);
        if (_codeFiles.TryGetValue(path, out var file))
        {
            return file;
        }

        Report(RuleIds.UnresolvedReference, code.Origin.WithArgument(0),
            "Code file '" + code.Path + "' was not found: the path is relative to the project directory, and the file must be in the project (Sagewright adds *.py, *.sh and *.R files as AdditionalFiles)");
        return null;
    }

    private void AddEnvironment(StepDecl step, JsonObject arguments, int maxValueLength, int maxCount = Quotas.MaxEnvironment)
    {
        if (step.Environment.IsEmpty)
        {
            return;
        }

        var environment = new JsonObject();
        var names = new HashSet<string>(StringComparer.Ordinal);
        if (step.Environment.Count > maxCount)
        {
            CheckCount(step, step.Environment.Count, maxCount, step.Environment[maxCount].Origin.AttributeOnly, "environment variables");
        }

        foreach (var variable in step.Environment)
        {
            if (NameRules.Check(NameRules.EnvironmentKey, variable.Name) is { } problem)
            {
                Report(RuleIds.InvalidName, variable.Origin.WithArgument(0), Capitalize(problem));
                continue;
            }

            if (!names.Add(variable.Name))
            {
                Report(RuleIds.InvalidName, variable.Origin.WithArgument(0), "Environment variable '" + variable.Name + "' is set twice");
                continue;
            }

            if (variable.Value.IsLiteral && variable.Value.Text.Length > maxValueLength)
            {
                Report(RuleIds.OutOfRange, variable.Value.Origin, "Environment values may be at most " + PipelineCompiler.Int(maxValueLength) + " characters long for this job kind");
            }

            environment.Add(variable.Name, ResolveValue(step, variable.Value, ParameterType.String, "an environment value", s3: false));
        }

        arguments.Add("Environment", environment);
    }
}
