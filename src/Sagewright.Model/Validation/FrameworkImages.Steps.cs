namespace Sagewright.Model.Validation;

public static partial class FrameworkImages
{
    /// <summary>The image scope a step kind asks for: processing and training jobs run the training images (the
    /// processing ones where a table has them), models run the inference images.</summary>
    public static string ScopeOf(StepKind kind) => kind switch
    {
        StepKind.Processing => "processing",
        StepKind.Training or StepKind.Tuning => "training",
        _ => "inference",
    };

    /// <summary>The image of a step's <c>[Framework]</c> in a region, or null with the problem and where to report it.</summary>
    public static string? ResolveFor(StepDecl step, FrameworkDecl framework, string region, out ImageProblem? problem, out Origin origin)
    {
        var instance = framework.InstanceType ?? (step.Job.Instance is { Type.IsLiteral: true } i ? i.Type.Text : null);
        var uri = Resolve(new ImageRequest(framework.Name, framework.Version, region, ScopeOf(step.Kind), instance, framework.PythonVersion, framework.BaseFramework), out problem);
        origin = problem?.Input switch
        {
            ImageInput.Framework => framework.Origin.WithArgument(0),
            ImageInput.Version => framework.Origin.WithArgument(1),
            ImageInput.PythonVersion when framework.PythonVersion is not null => framework.Origin.WithNamed("PythonVersion"),
            ImageInput.BaseFramework when framework.BaseFramework is not null => framework.Origin.WithNamed("BaseFramework"),
            ImageInput.InstanceType when framework.InstanceType is not null => framework.Origin.WithNamed("InstanceType"),
            ImageInput.InstanceType when step.Job.Instance is { Type.IsLiteral: true } literal => literal.Type.Origin,
            _ => framework.Origin.AttributeOnly,
        };
        return uri;
    }
}
