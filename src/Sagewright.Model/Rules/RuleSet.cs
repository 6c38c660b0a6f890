namespace Sagewright.Model.Rules;

/// <summary>Every best-practice and security rule that reads a pipeline's declarations, in ID order. SGW101 is a check
/// of the Spot settings made while the training job is built, the endpoint rules (SGW102, SGW103, SGW106, SGW113,
/// SGW114, SGW115, SGW207) are in <see cref="EndpointRuleSet"/>, and SGW201 and SGW900 are Roslyn analyzers (they read all source code, not pipelines).</summary>
public static class RuleSet
{
    public static IReadOnlyList<PipelineRule> All { get; } = new PipelineRule[]
    {
        new SpotWithoutCheckpoint(),
        new ModelRegisteredApproved(),
        new CacheOnMutableInput(),
        new UnpinnedImage(),
        new UnversionedOutput(),
        new MissingRequiredTags(),
        new ModelWithoutMetrics(),
        new MonolithicStep(),
        new SpotWithoutRetry(),
        new WildcardPermission(),
        new SharedTrainingInferenceRole(),
        new NoKmsKey(),
        new NetworkIsolationOff(),
        new PassRoleOnWildcard(),
        new ManagedPolicyAttached(),
    };

    /// <summary>Runs every rule.</summary>
    public static void Run(RuleContext context)
    {
        foreach (var rule in All)
        {
            rule.Check(context);
        }
    }
}
