namespace Sagewright.Model.Emit.Steps;

/// <summary>Training steps: CreateTrainingJob minus the job name (also the training job definition of a tuning step).</summary>
internal sealed class TrainingStepEmitter(PipelineCompilation compilation) : CompilerPass(compilation)
{
    /// <summary>CreateTrainingJob's arguments; for a tuning step (<paramref name="tuning"/> set) the
    /// <c>TrainingJobDefinition</c> of CreateHyperParameterTuningJob, which names a few members differently.</summary>
    internal JsonObject BuildTraining(StepDecl step, TuningBody? tuning = null)
    {
        var image = Compilation.Jobs.ResolveImage(step);
        var algorithm = new JsonObject().Add("TrainingImage", image ?? string.Empty).Add("TrainingInputMode", "File");

        JsonValue outputPath = step.Job.ModelOutput is { } modelOutput
            ? ResolveValue(step, modelOutput, ParameterType.String, "the model output path", s3: true)
            : Join("/", "s3:/", Bucket, Pipeline.Name, Get("Execution.PipelineExecutionId"), step.Name);

        var stopping = new JsonObject();
        if (step.Job.Spot?.MaxRunSeconds is null && step.Job.MaxRuntimeOrigin is { } runtimeOrigin)
        {
            stopping.Add("MaxRuntimeInSeconds",
                Compilation.Jobs.IntegerSetting(step, step.Job.MaxRuntimeSeconds, step.Job.MaxRuntimeValue, Quotas.MaxTrainingRuntimeSeconds, runtimeOrigin, "MaxRuntime", "the maximum run time"));
        }
        else
        {
            if (step.Job.MaxRuntimeOrigin is { } conflicting && step.Job.MaxRuntimeValue is null)
            {
                CheckRange(step.Job.MaxRuntimeSeconds, 1, Quotas.MaxTrainingRuntimeSeconds, conflicting, "MaxRuntime");
            }

            stopping.Add("MaxRuntimeInSeconds", MaxRunSeconds(step));
        }

        var arguments = new JsonObject()
            .Add("AlgorithmSpecification", algorithm)
            .Add("OutputDataConfig", new JsonObject().Add("S3OutputPath", outputPath))
            .Add("StoppingCondition", stopping)
            .Add(tuning is null ? "ResourceConfig" : "HyperParameterTuningResourceConfig", Compilation.Jobs.BuildCluster(step, "InstanceType", "InstanceCount", "VolumeSizeInGB"))
            .Add("RoleArn", RoleOf(step));
        if (tuning is not null)
        {
            Compilation.Tuning.AddMetricDefinitions(step, tuning, algorithm);
        }

        if (!step.Job.Channels.IsEmpty)
        {
            var channels = new JsonArray();
            var names = new HashSet<string>(StringComparer.Ordinal);
            if (step.Job.Channels.Count > Quotas.MaxTrainingChannels)
            {
                CheckCount(step, step.Job.Channels.Count, Quotas.MaxTrainingChannels, step.Job.Channels[Quotas.MaxTrainingChannels].Origin.AttributeOnly, "channels");
            }

            foreach (var channel in step.Job.Channels)
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
        if (step.Job.Code is { } trainingCode && Compilation.Jobs.ResolveCode(trainingCode) is { } codeFile)
        {
            // Script mode, as the SDK's framework estimators do it: the training toolkit in the image
            // downloads sourcedir.tar.gz and runs the entry point. Values are JSON-encoded strings.
            var submitDirectory = "s3://" + Bucket + "/" + Pipeline.Name + "/code/" + codeFile.Sha256 + "/" + CodeArtifacts.UploadSourceDirectory;
            Compilation.CodeObjects.Add(codeFile, submitDirectory, CodeArtifacts.UploadSourceDirectory);
            if (step.Network?.NetworkIsolation == true)
            {
                // A network-isolated container cannot download the code: pass it as an input channel (SecurityEmitter.AddCodeChannel).
                Compilation.Security.AddCodeChannel(step, arguments, submitDirectory);
                submitDirectory = SecurityEmitter.IsolatedSubmitDirectory;
            }

            foreach (var (name, value) in new[]
            {
                ("sagemaker_program", JsonString(FileName(trainingCode.Path))),
                ("sagemaker_submit_directory", JsonString(submitDirectory)),
                ("sagemaker_container_log_level", "20"),
                ("sagemaker_region", JsonString(Settings.Region ?? string.Empty)),
            })
            {
                hyperParameters.Add(name, value);
                hyperParameterNames.Add(name);
            }
        }

        // The limit counts what is sent, so the script-mode entries of [Code] count too.
        var codeEntries = hyperParameterNames.Count;
        var total = codeEntries + step.Job.HyperParameters.Count;
        if (total > Quotas.MaxHyperParameters)
        {
            CheckCount(step, total, Quotas.MaxHyperParameters, step.Job.HyperParameters[Math.Max(0, Quotas.MaxHyperParameters - codeEntries)].Origin.AttributeOnly,
                "hyperparameters", codeEntries > 0 ? " (" + PipelineCompiler.Int(codeEntries) + " of them set by [Code])" : null);
        }

        foreach (var hyperParameter in step.Job.HyperParameters)
        {
            if (hyperParameter.Name.Length is 0 or > Quotas.MaxHyperParameterNameLength || !hyperParameterNames.Add(hyperParameter.Name))
            {
                Report(RuleIds.InvalidName, hyperParameter.Origin.WithArgument(0),
                    hyperParameter.Name.Length is 0 or > Quotas.MaxHyperParameterNameLength ? "Hyperparameter names must be 1 to " + PipelineCompiler.Int(Quotas.MaxHyperParameterNameLength) + " characters long"
                    : codeEntries > 0 && hyperParameter.Name.StartsWith("sagemaker_", StringComparison.Ordinal) ? "Hyperparameter '" + hyperParameter.Name + "' is set by [Code]; remove it"
                    : "Hyperparameter '" + hyperParameter.Name + "' is set twice");
                continue;
            }

            if (hyperParameter.Value.IsLiteral && hyperParameter.Value.Text.Length > Quotas.MaxHyperParameterValueLength)
            {
                Report(RuleIds.OutOfRange, hyperParameter.Value.Origin, "Hyperparameter values may be at most " + PipelineCompiler.Int(Quotas.MaxHyperParameterValueLength) + " characters long");
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

        Compilation.Jobs.AddEnvironment(step, arguments, Quotas.MaxTrainingEnvironmentValueLength, tuning is null ? Quotas.MaxEnvironment : Quotas.MaxTuningEnvironment);

        if (step.Job.Spot is { } spot)
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

        return arguments;
    }

    private void CheckSpot(StepDecl step, SpotDecl spot)
    {
        if (spot.MaxRunSeconds is { } run)
        {
            CheckRange(run, 1, int.MaxValue, spot.Origin.WithNamed("MaxRunSeconds"), "MaxRunSeconds");
            if (step.Job.MaxRuntimeOrigin is { } runtimeOrigin)
            {
                Report(RuleIds.SettingConflict, runtimeOrigin.AttributeOnly, "Step '" + step.Name + "'", "the run time", "[MaxRuntime]", "[Spot(MaxRunSeconds = …)]",
                    "remove [MaxRuntime] and keep [Spot(MaxRunSeconds = …)]");
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

    /// <summary>The training run limit: Spot's MaxRunSeconds, else [MaxRuntime] (the default of its parameter when it
    /// is one), else the SDK's default.</summary>
    private int MaxRunSeconds(StepDecl step) =>
        step.Job.Spot?.MaxRunSeconds
        ?? (step.Job.MaxRuntimeValue is { Kind: ValueKind.Parameter } value
            ? Index.ParametersByMember.TryGetValue(value.TargetMember ?? string.Empty, out var parameter)
                && int.TryParse(parameter.DefaultValue, System.Globalization.NumberStyles.Integer, System.Globalization.CultureInfo.InvariantCulture, out var seconds) ? seconds : 0
            : step.Job.MaxRuntimeOrigin is not null ? step.Job.MaxRuntimeSeconds : JobSettingsEmitter.DefaultTrainingMaxRuntime);
}
