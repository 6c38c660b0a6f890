namespace Sagewright.Model.Validation;

/// <summary>The IDs are fixed: never renumber or reuse one.</summary>
public static class RuleIds
{
    public const string InvalidName = "SGW001";
    public const string DuplicateStepName = "SGW002";
    public const string DependencyCycle = "SGW003";
    public const string UnresolvedReference = "SGW004";
    public const string MalformedS3Uri = "SGW005";
    public const string InvalidInstanceType = "SGW006";
    public const string OutOfRange = "SGW007";
    public const string StepNotAttached = "SGW008";
    public const string TypeMismatch = "SGW009";
    public const string QuotaExceeded = "SGW010";
    public const string RequiredSettingMissing = "SGW011";
    public const string InternalFailure = "SGW012";
    public const string GeneratedMemberClash = "SGW013";

    /// <summary>An attribute or setting on a step kind (or class) it does not apply to.</summary>
    public const string AttributeNotApplicable = "SGW014";

    /// <summary>One setting given twice, or two settings that contradict each other.</summary>
    public const string SettingConflict = "SGW015";

    /// <summary>A value that must be written in source (a literal or constant), not taken from a reference.</summary>
    public const string ValueNotInSource = "SGW016";

    /// <summary>A reference to a step of the wrong kind for where it is used.</summary>
    public const string WrongReferenceKind = "SGW017";

    /// <summary>A role or resource in another partition, region or account than the pipeline's.</summary>
    public const string ForeignLocation = "SGW018";

    /// <summary>Step attributes (job settings, dependencies, caching, retries) on a class that is not a step.</summary>
    public const string SettingsWithoutStep = "SGW019";
    public const string SpotWithoutCheckpoint = "SGW100";
    public const string SpotMaxWait = "SGW101";
    public const string EndpointWithoutDataCapture = "SGW102";
    public const string DataCaptureDisabled = "SGW103";
    public const string ModelRegisteredApproved = "SGW104";
    public const string CacheOnMutableInput = "SGW105";
    public const string EndpointWithoutAutoScaling = "SGW106";
    public const string UnpinnedImage = "SGW107";
    public const string UnversionedOutput = "SGW108";
    public const string MissingRequiredTags = "SGW109";
    public const string ModelWithoutMetrics = "SGW110";
    public const string MonolithicStep = "SGW111";
    public const string SpotWithoutRetry = "SGW112";

    /// <summary>An endpoint variant that can run on a single instance.</summary>
    public const string SingleInstanceVariant = "SGW113";

    /// <summary>Endpoint auto-scaling with a minimum of 0 or a scale-in cooldown shorter than the scale-out one.</summary>
    public const string ScalingAgainstAvailability = "SGW114";

    /// <summary>A serverless endpoint variant without provisioned concurrency.</summary>
    public const string ServerlessWithoutProvisionedConcurrency = "SGW115";
    public const string WildcardPermission = "SGW200";
    public const string HardCodedCredentials = "SGW201";
    public const string SharedTrainingInferenceRole = "SGW202";
    public const string NoKmsKey = "SGW203";
    public const string NetworkIsolationOff = "SGW204";
    public const string PassRoleOnWildcard = "SGW205";
    public const string ManagedPolicyAttached = "SGW206";

    /// <summary>Endpoint data capture without a customer managed KMS key.</summary>
    public const string DataCaptureWithoutKmsKey = "SGW207";
    public const string SecuritySuppressedWithoutJustification = "SGW900";

    /// <summary>The security rules (SGW2xx): suppressing one needs a justification (SGW900).</summary>
    public static bool IsSecurityRule(string id) =>
        id.Length == 6 && id.StartsWith("SGW2", System.StringComparison.Ordinal) && char.IsDigit(id[4]) && char.IsDigit(id[5]);
}

/// <summary>A rule's default severity (users may change it in .editorconfig).</summary>
public enum RuleSeverity
{
    Info,
    Warning,
    Error,
}

public static class DiagnosticCatalog
{
    /// <summary>Every rule's help link is this plus <c>&lt;ID&gt;.md</c>.</summary>
    public const string HelpLinkBase = "https://github.com/sagewright/sagewright/blob/main/docs/rules/";

    public static string HelpLink(string id) => HelpLinkBase + id + ".md";

    /// <summary>The default severity of a rule: SGW0xx are errors (the service would reject the
    /// pipeline), best-practice and security rules are warnings or info unless the catalog says
    /// otherwise. Only errors stop Sagewright from writing a pipeline's files.</summary>
    public static RuleSeverity DefaultSeverity(string id) => id switch
    {
        RuleIds.SpotMaxWait or RuleIds.HardCodedCredentials or RuleIds.PassRoleOnWildcard => RuleSeverity.Error,
        RuleIds.SettingsWithoutStep => RuleSeverity.Warning,
        RuleIds.MissingRequiredTags or RuleIds.MonolithicStep or RuleIds.SpotWithoutRetry
            or RuleIds.NoKmsKey or RuleIds.NetworkIsolationOff or RuleIds.DataCaptureWithoutKmsKey
            or RuleIds.ServerlessWithoutProvisionedConcurrency => RuleSeverity.Info,
        _ when id.StartsWith("SGW0", System.StringComparison.Ordinal) => RuleSeverity.Error,
        _ => RuleSeverity.Warning,
    };

    public static bool IsError(string id) => DefaultSeverity(id) == RuleSeverity.Error;
}
