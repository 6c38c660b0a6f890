namespace Sagewright.Model.Resolution;

/// <summary>Which job settings each step kind takes, part of resolution: a job attribute on a kind that does not take
/// it is SGW014 at the attribute, and the graph's step keeps only the settings its kind takes (<see cref="JobDecl.None"/>
/// for condition, fail, Lambda and callback steps), so no later pass sees a setting that means nothing for the kind.</summary>
internal static class JobSettingsResolver
{
    /// <summary>The job attributes, in the order they are checked.</summary>
    private enum Setting
    {
        Image,
        Framework,
        Instance,
        Code,
        Environment,
        ContainerArguments,
        Input,
        Output,
        Channel,
        HyperParameter,
        ModelOutput,
        Spot,
        MaxRuntime,
    }

    private const string Processing = "processing steps";
    private const string Training = "training steps";
    private const string Jobs = "processing or training steps";

    /// <summary>For each kind: the settings it takes, and for the others what the message says they are for.</summary>
    private static readonly Dictionary<StepKind, (Setting[] Takes, Func<Setting, string> For)> Kinds = new()
    {
        [StepKind.Processing] = (
            new[] { Setting.Image, Setting.Framework, Setting.Instance, Setting.Code, Setting.Environment, Setting.ContainerArguments, Setting.Input, Setting.Output, Setting.MaxRuntime },
            s => s == Setting.Spot ? "training steps; processing jobs always run on on-demand capacity" : Training),
        [StepKind.Training] = (TrainingSettings(), TrainingOnly),
        [StepKind.Tuning] = (TrainingSettings(), TrainingOnly),
        [StepKind.Model] = (
            new[] { Setting.Image, Setting.Framework, Setting.Environment },
            s => s switch
            {
                Setting.Instance => "processing, training and transform steps (a model has no compute; the transform step or endpoint that uses it does)",
                _ => NeitherModelNorTransform(s),
            }),
        [StepKind.Transform] = (
            new[] { Setting.Instance, Setting.Environment },
            s => s switch
            {
                Setting.Image => "processing, training and model steps (a transform step runs the image of its model)",
                Setting.Framework => "processing, training, model and register-model steps (a transform step runs the image of its model)",
                _ => NeitherModelNorTransform(s),
            }),
        [StepKind.RegisterModel] = (
            new[] { Setting.Image, Setting.Framework, Setting.Environment },
            _ => "processing or training steps (a register-model step takes [Image], [ModelData] and [Environment])"),
        [StepKind.Condition] = (Array.Empty<Setting>(), _ => Jobs),
        [StepKind.Fail] = (Array.Empty<Setting>(), _ => Jobs),
        [StepKind.Lambda] = (Array.Empty<Setting>(), _ => Jobs),
        [StepKind.Callback] = (Array.Empty<Setting>(), _ => Jobs),
    };

    /// <summary>The step with only the job settings its kind takes; reports each other one (SGW014).</summary>
    public static StepDecl Resolve(StepDecl step, FindingSink sink)
    {
        if (!Kinds.TryGetValue(step.Kind, out var rule))
        {
            return step;
        }

        var job = step.Job;
        foreach (Setting setting in Enum.GetValues(typeof(Setting)))
        {
            if (Array.IndexOf(rule.Takes, setting) >= 0 || OriginOf(job, setting) is not { } origin)
            {
                continue;
            }

            sink.Report(RuleIds.AttributeNotApplicable, origin.AttributeOnly, "[" + setting + "]", step.Kind.DisplayName() + " step", step.Name, "it is for " + rule.For(setting));
            job = Without(job, setting);
        }

        return rule.Takes.Length == 0 ? step with { Job = JobDecl.None } : step with { Job = job };
    }

    private static Setting[] TrainingSettings() =>
        new[] { Setting.Image, Setting.Framework, Setting.Instance, Setting.Code, Setting.Environment, Setting.Channel, Setting.HyperParameter, Setting.ModelOutput, Setting.Spot, Setting.MaxRuntime };

    private static string TrainingOnly(Setting setting) => setting switch
    {
        Setting.Input => "processing steps (training steps use [Channel])",
        Setting.Output => "processing steps (training steps write [ModelOutput])",
        _ => Processing,
    };

    private static string NeitherModelNorTransform(Setting setting) => setting switch
    {
        Setting.Code or Setting.MaxRuntime => "processing and training steps",
        Setting.Input or Setting.Output or Setting.ContainerArguments => Processing,
        _ => Training,
    };

    /// <summary>Where a setting is written (the first of a list), or null when it is not.</summary>
    private static Origin? OriginOf(JobDecl job, Setting setting) => setting switch
    {
        Setting.Image => job.Image?.Origin,
        Setting.Framework => job.Framework?.Origin,
        Setting.Instance => job.Instance?.Origin,
        Setting.Code => job.Code?.Origin,
        Setting.Environment => job.Environment.Count > 0 ? job.Environment[0].Origin : null,
        Setting.ContainerArguments => job.ContainerArguments.Count > 0 ? job.ContainerArguments[0].Origin : null,
        Setting.Input => job.Inputs.Count > 0 ? job.Inputs[0].Origin : null,
        Setting.Output => job.Outputs.Count > 0 ? job.Outputs[0].Origin : null,
        Setting.Channel => job.Channels.Count > 0 ? job.Channels[0].Origin : null,
        Setting.HyperParameter => job.HyperParameters.Count > 0 ? job.HyperParameters[0].Origin : null,
        Setting.ModelOutput => job.ModelOutput?.Origin,
        Setting.Spot => job.Spot?.Origin,
        _ => job.MaxRuntimeOrigin,
    };

    private static JobDecl Without(JobDecl job, Setting setting) => setting switch
    {
        Setting.Image => job with { Image = null },
        Setting.Framework => job with { Framework = null },
        Setting.Instance => job with { Instance = null },
        Setting.Code => job with { Code = null },
        Setting.Environment => job with { Environment = EquatableArray<NamedValue>.Empty },
        Setting.ContainerArguments => job with { ContainerArguments = EquatableArray<ValueSource>.Empty },
        Setting.Input => job with { Inputs = EquatableArray<InputDecl>.Empty },
        Setting.Output => job with { Outputs = EquatableArray<OutputDecl>.Empty },
        Setting.Channel => job with { Channels = EquatableArray<ChannelDecl>.Empty },
        Setting.HyperParameter => job with { HyperParameters = EquatableArray<NamedValue>.Empty },
        Setting.ModelOutput => job with { ModelOutput = null },
        Setting.Spot => job with { Spot = null },
        _ => job with { MaxRuntimeSeconds = 0, MaxRuntimeOrigin = null },
    };
}
